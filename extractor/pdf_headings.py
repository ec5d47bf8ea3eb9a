"""Which rebuilt PDF paragraphs are headings, and at what level.

A heading is a short standalone line set apart from the body — by its typed number (一、（一）1.)
when it reads like a title, by a bookmark naming it, or by a typeface, weight or size that stands
out from the body's. Not every line that starts with a number is one: a numbered sentence
(1.建立……。) is a list item; short 1. 2. 3. lines in the body typeface that follow one another are
a list (the rule Word documents share); a number that continues no sequence of its kind ("3" whose
1 and 2 were list items, a quotation numbered （3）) heads nothing. And "set apart" means more
prominent: text smaller than the body (a sidebar's reference list, a chart legend, a footnote) is
never a heading, nor is a line without words (a formula's "V P =").
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from extractor import ticks
from extractor.headings import (
    RANK,
    ListEntry,
    Numbered,
    SequenceEntry,
    assign_levels,
    list_item_runs,
    looks_like_heading_text,
    number_value,
    out_of_sequence,
    rank_of,
    split_number,
    split_spaced_number,
)
from extractor.normalize import normalize
from extractor.pdf_lines import Line, join_text

_HAN = re.compile(r"[\u3400-\u9fff]")
_MATH = re.compile(r"[=≤≥≈≠∑∏∫√±×÷⋅∣∥∂∇∞→←^]")
_WORD = re.compile(r"[A-Za-z]{3,}")
_CAPTION_LINE = re.compile(r"^(?:续)?(?:附)?[表图]\s*[0-9０-９一二三四五六七八九十]+(?:[-—.．][0-9]+)*")


@dataclass(frozen=True, slots=True)
class Bookmark:
    title: str
    level: int  # 0 = top
    page: int | None  # 1-based


@dataclass(slots=True)
class Metrics:
    """The body's typeface and geometry: what a heading stands out from."""

    style: tuple[str, bool, int]
    size: float
    pitch: float
    left: dict[int, float]
    right: dict[int, float]
    columns: dict[int, float] = field(default_factory=dict)  # page -> where its leftmost text column starts


@dataclass(slots=True)
class Para:
    lines: list[Line]
    role: str | None = None  # "title": the cover's title block

    @property
    def text(self) -> str:
        out = ""
        for ln in self.lines:
            out = join_text(out, ln.text.strip())
        return ticks.normalize(out)


@dataclass(frozen=True, slots=True)
class Call:
    """A paragraph found to be a heading: what made it one, its number, its level."""

    signal: str
    numbered: Numbered | None
    level: int


def metrics(lines: list[Line]) -> Metrics:
    """The body style is the one most Chinese text is set in: a statement's columns of figures in
    8 pt are not the body of a report whose prose is 10 pt."""
    weight: Counter[tuple[str, bool, int]] = Counter()
    han = sum(len(_HAN.findall(ln.text)) for ln in lines)
    for ln in lines:
        weight[ln.style] += len(_HAN.findall(ln.text)) if han else len(ln.text)
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
        if len(on) < 6:  # a page set in other sizes (a disclosures page in 9 pt): its own lines tell
            on = [ln for ln in lines if ln.page == page and len(ln.text) >= 10]
        left[page] = _mode([ln.x0 for ln in on]) if len(on) >= 6 else glob_l
        right[page] = _upper([ln.x1 for ln in on]) if len(on) >= 6 else glob_r
    return Metrics(style, size, pitch, left, right, _columns(body, left))


def _columns(body: list[Line], left: dict[int, float]) -> dict[int, float]:
    """Where each page's leftmost column starts: a line start shared by over a third of the page's
    body lines (the left column of a two-column page), else the page's left margin."""
    out: dict[int, float] = {}
    for page, margin in left.items():
        starts = Counter(round(ln.x0) for ln in body if ln.page == page)
        total = sum(starts.values())
        shared = [x for x, n in starts.items() if total >= 6 and n >= 0.35 * total]
        out[page] = min([margin, *shared])
    return out


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


def font_signal(para: Para, m: Metrics) -> bool:
    """Set apart from the body by typeface, weight or size — and never smaller than the body."""
    ln = para.lines[0]
    if not ln.font:  # OCR: box heights are too noisy to compare typefaces
        return False
    font, bold, size = m.style
    if ln.size < m.size - 0.5:
        return False
    return ln.font != font or (ln.bold and not bold) or ln.size >= size + 1.5


def is_caption(line: Line) -> bool:
    """"表7-1：发行人历史评级情况": a table's caption, never the rest of the heading above it."""
    return _CAPTION_LINE.match(line.text.strip()) is not None


def starts_item(line: Line) -> bool:
    """A line that opens a numbered item or a caption: in a block of its own it starts a new one."""
    return (split_number(line.text) is not None or split_spaced_number(line.text) is not None
            or is_caption(line))


def has_words(text: str) -> bool:
    """Headings are made of words: "V P =", "(t2f + f2t)", "ij , (7)", ", zrank2" are pieces of
    formulas."""
    if text.strip()[:1] in ",，.。;；:：)）]】、":
        return False
    han = len(_HAN.findall(text))
    if han >= 2:
        return True
    letters = sum(ch.isalpha() for ch in text)
    visible = sum(not ch.isspace() for ch in text)
    return (not _MATH.search(text) and bool(_WORD.search(text)) and visible > 0
            and letters >= 0.7 * visible)


def headings(items: list[Para | object], m: Metrics, bookmarks: list[Bookmark]) -> list[Call | None]:
    """For each item (paragraphs; anything else is a table), the heading it is, or None."""
    marks: dict[str, list[Bookmark]] = {}
    for b in bookmarks:
        marks.setdefault(normalize(b.title), []).append(b)
    paras = [x if isinstance(x, Para) and x.role is None else None for x in items]
    listed = list_item_runs([_list_entry(p, m) if p is not None else None for p in paras])
    kinds: list[tuple[str, Numbered | None, int | None] | None] = []
    demoted: set[int] = set()
    for i, x in enumerate(paras):  # numbered headings and bookmarked ones first
        kind = None
        if x is not None:
            text = x.text
            mark = next((b for b in marks.get(normalize(text), [])  # a bookmark may point a page late
                         if b.page is None or abs(b.page - x.lines[0].page) <= 1), None)
            emphasis = font_signal(x, m)
            numbered = _numbered_heading(x, m)
            if numbered and i in listed and not emphasis:
                numbered = None  # 1. 2. 3. in the body typeface, one after another: a list
                demoted.add(i)
            spaced = split_spaced_number(text) if emphasis and numbered is None and len(x.lines) <= 2 else None
            if mark:
                kind = ("bookmark", split_number(text), mark.level)
            elif numbered and (emphasis or len(x.lines) == 1) and has_words(numbered.title):
                kind = ("font" if emphasis else "numbering", numbered, None)
            elif (spaced and has_words(spaced.title) and _in_column(x.lines[0], m)
                  and looks_like_heading_text(spaced.title)):
                kind = ("font", spaced, None)  # "2集群发展成效": Word's number, its tab lost
        kinds.append(kind)
    _drop_out_of_sequence(paras, kinds, demoted)
    # then titles set apart by their typeface alone: before the first numbered heading of a
    # document that has them, such a line is the cover's or a preface's, not the outline's
    seen_heading = not any(kinds)
    for i, x in enumerate(paras):
        if kinds[i] is not None:
            seen_heading = True
        elif (x is not None and seen_heading and font_signal(x, m) and len(x.lines) <= 2 and has_words(x.text)
              and _in_column(x.lines[0], m)
              and looks_like_heading_text(x.text, max_chars=30) and "：" not in x.text and ":" not in x.text
              and not x.text.endswith(".") and split_number(x.text) is None):
            kinds[i] = ("font", split_spaced_number(x.text), None)  # "5 Experiments and Results"
    ranks = _ranks(paras, kinds)
    headed = [(r, k[1] if k else None) for r, k in zip(ranks, kinds, strict=True) if r is not None]
    levels = iter(assign_levels([r for r, _ in headed], [n for _, n in headed]))
    return [Call(k[0], k[1], next(levels)) if k is not None and r is not None else None
            for k, r in zip(kinds, ranks, strict=True)]


def _in_column(ln: Line, m: Metrics) -> bool:
    """Within the body's text column: a sidebar's labels and names ("证券分析师", "相关研究") stand
    outside it, to the left of where the body's lines begin."""
    left = m.columns.get(ln.page, m.left.get(ln.page, 0.0))
    return ln.x0 >= left - 1.5 * m.size


def _drop_out_of_sequence(paras: list[Para | None], kinds: list[tuple[str, Numbered | None, int | None] | None],
                          demoted: set[int]) -> None:
    """Numbered lines whose only signal is their number must continue a sequence (see headings)."""
    at: list[int] = []
    entries: list[SequenceEntry] = []
    for i, (x, kind) in enumerate(zip(paras, kinds, strict=True)):
        n = kind[1] if kind is not None else (split_number(x.text) if x is not None else None)
        if n is None or n.numbering not in RANK:
            continue
        at.append(i)
        entries.append(SequenceEntry(n.numbering, rank_of(n), number_value(n.number),
                                     kind is not None and kind[0] == "numbering",
                                     candidate=kind is not None, listed=i in demoted))
    for k in out_of_sequence(entries):
        kinds[at[k]] = None


def _list_entry(para: Para, m: Metrics) -> ListEntry | None:
    """A numbered paragraph for the shared list rule; a heading typeface is the PDF's emphasis."""
    n = split_number(para.text)
    if n is None:
        return None
    return ListEntry(n.numbering, n.numbering, number_value(n.number), _numbered_heading(para, m) is not None,
                     font_signal(para, m))


def _numbered_heading(para: Para, m: Metrics) -> Numbered | None:
    """A numbered paragraph of at most three lines that reads like a title. One set apart by its
    typeface may be a long one that ends with 。 and wraps: "（一）推动……体系。" over two lines."""
    if len(para.lines) > 3:
        return None
    n = split_number(para.text)
    if n is None:
        return None
    if looks_like_heading_text(n.title):
        return n
    if font_signal(para, m) and looks_like_heading_text(n.title, max_chars=60, full_stop=True):
        return n
    return None


def _ranks(paras: list[Para | None],
           kinds: list[tuple[str, Numbered | None, int | None] | None]) -> list[int | None]:
    """Numbered headings rank by their number kind; unnumbered ones borrow the rank of numbered
    headings sharing their bookmark level or typeface."""
    by_mark: dict[int, Counter[int]] = {}
    by_style: dict[tuple[str, bool, int], Counter[int]] = {}
    for x, kind in zip(paras, kinds, strict=True):
        if kind and kind[1] and x is not None:
            r = rank_of(kind[1])
            by_style.setdefault(x.lines[0].style, Counter())[r] += 1
            if kind[2] is not None:
                by_mark.setdefault(kind[2], Counter())[r] += 1
    top = min((r for c in by_style.values() for r in c), default=0)
    ranks: list[int | None] = []
    for x, kind in zip(paras, kinds, strict=True):
        if kind is None or x is None:
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
