"""Which way up a scanned page lies and how far it is tilted, found from its ink alone.

A sheet laid crooked on the glass shows its lines sloping: projected across the lines, text makes
sharp peaks (lines) and valleys (the gaps between them), and at a slant the peaks blur, so the angle
with the sharpest profile — the largest sum of squared bin counts — is the lines' own. A sheet fed
sideways shows its lines running down the page; Chinese characters sit on a grid, so that profile is
sharp both ways, but only across the lines is half of it blank. This costs a few milliseconds on a reduced copy of the page
and needs no model; which end is up once the lines run across (0° or 180°) takes a recogniser and is
asked of the engine (`OcrEngine.upside_down`) about the line bands found here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_REDUCED = 900  # long side of the copy the angles are measured on
_MAX_SKEW = 8.0  # degrees: a sheet laid more crooked than this is not a scan someone kept


@dataclass(frozen=True, slots=True)
class Orientation:
    turned: bool  # text lines run down the page: it was scanned a quarter turn off
    skew: float  # degrees the text is rotated counter-clockwise (after the quarter turn is undone)


def ink_points(grey: np.ndarray, reduced: int = _REDUCED) -> tuple[np.ndarray, np.ndarray, float]:
    """x, y of the dark pixels of a reduced copy, and the reduction factor."""
    import cv2

    h, w = grey.shape[:2]
    f = min(1.0, reduced / max(h, w))
    small = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else grey
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    return xs.astype(np.float32), ys.astype(np.float32), f


def _sharpness(xs: np.ndarray, ys: np.ndarray, degrees: float) -> float:
    a = np.radians(degrees)
    proj = ys * np.cos(a) + xs * np.sin(a)
    proj -= proj.min()
    hist = np.bincount(proj.astype(np.int64))
    return float(np.dot(hist, hist))


def _gaps(xs: np.ndarray, ys: np.ndarray, degrees: float) -> float:
    """Share of the ink's span that is blank across this direction: the gaps between lines are
    half the page, those between Chinese characters (which sit on a grid, so they line up across
    the lines too) a tenth."""
    a = np.radians(degrees)
    proj = ys * np.cos(a) + xs * np.sin(a)
    proj -= proj.min()
    hist = np.bincount(proj.astype(np.int64))
    return float(np.mean(hist <= 0.03 * hist.max()))


def _best_angle(xs: np.ndarray, ys: np.ndarray) -> tuple[float, float]:
    best, score = 0.0, _sharpness(xs, ys, 0.0)
    for step, span in ((0.5, _MAX_SKEW), (0.1, 0.5), (0.02, 0.1)):
        centre = best
        for k in range(-round(span / step), round(span / step) + 1):
            a = centre + k * step
            s = _sharpness(xs, ys, a)
            if s > score:
                best, score = a, s
    return best, score


def orientation(grey: np.ndarray) -> Orientation:
    xs, ys, _ = ink_points(grey)
    if len(xs) < 200:  # a blank page: nothing to straighten
        return Orientation(False, 0.0)
    across, _ = _best_angle(xs, ys)
    down, _ = _best_angle(-ys, xs)  # the page a quarter turn clockwise
    if _gaps(-ys, xs, down) > 1.3 * _gaps(xs, ys, across) + 0.03:
        return Orientation(True, round(down, 2))
    return Orientation(False, round(across, 2))


def orientation_across(grey: np.ndarray) -> float:
    """The skew of the page taken as lying the right way round."""
    xs, ys, _ = ink_points(grey)
    return round(_best_angle(xs, ys)[0], 2) if len(xs) >= 200 else 0.0


def straighten(image: np.ndarray, o: Orientation) -> np.ndarray:
    """The page turned a quarter clockwise if `o.turned` (the caller fixes 180° later), then unskewed."""
    import cv2

    if o.turned:
        image = np.ascontiguousarray(np.rot90(image, k=-1))
    if abs(o.skew) < 0.05:
        return image
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -o.skew, 1.0)
    fill = (255, 255, 255) if image.ndim == 3 else 255
    return cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=fill)


def flip(image: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(image[::-1, ::-1])


def line_bands(grey: np.ndarray, most: int = 10) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, top, x1, bottom, full-size pixels) of the inkiest text lines of a straight page, for
    asking a recogniser which way up they read."""
    xs, ys, f = ink_points(grey)
    if len(xs) < 200:
        return []
    rows = np.bincount(ys.astype(np.int64))
    on = rows > max(2, 0.02 * rows.max())
    bands: list[tuple[int, int, int]] = []
    start = None
    for y, v in enumerate([*on, False]):
        if v and start is None:
            start = y
        elif not v and start is not None:
            if 4 <= y - start <= 40:
                bands.append((int(rows[start:y].sum()), start, y))
            start = None
    out = []
    for _, top, bottom in sorted(bands, reverse=True)[:most]:
        sel = (ys >= top) & (ys < bottom)
        x0, x1 = np.percentile(xs[sel], [2, 98])
        x1 = min(x1, x0 + 12 * (bottom - top))  # a dozen characters are enough to tell
        out.append((int(x0 / f), int(top / f) - 2, int(x1 / f) + 2, int(bottom / f) + 2))
    return out


def content_box(grey: np.ndarray, pad: int = 24) -> tuple[int, int, int, int]:
    """The part of the page that holds ink (x0, top, x1, bottom), speckle in the margins ignored:
    detection need not look at blank paper."""
    import cv2

    h, w = grey.shape[:2]
    f = min(1.0, _REDUCED / max(h, w))
    small = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else grey
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = stats[1:][stats[1:, cv2.CC_STAT_AREA] >= 4]  # specks are a pixel or two
    if not len(keep):
        return 0, 0, w, h
    x0 = keep[:, cv2.CC_STAT_LEFT].min() / f
    y0 = keep[:, cv2.CC_STAT_TOP].min() / f
    x1 = (keep[:, cv2.CC_STAT_LEFT] + keep[:, cv2.CC_STAT_WIDTH]).max() / f
    y1 = (keep[:, cv2.CC_STAT_TOP] + keep[:, cv2.CC_STAT_HEIGHT]).max() / f
    return (max(0, int(x0) - pad), max(0, int(y0) - pad), min(w, int(x1) + pad), min(h, int(y1) + pad))
