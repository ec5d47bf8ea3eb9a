"""Tick boxes on scans: a printed □ and whatever the applicant's pen made of it.

A recogniser reads a printed □ as 口 or drops it, and reads a pen tick through it as √, V, 区 or
nothing — it was trained on print. So the boxes are found in the picture: thin straight strokes
(an opening with short horizontal and vertical lines keeps them, and drops the pen's slant) that
close a hollow square of a character's size. A box holding ink is ticked. Its glyph then goes into
the recognised text where the box stands (replacing what the recogniser made of it, or inserted
there), as ☑ or ☐, so the checkers read a scanned form's choices like a typed one's
(`extractor.ticks`). A 口 (出口, 人口) or the 口 inside 品 is no box: it is smaller than a □ of its
line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extractor.ocr import OcrLine
from extractor.ticks import TICKED, UNTICKED

_BOXLIKE = set("□☐口囗回☑☒√✓✔■VvXx×区团図0OoD")
_LOOKALIKES = set("口回团囗区")  # characters a box is misread as, and real characters too
_MIN_MM, _MAX_MM = 2.8, 6.5  # □ at 五号 is ~3.2 mm; the 口 inside 品 or 回 is smaller


@dataclass(slots=True)
class TickBox:
    box: tuple[int, int, int, int]  # x0, top, x1, bottom, pixels
    ticked: bool


def ink(grey: np.ndarray) -> np.ndarray:
    """Dark pixels (255) of a grey page: Otsu's threshold, which a grey paper and speckle survive."""
    import cv2

    _, out = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return out


def find_boxes(ink_img: np.ndarray, dpi: float) -> list[TickBox]:
    import cv2

    mm = dpi / 25.4
    lo, hi = _MIN_MM * mm, _MAX_MM * mm
    k = max(3, round(1.6 * mm))
    straight = cv2.bitwise_or(
        cv2.morphologyEx(ink_img, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1))),
        cv2.morphologyEx(ink_img, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k))))
    contours, hierarchy = cv2.findContours(straight, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    out = []
    for i, c in enumerate(contours):
        if hierarchy[0][i][3] == -1:  # an outline; the box is its hole (a pen's tick may stick out)
            continue
        x, y, w, h = cv2.boundingRect(c)
        if not (lo - 4 <= w <= hi and lo - 4 <= h <= hi) or max(w, h) > 1.25 * min(w, h):
            continue
        if cv2.contourArea(c) < 0.75 * w * h:  # not a square hole: part of a character's shape
            continue
        parent = contours[hierarchy[0][i][3]]
        px, py, pw, ph = cv2.boundingRect(parent)
        stroke = min(x - px, y - py, px + pw - x - w, py + ph - y - h, 99)
        if stroke > 0.2 * min(w, h) and stroke > 4:
            continue  # a frame that heavy is a 口 or 回 in a bold face
        m = max(1, round(0.12 * min(w, h)))
        inner = ink_img[y + m:y + h - m, x + m:x + w - m]
        filled = np.count_nonzero(inner) / max(1, inner.size)
        out.append(TickBox((x - 1, y - 1, x + w + 1, y + h + 1), filled > 0.08))
    return out


def read_boxes(ink_img: np.ndarray, words: list[OcrLine], dpi: float) -> list[OcrLine]:
    """`words` with the tick boxes found in the picture written in as ☑ / ☐."""
    boxes = find_boxes(ink_img, dpi)
    if not boxes:
        return words
    out = list(words)
    for tb in boxes:
        glyph = TICKED if tb.ticked else UNTICKED
        x0, top, x1, bottom = tb.box
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        host = next((w for w in out if w.x0 - 2 <= cx <= w.x1 + 2 and w.top <= cy <= w.bottom), None)
        if host is None:
            out.append(OcrLine(glyph, float(x0), float(top), float(x1), float(bottom), 0.9))
            continue
        if min(x1 - x0, bottom - top) < 0.4 * (host.bottom - host.top):
            continue  # small for the line it sits in: part of a character
        ch, cell, inside = _char_at(host, cx)
        if ch in _LOOKALIKES and inside:
            continue  # 口 of 出口, 回 of 回国, 团 of 集团: a character between characters
        if ch not in _BOXLIKE and "\u4e00" <= ch <= "\u9fff" and (len(host.text) > 12 or x1 - x0 >= 0.6 * cell):
            continue  # a 囗-shaped character (国, 园, 图) read as such, not a box the recogniser dropped
        out[out.index(host)] = _patch(host, cx, glyph)
    return out


def _char_at(word: OcrLine, cx: float) -> tuple[str, float, bool]:
    """The character the recogniser read at x = cx, the width a character takes in its box, and
    whether Chinese characters stand on both sides of it."""
    text = word.text
    weights = [1.0 if ord(ch) > 0x2E80 or ch in _BOXLIKE else 0.55 for ch in text]
    x = word.x0
    unit = (word.x1 - word.x0) / max(sum(weights), 1e-6)
    for k, (ch, wgt) in enumerate(zip(text, weights, strict=True)):
        x += wgt * unit
        if cx < x:
            inside = 0 < k < len(text) - 1 and _is_han(text[k - 1]) and _is_han(text[k + 1])
            return ch, unit, inside
    return "", unit, False


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _patch(word: OcrLine, cx: float, glyph: str) -> OcrLine:
    """The word with the glyph at x = cx: in place of what the recogniser made of the box, or
    inserted beside the character there (the recogniser often drops a box but keeps its width)."""
    text = word.text
    weights = [1.0 if ord(ch) > 0x2E80 or ch in _BOXLIKE else 0.55 for ch in text]
    unit = (word.x1 - word.x0) / max(sum(weights), 1e-6)
    pos, at = word.x0, len(text)
    for k, wgt in enumerate(weights):
        if cx < pos + wgt * unit:
            at = k
            break
        pos += wgt * unit
    if at < len(text):
        ch = text[at]
        centre = pos + weights[at] * unit / 2
        if ch in _BOXLIKE:
            text = text[:at] + glyph + text[at + 1:]
        else:
            text = text[:at + (cx > centre)] + glyph + text[at + (cx > centre):]
    else:
        text += glyph
    return OcrLine(text, word.x0, word.top, word.x1, word.bottom, word.confidence)
