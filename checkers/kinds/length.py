"""字数 limits: 不少于N字 (min), N字以内 (max), N字左右 (about ± tolerance) (L001–L003).

Counted with extractor.counting, the one 字数 function, on the section body (subsections
included, heading excluded), the whole document, or the cell a form leaves for the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from checkers import messages as msg
from checkers.findings import Finding, FindingLocation
from checkers.kinds.base import RuleBase
from checkers.kinds.refs import SectionSpec
from extractor.counting import Counts, word_count

if TYPE_CHECKING:
    from checkers.context import Context


class Length(RuleBase):
    kind: Literal["length"]
    scope: Literal["section", "document", "cell"] = "section"
    section: SectionSpec | None = None  # scope = section
    cell_label: str | None = None  # scope = cell: the text is in the table cell after/below this label
    target: str | None = None  # label for the finding; defaults to the section title / cell label
    min: int | None = None
    max: int | None = None
    about: int | None = None
    tolerance: float = 0.2  # for `about`: fraction of the target allowed either way
    exclude: list[SectionSpec] = Field(default_factory=list)  # scope = document: sections not counted

    def check(self, ctx: Context) -> Iterator[Finding]:
        measured = self._measure(ctx)
        if measured is None:
            return
        target, words, where = measured
        if self.min is not None and words < self.min:
            yield self.finding("L001", target, msg.below(target, words, self.min), location=where,
                               expected=self.min, actual=words)
        if self.max is not None and words > self.max:
            yield self.finding("L002", target, msg.above(target, words, self.max), location=where,
                               expected=self.max, actual=words)
        if self.about is not None:
            lo, hi = round(self.about * (1 - self.tolerance)), round(self.about * (1 + self.tolerance))
            if not lo <= words <= hi:
                yield self.finding("L003", target, msg.away(target, words, self.about, lo, hi),
                                   location=where, expected=self.about, actual=words)

    def _measure(self, ctx: Context) -> tuple[str, int, FindingLocation] | None:
        if self.scope == "section":
            if self.section is None:
                return None
            sec = ctx.find_section(self.section)
            if sec is None or (ctx.is_empty(sec) and ctx.outline_requires_body(self.section)):
                return None  # the outline rule reports it missing (O001) or empty (O004)
            return self.target or self.section.title, sec.words, ctx.locate(sec.start)
        if self.scope == "document":
            skip = set(ctx.block_indices(self.exclude, with_heading=True))
            counts = ctx.doc.block_counts
            words = Counts.sum(counts[i] for i in range(len(counts)) if i not in skip).words
            return self.target or "全文", words, FindingLocation()
        label = self.cell_label or ""
        regions = ctx.regions(label)
        if not regions:
            return None  # a missing label is the fields rule's finding, not a length one
        region = max(regions, key=lambda r: (r.unit.in_table, len(r.answer)))
        u = region.unit
        return (self.target or label, word_count(region.answer),
                ctx.locate(u.index, row=u.row, column=u.column))
