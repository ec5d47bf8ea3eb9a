"""Ruled tables of a PDF page, with merged cells rebuilt from the cell boxes.

pdfplumber's table finder is the reference for turning rulings into cells, but pdfplumber parses
every glyph of a page before it looks at a single line (~30 ms a page). So the rulings are read from
pdfium's path objects — cheap, and only on pages that have any — and handed to pdfplumber's own
`TableFinder` (snap, join, intersections, cells, tables). Pages whose drawing sits inside form
XObjects, which pdfium reports in the form's own coordinates, go to pdfplumber itself. Cell text
comes from pdfium by cell box.
"""

from __future__ import annotations

import ctypes
import io
import itertools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder, TableSettings

from extractor import ticks
from extractor.model import Cell, Location, Table
from extractor.pdf_lines import Frame, join_text
from extractor.table_items import label as _label

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points from the top-left

_SETTINGS = TableSettings()  # pdfplumber's defaults: "lines" strategy, 3 pt snap/join tolerance
_GAP = re.compile(r"(?<=[\u3400-\u9fff）)，。；：]) (?=[0-9A-Za-z%（(])|(?<=[0-9A-Za-z%）)]) (?=[\u3400-\u9fff（(])")


@dataclass(slots=True)
class PageObjects:
    """What the drawing of a page holds, from one pass over its objects."""

    edges: list[dict[str, Any]] = field(default_factory=list)  # pdfplumber edge dicts
    paths: int = 0
    image_area: float = 0.0  # share of the page covered by images, 0..1
    has_forms: bool = False


@dataclass(slots=True)
class FoundTable:
    box: Box
    table: Table
    frame: bool = False  # one ruled box alone: text set in a frame, or a form's box broken by the page


def scan_objects(page: pdfium.PdfPage) -> PageObjects:
    frame = Frame.of(page)
    out = PageObjects()
    handles = []
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            handles.append(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            x0, top, x1, bottom = frame.box(*_bounds(obj))
            out.image_area += (max(0.0, min(x1, frame.width) - max(x0, 0))
                               * max(0.0, min(bottom, frame.height) - max(top, 0)))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            out.has_forms = True
    out.paths = len(handles)
    area = frame.width * frame.height
    out.image_area = min(1.0, out.image_area / area) if area else 0.0
    for obj in handles:
        out.edges.extend(_path_edges(obj, frame))
    h_edges = sum(e["orientation"] == "h" for e in out.edges)
    if h_edges < 2 or len(out.edges) - h_edges < 2:  # underlines and frames, no grid
        out.edges = []
    return out


def _bounds(obj: Any) -> tuple[float, float, float, float]:
    box = [ctypes.c_float() for _ in range(4)]  # left, bottom, right, top
    pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in box))
    return box[0].value, box[1].value, box[2].value, box[3].value


def _path_edges(obj: Any, frame: Frame) -> list[dict[str, Any]]:
    """The horizontal and vertical straight segments of a path, in reading space."""
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
    x, y = ctypes.c_float(), ctypes.c_float()
    pts: list[tuple[float, float, bool]] = []  # x, y (reading space), starts a subpath
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        px, py = frame.point(m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            pts.append((px, py, True))  # curves are no rulings: restart from their end point
            continue
        pts.append((px, py, kind == pdfium_c.FPDF_SEGMENT_MOVETO))
        if pdfium_c.FPDFPathSegment_GetClose(seg):
            start = next((p for p in reversed(pts) if p[2]), pts[0])
            pts.append((start[0], start[1], False))
    edges = []
    for (ax, ay, _), (bx, by, new) in itertools.pairwise(pts):
        if new:
            continue
        if abs(ay - by) < 0.5 and abs(ax - bx) >= 3:
            edges.append({"x0": min(ax, bx), "x1": max(ax, bx), "top": ay, "bottom": ay,
                          "width": abs(ax - bx), "height": 0.0, "orientation": "h", "object_type": "line"})
        elif abs(ax - bx) < 0.5 and abs(ay - by) >= 3:
            edges.append({"x0": ax, "x1": ax, "top": min(ay, by), "bottom": max(ay, by),
                          "width": 0.0, "height": abs(ay - by), "orientation": "v", "object_type": "line"})
    return edges


class _EdgePage:
    """Just enough of a pdfplumber Page for TableFinder's "lines" strategy."""

    def __init__(self, edges: list[dict[str, Any]], width: float, height: float) -> None:
        self.edges = edges
        self.bbox = (0.0, 0.0, width, height)


class PlumberPages:
    """pdfplumber opened once per document, only if a page needs it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: Any = None

    def cells(self, index: int) -> list[list[Box]]:
        if self.pdf is None:
            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        return [t.cells for t in self.pdf.pages[index].find_tables()]

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def find_tables(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, objects: PageObjects,
                page_no: int, plumber: PlumberPages) -> list[FoundTable]:
    frame = Frame.of(page)
    lone: list[Box] = []
    if objects.edges:
        finder = TableFinder(_EdgePage(objects.edges, frame.width, frame.height), _SETTINGS)
        groups = [t.cells for t in finder.tables]
        grouped = {c for g in groups for c in g}
        lone = [c for c in finder.cells if c not in grouped and c[3] - c[1] >= 10]  # boxes alone: frames
    elif objects.has_forms:
        groups = plumber.cells(page_no - 1)
    else:
        return []
    found = []
    for cells in [*groups, *([c] for c in lone)]:
        table = build_grid(cells, lambda box: _cell_text(textpage, box, frame), page_no)
        if table.n_rows and table.n_cols:
            x0 = min(c[0] for c in cells)
            top = min(c[1] for c in cells)
            found.append(FoundTable((x0, top, max(c[2] for c in cells), max(c[3] for c in cells)), table,
                                    frame=len(cells) == 1))
    return found


def cell_groups(edges: list[dict[str, Any]], width: float, height: float) -> list[list[Box]]:
    """The cell boxes of each table that the rulings `edges` (pdfplumber edge dicts) draw."""
    return [t.cells for t in TableFinder(_EdgePage(edges, width, height), _SETTINGS).tables]


def build_grid(cells: list[Box], text_of: Callable[[Box], str], page_no: int) -> Table:
    """A rectangular grid from cell boxes, merged cells spanning the rows and columns they cover;
    `text_of(box)` fills a cell (pdfium's text layer, or OCR boxes on a scan)."""
    xs = _snap(sorted({c[0] for c in cells} | {c[2] for c in cells}))
    ys = _snap(sorted({c[1] for c in cells} | {c[3] for c in cells}))
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for box in sorted(cells, key=lambda c: (c[1], c[0])):
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        if r1 <= r0 or c1 <= c0 or any(grid[r][c] is not None for r in range(r0, r1) for c in range(c0, c1)):
            continue  # a box over boxes already placed: the smaller ones stand
        cell = Cell(text_of(box), r0, c0, r1 - r0, c1 - c0)
        for r in range(r0, r1):
            for c in range(c0, c1):
                grid[r][c] = cell
    rows = [[c if c is not None else Cell("", r, k) for k, c in enumerate(row)] for r, row in enumerate(grid)]
    return Table(rows=rows, loc=Location(page=page_no))


def _snap(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(points: list[float], v: float) -> int:
    i = bisect_left(points, v)
    if i == len(points) or (i > 0 and v - points[i - 1] < points[i] - v):
        i -= 1
    return i


def _cell_text(textpage: pdfium.PdfTextPage, box: Box, frame: Frame) -> str:
    x0, top, x1, bottom = box
    left, low, right, high = frame.page_box(x0 + 0.5, top + 0.5, x1 - 0.5, bottom - 0.5)
    raw = textpage.get_text_bounded(left=left, bottom=low, right=right, top=high)
    text = ""
    for part in raw.replace("\r\n", "\n").split("\n"):
        text = join_text(text, part.strip())
    return ticks.normalize(_GAP.sub("", text))


# --- tables continued on the next page -----------------------------------------------------------

def continues(prev: Table, prev_last_page: int, nxt: Table) -> bool:
    """The next page opens with a table of the same columns (or with the rest of a box that ends
    the table): the same table, broken by the page. (The caller knows that nothing but page
    furniture stands between the two.)"""
    boxed = nxt.n_cols == 1 and bool(prev.rows) and _spanning(prev.rows[-1])
    return (prev.n_cols == nxt.n_cols or boxed) and nxt.loc.page == prev_last_page + 1


def join(prev: Table, nxt: Table) -> Table:
    if nxt.n_cols == 1 < prev.n_cols:  # boxes across a wider form: each row one box across it
        nxt = Table(rows=[[Cell(r[0].text, r[0].row, 0, r[0].rowspan, prev.n_cols, r[0].images)] * prev.n_cols
                          for r in nxt.rows], loc=nxt.loc, caption=nxt.caption)
    grid = nxt.grid()
    rows = nxt.rows
    if grid and prev.rows and grid[0] == prev.grid()[0]:  # header row repeated on the new page
        rows = rows[1:]
    elif rows and _split_row(prev.rows[-1], rows[0]):  # a row broken by the page: glue its halves
        last, first = prev.rows[-1], rows[0]
        for c, cell in enumerate(first):
            if cell.text and cell.col == c and last[c].row + last[c].rowspan - 1 == len(prev.rows) - 1:
                last[c].text = join_text(last[c].text, cell.text)
        rows = rows[1:]
    offset, dropped = len(prev.rows), len(nxt.rows) - len(rows)
    moved: dict[int, Cell] = {}
    out = [list(r) for r in prev.rows]
    for row in rows:
        new_row = []
        for cell in row:
            if id(cell) not in moved:
                cut = max(0, dropped - cell.row)
                moved[id(cell)] = Cell(cell.text, cell.row - dropped + cut + offset, cell.col,
                                       cell.rowspan - cut, cell.colspan)
            new_row.append(moved[id(cell)])
        out.append(new_row)
    return Table(rows=out, loc=prev.loc, caption=prev.caption)


def _split_row(last: list[Cell], first: list[Cell]) -> bool:
    filled = [c for c in first if c.text]
    if _spanning(last) and _spanning(first) and last[0].text and first[0].text:
        return _label(last[0].text) is None and _label(first[0].text.partition("\n")[0]) is None
    if not (first and last[0].text and 0 < len(filled) <= len(first) // 2 and all(last[c.col].text for c in filled)):
        return False
    # the label cell goes on too when it was cut inside its bracket: "……数量（个，需提供" / "佐证材料）"
    return not first[0].text or _unclosed(last[0].text)


def _unclosed(text: str) -> bool:
    return sum(text.count(o) - text.count(c) for o, c in (("（", "）"), ("(", ")"))) > 0


def _spanning(row: list[Cell]) -> bool:
    """One cell across the whole row: a text box, which the page break cuts in two."""
    return bool(row) and all(c is row[0] for c in row)
