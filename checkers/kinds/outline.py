"""Required sections present, in order, once, and not empty (O001–O004)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from checkers.context import Context, OutlineSpec
from checkers.findings import Finding
from checkers.kinds.base import RuleBase
from checkers.violations import spec_label
from checkers.violations.outline import SectionDuplicated, SectionEmpty, SectionMissing, SectionOutOfOrder
from checkers.where import SectionSpec

if TYPE_CHECKING:
    from checkers.matching import OutlineMatch
    from extractor.model import Section

NON_EMPTY = "有正文"


class Outline(RuleBase):
    kind: Literal["outline"]
    sections: list[SectionSpec]
    ordered: bool = True
    min_score: float = 80.0  # title similarity (0–100) above which a heading is taken as the section

    def outline(self) -> OutlineSpec:
        return OutlineSpec(self.sections, self.min_score)

    def check(self, ctx: Context) -> Iterator[Finding]:
        yield from self._level(ctx, ctx.outline_match(self.outline()), None)

    def _level(self, ctx: Context, match: OutlineMatch, parent: Section | None) -> Iterator[Finding]:
        specs = match.specs
        for i, spec in enumerate(specs):
            sec = match.found.get(i)
            if sec is None:
                if spec.required:
                    yield self._missing(ctx, match, i, parent)
                continue
            where = ctx.locate(sec.start)
            if self.ordered and i in match.out_of_order:
                j, before = match.out_of_order[i]
                expected, actual = _ranks(match, i)
                v = SectionOutOfOrder(spec.title, spec_label(spec), spec_label(specs[j]), before, expected, actual)
                yield self.finding(v, location=where, expected=expected, actual=actual)
            if i in match.duplicates:
                repeats = [sec, *match.duplicates[i]]
                yield self.finding(SectionDuplicated(spec.title, spec_label(spec), tuple(s.page for s in repeats)),
                                   location=ctx.locate(match.duplicates[i][0].start), expected=1, actual=len(repeats))
            if spec.body_required and ctx.is_empty(sec):
                yield self.finding(SectionEmpty(spec.title, ctx.section_label(sec)), location=where,
                                   expected=NON_EMPTY, actual=0)
            if i in match.children:
                yield from self._level(ctx, match.children[i], sec)

    def _missing(self, ctx: Context, match: OutlineMatch, i: int, parent: Section | None) -> Finding:
        spec = match.specs[i]
        before = [j for j in match.found if j < i]
        after = [j for j in match.found if j > i]
        if before:
            hint = (ctx.section_label(match.found[max(before)]), True)
        elif after:
            hint = (ctx.section_label(match.found[min(after)]), False)
        else:
            hint = None
        where = ctx.locate(parent.start) if parent else None
        v = SectionMissing(spec.title, spec_label(spec), ctx.section_label(parent) if parent else None, hint)
        return self.finding(v, location=where, expected=spec_label(spec), actual=None)


def _ranks(match: OutlineMatch, i: int) -> tuple[int, int]:
    """1-based place of spec i among the sections found: in the template's order, in the document's."""
    in_template = sorted(match.found).index(i) + 1
    in_document = sorted(s.start for s in match.found.values()).index(match.found[i].start) + 1
    return in_template, in_document
