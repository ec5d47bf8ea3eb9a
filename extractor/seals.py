"""Red seal impressions (公章, 财务章, 名章) on scanned pages and on pictures in Word and PDF files.

A reviewer of a scan looks for the seal first. Seals are red, and almost nothing else on a submission
is, so the page's red ink is masked (red well above green and blue: black print under a seal stays
black and does not count), bridged over the gaps that dry ink and overprinted text leave, and each
blob is measured: a round 公章 is a filled circle of 38–45 mm once bridged, a 财务章 an ellipse, a
名章 a square of 15–25 mm. A red title band or a red heading is solid or long, not a ring with text.
The ring's text is unrolled into a straight line (polar unwrapping) and given to the recogniser; it
is kept only when read with confidence, since an engraved seal font often is not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from extractor.ocr import OcrLine

_MIN_MM, _MAX_MM = 12.0, 70.0
_MIN_RED_SHARE = 0.0004  # of the page: below it there is no seal to look for


@dataclass(slots=True)
class SealMark:
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in image pixels
    shape: str  # "round", "oval" or "square"
    colour: str = "red"
    text: str = ""  # the ring's text when readable


def red_mask(bgr: np.ndarray) -> np.ndarray:
    b, g, r = (bgr[:, :, k].astype(np.int16) for k in range(3))
    return (((r > 110) & (r - np.maximum(g, b) > 45)) * 255).astype(np.uint8)


def ring_ink(bgr: np.ndarray) -> np.ndarray:
    """Seal ink for reading: looser than `red_mask`, since JPEG's half-resolution colour smears thin
    red strokes into pink, which the detector may ignore but the reader needs."""
    b, g, r = (bgr[:, :, k].astype(np.int16) for k in range(3))
    return (((r > 100) & (r - g > 30) & (r - b > 30) & (g < 190)) * 255).astype(np.uint8)


def has_red(bgr: np.ndarray) -> bool:
    small = bgr[::4, ::4]
    return bool(red_mask(small).mean() / 255 > _MIN_RED_SHARE)


def find_seals(bgr: np.ndarray, dpi: float) -> list[SealMark]:
    import cv2

    mask = red_mask(bgr)
    if mask.mean() / 255 < _MIN_RED_SHARE:
        return []
    mm = dpi / 25.4
    k = max(3, round(2.5 * mm)) | 1
    bridged = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    contours, _ = cv2.findContours(bridged, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for c in contours:
        x, y, w, h = cv2.boundingRect(c)
        short, long_ = min(w, h) / mm, max(w, h) / mm
        if short < _MIN_MM or long_ > _MAX_MM:
            continue
        shape = _shape(c, w, h)
        if shape is None:
            continue
        area = cv2.contourArea(c)
        inside = np.zeros((h, w), np.uint8)
        cv2.drawContours(inside, [c - [x, y]], -1, 255, thickness=-1)
        ink = np.count_nonzero(mask[y:y + h, x:x + w] & inside) / max(area, 1.0)
        if not 0.06 <= ink <= 0.8:  # solid red is a band or a logo; a faint haze is a red pen's smear
            continue
        out.append(SealMark((float(x), float(y), float(x + w), float(y + h)), shape))
    return sorted(out, key=lambda s: (s.box[1], s.box[0]))


def _shape(contour: np.ndarray, w: int, h: int) -> str | None:
    import cv2

    area = cv2.contourArea(contour)
    aspect = max(w, h) / max(1, min(w, h))
    ellipse_fill = area / (math.pi / 4 * w * h)
    (_, _), (rw, rh), _ = cv2.minAreaRect(contour)  # a square seal is pressed a little turned
    if area / max(1.0, rw * rh) >= 0.9 and max(rw, rh) / max(1.0, min(rw, rh)) <= 1.35:
        return "square"
    if 0.86 <= ellipse_fill <= 1.12:
        if aspect <= 1.2:
            return "round"
        if aspect <= 2.0:
            return "oval"
    return None


def ring_image(bgr: np.ndarray, seal: SealMark) -> np.ndarray:
    """The seal's upper ring of text unrolled into one straight line: black on white, characters
    upright, reading left to right."""
    import cv2

    x0, top, x1, bottom = (int(v) for v in seal.box)
    ink = 255 - ring_ink(bgr[top:bottom, x0:x1])
    side = max(x1 - x0, bottom - top)
    disc = cv2.resize(ink, (side, side), interpolation=cv2.INTER_LINEAR)  # an oval becomes a circle
    radius = side / 2
    along = round(2 * math.pi * 0.75 * radius)
    polar = cv2.warpPolar(disc, (round(radius), along), (radius, radius), radius,
                          cv2.WARP_POLAR_LINEAR | cv2.INTER_LINEAR)
    band = polar[:, round(0.5 * radius): round(0.97 * radius)]
    band = np.roll(band, -along // 4, axis=0)  # start at the bottom, where the ring text has its gap
    return cv2.rotate(band, cv2.ROTATE_90_COUNTERCLOCKWISE)


def read_ring(bgr: np.ndarray, seal: SealMark, read: object) -> str:
    """`read` is an engine's read_crops; the text if it was read with confidence."""
    if seal.shape == "square":
        return ""
    line = ring_image(bgr, seal)
    [(text, score)] = read([line])  # type: ignore[operator]
    text = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff" or ch.isalnum())
    return text if score >= 0.6 and len(text) >= 2 else ""


def texts_near(seal: SealMark, words: list[OcrLine]) -> list[str]:
    """The recognised boxes a seal covers or touches (within a quarter of its size): what it seals —
    the unit's name, the date, the "（盖章）" mark."""
    x0, top, x1, bottom = seal.box
    m = 0.25 * max(x1 - x0, bottom - top)
    out = []
    for w in words:
        if w.x1 >= x0 - m and w.x0 <= x1 + m and w.bottom >= top - m and w.top <= bottom + m:
            out.append(w.text)
    return out
