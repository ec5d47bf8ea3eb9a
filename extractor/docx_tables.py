"""Word tables walked on their grid, so merged cells come out once, where Word shows them.

python-docx's `row.cells` repeats a horizontally merged cell once per grid column and a vertically
merged one once per row without saying so, and ignores w:gridBefore. The checkers need the grid
(the 2022 column of 营业收入, the 自评 column of a score row), so the walk here places every w:tc at
its grid column (gridBefore + the gridSpans before it), extends the anchor above on vMerge
"continue", and puts the same anchor `Cell` at every position it covers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lxml import etree

from extractor.docx_xml import W_CUSTOMXML, W_SDT, W_SDTCONTENT, W_TC, W_TR, W_VAL, int_attr, w
from extractor.model import Cell, Location, Table

_TC_PR, _TR_PR, _GRID_SPAN, _V_MERGE, _H_MERGE = w("tcPr"), w("trPr"), w("gridSpan"), w("vMerge"), w("hMerge")
_GRID_BEFORE, _GRID_COL, _TBL_GRID = w("gridBefore"), w("gridCol"), w("tblGrid")


def _unwrap(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content controls and custom XML that wrap them."""
    for c in el:
        if c.tag == tag:
            yield c
        elif c.tag == W_SDT:
            content = c.find(W_SDTCONTENT)
            if content is not None:
                yield from _unwrap(content, tag)
        elif c.tag == W_CUSTOMXML:
            yield from _unwrap(c, tag)


def iter_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    return _unwrap(tbl, W_TR)


def iter_cells(tr: etree._Element) -> Iterator[etree._Element]:
    return _unwrap(tr, W_TC)


def frame_cell(tbl: etree._Element) -> etree._Element | None:
    """The only cell of a 1x1 table: a box drawn around text, to be read as text, not as a table."""
    rows = list(iter_rows(tbl))
    if len(rows) != 1:
        return None
    cells = list(iter_cells(rows[0]))
    return cells[0] if len(cells) == 1 else None


def _cell_props(tc: etree._Element) -> tuple[int, str | None, bool]:
    """(gridSpan, vMerge state "restart"/"continue"/None, legacy hMerge continuation)."""
    pr = tc.find(_TC_PR)
    if pr is None:
        return 1, None, False
    span = int_attr(pr.find(_GRID_SPAN)) or 1
    vm = pr.find(_V_MERGE)
    vmerge = None if vm is None else (vm.get(W_VAL) or "continue")
    hm = pr.find(_H_MERGE)
    return max(span, 1), vmerge, hm is not None and (hm.get(W_VAL) or "continue") == "continue"


def build_table(tbl: etree._Element, read_cell: Callable[[etree._Element], tuple[str, int]], loc: Location) -> Table:
    """Lay the table out on its grid; `read_cell` gives one w:tc's text and pictures (it is not
    called for cells hidden under a vertical merge, whose content Word does not show)."""
    grid_cols = sum(1 for _ in tbl.iterfind(f"{_TBL_GRID}/{_GRID_COL}"))
    rows: list[list[Cell | None]] = []
    for r, tr in enumerate(iter_rows(tbl)):
        tr_pr = tr.find(_TR_PR)
        col = (int_attr(tr_pr.find(_GRID_BEFORE)) or 0) if tr_pr is not None else 0
        row: list[Cell | None] = [None] * col
        for tc in iter_cells(tr):
            span, vmerge, h_continue = _cell_props(tc)
            left = row[col - 1] if col and len(row) >= col else None
            if h_continue and left is not None and left.row == r:
                left.colspan += span
                row.extend([left] * span)
                col += span
                continue
            above = rows[r - 1][col] if r and col < len(rows[r - 1]) else None
            if vmerge == "continue" and above is not None and above.col == col and above.colspan == span:
                above.rowspan = r - above.row + 1
                cell = above
            else:
                text, images = read_cell(tc)
                cell = Cell(text=text, row=r, col=col, colspan=span, images=images)
            row.extend([cell] * span)
            col += span
        rows.append(row)
    width = max([grid_cols, *(len(row) for row in rows)]) if rows else 0
    grid = [[c if c is not None else Cell(text="", row=r, col=k) for k, c in enumerate(row + [None] * (width - len(row)))]
            for r, row in enumerate(rows)]
    return Table(rows=grid, loc=loc)
