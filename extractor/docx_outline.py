"""Which Word paragraphs are headings, and at what level.

A Chinese report marks its structure in any of four ways, often mixed in one file: a heading
style (Heading N / 标题 N), an outline level on a plain paragraph (WPS), Word automatic numbering,
or a typed number (一、 （一） 1. （1）) on a short line. So a paragraph is a heading candidate when
any of these says so, and the *level* comes from the kind of number (第一部分 > 一、 > （一） > 1. >
（1）), compressed to the kinds the document uses; an unnumbered heading takes the rank its style
level has elsewhere in the same document (Heading 2 = （一） when the numbered Heading 2s are （一）).

Numbered lists must not break the outline: "1. 加快推进……。" is a sentence, so it stays a
paragraph, and so do its short neighbours in the same run of 1. 2. 3. items.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from extractor.docx_text import ParaInfo
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
from extractor.model import Block, Heading, Location, Paragraph, Table
from extractor.pdf_lines import join_text

_ATTACHMENT = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?$")
_CAPTION = re.compile(r"^(?:续)?(?:附)?表\s*[0-9０-９一二三四五六七八九十]+")
_LABEL_PUNCT = "、.．)）(（ \u3000:："
_MAX_HEADING_CHARS = 100  # a heading-styled paragraph longer than this is body text styled by mistake


@dataclass(slots=True)
class Line:
    """One displayed paragraph of the body (or of a 1x1 frame, or a text box line)."""

    text: str
    loc: Location
    info: ParaInfo | None  # None for text-box lines, which are never headings
    toc: bool = False
    frame: int = 0  # n > 0: inside the n-th 1x1 frame table, whose headings nest under the body's


@dataclass(slots=True)
class _Cand:
    num: Numbered | None
    style_level: int | None  # heading style name / outline level
    signal: str
    bold: bool


def _auto_number(line: Line) -> Numbered | None:
    """The number Word renders, as a typed number would read; kinds outside the typed set -> "other"."""
    info = line.info
    label = info.label if info else None
    if label is None or not label.shown:
        return None
    found = split_number(line.text)
    if found:
        return found
    fmt, shown = label.fmt, label.shown
    paren = "(" in shown or "（" in shown
    if fmt.startswith("chinese") or fmt.startswith("ideographDigital"):
        kind = "chinese-paren" if paren else "chinese"
    elif fmt.startswith("decimal") and "Enclosed" not in fmt:
        kind = "arabic-paren" if paren else "arabic"
    elif fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        kind = "circled"
    else:
        kind = "other"
    return Numbered(kind, shown.strip(_LABEL_PUNCT), line.text[len(shown):].strip(), shown.strip(" \t\u3000:："))


def _candidate(line: Line) -> _Cand | None:
    info = line.info
    text = line.text
    if info is None or line.toc or info.style.is_toc or not text:
        return None
    level = info.outline or info.style.heading_level
    num = _auto_number(line) or (split_number(text) if not info.label or not info.label.shown else None)
    if level is not None:
        if len(text) > _MAX_HEADING_CHARS:
            return None
        num = num or split_spaced_number(text)
        signal = "outline" if info.outline_direct or info.style.heading_level is None else "style"
        return _Cand(num, level, signal, info.bold)
    if num is None or (num.numbering == "other" and not info.bold):
        return None  # a), i., A. in the body's own type: list items
    wide = info.bold or (num.numbering in RANK and RANK[num.numbering] <= 2)
    if not looks_like_heading_text(num.title, max_chars=60 if info.bold else 50 if wide else 40,
                                   full_stop=info.bold):  # a bold （一）……。 over two lines is a heading
        return None
    if info.label is not None and info.label.shown:
        return _Cand(num, None, "numbering", info.bold)
    return _Cand(num, None, "prefix", info.bold)


def _list_entry(line: Line, cand: _Cand | None) -> ListEntry | None:
    """A numbered line for the shared list rule: its sequence, value, and whether bold marks it."""
    info = line.info
    if info is None:
        return None
    if info.label is not None and info.label.shown:
        num = _auto_number(line)
        kind = num.numbering if num else "other"
        return ListEntry(("auto", info.label.list_key, info.label.ilvl, kind), kind, None,
                         cand is not None, cand is not None and cand.bold)
    num = split_number(line.text)
    if num is None:
        return None
    return ListEntry(("typed", num.numbering), num.numbering, number_value(num.number),
                     cand is not None, cand is not None and cand.bold)


def _demote_lists(items: list[Line | Table], cands: dict[int, _Cand]) -> set[int]:
    """Adjacent 1. 2. 3. items are a list, not headings (see `list_item_runs`); a heading style or
    outline level still makes its item a heading. Returns the items found to be list items."""
    at: list[int] = []
    entries: list[ListEntry | None] = []
    for i, item in enumerate(items):
        if isinstance(item, Line) and not item.text:
            continue  # a picture between two items does not end the list
        at.append(i)
        entries.append(_list_entry(item, cands.get(i)) if isinstance(item, Line) else None)
    listed = {at[k] for k in list_item_runs(entries)}
    for i in listed:
        c = cands.get(i)
        if c is not None and c.signal in ("prefix", "numbering"):
            del cands[i]
    return listed


def _drop_unheaded(items: list[Line | Table], cands: dict[int, _Cand], listed: set[int]) -> None:
    """Weak candidates (a number and nothing else) that are no headings: those whose number continues
    no sequence of its kind (see `out_of_sequence`), and centred cover lines ("第1部分：通用要求"
    under a standard's name) above a document whose headings are styled."""
    order = sorted(cands)
    strong = [i for i in order if cands[i].signal in ("style", "outline") or cands[i].bold]
    for i in order:
        c, line = cands[i], items[i]
        if (strong and i < strong[0] and c.signal in ("prefix", "numbering") and isinstance(line, Line)
                and line.info is not None and line.info.center):
            del cands[i]
    at: list[int] = []
    entries: list[SequenceEntry] = []
    for i, line in enumerate(items):
        if not isinstance(line, Line) or line.info is None or line.toc or not line.text:
            continue
        c = cands.get(i)
        num = c.num if c is not None else (_auto_number(line) or split_number(line.text))
        if num is None or num.numbering not in RANK:
            continue
        label = line.info.label
        key = ("auto", label.list_key, label.ilvl) if label is not None and label.shown else num.numbering
        at.append(i)
        entries.append(SequenceEntry(key, rank_of(num), number_value(num.number),
                                     c is not None and c.signal in ("prefix", "numbering") and not c.bold,
                                     candidate=c is not None, listed=i in listed))
    for k in out_of_sequence(entries):
        del cands[at[k]]
    texts = [i for i, line in enumerate(items) if not isinstance(line, Line) or line.text]
    for n, i in enumerate(texts):  # "d)评价计划 / 1)时间计划表… / e)项目文件": inside a list
        c = cands.get(i)
        if (c is None or c.signal not in ("prefix", "numbering") or c.bold or n == 0 or n + 1 == len(texts)
                or (c.num is not None and number_value(c.num.number) not in (1, None))):
            continue  # a 2、 that follows its 1、 heading continues the outline, wherever it stands
        if all(_list_line(items[k]) and k not in cands for k in (texts[n - 1], texts[n + 1])):
            del cands[i]


def _list_line(item: Line | Table) -> bool:
    """A numbered line of the body: a list item or a numbered sentence."""
    if not isinstance(item, Line) or item.info is None:
        return False
    label = item.info.label
    return (label is not None and bool(label.shown)) or split_number(item.text) is not None


def _levels(items: list[Line | Table], cands: dict[int, _Cand]) -> dict[int, int]:
    """Rank by number kind; unnumbered headings by the rank their style level has in this document.

    A report typed into a 1x1 frame under "3.2 …自评报告" numbers its own parts 一、 （一）: those
    headings are levelled among themselves and placed under the body heading before the frame."""
    seen: dict[int, Counter[int]] = {}
    for c in cands.values():
        if c.num is not None and c.num.numbering in RANK and c.style_level:
            seen.setdefault(c.style_level, Counter())[rank_of(c.num)] += 1
    by_level = {lvl: counts.most_common(1)[0][0] for lvl, counts in seen.items()}

    def rank_for(level: int) -> int:
        if level in by_level:
            return by_level[level]
        lower = [lvl for lvl in by_level if lvl < level]
        return by_level[max(lower)] + level - max(lower) if lower else level

    ranks: dict[int, int] = {}
    above = 0  # rank of the last heading whose rank is known
    for i, c in cands.items():
        if c.num is not None and c.num.numbering in RANK:
            above = rank_of(c.num)
        elif c.style_level is not None:
            above = rank_for(c.style_level)
        else:  # 甲、 A. I. in a list of their own: one below the heading they follow
            ranks[i] = above + 1
            continue
        ranks[i] = above
    scopes: dict[int, list[int]] = {}
    for i in cands:
        scopes.setdefault(_frame(items[i]), []).append(i)
    def nest(members: list[int]) -> list[int]:
        return assign_levels([ranks[i] for i in members], [cands[i].num for i in members])

    body = scopes.pop(0, [])
    levels = dict(zip(body, nest(body), strict=True))
    for members in scopes.values():
        before = [j for j in body if j < members[0]]
        base = levels[before[-1]] if before else 0
        for i, level in zip(members, nest(members), strict=True):
            levels[i] = base + level
    return levels


def _frame(item: Line | Table) -> int:
    return item.frame if isinstance(item, Line) else 0


def _title_lines(items: list[Line | Table], body_size: int) -> list[int]:
    """The document title: centred, big or bold, unnumbered lines at the top (after "附件1")."""
    out: list[int] = []
    skipped = 0
    for i, item in enumerate(items[:12]):
        if isinstance(item, Table) or item.info is None:
            break
        info, text = item.info, item.text
        if not text or (not out and _ATTACHMENT.match(text)):
            continue  # a logo above the title, "附件1"
        numbered = (info.label is not None and info.label.shown) or split_number(text) is not None
        if numbered or item.toc or info.style.is_toc or len(text) > 60:
            break
        styled_heading = info.outline is not None or info.style.heading_level is not None
        big = info.bold or info.size >= body_size + 4 or (styled_heading and len(text) >= 8)
        first = items[out[0]].info if out else None  # type: ignore[union-attr]
        if first is not None and abs(info.size - first.size) > 2:
            break  # the title's lines share its size; the unit and the date below are set smaller
        if info.style.is_title or (info.center and big):
            out.append(i)
            continue
        if out or skipped >= 2 or styled_heading:
            break
        skipped += 1
    return out


def _caption(blocks: list[Block]) -> str | None:
    """"表1 ：…报表" up to two paragraphs back, else the paragraph right before if it is short."""
    back: list[str] = []
    for b in reversed(blocks):
        if not isinstance(b, Paragraph) or len(back) == 2:
            break
        if b.text:  # a picture is not a caption
            back.append(b.text)
    for text in back:
        if _CAPTION.match(text) and len(text) <= 60:
            return text
    if back and len(back[0]) <= 40 and not back[0].endswith(("。", "；", ";")):
        return back[0]
    return None


def _body_size(items: list[Line | Table], default: int) -> int:
    """The font size most of the text is set in (half-points): what a big title line is bigger than."""
    sizes: Counter[int] = Counter()
    for item in items:
        if isinstance(item, Line) and item.info is not None and item.info.size:
            sizes[item.info.size] += len(item.text)
    return sizes.most_common(1)[0][0] if sizes else default


def build_blocks(items: list[Line | Table], body_size: int) -> tuple[list[Block], str | None]:
    """Blocks in reading order, and the title line's text (None when there is none)."""
    titles = set(_title_lines(items, _body_size(items, body_size)))
    cands = {i: c for i, item in enumerate(items)
             if isinstance(item, Line) and i not in titles and (c := _candidate(item)) is not None}
    _drop_unheaded(items, cands, _demote_lists(items, cands))
    levels = _levels(items, cands)
    blocks: list[Block] = []
    first_title = min(titles, default=None)
    for i, item in enumerate(items):
        if i in titles:
            if i == first_title:  # the title's lines are one block: a name broken over two lines is whole
                text = functools.reduce(join_text, (items[k].text for k in sorted(titles)), "")  # type: ignore[union-attr]
                blocks.append(Paragraph(text=text, loc=item.loc, style="title", role="title"))
            continue
        if isinstance(item, Table):
            item.caption = _caption(blocks)
            blocks.append(item)
        elif i in cands:
            c = cands[i]
            num = c.num if c.num is not None else Numbered("none", "", item.text)
            blocks.append(Heading(text=item.text, level=levels[i], number=num.label or num.number,
                                  title=num.title or item.text, loc=item.loc, numbering=num.numbering,
                                  signal=c.signal, value=num.number))
        else:
            style = item.info.style.name if item.info else "textbox"
            blocks.append(Paragraph(text=item.text, loc=item.loc, style=style,
                                    images=item.info.images if item.info else 0))
    title = "".join(items[i].text for i in sorted(titles))  # type: ignore[union-attr]
    return blocks, title or None
