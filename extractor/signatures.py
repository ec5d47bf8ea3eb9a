"""Handwritten signatures on scans: pen strokes in the space a 签字 / 签名 label leaves for them.

A recogniser trained on print reads a signature as a few wrong characters, at a low confidence that
drops them, or not at all; so whether a 签字 place is signed is read from the ink: after the label,
on its row (a signature rises above and below the printed line), up to the next printed text, what
is dark and not print the recogniser read with confidence. A few strokes spanning a few millimetres
count; a speck or the underline of a blank does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from extractor.ocr import OcrLine

_LABEL = re.compile(r"(签字|签名|签章)\s*[)）]?\s*[:：]?")
_PRINT_CONFIDENCE = 0.85
_REACH_MM = 55.0  # how far after the label a signature is looked for


@dataclass(slots=True)
class SignatureMark:
    label: str  # the recognised text of the label's line ("集群促进组织负责人签字：")
    box: tuple[float, float, float, float]  # x0, top, x1, bottom of the strokes, pixels


def find_signatures(ink: np.ndarray, words: list[OcrLine], dpi: float) -> list[SignatureMark]:
    mm = dpi / 25.4
    out = []
    for w in words:
        m = _LABEL.search(w.text)
        if not m:
            continue
        end = _x_of(w, m.end())
        h = w.bottom - w.top
        top, bottom = w.top - 0.6 * h, w.bottom + 0.6 * h
        right = end + _REACH_MM * mm
        for other in words:  # stop at the next printed text on the row (a date, the next label)
            if other is not w and other.x0 > end + 2 * mm and other.x0 < right and _same_row(w, other) \
                    and other.confidence >= _PRINT_CONFIDENCE and not _is_scrawl(other):
                right = other.x0
        if m.end() < len(w.text.rstrip()) and w.confidence >= _PRINT_CONFIDENCE:
            continue  # the rest of the label's box was read as print: a typed name
        region = _clip(ink, end + 1 * mm, top, right, bottom)
        if region is None:
            continue
        x0, y0, x1, y1 = region
        strokes = ink[y0:y1, x0:x1].copy()
        for other in words:  # print read with confidence is not a signature
            if other is not w and other.confidence >= _PRINT_CONFIDENCE and not _is_scrawl(other):
                _blank(strokes, other, x0, y0)
        found = _strokes_box(strokes, mm)
        if found:
            bx0, by0, bx1, by1 = found
            out.append(SignatureMark(w.text, (float(x0 + bx0), float(y0 + by0), float(x0 + bx1), float(y0 + by1))))
    return out


def _x_of(w: OcrLine, index: int) -> float:
    """x where character `index` of the box's text starts (characters of equal width; Latin half)."""
    weights = [1.0 if ord(ch) > 0x2E80 else 0.55 for ch in w.text]
    total = sum(weights) or 1.0
    return w.x0 + (w.x1 - w.x0) * sum(weights[:index]) / total


def _same_row(a: OcrLine, b: OcrLine) -> bool:
    inter = min(a.bottom, b.bottom) - max(a.top, b.top)
    return inter > 0.4 * min(a.bottom - a.top, b.bottom - b.top)


def _is_scrawl(w: OcrLine) -> bool:
    """Handwriting the recogniser tried to read: short, without a character of a printed form."""
    return len(w.text) <= 4 and not re.search(r"[年月日：:（）()单位盖章签字名]", w.text)


def _clip(ink: np.ndarray, x0: float, top: float, x1: float, bottom: float) -> tuple[int, int, int, int] | None:
    h, w = ink.shape[:2]
    a, b, c, d = max(0, int(x0)), max(0, int(top)), min(w, int(x1)), min(h, int(bottom))
    return (a, b, c, d) if c - a > 4 and d - b > 4 else None


def _blank(strokes: np.ndarray, w: OcrLine, ox: int, oy: int) -> None:
    a, b = max(0, int(w.x0) - ox), max(0, int(w.top) - oy)
    c, d = min(strokes.shape[1], int(w.x1) - ox), min(strokes.shape[0], int(w.bottom) - oy)
    if c > a and d > b:
        strokes[b:d, a:c] = 0


def _strokes_box(strokes: np.ndarray, mm: float) -> tuple[int, int, int, int] | None:
    import cv2

    _n, _, stats, _ = cv2.connectedComponentsWithStats(strokes, connectivity=8)
    big = [s for s in stats[1:] if s[cv2.CC_STAT_AREA] >= 0.5 * mm * mm
           and max(s[cv2.CC_STAT_WIDTH], s[cv2.CC_STAT_HEIGHT]) >= 2 * mm
           and s[cv2.CC_STAT_HEIGHT] >= 0.8 * mm]  # an underline is long but flat
    if not big:
        return None
    x0 = min(s[cv2.CC_STAT_LEFT] for s in big)
    y0 = min(s[cv2.CC_STAT_TOP] for s in big)
    x1 = max(s[cv2.CC_STAT_LEFT] + s[cv2.CC_STAT_WIDTH] for s in big)
    y1 = max(s[cv2.CC_STAT_TOP] + s[cv2.CC_STAT_HEIGHT] for s in big)
    return (x0, y0, x1, y1) if x1 - x0 >= 4 * mm else None
