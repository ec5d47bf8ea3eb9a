"""The one-vote veto (一票否决): answered, and answered 否 (D003, D004).

The question itself says "是否发生…", so the answer is read only from the tick boxes (or, where
the applicant deleted one option, from the option left standing) after the question is cut off.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from checkers.findings import Finding
from checkers.kinds.base import RuleBase
from checkers.regions import Region, after_label
from checkers.violations.declarations import VetoAnsweredYes, VetoUnanswered
from extractor.normalize import normalize
from extractor.ticks import choices

if TYPE_CHECKING:
    from checkers.context import Context

_FILLER = "。.:：;；()（）[]【】 \u3000\n\t"


class Veto(RuleBase):
    kind: Literal["veto"]
    label: str  # "质量、安全、环保情况"
    question: str = ""  # "集群两年内（截止申请日期）是否发生重大质量、安全及环保事故"
    yes: str = "是"
    no: str = "否"

    def check(self, ctx: Context) -> Iterator[Finding]:
        regions = ctx.regions(self.label) or (ctx.regions(self.question) if self.question else [])
        if not regions:
            yield self.finding(VetoUnanswered(self.label, self.yes, self.no), expected=self.no, actual=None)
            return
        region = self._pick(regions)
        yes, no = self.answer(region)
        where = ctx.locate(region.unit.index, row=region.unit.row, column=region.unit.column)
        if yes == no:  # neither, or both
            yield self.finding(VetoUnanswered(self.label, self.yes, self.no, yes and no),
                               location=where, expected=self.no,
                               actual=[self.yes, self.no] if yes else None)
        elif yes:
            yield self.finding(VetoAnsweredYes(self.label, self.question, self.yes),
                               location=where, expected=self.no, actual=self.yes)

    def _pick(self, regions: list[Region]) -> Region:
        """Tick boxes first; then the place asking the question; then a label standing in its own
        cell (a caption "表10：…（一票否决）" also names the label but answers nothing)."""
        for test in (lambda r: bool(choices(r.text)),
                     lambda r: bool(self.question) and normalize(self.question) in normalize(r.text),
                     lambda r: r.beside):
            found = next((r for r in regions if test(r)), None)
            if found is not None:
                return found
        return regions[0]

    def answer(self, region: Region) -> tuple[bool, bool]:
        """(yes ticked, no ticked)."""
        text = after_label(region.text, self.label)
        if self.question:
            text = after_label(text, self.question)
        marks = choices(text)
        if marks:
            on = {normalize(lab) for lab, ticked in marks if ticked}
            return normalize(self.yes) in on, normalize(self.no) in on
        lines = [normalize(x).strip(_FILLER) for x in text.splitlines()]
        last = next((x for x in reversed(lines) if x), "")  # an option left standing on its own line
        y, n = normalize(self.yes), normalize(self.no)
        return last.startswith(y) and not last.startswith(y + n), last.startswith(n)
