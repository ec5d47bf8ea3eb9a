"""Ruled tables on scanned pages, as the same `Table` blocks a typed PDF gives.

The rulings are found in the picture by morphology: an opening with a line a few millimetres long
keeps only what is straight and at least that long — table rules, not the strokes of characters
(under 4 mm at 五号) nor a pen's slant. Each remaining run is one ruling, handed in points to the
same cell finder and grid builder the text-PDF parser uses (pdfplumber's TableFinder: snapping,
joining, intersections, merged cells from the boxes the lines close), so a scanned 统计报表 and its
typed original make the same grid. The cells are filled with the recognised boxes by position; a box
that runs across a ruling (the detector sometimes joins two cells' text) is cut where the ruling
crosses it, at the character the ruling falls on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from extractor import ticks
from extractor.model import Table
from extractor.ocr import OcrLine, merge_rows
from extractor.pdf_lines import join_text
from extractor.pdf_tables import Box, build_grid, cell_groups

_H_RULE_MM, _V_RULE_MM = 8.0, 5.0  # shortest ruling kept; characters are under 4 mm
_MAX_THICK_MM = 1.2  # thicker is a filled bar, not a line


@dataclass(slots=True)
class ScanTable:
    box: tuple[float, float, float, float]  # x0, top, x1, bottom, pixels
    table: Table
    words: list[OcrLine] = field(default_factory=list)  # the recognised boxes its cells hold


def rulings(ink: np.ndarray, dpi: float) -> list[dict[str, object]]:
    """Horizontal and vertical rules as pdfplumber edge dicts, in points."""
    import cv2

    mm = dpi / 25.4
    pt = 72 / dpi
    out: list[dict[str, object]] = []
    for orient, k in (("h", (round(_H_RULE_MM * mm), 1)), ("v", (1, round(_V_RULE_MM * mm)))):
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, k))
        _n, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for x, y, w, h, _area in stats[1:]:
            if orient == "h" and h <= _MAX_THICK_MM * mm:
                yc = (y + h / 2) * pt
                out.append({"x0": x * pt, "x1": (x + w) * pt, "top": yc, "bottom": yc, "width": w * pt,
                            "height": 0.0, "orientation": "h", "object_type": "line"})
            elif orient == "v" and w <= _MAX_THICK_MM * mm:
                xc = (x + w / 2) * pt
                out.append({"x0": xc, "x1": xc, "top": y * pt, "bottom": (y + h) * pt, "width": 0.0,
                            "height": h * pt, "orientation": "v", "object_type": "line"})
    return out


def rule_ink(grey: np.ndarray) -> np.ndarray:
    """Dark enough to be a ruling: more than the text threshold lets through, because a hairline
    scanned at 200 dpi and read at 150 is a row of light grey pixels, and a rule Otsu cuts into
    pieces is a table cut into pieces."""
    return ((grey < 210) * 255).astype(np.uint8)


def find_tables(grey: np.ndarray, words: list[OcrLine], dpi: float) -> list[ScanTable]:
    ink = rule_ink(grey)
    edges = rulings(ink, dpi)
    if sum(e["orientation"] == "h" for e in edges) < 2 or sum(e["orientation"] == "v" for e in edges) < 2:
        return []
    pt = 72 / dpi
    h, w = ink.shape[:2]
    groups = cell_groups(edges, w * pt, h * pt)
    if not groups:
        return []
    verticals = [e for e in edges if e["orientation"] == "v"]
    pieces = [p for word in words for p in _cut(word, verticals, pt)]
    out = []
    for cells in groups:
        used: list[OcrLine] = []
        table = build_grid(cells, lambda box, used=used: _fill(box, pieces, pt, used), 0)
        if not (table.n_rows and table.n_cols):
            continue
        x0, top = min(c[0] for c in cells) / pt, min(c[1] for c in cells) / pt
        x1, bottom = max(c[2] for c in cells) / pt, max(c[3] for c in cells) / pt
        originals = {id(x) for x in used}
        out.append(ScanTable((x0, top, x1, bottom), table, [wd for wd in words if id(wd) in originals]))
    return out


@dataclass(slots=True)
class _Piece:
    line: OcrLine  # in pixels
    source: OcrLine


def _cut(word: OcrLine, verticals: list[dict[str, object]], pt: float) -> list[_Piece]:
    """The box split wherever a vertical ruling crosses it between two of its characters."""
    mid = (word.top + word.bottom) / 2 * pt
    crossing = sorted(float(e["x0"]) / pt for e in verticals  # type: ignore[arg-type]
                      if float(e["top"]) <= mid <= float(e["bottom"])  # type: ignore[arg-type]
                      and word.x0 + 3 < float(e["x0"]) / pt < word.x1 - 3)  # type: ignore[arg-type]
    if not crossing or len(word.text) < 2:
        return [_Piece(word, word)]
    weights = [1.0 if ord(ch) > 0x2E80 else 0.55 for ch in word.text]
    unit = (word.x1 - word.x0) / sum(weights)
    edges_x = [word.x0]
    for wgt in weights:
        edges_x.append(edges_x[-1] + wgt * unit)
    pieces, start = [], 0
    for x in [*crossing, word.x1 + 1]:
        end = max(start, min(len(word.text), min(range(len(edges_x)), key=lambda k: abs(edges_x[k] - x))))
        if x > word.x1:
            end = len(word.text)
        text = word.text[start:end].strip()
        if text:
            pieces.append(_Piece(OcrLine(text, edges_x[start], word.top, edges_x[end], word.bottom, word.confidence),
                                 word))
        start = end
    return pieces or [_Piece(word, word)]


def _fill(box: Box, pieces: list[_Piece], pt: float, used: list[OcrLine]) -> str:
    x0, top, x1, bottom = (v / pt for v in box)
    inside = [p for p in pieces if x0 <= (p.line.x0 + p.line.x1) / 2 <= x1 and top <= (p.line.top + p.line.bottom) / 2 <= bottom]
    used.extend(p.source for p in inside)
    text = ""
    for row in merge_rows([p.line for p in inside]):
        text = join_text(text, row.text.strip())
    return ticks.normalize(text)
