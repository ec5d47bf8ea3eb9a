"""One scanned page, from its pixels to what a reader takes from it: lines, ruled tables, tick boxes,
seals and signatures.

The order matters. Seals are found on the colour image and then dropped out (the page is read in
its red channel, where red ink is nearly white and black print stays black), so a seal stamped over
the unit's name and date does not garble them. The page is turned and straightened before anything
is measured, so rulings are horizontal and rows are rows. Detection sees only the part of the page
that holds ink. Tables are found from the rulings and filled from the recognised boxes by position;
everything outside them is merged into rows.

`read_page` touches no pdfium object, so the parser can run it for several pages at once in threads
(the ONNX sessions and OpenCV release the GIL) while it renders the next page in its own thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor import deskew, seals, signatures, tickmarks
from extractor.ocr import DPI, MAX_SIDE, OcrEngine, OcrLine, merge_rows
from extractor.scan_tables import ScanTable, find_tables


@dataclass(slots=True)
class Rendered:
    grey: np.ndarray  # H×W uint8
    colour: np.ndarray | None  # H×W×3 BGR, when the page holds a colour image (a seal may be on it)
    dpi: float


@dataclass(slots=True)
class PageScan:
    lines: list[OcrLine]  # rows outside the tables, in reading order
    tables: list[ScanTable]
    seals: list[seals.SealMark]
    signatures: list[signatures.SignatureMark]
    words: list[OcrLine] = field(default_factory=list)  # every recognised box, tables included
    turned: int = 0  # degrees the page was turned clockwise to stand upright
    skew: float = 0.0  # degrees it was tilted
    width: int = 0  # pixels of the straightened page
    height: int = 0
    dpi: float = DPI
    seconds: float = 0.0  # wall time the page took to read


def render(page: pdfium.PdfPage, dpi: float = DPI) -> Rendered:
    """The page at `dpi`, straight to grey unless a colour picture is on it."""
    scale = min(dpi / 72, MAX_SIDE / max(page.get_width(), page.get_height(), 1.0))
    if colour_images(page):
        bgr = np.ascontiguousarray(page.render(scale=scale).to_numpy()[:, :, :3])
        import cv2

        return Rendered(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), bgr, scale * 72)
    grey = page.render(scale=scale, grayscale=True).to_numpy()
    return Rendered(np.ascontiguousarray(grey.reshape(grey.shape[0], grey.shape[1])), None, scale * 72)


def colour_images(page: pdfium.PdfPage) -> bool:
    meta = pdfium_c.FPDF_IMAGEOBJ_METADATA()
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        if not pdfium_c.FPDFImageObj_GetImageMetadata(obj, page.raw, meta):
            return True  # cannot tell: look
        if meta.colorspace not in (pdfium_c.FPDF_COLORSPACE_DEVICEGRAY, pdfium_c.FPDF_COLORSPACE_CALGRAY) \
                and meta.bits_per_pixel > 1:
            return True
    return False


def read_page(r: Rendered, engine: OcrEngine) -> PageScan:
    grey, colour = r.grey, r.colour
    red = colour is not None and seals.has_red(colour)
    if red:
        assert colour is not None
        grey = np.ascontiguousarray(colour[:, :, 2])  # red ink drops out, black print stays
    o = deskew.orientation(grey)
    if o.turned and not _reads_better_turned(grey, o, engine):
        o = deskew.Orientation(False, deskew.orientation_across(grey))
    grey = deskew.straighten(grey, o)
    colour = deskew.straighten(colour, o) if red and colour is not None else None
    turned = 90 if o.turned else 0
    if _upside_down(grey, engine):
        grey = deskew.flip(grey)
        colour = deskew.flip(colour) if colour is not None else None
        turned = (turned + 180) % 360
    x0, top, x1, bottom = deskew.content_box(grey)
    words = [OcrLine(w.text, w.x0 + x0, w.top + top, w.x1 + x0, w.bottom + top, w.confidence)
             for w in engine.recognize(np.ascontiguousarray(grey[top:bottom, x0:x1]))]
    ink = tickmarks.ink(grey)
    words = tickmarks.read_boxes(ink, words, r.dpi)
    found = seals.find_seals(colour, r.dpi) if colour is not None else []
    for s in found:
        assert colour is not None
        s.text = seals.read_ring(colour, s, engine.read_crops)
    tables = find_tables(grey, words, r.dpi)
    inside = {id(w) for t in tables for w in t.words}
    lines = merge_rows([w for w in words if id(w) not in inside])
    marks = signatures.find_signatures(ink, words, r.dpi)
    h, w = grey.shape[:2]
    return PageScan(lines, tables, found, marks, words, turned, o.skew, w, h, r.dpi)


def _reads_better_turned(grey: np.ndarray, o: deskew.Orientation, engine: OcrEngine) -> bool:
    """A sparse table page can look sideways to the ink profile; the recogniser settles it: the way
    round whose lines it reads with more confidence (either end up)."""
    def score(image: np.ndarray) -> float:
        crops = [image[max(0, t):b, max(0, x0):x1] for x0, t, x1, b in deskew.line_bands(image, most=6)]
        crops = [c for c in crops if c.size]
        if not crops:
            return 0.0
        both = [max(a, b) for (_, a), (_, b) in zip(engine.read_crops(crops),
                                                   engine.read_crops([deskew.flip(c) for c in crops]), strict=True)]
        return sum(both) / len(both)

    upright = deskew.straighten(grey, deskew.Orientation(False, deskew.orientation_across(grey)))
    return score(deskew.straighten(grey, o)) > score(upright) + 0.05


def _upside_down(grey: np.ndarray, engine: OcrEngine) -> bool:
    bands = deskew.line_bands(grey)
    if len(bands) < 3:
        return False
    crops = [grey[max(0, t):b, max(0, x0):x1] for x0, t, x1, b in bands]
    return bool(engine.upside_down([c for c in crops if c.size]))
