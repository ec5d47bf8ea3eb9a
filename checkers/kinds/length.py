"""字数 limits: 不少于N字 (min), N字以内 (max), N字左右 (about ± tolerance) (L001–L003).

Counted with extractor.counting, the one 字数 function, on the section body (subsections
included, heading excluded), the whole document, or the cell a form leaves for the text. Every
rule also reports what it counted (a `Measure`), broken limit or not, so a page draws the bar
from the report.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, model_validator

from checkers.context import Context
from checkers.findings import FindingLocation, Measure
from checkers.kinds.base import Outcome, RuleBase
from checkers.violations.length import AboveMaximum, AwayFromTarget, BelowMinimum
from checkers.where import SectionSpec, Where
from extractor.counting import Counts, word_count


@dataclass(frozen=True, slots=True)
class Counted:
    words: int
    location: FindingLocation
    section: str | None = None  # the heading measured
    outline: int | None = None  # its index in the report's outline


class Length(Where, RuleBase):
    kind: Literal["length"]
    target: str | None = None  # label for the finding; defaults to the section title / cell label
    min: int | None = None
    max: int | None = None
    about: int | None = None
    tolerance: float = 0.2  # for `about`: fraction of the target allowed either way
    exclude: list[SectionSpec] = Field(default_factory=list)  # scope = document: sections not counted

    @model_validator(mode="after")
    def _has_a_limit(self) -> Length:
        if self.min is None and self.max is None and self.about is None:
            raise ValueError("length 规则需要 min、max 或 about 之一")
        return self

    @property
    def label(self) -> str:
        if self.scope == "section" and self.section is not None:
            return self.target or self.section.title
        if self.scope == "document":
            return self.target or "全文"
        return self.target or self.cell_label or ""

    @property
    def bounds(self) -> tuple[int | None, int | None]:
        """The lowest and highest 字数 accepted."""
        if self.about is not None:
            return round(self.about * (1 - self.tolerance)), round(self.about * (1 + self.tolerance))
        return self.min, self.max

    @property
    def wording(self) -> str:
        """The limit as the notice says it: 不少于2000字 / 3000字以内 / 3500字左右（2800–4200）."""
        if self.about is not None:
            lo, hi = self.bounds
            return f"{self.about}字左右（{lo}–{hi}）"
        parts = [f"不少于{self.min}字"] if self.min is not None else []
        if self.max is not None:
            parts.append(f"{self.max}字以内")
        return "，".join(parts)

    def check(self, ctx: Context) -> Iterator[Outcome]:
        counted = self._measure(ctx)
        target = self.label
        lo, hi = self.bounds
        measure = Measure(rule=self.id, kind="length", scope=self.scope, target=target, min=self.min,
                          max=self.max, about=self.about, tolerance=self.tolerance if self.about is not None else None,
                          lo=lo, hi=hi, wording=self.wording, clause=self.clause or None, status="unmeasured")
        if counted is None:
            yield measure
            return
        words, where = counted.words, counted.location
        status = "ok"
        if self.min is not None and words < self.min:
            status = "short"
            yield self.finding(BelowMinimum(target, words, self.min), location=where, expected=self.min, actual=words)
        if self.max is not None and words > self.max:
            status = "long"
            yield self.finding(AboveMaximum(target, words, self.max), location=where, expected=self.max, actual=words)
        if self.about is not None and lo is not None and hi is not None and not lo <= words <= hi:
            status = "short" if words < lo else "long"
            yield self.finding(AwayFromTarget(target, words, self.about, lo, hi), location=where,
                               expected=self.about, actual=words)
        yield measure.model_copy(update={"value": words, "location": where, "section": counted.section,
                                         "outline": counted.outline, "status": status})

    def _measure(self, ctx: Context) -> Counted | None:
        if self.scope == "section":
            assert self.section is not None  # the pack refuses a section rule without one
            sec = ctx.find_section(self.section)
            if sec is None or (ctx.is_empty(sec) and ctx.outline_requires_body(self.section)):
                return None  # the outline rule reports it missing (O001) or empty (O004)
            return Counted(sec.words, ctx.locate(sec.start), ctx.section_label(sec), ctx.outline_index(sec))
        if self.scope == "document":
            skip = set(ctx.block_indices(self.exclude, with_heading=True))
            counts = ctx.doc.block_counts
            return Counted(Counts.sum(counts[i] for i in range(len(counts)) if i not in skip).words, FindingLocation())
        regions = ctx.regions(self.cell_label or "")
        if not regions:
            return None  # a missing label is the fields rule's finding, not a length one
        region = max(regions, key=lambda r: (r.unit.in_table, len(r.answer)))
        u = region.unit
        where = ctx.locate(u.index, row=u.row, column=u.column)
        return Counted(word_count(region.answer), where, where.section)
