"""Reading pages that have no usable text layer: scans, photos, and fonts that decode to junk.

Only engines whose models arrive with the installation are used — rapidocr ships its ONNX models in
the wheel, Tesseract's chi_sim comes from Debian — so nothing is fetched at run time.

The rapidocr models are driven here step by step rather than through rapidocr's one-call pipeline,
because that is where the time goes (bench/bench_ocr.py): detection runs on the page scaled to
`DET_SCALE`, recognition reads each line from the full-resolution page but squeezed to half its
width (the model gives a Chinese character six output steps at its natural width; three read it as
well, at half the cost), and the direction classifier is asked only about a page's orientation,
never about every line. Each session runs on one thread: pages are recognised in parallel instead
(`extractor.scan_page`), which keeps both cores busy on a 16-page scan and is safe after a fork
(an ONNX Runtime thread pool does not survive one; a session without a pool does).

The engine is loaded on first use, once per process: loading takes about a second. A sandboxed
parse (`extract_isolated`) runs in a forked child, which would pay that second on every scanned
file and throw the engine away with the child. So a long-running parent that forks parsing children
— the service's worker pool, the batch audit runner — calls `preload()` once before it starts
forking: every child then inherits the loaded engine copy-on-write, and the sandbox does not charge
the models to a file's memory cap (it counts from what is mapped at the fork). Plain `extract()`
never loads it eagerly: a process that reads only Word files or text PDFs should not pay for OCR.
"""

from __future__ import annotations

import copy
import csv
import io
import itertools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

DPI = 150  # 五号 text is ~22 px tall: enough for recognition, seals and tick boxes
MAX_SIDE = 4000  # pixels: an A0 drawing is rendered smaller rather than filling the memory
DET_SCALE = 0.72  # detection on the page at ~108 dpi finds every line a 150-dpi page holds
SQUEEZE = 0.5  # recognition crops at half their natural width (see the module docstring)
REC_BATCH = 8
MIN_SCORE = 0.5  # rapidocr's own floor: below it a "line" is a smudge, a stamp's edge or a rule

_GARBAGE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
_MIN_TEXT = 20  # visible characters below which a page that shows an image counts as a scan


@dataclass(slots=True)
class OcrLine:
    """A recognised line; box in image pixels (top-left origin), confidence 0..1."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


class OcrEngine(Protocol):
    name: str

    def recognize(self, image: np.ndarray) -> list[OcrLine]:
        """Every text box of a grey page (H×W uint8), one OcrLine each, not yet merged into rows."""
        ...

    def read_crops(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        """The text of single-line grey images (a seal's unrolled ring)."""
        ...

    def upside_down(self, crops: list[np.ndarray]) -> bool | None:
        """Whether these text lines of one page (grey crops) stand on their heads; None when the
        engine cannot tell."""
        ...


def needs_ocr(text: str, image_area: float) -> bool:
    """No text layer worth reading: (almost) no text over an image, or text that is mostly junk
    — `(cid:NNN)`, U+FFFD, private-use or control codes from a font without a Unicode map."""
    visible = "".join(text.split())
    junk = sum(len(m.group()) for m in _GARBAGE.finditer(visible))
    if visible and junk > 0.3 * len(visible):
        return True
    return len(visible) < _MIN_TEXT and image_area > 0.3


class RapidOcrEngine:
    name = "rapidocr"

    def __init__(self, threads: int = 1) -> None:
        import rapidocr
        from rapidocr import RapidOCR

        models = Path(rapidocr.__file__).parent / "models"
        files = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx",
                 "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx"}
        params: dict[str, object] = {"Global.log_level": "error", "Det.limit_type": "max",
                                     "Det.limit_side_len": 100_000,  # the page comes pre-scaled
                                     "Rec.rec_batch_num": REC_BATCH,
                                     "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                                     "EngineConfig.onnxruntime.inter_op_num_threads": 1}
        for task, fname in files.items():
            path = models / fname
            if not path.is_file():  # never let rapidocr go and download it
                raise FileNotFoundError(path)
            params[f"{task}.model_path"] = str(path)
        pipeline = RapidOCR(params=params)
        self._det = pipeline._load_det_model()
        self._rec = pipeline._load_rec_model()
        self._cls = pipeline._load_cls_model()
        from rapidocr.ch_ppocr_rec import TextRecInput
        from rapidocr.utils.process_img import get_rotate_crop_image

        self._rec_input, self._crop = TextRecInput, get_rotate_crop_image  # sessions and steps are thread-safe

    def _boxes(self, image: np.ndarray) -> list[np.ndarray]:
        import cv2

        small = cv2.resize(image, None, fx=DET_SCALE, fy=DET_SCALE, interpolation=cv2.INTER_AREA)
        found = self._det(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
        if found.boxes is None:
            return []
        return [np.asarray(b, dtype=np.float32) / DET_SCALE for b in found.boxes]

    def _crops(self, image: np.ndarray, boxes: list[np.ndarray]) -> list[np.ndarray]:
        import cv2

        out = []
        for box in boxes:
            crop = self._crop(image, copy.deepcopy(box))
            h, w = crop.shape[:2]
            width = max(8, round(w * 48 / max(h, 1) * SQUEEZE))
            out.append(cv2.cvtColor(cv2.resize(crop, (width, 48), interpolation=cv2.INTER_AREA), cv2.COLOR_GRAY2BGR))
        return out

    def recognize(self, image: np.ndarray) -> list[OcrLine]:
        boxes = self._boxes(image)
        if not boxes:
            return []
        out = []
        for box, (text, score) in zip(boxes, self.read_crops(self._crops(image, boxes)), strict=True):
            if text.strip() and score >= MIN_SCORE:
                xs, ys = box[:, 0], box[:, 1]
                out.append(OcrLine(text.strip(), float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()),
                                   float(score)))
        return out

    def read_crops(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        if not crops:
            return []
        import cv2

        ready = [c if c.ndim == 3 else cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) for c in crops]
        result = self._rec(self._rec_input(img=ready))
        return [(t, float(s)) for t, s in zip(result.txts, result.scores, strict=True)]

    def upside_down(self, crops: list[np.ndarray]) -> bool | None:
        """The direction classifier's vote over the lines."""
        import cv2

        if not crops:
            return None
        votes = self._cls([cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) for c in crops]).cls_res or []
        flipped = sum(1 for label, score in votes if "180" in label and score > 0.7)
        upright = sum(1 for label, score in votes if "180" not in label and score > 0.7)
        return flipped > upright


class TesseractEngine:
    name = "tesseract"

    def __init__(self, binary: str) -> None:
        self.binary = binary

    def _run(self, image: np.ndarray, psm: int) -> str:
        from PIL import Image

        png = io.BytesIO()
        Image.fromarray(image).save(png, "PNG")
        run = subprocess.run([self.binary, "stdin", "stdout", "-l", "chi_sim", "--psm", str(psm), "tsv"],
                             input=png.getvalue(), capture_output=True, timeout=300, check=True)
        return run.stdout.decode("utf-8", "replace")

    def recognize(self, image: np.ndarray) -> list[OcrLine]:
        return _tsv_lines(self._run(_grey(image), 3))

    def read_crops(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        out = []
        for crop in crops:
            lines = _tsv_lines(self._run(_grey(crop), 7))
            out.append(("".join(x.text for x in lines), min((x.confidence for x in lines), default=0.0)))
        return out

    def upside_down(self, crops: list[np.ndarray]) -> bool | None:
        return None


def _grey(image: Any) -> np.ndarray:
    arr = np.asarray(image.convert("L")) if hasattr(image, "convert") else np.asarray(image)
    return arr if arr.ndim == 2 else arr[:, :, :3].mean(axis=2).astype(np.uint8)


def _tsv_lines(tsv: str) -> list[OcrLine]:
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    lines: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in rows:
        if row.get("level") == "5" and (row.get("text") or "").strip():
            lines.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(row)
    out = []
    for words in lines.values():
        x0 = min(float(w["left"]) for w in words)
        top = min(float(w["top"]) for w in words)
        x1 = max(float(w["left"]) + float(w["width"]) for w in words)
        bottom = max(float(w["top"]) + float(w["height"]) for w in words)
        text = _join_words([w["text"].strip() for w in words])
        conf = sum(max(float(w["conf"]), 0.0) for w in words) / len(words) / 100
        out.append(OcrLine(text, x0, top, x1, bottom, conf))
    return out


def _join_words(words: list[str]) -> str:
    text = ""
    for w in words:
        text = f"{text} {w}" if text and text[-1].isascii() and w[0].isascii() else text + w
    return text


def merge_rows(lines: list[OcrLine]) -> list[OcrLine]:
    """Boxes side by side on one row (label and value, table cells) become one line in reading order."""
    rows: list[list[OcrLine]] = []
    for ln in sorted(lines, key=lambda x: (x.top + x.bottom) / 2):
        row = rows[-1] if rows else None
        if row and _overlap(row[-1], ln) > 0.5:
            row.append(ln)
        else:
            rows.append([ln])
    out = []
    for row in rows:
        row.sort(key=lambda x: x.x0)
        text = row[0].text
        for a, b in itertools.pairwise(row):
            text += (" " if b.x0 - a.x1 > 0.5 * (b.bottom - b.top) else "") + b.text
        out.append(OcrLine(text, min(x.x0 for x in row), min(x.top for x in row), max(x.x1 for x in row),
                           max(x.bottom for x in row), sum(x.confidence for x in row) / len(row)))
    return out


def _overlap(a: OcrLine, b: OcrLine) -> float:
    inter = min(a.bottom, b.bottom) - max(a.top, b.top)
    return inter / max(1.0, min(a.bottom - a.top, b.bottom - b.top))


_engine: OcrEngine | None = None
_looked = False


def get_engine() -> OcrEngine | None:
    """rapidocr if it and its bundled models are installed, else Tesseract with chi_sim, else None."""
    global _engine, _looked
    if not _looked:
        _looked = True
        _engine = rapidocr_engine() or tesseract_engine()
    return _engine


def preload() -> str | None:
    """Load the engine now, in a parent about to fork parsing children (see the module docstring).
    The name of the engine that will read scans here, or None when there is none."""
    engine = get_engine()
    return engine.name if engine else None


def rapidocr_engine() -> OcrEngine | None:
    try:
        return RapidOcrEngine()
    except (ImportError, OSError, RuntimeError, ValueError, AttributeError):
        return None


def tesseract_engine() -> OcrEngine | None:
    binary = shutil.which("tesseract")
    if not binary:
        return None
    try:
        langs = subprocess.run([binary, "--list-langs"], capture_output=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return TesseractEngine(binary) if b"chi_sim" in langs.split() else None
