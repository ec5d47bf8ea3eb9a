"""From the lines and tables of PDF pages to Document blocks: paragraphs, headings, tables.

A PDF knows no paragraphs, so they are rebuilt the way a reader sees them: a new paragraph starts at
an indented first line, after a line that stops short of the right margin, after a larger vertical
gap, or where the typeface changes. A paragraph becomes a heading by its typed number (一、（一）1.)
when it reads like a title, by a bookmark naming it, or — for unnumbered titles — by a typeface that
differs from the body's. Numbered sentences (1.建立……。) stay list items inside their section, and so
do short 1. 2. 3. lines in the body typeface that follow one another (the rule Word documents share).
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from extractor import ticks
from extractor.headings import (
    ListEntry,
    Numbered,
    assign_levels,
    join_spaced,
    list_item_runs,
    looks_like_heading_text,
    number_value,
    rank_of,
    split_number,
)
from extractor.model import Block, Heading, Location, Paragraph, Table
from extractor.normalize import normalize
from extractor.pdf_lines import Line, join_text
from extractor.pdf_tables import FoundTable, continues, join
from extractor.pdf_title import title_lines

_CJK = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_END = ("。", "；", ";", "！", "？", "：", ":")
_CAPTION = re.compile(r"^(?:附?表\s*[0-9０-９一二三四五六七八九十]+.{0,40}|.{2,40}(?:表|情况|统计|清单|名单|一览))$")


@dataclass(slots=True)
class PageContent:
    number: int
    lines: list[Line]  # every line of the page, furniture flagged
    tables: list[FoundTable] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Bookmark:
    title: str
    level: int  # 0 = top
    page: int | None  # 1-based


@dataclass(slots=True)
class _Metrics:
    style: tuple[str, bool, int]
    size: float
    pitch: float
    left: dict[int, float]
    right: dict[int, float]


@dataclass(slots=True)
class _Para:
    lines: list[Line]
    role: str | None = None  # "title": the cover's title block

    @property
    def text(self) -> str:
        out = ""
        for ln in self.lines:
            out = join_text(out, ln.text.strip())
        return ticks.normalize(out)


def build_blocks(pages: list[PageContent], bookmarks: list[Bookmark]) -> list[Block]:
    flow: list[Line | FoundTable] = []
    for page in pages:
        flow.extend(_page_flow(page, _box_open(flow)))
    body = [x for x in flow if isinstance(x, Line)]
    if not body and not any(isinstance(x, FoundTable) for x in flow):
        return []
    metrics = _metrics(body)
    titled = {id(ln) for ln in _cover_title(flow, metrics)}
    items: list[_Para | FoundTable] = []
    for x in flow:
        last = items[-1] if items else None
        if isinstance(x, FoundTable):
            items.append(x)
        elif id(x) in titled:
            if isinstance(last, _Para) and last.role == "title":
                last.lines.append(x)
            else:
                items.append(_Para([x], "title"))
        elif isinstance(last, _Para) and last.role is None and _continues(last.lines[-1], x, metrics):
            last.lines.append(x)
        else:
            items.append(_Para([x]))
    return _classify(items, metrics, bookmarks)


def _cover_title(flow: list[Line | FoundTable], m: _Metrics) -> list[Line]:
    """The title lines at the top of the first page (see pdf_title)."""
    first: list[Line] = []
    for x in flow:
        if isinstance(x, FoundTable) or (first and x.page != first[0].page):
            break
        first.append(x)
    if not first:
        return []
    page = first[0].page
    return title_lines(first, m.size, m.left.get(page, 0.0), m.right.get(page, 0.0))


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


def _metrics(lines: list[Line]) -> _Metrics:
    weight: Counter[tuple[str, bool, int]] = Counter()
    for ln in lines:
        weight[ln.style] += len(ln.text)
    style = weight.most_common(1)[0][0] if weight else ("", False, 0)
    body = [ln for ln in lines if ln.style == style] or lines
    size = statistics.median(ln.size for ln in body) if body else 12.0
    steps = [b.top - a.top for a, b in itertools.pairwise(body)
             if a.page == b.page and 0.5 * size < b.top - a.top < 3 * size]
    pitch = statistics.median(steps) if steps else 1.5 * size
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    glob_l = _mode([ln.x0 for ln in body])
    glob_r = _upper([ln.x1 for ln in body])
    for page in {ln.page for ln in lines}:
        on = [ln for ln in body if ln.page == page]
        left[page] = _mode([ln.x0 for ln in on]) if len(on) >= 6 else glob_l
        right[page] = _upper([ln.x1 for ln in on]) if len(on) >= 6 else glob_r
    return _Metrics(style, size, pitch, left, right)


def _mode(values: list[float]) -> float:
    if not values:
        return 0.0
    return float(Counter(round(v) for v in values).most_common(1)[0][0])


def _upper(values: list[float]) -> float:
    """The right margin: most body lines reach it; hanging punctuation pokes a little past it."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[(3 * len(ordered)) // 4]


def _continues(prev: Line, line: Line, m: _Metrics) -> bool:
    if _CJK.search(prev.text) and _CJK.search(line.text) and prev.style != line.style and prev.font:
        return False
    em = m.size or line.size
    left, right = m.left.get(line.page, 0.0), m.right.get(prev.page, 0.0)
    if line.page == prev.page and not (0 < line.top - prev.top <= 1.45 * m.pitch + 1):
        return False
    if line.page != prev.page and line.page != prev.page + 1:
        return False
    if line.x0 > left + 0.8 * em or prev.x1 < right - 1.5 * em:
        return False
    return not (prev.text.rstrip().endswith(_SENTENCE_END) and split_number(line.text))


def _font_signal(para: _Para, m: _Metrics) -> bool:
    ln = para.lines[0]
    if not ln.font:  # OCR: box heights are too noisy to compare typefaces
        return False
    font, bold, size = m.style
    return ln.font != font or (ln.bold and not bold) or ln.size >= size + 1.5


def _classify(items: list[_Para | FoundTable], m: _Metrics, bookmarks: list[Bookmark]) -> list[Block]:
    marks: dict[str, list[Bookmark]] = {}
    for b in bookmarks:
        marks.setdefault(normalize(b.title), []).append(b)
    has_structure = any(_numbered_heading(x) for x in items if isinstance(x, _Para)) or bool(bookmarks)
    listed = list_item_runs([_list_entry(x, m) if isinstance(x, _Para) else None for x in items])
    kinds: list[tuple[str, Numbered | None, int | None] | None] = []
    seen_heading = False
    for i, x in enumerate(items):
        kind = None
        if isinstance(x, _Para) and x.role is None:
            text = x.text
            mark = next((b for b in marks.get(normalize(text), [])  # a bookmark may point a page late
                         if b.page is None or abs(b.page - x.lines[0].page) <= 1), None)
            numbered = _numbered_heading(x)
            if numbered and i in listed and not _font_signal(x, m):
                numbered = None  # 1. 2. 3. in the body typeface, one after another: a list
            if mark:
                kind = ("bookmark", split_number(text), mark.level)
            elif numbered and (_font_signal(x, m) or len(x.lines) == 1):
                kind = ("font" if _font_signal(x, m) else "numbering", numbered, None)
            elif (_font_signal(x, m) and (seen_heading or not has_structure) and len(x.lines) <= 2
                  and looks_like_heading_text(text, max_chars=30) and "：" not in text and ":" not in text):
                kind = ("font", None, None)
            seen_heading = seen_heading or kind is not None
        kinds.append(kind)
    ranks = _ranks(items, kinds)
    headed = [(r, k[1] if k else None) for r, k in zip(ranks, kinds, strict=True) if r is not None]
    levels = iter(assign_levels([r for r, _ in headed], [n for _, n in headed]))
    blocks: list[Block] = []
    table_end: dict[int, int] = {}  # id(table) -> the last page it runs to
    for x, kind, rank in zip(items, kinds, ranks, strict=True):
        if isinstance(x, FoundTable):
            _add_table(blocks, x.table, table_end)
            continue
        first = x.lines[0]
        loc = Location(page=first.page, line=first.number)
        if kind is None or rank is None:
            blocks.append(Paragraph(text=x.text, loc=loc, style=x.role, role=x.role))
            continue
        signal, numbered, _ = kind
        text = x.text
        blocks.append(Heading(text=text, level=next(levels), number=numbered.label if numbered else "",
                              title=numbered.title if numbered else join_spaced(text), loc=loc,
                              numbering=numbered.numbering if numbered else "none", signal=signal,
                              value=numbered.number if numbered else ""))
    return blocks


def _list_entry(para: _Para, m: _Metrics) -> ListEntry | None:
    """A numbered paragraph for the shared list rule; a heading typeface is the PDF's emphasis."""
    n = split_number(para.text)
    if n is None:
        return None
    return ListEntry(n.numbering, n.numbering, number_value(n.number), _numbered_heading(para) is not None,
                     _font_signal(para, m))


def _numbered_heading(para: _Para) -> Numbered | None:
    if len(para.lines) > 3:
        return None
    n = split_number(para.text)
    return n if n and looks_like_heading_text(n.title) else None


def _ranks(items: list[_Para | FoundTable],
           kinds: list[tuple[str, Numbered | None, int | None] | None]) -> list[int | None]:
    """Numbered headings rank by their number kind; unnumbered ones borrow the rank of numbered
    headings sharing their bookmark level or typeface."""
    by_mark: dict[int, Counter[int]] = {}
    by_style: dict[tuple[str, bool, int], Counter[int]] = {}
    for x, kind in zip(items, kinds, strict=True):
        if kind and kind[1] and isinstance(x, _Para):
            r = rank_of(kind[1])
            by_style.setdefault(x.lines[0].style, Counter())[r] += 1
            if kind[2] is not None:
                by_mark.setdefault(kind[2], Counter())[r] += 1
    top = min((r for c in by_style.values() for r in c), default=0)
    ranks: list[int | None] = []
    for x, kind in zip(items, kinds, strict=True):
        if kind is None or not isinstance(x, _Para):
            ranks.append(None)
        elif kind[1]:
            ranks.append(rank_of(kind[1]))
        elif kind[2] is not None:
            known = by_mark.get(kind[2])
            ranks.append(known.most_common(1)[0][0] if known else kind[2] + 1)
        else:
            known = by_style.get(x.lines[0].style)
            ranks.append(known.most_common(1)[0][0] if known else top)
    return ranks


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
