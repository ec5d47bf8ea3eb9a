"""Typed heading numbers of Chinese reports: 第一部分 / 一、 / （一） / 1. / （1） / ①.

Chinese 公文-style reports signal hierarchy by the *kind* of number more reliably than by style
or font, so the parsers split a heading into (numbering kind, number, title) here and derive the
level from the kind's conventional rank, compressed to the ranks a document actually uses.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

_CN = "〇零一二三四五六七八九十百千两"
_NUM = r"\d{1,3}"

# A section number's parts have at most two digits: "3.2023年度统计报表" is item 3 whose title starts
# with a year, not section 3.2023, while "1.125亿元" is a decimal and no number at all.
_YEAR = r"(?:19|20)\d{2}(?!\d)"

# (kind, pattern). The number is group "n", the rest of the line group "t". Order matters:
# the dotted form "2.1" must be tried before the plain "2.".
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第(?P<n>[{_CN}]+|{_NUM})部分[\s:：、.．]*(?P<t>.*)$")),
    # "案例一：集群数字化转型": a case of 典型案例 opened on its own line, numbered in words or digits.
    ("case", re.compile(rf"^(?:典型)?案例\s*(?P<n>[{_CN}]+|{_NUM})(?:\s*[:：、.．]\s*|\s+|$)(?P<t>.*)$")),
    ("chapter", re.compile(rf"^第(?P<n>[{_CN}]+|{_NUM})[章篇][\s:：、.．]*(?P<t>.*)$")),
    ("chinese", re.compile(rf"^(?P<n>[{_CN}]+)\s*[、.．，,]\s*(?P<t>.*)$")),
    ("chinese-paren", re.compile(rf"^[（(]\s*(?P<n>[{_CN}]+)\s*[)）]\s*[、.．]?\s*(?P<t>.*)$")),
    ("arabic-dotted", re.compile(r"^(?P<n>\d{1,2}(?:[.．]\d{1,2})+)(?![\d%])[.．、]?\s*(?P<t>.*)$")),
    ("arabic", re.compile(rf"^(?P<n>\d{{1,2}})\s*(?:[、．]|\.(?!\d)|\.(?={_YEAR}))\s*(?P<t>.*)$")),
    ("arabic-paren", re.compile(r"^[（(]\s*(?P<n>\d{1,2})\s*[)）]\s*[、.．]?\s*(?P<t>.*)$")),
    ("circled", re.compile(r"^(?P<n>[①-⑳])\s*(?P<t>.*)$")),
]

# Conventional rank of each kind: 第一部分 > 一、 > （一） > 1. > （1） > ①. A case (案例一：) ranks
# with （一）: it opens a part of 典型案例 and holds its own 1. 2. steps.
RANK: dict[str, int] = {
    "part": 0, "chapter": 0, "chinese": 1, "chinese-paren": 2, "case": 2, "arabic": 3, "arabic-dotted": 3,
    "arabic-paren": 4, "circled": 5,
}

_LABEL_END = " \t\u3000:："  # separators between a number and its title that are not part of the number
_CJK_SPACED = re.compile(r"(?<=[\u3400-\u9fff]) {1,3}(?=[\u3400-\u9fff])")


@dataclass(frozen=True, slots=True)
class Numbered:
    """A heading number split off its title. `number` is the bare value ("一", "2.1") a sequence is
    counted in; `label` is the number as written ("（一）", "一、", "1.", "第五部分"), which is what
    tells "（一）" from "一、" apart."""

    numbering: str
    number: str
    title: str
    label: str = ""


def join_spaced(text: str) -> str:
    """"保 障措施" -> "保障措施": letter-spaced heading text (a PDF's spread-out title, a typed
    "前  言") read as the words it spells. Only for titles: body text keeps what was typed."""
    return _CJK_SPACED.sub("", text)


def split_number(text: str) -> Numbered | None:
    """"（一）集群产业结构" -> Numbered("chinese-paren", "一", "集群产业结构", "（一）"); None if unnumbered."""
    s = text.strip().lstrip("\u3000")
    if s[:1] in ("—", "-") and len(s) > 1 and s[1] == "、":  # OCR/typing slip: "—、" for "一、"
        s = "一" + s[1:]
    for kind, pat in _PATTERNS:
        m = pat.match(s)
        if m:
            number = m.group("n").replace("．", ".")
            label = s[: m.start("t")].rstrip(_LABEL_END) if m.group("t") else s.rstrip(_LABEL_END)
            return Numbered(kind, number, join_spaced(m.group("t").strip()), label)
    return None


_SPACED = re.compile(r"^(?P<n>\d{1,2}(?:[.．]\d{1,2}){0,3})(?:[ \t\u3000]+(?=[^\d\s.．、%])|(?=[\u3400-\u9fff]))"
                     r"(?P<t>.+)$")


def split_spaced_number(text: str) -> Numbered | None:
    """"1 这是第一章标题", "3\t复杂嵌套多级列表", "2集群发展成效": a number set off by a space or tab
    alone, as standards and English reports write them, or glued to the title where a PDF lost the
    tab after Word's automatic number. Only for a line already known to be a heading (by its style
    or typeface): in running text "3 个项目" is no number."""
    m = _SPACED.match(text.strip())
    if m is None:
        return None
    n = m.group("n").replace("．", ".")
    kind = "arabic-dotted" if "." in n else "arabic"
    return Numbered(kind, n, join_spaced(m.group("t").strip()), n)


def bare_number(label: str) -> str:
    """The value of a number as written: "（一）" -> "一", "一、" -> "一", "第五部分" -> "五", "2.1." -> "2.1"."""
    found = split_number(label.strip() + " x") if label.strip() else None
    return found.number if found else label.strip()


def rank_of(n: Numbered) -> int:
    """Dotted numbers nest by their dots: 2.1 sits below 2, 2.1.1 below 2.1."""
    if n.numbering == "arabic-dotted":
        return RANK["arabic"] + n.number.count(".") - 1 + (1 if n.number.count(".") else 0)
    return RANK[n.numbering]


# A table-of-contents line: the title, a dot leader or tab, the page number.
_TOC_LINE = re.compile(r"(?:[.．…·•\-_]{3,}|\t)\s*\d{1,4}$")


_QUOTED = re.compile(r"^[“\"「『].*[”\"」』][。！？.!?]?$")


def looks_like_heading_text(title: str, *, max_chars: int = 40, full_stop: bool = False) -> bool:
    """A numbered line is a heading only when it reads like a title, not like a list item sentence
    (nor like a table-of-contents entry, which repeats a heading with its page number, nor a
    quotation numbered （3）). `full_stop`: the line is set apart by its typeface, and 公文 headings
    so set may end with 。 — one sentence, not two."""
    t = title.strip()
    if not t or len(t) > max_chars or _TOC_LINE.search(t) or _QUOTED.match(t):
        return False
    if full_stop and t.endswith("。"):
        return not re.search(r"[。；;！？]", t[:-1])
    if t.endswith(("：", ":")) and re.search(r"[，,]", t):
        return False  # "一般而言，……应包括以下14个安全要素：" opens a list; it heads nothing
    return not t.endswith(("。", "；", ";", "，", ","))


_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def number_value(number: str) -> int | None:
    """The value of a heading number ("十二" -> 12, "3" -> 3, "②" -> 2); None for "2.1" and the like.

    Lets a caller tell a running sequence (1, 2, 3 …) from a restart."""
    if number.isdecimal():
        return int(number)
    if len(number) == 1 and "①" <= number <= "⑳":
        return ord(number) - ord("①") + 1
    total = digit = 0
    for ch in number:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            total += (digit or 1) * _CN_UNIT[ch]
            digit = 0
        else:
            return None
    return total + digit if number else None


def assign_levels(ranks: list[int], numbers: Sequence[Numbered | None] | None = None) -> list[int]:
    """Levels 1, 2, 3 … for ranks in document order: each heading sits one below the nearest
    preceding heading of a higher rank (a smaller number).

    So a 1. directly under 一、 is level 2 and a 1. under （一） level 3, even in one document: the
    kinds decide who contains whom, the nesting decides the depth, and no level is skipped. Given
    the headings' `numbers` too, a block numbered on its own inside a section (see `_embedded`)
    is nested under that section instead of outranking it.
    """
    if numbers is not None:
        ranks = _embedded(ranks, numbers)
    stack: list[int] = []
    levels: list[int] = []
    for r in ranks:
        while stack and stack[-1] >= r:
            stack.pop()
        stack.append(r)
        levels.append(len(stack))
    return levels


def _embedded(ranks: list[int], numbers: Sequence[Numbered | None]) -> list[int]:
    """五、实施方案 … 第一部分 … 第五部分 … 六、真实性声明: because 六 continues 五's sequence, the
    parts between them (numbered afresh from 第一) belong to 五, a plan embedded in the report.
    Their ranks are shifted below 五's; numbering that merely continues across parts is left alone."""
    out = list(ranks)
    seen: dict[tuple[str, int], int] = {}  # (kind, value) -> index of its latest heading
    for i, n in enumerate(numbers):
        value = number_value(n.number) if n is not None else None
        if n is None or value is None:
            continue
        p = seen.get((n.numbering, value - 1))
        seen[(n.numbering, value)] = i
        if p is None or i - p < 2:
            continue
        span = range(p + 1, i)
        outranking = [j for j in span if out[j] <= out[p]]
        first = numbers[outranking[0]] if outranking else None
        if first is None or number_value(first.number) != 1:
            continue
        shift = out[p] + 1 - min(out[j] for j in span)
        for j in span:
            out[j] += shift
    return out


@dataclass(frozen=True, slots=True)
class ListEntry:
    """A numbered line as the list rule sees it; each parser fills it in from its own signals."""

    key: Hashable  # which sequence the number belongs to: its kind (plus Word's list id, if any)
    kind: str  # the numbering kind, see RANK ("other" for Word numbering outside the typed set)
    value: int | None  # its value in the sequence; None: the numbering counter keeps the order
    titled: bool  # reads like a title (`looks_like_heading_text`), not like a sentence
    emphasized: bool  # set apart from the body: bold (Word) or a heading typeface (PDF)


def list_item_runs(entries: Sequence[ListEntry | None]) -> set[int]:
    """Indexes of numbered lines that are list items, not headings: one rule for every format.

    Adjacent 1. 2. 3. items with nothing between them (`None` = body text or a table ends a run)
    are a list — unless one of them is emphasized and none of them is a sentence. A single item, a
    dotted 2.1 series, or 一、 （一） numbers are headings' business and never make a list here."""
    out: set[int] = set()
    run: list[int] = []
    key: Hashable = None
    last: int | None = None

    def flush() -> None:
        if len(run) >= 2:
            kind = entries[run[0]].kind  # type: ignore[union-attr]
            members = [e for i in run if (e := entries[i]) is not None]
            if (kind != "arabic-dotted" and RANK.get(kind, 3) >= 3
                    and (not all(e.titled for e in members) or not any(e.emphasized for e in members))):
                out.update(run)
        run.clear()

    for i, e in enumerate(entries):
        if e is None:
            flush()
            key = last = None
            continue
        follows = bool(run) and e.key == key and (e.value is None or (last is not None and e.value == last + 1))
        if not follows:
            flush()
        run.append(i)
        key, last = e.key, e.value
    flush()
    return out


@dataclass(frozen=True, slots=True)
class SequenceEntry:
    """A numbered line as the sequence rule sees it: heading candidates and the rest alike."""

    key: Hashable  # the sequence it counts in: its kind, or Word's list and level
    rank: int
    value: int | None  # None: not counted (2.1, or a counter that keeps its own order)
    weak: bool  # only its number makes it a candidate: not styled, not bold, not in a heading typeface
    candidate: bool = True  # False: a numbered line that is body text already (a sentence)
    listed: bool = False  # a list item by the list rule


def out_of_sequence(entries: Sequence[SequenceEntry]) -> set[int]:
    """Indexes of weak candidates that head nothing because of the sequence they are in: a heading's
    number follows the number before it in its sequence, so a lone "（3）" (a numbered quotation) or
    a "3" whose 1 and 2 were list items is no heading — the list goes on.

    A sequence restarts under each heading that outranks it. Only the list-like kinds (1. （1） ①)
    are held to it: a 一、 or （一） that skips a number is a section left out, which is the
    checker's finding to make, not a reason to lose the next heading."""
    out: set[int] = set()
    last: dict[Hashable, tuple[int, bool]] = {}  # key -> (value, was a list item)
    ranks: dict[Hashable, int] = {}
    for i, e in enumerate(entries):
        drop = False
        if (e.candidate and not e.listed and e.weak and e.value is not None and e.value > 1
                and e.rank > RANK["chinese-paren"]):
            before = last.get(e.key)
            drop = before is None or before[0] != e.value - 1 or before[1]
        if drop:
            out.add(i)
        if e.candidate and not e.listed and not drop:  # a heading: the sequences below it restart
            for k in [k for k, r in ranks.items() if r > e.rank]:
                last.pop(k, None)
                ranks.pop(k, None)
        if e.value is not None:
            last[e.key] = (e.value, e.listed or drop)
            ranks[e.key] = e.rank
    return out | _first_of_lists(entries)


def _first_of_lists(entries: Sequence[SequenceEntry]) -> set[int]:
    """A weak "1)" whose 2) is a sentence or a list item opens that list: it heads nothing."""
    out: set[int] = set()
    for i, e in enumerate(entries):
        if not (e.candidate and not e.listed and e.weak and e.value == 1 and e.rank > RANK["chinese-paren"]):
            continue
        nxt = next((f for f in entries[i + 1 :] if f.key == e.key), None)
        if nxt is not None and nxt.value == 2 and (not nxt.candidate or nxt.listed):
            out.add(i)
    return out
