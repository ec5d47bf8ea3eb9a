"""Typed heading numbers of Chinese reports: 第一部分 / 一、 / （一） / 1. / （1） / ①.

Chinese 公文-style reports signal hierarchy by the *kind* of number more reliably than by style
or font, so the parsers split a heading into (numbering kind, number, title) here and derive the
level from the kind's conventional rank, compressed to the ranks a document actually uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "〇零一二三四五六七八九十百千两"
_NUM = r"\d{1,3}"

# (kind, pattern). The number is group "n", the rest of the line group "t". Order matters:
# the dotted form "2.1" must be tried before the plain "2.".
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第(?P<n>[{_CN}]+|{_NUM})部分[\s:：、.．]*(?P<t>.*)$")),
    ("chapter", re.compile(rf"^第(?P<n>[{_CN}]+|{_NUM})[章篇][\s:：、.．]*(?P<t>.*)$")),
    ("chinese", re.compile(rf"^(?P<n>[{_CN}]+)\s*[、.．，,]\s*(?P<t>.*)$")),
    ("chinese-paren", re.compile(rf"^[（(]\s*(?P<n>[{_CN}]+)\s*[)）]\s*[、.．]?\s*(?P<t>.*)$")),
    ("arabic-dotted", re.compile(r"^(?P<n>\d{1,2}(?:[.．]\d{1,2})+)(?![\d%])[.．、]?\s*(?P<t>.*)$")),
    ("arabic", re.compile(r"^(?P<n>\d{1,2})\s*(?:[、．]|\.(?!\d))\s*(?P<t>.*)$")),
    ("arabic-paren", re.compile(r"^[（(]\s*(?P<n>\d{1,2})\s*[)）]\s*[、.．]?\s*(?P<t>.*)$")),
    ("circled", re.compile(r"^(?P<n>[①-⑳])\s*(?P<t>.*)$")),
]

# Conventional rank of each kind: 第一部分 > 一、 > （一） > 1. > （1） > ①.
RANK: dict[str, int] = {
    "part": 0, "chapter": 0, "chinese": 1, "chinese-paren": 2, "arabic": 3, "arabic-dotted": 3,
    "arabic-paren": 4, "circled": 5,
}


@dataclass(frozen=True, slots=True)
class Numbered:
    numbering: str
    number: str
    title: str


def split_number(text: str) -> Numbered | None:
    """"（一）集群产业结构" -> Numbered("chinese-paren", "一", "集群产业结构"); None if unnumbered."""
    s = text.strip().lstrip("\u3000")
    if s[:1] in ("—", "-") and len(s) > 1 and s[1] == "、":  # OCR/typing slip: "—、" for "一、"
        s = "一" + s[1:]
    for kind, pat in _PATTERNS:
        m = pat.match(s)
        if m:
            number = m.group("n").replace("．", ".")
            return Numbered(kind, number, m.group("t").strip())
    return None


def rank_of(n: Numbered) -> int:
    """Dotted numbers nest by their dots: 2.1 sits below 2, 2.1.1 below 2.1."""
    if n.numbering == "arabic-dotted":
        return RANK["arabic"] + n.number.count(".") - 1 + (1 if n.number.count(".") else 0)
    return RANK[n.numbering]


def looks_like_heading_text(title: str, *, max_chars: int = 40) -> bool:
    """A numbered line is a heading only when it reads like a title, not like a list item sentence."""
    t = title.strip()
    if not t or len(t) > max_chars:
        return False
    return not t.endswith(("。", "；", ";", "，", ","))


def assign_levels(ranks: list[int]) -> list[int]:
    """Compress the conventional ranks a document uses into levels 1, 2, 3 … in rank order."""
    used = sorted(set(ranks))
    level = {r: i + 1 for i, r in enumerate(used)}
    return [level[r] for r in ranks]
