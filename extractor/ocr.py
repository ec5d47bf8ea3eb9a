"""Reading pages that have no usable text layer: scans, photos, and fonts that decode to junk.

Only engines whose models arrive with the installation are used — rapidocr ships its ONNX models in
the wheel, Tesseract's chi_sim comes from Debian — so nothing is fetched at run time.

The engine is loaded on first use, once per process: loading rapidocr takes about a second, a page
a few. A sandboxed parse (`extract_isolated`) runs in a forked child, which would pay that second on
every scanned file and throw the engine away with the child. So a long-running parent that forks
parsing children — the service's worker pool, the batch audit runner — calls `preload()` once
before it starts forking: every child then inherits the loaded engine copy-on-write, and the
sandbox does not charge the models to a file's memory cap (it counts from what is mapped at the
fork). Plain `extract()` never loads it eagerly: a process that reads only Word files or text
PDFs should not pay for OCR.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PIL.Image import Image

DPI = 150  # enough for 五号 text and seals
MAX_SIDE = 4000  # pixels: an A0 drawing is rendered smaller rather than filling the memory

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

    def recognize(self, image: Image) -> list[OcrLine]: ...


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

    def __init__(self) -> None:
        import rapidocr
        from rapidocr import RapidOCR

        models = Path(rapidocr.__file__).parent / "models"
        files = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx",
                 "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx"}
        # Detection on the page scaled to 1280 px on its long side (recognition still reads the
        # full-resolution crops): a third faster and ~200 MB lighter than rapidocr's default,
        # with the same text on A4 scans at 150 dpi.
        params: dict[str, object] = {"Global.log_level": "error", "Det.limit_type": "max",
                                     "Det.limit_side_len": 1280}
        for task, fname in files.items():
            path = models / fname
            if not path.is_file():  # never let rapidocr go and download it
                raise FileNotFoundError(path)
            params[f"{task}.model_path"] = str(path)
        self._ocr = RapidOCR(params=params)

    def recognize(self, image: Image) -> list[OcrLine]:
        result = self._ocr(image.convert("RGB"))
        if result.boxes is None or result.txts is None or result.scores is None:
            return []
        out = []
        for box, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
            xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
            if text.strip():
                out.append(OcrLine(text.strip(), min(xs), min(ys), max(xs), max(ys), float(score)))
        return merge_rows(out)


class TesseractEngine:
    name = "tesseract"

    def __init__(self, binary: str) -> None:
        self.binary = binary

    def recognize(self, image: Image) -> list[OcrLine]:
        png = io.BytesIO()
        image.convert("L").save(png, "PNG")
        run = subprocess.run([self.binary, "stdin", "stdout", "-l", "chi_sim", "--psm", "3", "tsv"],
                             input=png.getvalue(), capture_output=True, timeout=300, check=True)
        rows = csv.DictReader(io.StringIO(run.stdout.decode("utf-8", "replace")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
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
        return merge_rows(out)


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
    except (ImportError, OSError, RuntimeError, ValueError):
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
