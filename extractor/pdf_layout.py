"""From the lines and tables of PDF pages to Document blocks: paragraphs, headings, tables.

A PDF knows no paragraphs, so they are rebuilt the way a reader sees them: a new paragraph starts at
an indented first line, after a line that stops short of the right margin, after a larger vertical
gap, or where the typeface changes; lines in a narrower block of their own (a sidebar, a column)
run on while each is as long as the next. Which paragraphs are headings is pdf_headings' call;
the cover's title lines are pdf_title's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.headings import join_spaced
from extractor.model import Block, Heading, Location, Paragraph, Table
from extractor.pdf_headings import Bookmark, Metrics, Para, headings, is_caption, metrics, starts_item
from extractor.pdf_lines import Line
from extractor.pdf_tables import FoundTable, continues, join
from extractor.pdf_title import title_lines

__all__ = ["Bookmark", "PageContent", "build_blocks"]

_CJK = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_END = ("。", "；", ";", "！", "？", "：", ":")
_CAPTION = re.compile(r"^(?:附?表\s*[0-9０-９一二三四五六七八九十]+.{0,40}|.{2,40}(?:表|情况|统计|清单|名单|一览))$")


@dataclass(slots=True)
class PageContent:
    number: int
    lines: list[Line]  # every line of the page, furniture flagged
    tables: list[FoundTable] = field(default_factory=list)
    height: float = 0.0  # points; 0 when unknown


def build_blocks(pages: list[PageContent], bookmarks: list[Bookmark]) -> list[Block]:
    flow: list[Line | FoundTable] = []
    for page in pages:
        flow.extend(_page_flow(page, _box_open(flow)))
    body = [x for x in flow if isinstance(x, Line)]
    if not body and not any(isinstance(x, FoundTable) for x in flow):
        return []
    m = metrics(body)
    titled = {id(ln) for ln in _cover_title(pages, flow, m)}
    items: list[Para | FoundTable] = []
    for x in flow:
        last = items[-1] if items else None
        if isinstance(x, FoundTable):
            items.append(x)
        elif id(x) in titled:
            if isinstance(last, Para) and last.role == "title":
                last.lines.append(x)
            else:
                items.append(Para([x], "title"))
        elif isinstance(last, Para) and last.role is None and _continues(last.lines, x, m):
            last.lines.append(x)
        else:
            items.append(Para([x]))
    return _blocks(items, headings(items, m, bookmarks))


def _blocks(items: list[Para | FoundTable], calls: list) -> list[Block]:
    blocks: list[Block] = []
    table_end: dict[int, int] = {}  # id(table) -> the last page it runs to
    for x, call in zip(items, calls, strict=True):
        if isinstance(x, FoundTable):
            _add_table(blocks, x.table, table_end)
            continue
        first = x.lines[0]
        loc = Location(page=first.page, line=first.number)
        text = x.text
        if call is None:
            blocks.append(Paragraph(text=text, loc=loc, style=x.role, role=x.role))
            continue
        n = call.numbered
        blocks.append(Heading(text=text, level=call.level, number=n.label if n else "",
                              title=n.title if n else join_spaced(text), loc=loc,
                              numbering=n.numbering if n else "none", signal=call.signal,
                              value=n.number if n else ""))
    return blocks


def _cover_title(pages: list[PageContent], flow: list[Line | FoundTable], m: Metrics) -> list[Line]:
    """The title lines in the upper half of the first page with text (see pdf_title), in the
    order they stand on the page: a report laid out in a table still has its title on top."""
    first = next((x.page for x in flow if isinstance(x, Line)), None)
    if first is None:
        return []
    height = next((p.height for p in pages if p.number == first), 0.0)
    lines = sorted((x for x in flow if isinstance(x, Line) and x.page == first
                    and (not height or x.top < 0.5 * height)), key=lambda ln: (ln.top, ln.x0))
    return title_lines(lines, m.size, m.left.get(first, 0.0), m.right.get(first, 0.0))


def _box_open(flow: list[Line | FoundTable]) -> bool:
    """The flow so far ends with a table whose last row is one box across it: a form's text box
    that the next page may carry on in a frame of its own."""
    last = flow[-1] if flow else None
    return isinstance(last, FoundTable) and bool(last.table.rows) and all(
        c is last.table.rows[-1][0] for c in last.table.rows[-1])


def _page_flow(page: PageContent, box_open: bool = False) -> list[Line | FoundTable]:
    """Body lines in reading order with each table placed where it starts. A lone ruled box is text
    in a frame (read as body text, as a Word frame is) unless it opens the page while a table's
    last box is still open: then it is the rest of that box."""
    body = [ln for ln in page.lines if not ln.furniture]
    first_top = min((ln.top for ln in body), default=float("inf"))
    tables = sorted((t for t in page.tables if not t.frame
                     or (box_open and t.box[1] <= first_top + 1 and t is min(page.tables, key=lambda u: u.box[1]))),
                    key=lambda t: t.box[1])
    out: list[Line | FoundTable] = []
    for ln in page.lines:
        if ln.furniture:
            continue
        mid_y, mid_x = (ln.top + ln.bottom) / 2, (ln.x0 + ln.x1) / 2
        inside = [t for t in tables if t.box[1] <= mid_y <= t.box[3] and t.box[0] - 2 <= mid_x <= t.box[2] + 2]
        if inside:
            if not inside[0].table.loc.line:
                inside[0].table.loc = Location(page=page.number, line=ln.number)
            continue
        while tables and tables[0].box[1] < ln.top:
            out.append(tables.pop(0))
        out.append(ln)
    out.extend(tables)
    return out


def _continues(block: list[Line], line: Line, m: Metrics) -> bool:
    """Whether `line` runs on from the paragraph `block` ends with."""
    prev = block[-1]
    if _CJK.search(prev.text) and _CJK.search(line.text) and prev.style != line.style and prev.font:
        return False
    em = m.size or line.size
    left, right = m.left.get(line.page, 0.0), m.right.get(prev.page, 0.0)
    if line.page == prev.page and not (0 < line.top - prev.top <= 1.45 * max(m.pitch, 1.2 * line.size) + 1):
        return False
    if line.page != prev.page and line.page != prev.page + 1:
        return False
    if prev.text.rstrip().endswith(_SENTENCE_END) and starts_item(line):
        return False
    if line.x0 <= left + 0.8 * em and prev.x1 >= right - 1.5 * em:
        return not is_caption(line)
    return _same_block(block, line)


def _same_block(block: list[Line], line: Line) -> bool:
    """Lines of a narrower block (a sidebar's reference list, a column) in one style: the next line
    runs on when it starts where the block starts and the line before it is as long as any."""
    prev = block[-1]
    em = line.size or 10.0
    widest = max(ln.x1 for ln in block)
    starts = [block[0].x0] if len(block) == 1 else [ln.x0 for ln in block[1:]]
    indented = len(block) == 1 and 0 < block[0].x0 - line.x0 <= 4 * em  # the first line was indented
    hanging = len(block) == 1 and 0 < line.x0 - block[0].x0 <= 3 * em and starts_item(block[0])  # under a title
    return (line.page == prev.page and prev.style == line.style
            and (indented or hanging or any(abs(line.x0 - x) <= 0.6 * em for x in starts))
            and prev.x1 - prev.x0 >= 8 * em and prev.x1 >= widest - em and prev.x1 >= line.x1 - em
            and not starts_item(line) and not prev.text.rstrip().endswith(_SENTENCE_END))


def _add_table(blocks: list[Block], table: Table, table_end: dict[int, int]) -> None:
    prev = blocks[-1] if blocks else None
    if isinstance(prev, Table) and continues(prev, table_end[id(prev)], table):
        blocks[-1] = join(prev, table)
        table_end[id(blocks[-1])] = table.loc.page or 0
        return
    table_end[id(table)] = table.loc.page or 0
    if (isinstance(prev, Paragraph) and (prev.loc.page or 0) + 1 >= (table.loc.page or 0)
            and _CAPTION.match(prev.text)):  # the caption may be left at the foot of the previous page
        table.caption = prev.text
    blocks.append(table)
