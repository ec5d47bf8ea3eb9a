"""The real OCR engine with its answers remembered, so ~800 scanned sample pages check in a bounded time.

Recognition is the one slow step of reading a scan (seconds a page); everything around it — turning
and straightening, seal detection and dropout, rulings, tick boxes, signatures, layout — runs for
real on every page of every run. So `CachedEngine` answers `recognize` and `read_crops` from a
committed store keyed by the SHA-1 of the exact pixels the engine is given (a rendering or pipeline
change is a miss, never a stale hit), and the first image of every file — plus every miss — is
recognised by the real engine each run; a live answer that differs from the stored one fails the
test (the model or its settings changed: regenerate with `pytest --regen-golden`, then review).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from extractor.ocr import OcrEngine, OcrLine

STORE = Path(__file__).resolve().parents[1] / "golden" / "ocr_cache.json.gz"


def key(image: np.ndarray) -> str:
    h = hashlib.sha1(np.ascontiguousarray(image).tobytes())
    h.update(str(image.shape).encode())
    return h.hexdigest()


@dataclass
class CachedEngine:
    real: OcrEngine
    name: str = "rapidocr"
    store: dict[str, list] = field(default_factory=dict)
    live_next: bool = True  # recognise the next image for real (the first of each file)
    live: int = 0
    hits: int = 0
    misses: int = 0
    changed: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, real: OcrEngine) -> CachedEngine:
        store = json.loads(gzip.decompress(STORE.read_bytes())) if STORE.exists() else {}
        return cls(real, real.name, store)

    def save(self) -> None:
        STORE.write_bytes(gzip.compress(json.dumps(self.store, ensure_ascii=False, sort_keys=True,
                                                   separators=(",", ":")).encode(), mtime=0))

    def recognize(self, image: np.ndarray) -> list[OcrLine]:
        k = key(image)
        stored = self.store.get(k)
        if stored is None or self.live_next:
            self.live_next = False
            got = self.real.recognize(image)
            fresh = [[x.text, round(x.x0, 1), round(x.top, 1), round(x.x1, 1), round(x.bottom, 1),
                      round(x.confidence, 3)] for x in got]
            if stored is None:
                self.misses += 1
                self.store[k] = fresh
            else:
                self.live += 1
                if [r[0] for r in stored] != [r[0] for r in fresh]:
                    self.changed.append(k)
            stored = fresh
        else:
            self.hits += 1
        return [OcrLine(t, x0, top, x1, bottom, c) for t, x0, top, x1, bottom, c in stored]

    def read_crops(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        k = "crops:" + "".join(key(c) for c in crops)
        if k not in self.store:
            self.misses += 1
            self.store[k] = [[t, round(s, 3)] for t, s in self.real.read_crops(crops)]
        return [(t, s) for t, s in self.store[k]]

    def upside_down(self, crops: list[np.ndarray]) -> bool | None:
        return self.real.upside_down(crops)
