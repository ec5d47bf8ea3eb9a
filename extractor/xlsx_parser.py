"""Excel .xlsx → Document: each visible sheet is a level-1 Heading (its name) and its used range.

Statistical reports (统计报表) arrive as workbooks whose sheet is a form: a title merged across the
top, a label row such as "集群单位名称：", the indicator grid, and a signature line under it. The
same form typed in Word is title paragraphs, a table and a paragraph, so single-cell rows above and
below the grid become Paragraphs and only the grid becomes the Table — checkers find the table the
same way in both formats. A Heading per sheet makes every sheet a section.

Values are what Excel displays: cached formula results (never the formula), percentages and
fixed decimals as the cell's number format shows them, dates as ISO dates. Hidden sheets (lookup
lists for drop-downs) and empty sheets are skipped. The zip's declared sizes are checked and XML
parts with a DTD refused before openpyxl (which itself parses through defusedxml) reads anything.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any, ClassVar

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from extractor.base import OVER_LIMIT, UNREADABLE, ExtractError, Format, Limits, Source
from extractor.containers import open_zip, reject_dtd
from extractor.headings import split_number
from extractor.model import Block, Cell, Document, Heading, Location, Meta, Paragraph, Table

MAX_CELLS = 2_000_000  # grid positions of one sheet's used range
_CAPTION = re.compile(r"^(?:续)?(?:附)?表\s*[0-9０-９一二三四五六七八九十]+|.*[报统]表$|.*表[一二三四五六七八九十\d]*$")
_DECIMALS = re.compile(r"\.([0#?]+)")
_ROOT_TAG = re.compile(rb"<[A-Za-z_]")
_CHUNK = 1 << 16
_UNCACHED_FORMULA = re.compile(rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?"
                               rb"\s*</(?:\w+:)?c>")


class XlsxParser:
    name: ClassVar[str] = "xlsx"
    formats: ClassVar[tuple[Format, ...]] = (Format("xlsx", "Excel 表格", "xl/workbook.xml"),)
    kinds: ClassVar[frozenset[str]] = frozenset({"xlsx"})

    def accepts(self, source: Source) -> bool:
        return source.kind in self.kinds

    def convert(self, source: Source, limits: Limits) -> Document:
        producer, uncached = _scan_package(source.data, limits)
        wb = _load(source.data, data_only=True)
        # Formulas saved without their result (files written by scripts, not by Excel) show as
        # their formula rather than as an empty cell that would change the table's shape.
        formulas = _load(source.data, data_only=False) if uncached else None
        blocks: list[Block] = []
        try:
            for ws in wb.worksheets:
                if ws.sheet_state != "visible":
                    continue
                blocks += _sheet_blocks(ws, formulas[ws.title] if formulas is not None else None)
            title = wb.properties.title or None
        finally:
            wb.close()
            if formulas is not None:
                formulas.close()
        meta = Meta(format="xlsx", filename=source.filename, producer=producer, title=title)
        return Document(blocks=blocks, meta=meta)


def _scan_package(data: bytes, limits: Limits) -> tuple[str | None, bool]:
    """Refuse a zip bomb and any XML part that declares a DTD. Returns the producing application's
    name and whether some formula was saved without its cached result."""
    producer, uncached = None, False
    with open_zip(data, limits, "Excel 文件") as z:
        for info in z.infolist():
            name = info.filename
            if not name.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                reject_dtd(_prolog(z, info), name)
                if name == "docProps/app.xml":
                    m = re.search(rb"<(?:\w+:)?Application>([^<]{1,100})<", z.read(info))
                    producer = m.group(1).decode("utf-8", "replace") if m else None
                elif name.startswith("xl/worksheets/") and not uncached:
                    uncached = _UNCACHED_FORMULA.search(z.read(info)) is not None
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
                raise ExtractError(UNREADABLE, f"Excel 文件内部 {name} 已损坏（{e}）") from None
    return producer, uncached


def _prolog(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The bytes before the root element: where a DTD would have to be."""
    got = b""
    with z.open(info) as f:
        while len(got) < info.file_size:
            chunk = f.read(_CHUNK)
            if not chunk:
                break
            got += chunk
            m = _ROOT_TAG.search(got)
            if m:
                return got[: m.start()]
    return got


def _load(data: bytes, data_only: bool) -> Any:
    try:
        return load_workbook(io.BytesIO(data), data_only=data_only, keep_links=False, keep_vba=False)
    except MemoryError:
        raise
    except Exception as e:  # openpyxl raises whatever its parsing met: KeyError, ValueError, TypeError …
        raise ExtractError(UNREADABLE, f"Excel 文件已损坏，无法打开（{type(e).__name__}: {str(e)[:160]}）") from None


def _sheet_blocks(ws: Any, formulas: Any | None) -> list[Block]:
    # ws._cells holds only the cells the file wrote; iter_rows would create every empty cell of a
    # sheet formatted down to row 1,048,576.
    values: dict[tuple[int, int], str] = {}
    for (r, c), cell in ws._cells.items():
        value = cell.value
        if value is None and formulas is not None:
            raw = formulas._cells.get((r, c))
            value = raw.value if raw is not None and isinstance(raw.value, str) else None
        text = display_text(value, cell.number_format)
        if text:
            values[(r, c)] = text
    if not values:
        return []
    top = min(r for r, _ in values)
    bottom = max(r for r, _ in values)
    left = min(c for _, c in values)
    right = max(c for _, c in values)
    merges = []
    for rng in ws.merged_cells.ranges:
        if (rng.min_row, rng.min_col) in values:  # a merge with content may reach past the content
            merges.append(rng)
            bottom, right = max(bottom, rng.max_row), max(right, rng.max_col)
    n_rows, n_cols = bottom - top + 1, right - left + 1
    if n_rows * n_cols > MAX_CELLS:
        raise ExtractError(OVER_LIMIT, f"工作表“{ws.title}”的数据区域 {n_rows}×{n_cols} 超过上限 {MAX_CELLS} 个单元格",
                           limit="cells", actual=n_rows * n_cols, expected=MAX_CELLS)
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for rng in merges:
        r0, c0 = rng.min_row - top, rng.min_col - left
        rs, cs = rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1
        anchor = Cell(text=values[(rng.min_row, rng.min_col)], row=r0, col=c0, rowspan=rs, colspan=cs)
        for r in range(r0, r0 + rs):
            for c in range(c0, c0 + cs):
                grid[r][c] = anchor
    rows: list[list[Cell]] = []
    for r in range(n_rows):
        row = []
        for c in range(n_cols):
            cell = grid[r][c]
            if cell is None:
                cell = Cell(text=values.get((r + top, c + left), ""), row=r, col=c)
            row.append(cell)
        rows.append(row)

    def ref(r: int, c: int) -> str:
        return f"{get_column_letter(c + left)}{r + top}"

    head_rows, foot_rows = _text_rows(rows)
    name = ws.title
    num = split_number(name)
    blocks: list[Block] = [Heading(text=name, level=1, number=num.label if num else "",
                                   title=(num.title or name) if num else name, loc=Location(sheet=name),
                                   numbering=num.numbering if num else "none", signal="sheet")]
    before = [Paragraph(text=_only(rows[r]).text, loc=Location(sheet=name, cell=ref(r, _only(rows[r]).col)))
              for r in range(head_rows)]
    blocks += before
    body = rows[head_rows : n_rows - foot_rows]
    if body:
        first, last = _used_columns(body)
        loc = Location(sheet=name, cell=ref(head_rows, first))
        blocks.append(_table(body, head_rows, first, last, loc, before))
    blocks += [Paragraph(text=_only(rows[r]).text, loc=Location(sheet=name, cell=ref(r, _only(rows[r]).col)))
               for r in range(n_rows - foot_rows, n_rows)]
    return blocks


def _only(row: list[Cell]) -> Cell:
    return next(c for c in row if c.text)


def _single(row: list[Cell]) -> bool:
    """A row with text in exactly one cell, which does not reach into the next row."""
    anchors = {id(c): c for c in row if c.text}
    return len(anchors) == 1 and next(iter(anchors.values())).rowspan == 1


def _text_rows(rows: list[list[Cell]]) -> tuple[int, int]:
    """How many single-cell rows (title, labels, notes, signature line) sit above and below the grid."""
    if not rows or len(rows[0]) < 2:
        return 0, 0
    head = 0
    while head < len(rows) - 1 and _single(rows[head]):
        head += 1
    foot = 0
    while foot < len(rows) - head - 1 and _single(rows[len(rows) - 1 - foot]):
        foot += 1
    if len(rows) - head - foot < 2:  # a one-column list, not a form: keep it all as the table
        return 0, 0
    return head, foot


def _used_columns(body: list[list[Cell]]) -> tuple[int, int]:
    """First and last column with text (a title merged wider than the grid leaves empty columns)."""
    used = [c for c in range(len(body[0])) if any(row[c].text for row in body)]
    return used[0], used[-1]


def _table(body: list[list[Cell]], row0: int, first: int, last: int, loc: Location,
           before: list[Paragraph]) -> Table:
    """The body rows re-anchored at grid (0, 0); a merged anchor is one shared object, copied once."""
    copies: dict[int, Cell] = {}
    rows = []
    for row in body:
        out = []
        for c in row[first : last + 1]:
            if id(c) not in copies:
                copies[id(c)] = Cell(text=c.text, row=c.row - row0, col=c.col - first, rowspan=c.rowspan,
                                     colspan=c.colspan)
            out.append(copies[id(c)])
        rows.append(out)
    return Table(rows=rows, loc=loc, caption=_caption(before))


def _caption(before: list[Paragraph]) -> str | None:
    for p in reversed(before[-2:]):
        if len(p.text) <= 60 and _CAPTION.match(p.text):
            return p.text
    last = before[-1].text if before else ""
    if last and len(last) <= 40 and not last.endswith(("。", "；", ";", "：", ":")):
        return last
    return None


def display_text(value: object, number_format: str = "General") -> str:
    """The cell as Excel shows it (close enough for checking): never a formula, never 12.000000001."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour, value.minute) != (0, 0) else value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return _number(float(value) if isinstance(value, float) else value, number_format or "General")
    return str(value).strip()


def _number(v: int | float, fmt: str) -> str:
    section = fmt.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", section)  # literals, colours, padding
    if section.lower() in ("general", "@", ""):
        if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return str(v) if isinstance(v, int) else f"{v:.10g}"
    m = _DECIMALS.search(section)
    decimals = len(m.group(1)) if m else 0
    if "%" in section:
        return f"{v * 100:.{decimals}f}%"
    grouping = "," if "," in section.split(".")[0] else ""
    return f"{v:{grouping}.{decimals}f}"
