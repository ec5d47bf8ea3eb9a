"""A section holds the number of items the template asks for, e.g. 典型案例（1-2个） (O005).

Items are counted from the structure the applicant gave them: the section's own sub-headings
(only those naming the item when some do), else lines that open an item ("案例一：…", "（二）…";
"1." lines are left out: inside one case they number its steps), else one item when the section
has prose at all, since a single case is often written unheaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from checkers.context import Context
from checkers.findings import Measure
from checkers.kinds.base import Outcome, RuleBase
from checkers.violations.outline import WrongItemCount, count_range
from checkers.where import SectionSpec
from extractor.headings import RANK, looks_like_heading_text, rank_of, split_number
from extractor.model import Heading, Paragraph, Section
from extractor.normalize import normalize

_ORDINAL = r"[一二三四五六七八九十\d]+"


class ItemCount(RuleBase):
    kind: Literal["item_count"]
    section: SectionSpec
    item: str = "案例"  # what an item is called; a sub-heading or numbered line mentioning it counts
    min: int | None = None
    max: int | None = None

    def check(self, ctx: Context) -> Iterator[Outcome]:
        target = self.section.title
        measure = Measure(rule=self.id, kind="item_count", target=target, unit="个", min=self.min, max=self.max,
                          lo=self.min, hi=self.max, wording=f"{count_range(self.min, self.max).strip()}个{self.item}",
                          clause=self.clause or None, status="unmeasured")
        sec = ctx.find_section(self.section)
        if sec is None or ctx.is_empty(sec):
            yield measure
            return  # O001 / O004 say so
        n = count_items(ctx, sec, self.item)
        where = ctx.locate(sec.start)
        short, long = self.min is not None and n < self.min, self.max is not None and n > self.max
        if short or long:
            yield self.finding(WrongItemCount(target, self.item, n, self.min, self.max), location=where,
                               expected=_expected(self.min, self.max), actual=n)
        yield measure.model_copy(update={
            "value": n, "location": where, "section": ctx.section_label(sec), "outline": ctx.outline_index(sec),
            "status": "short" if short else ("long" if long else "ok")})


def count_items(ctx: Context, sec: Section, item: str) -> int:
    blocks = ctx.doc.section_blocks(sec)
    heads = [b for b in blocks if isinstance(b, Heading)]
    if heads:
        top = min(h.level for h in heads)
        children = [h for h in heads if h.level == top]
        naming = [h for h in children if normalize(item) in normalize(h.text)]
        return len(naming or children)
    opener = re.compile(rf"^(典型)?{re.escape(item)}\s*{_ORDINAL}|^【?{re.escape(item)}{_ORDINAL}")
    marked = [p for p in blocks if isinstance(p, Paragraph) and opener.match(normalize(p.text))]
    if marked:
        return len(marked)
    numbered = []
    for p in blocks:
        if isinstance(p, Paragraph):
            num = split_number(p.text)
            if num and looks_like_heading_text(num.title) and rank_of(num) <= RANK["chinese-paren"]:
                numbered.append(rank_of(num))
    if numbered:
        return numbered.count(min(numbered))
    return 1


def _expected(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return str(lo) if lo == hi else f"{lo}–{hi}"
    return f"≥{lo}" if lo is not None else f"≤{hi}"
