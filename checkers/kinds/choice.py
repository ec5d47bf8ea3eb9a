"""Tick-box and choice fields: exactly one option chosen (T008).

Glyphs are read with extractor.ticks.choices (every parser has already reduced them to ☑/☐).
An applicant who deleted the other options instead of ticking ("申报类别 | 先进制造业集群") has
chosen too; a cell still holding every option ("（先进制造业集群或中小企业特色产业集群）") has not.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from checkers.findings import Finding
from checkers.kinds.base import RuleBase
from checkers.regions import Region, after_label
from checkers.violations.tables import NothingChosen, TooManyChosen
from extractor.normalize import normalize
from extractor.ticks import choices

if TYPE_CHECKING:
    from checkers.context import Context


class Choice(RuleBase):
    kind: Literal["choice"]
    label: str  # "申报类别", "申请状态", "产业集群类型"
    options: list[str]  # ["先进制造业集群", "中小企业特色产业集群"]
    multiple: bool = False

    def check(self, ctx: Context) -> Iterator[Finding]:
        regions = ctx.regions(self.label)
        if not regions:
            yield self.finding(NothingChosen(self.label, tuple(self.options)), expected=self.options, actual=None)
            return
        region = pick_region(regions, self.options)
        chosen = chosen_options(answer_text(region, self.label), self.options)
        where = ctx.locate(region.unit.index, row=region.unit.row, column=region.unit.column)
        if not chosen:
            yield self.finding(NothingChosen(self.label, tuple(self.options)), location=where,
                               expected="选择一项", actual=[])
        elif len(chosen) > 1 and not self.multiple:
            yield self.finding(TooManyChosen(self.label, tuple(chosen)), location=where, expected="选择一项", actual=chosen)


def answer_text(region: Region, label: str) -> str:
    """The label's own line when the ticks sit on it ("产业集群类型：县域□ 其他地区☑"), else what
    answers it; with the label itself cut off, so its words are never read as an answer."""
    return after_label(region.unit.text if choices(region.unit.text) else region.answer, label)


def pick_region(regions: list[Region], options: list[str]) -> Region:
    """The first place that answers with ticks, else the first naming an option, else the first."""
    for r in regions:
        if choices(r.text):
            return r
    for r in regions:
        if any(normalize(o) in normalize(r.answer) for o in options):
            return r
    return regions[0]


def chosen_options(text: str, options: list[str]) -> list[str]:
    marks = choices(text)
    if marks:
        ticked = [normalize(lab) for lab, on in marks if on]
        return [o for o in options if any(_same(normalize(o), t) for t in ticked)]
    norm = normalize(text)
    named = [o for o in options if normalize(o) in norm]
    return named if len(named) < len(options) or len(options) == 1 else []


def _same(option: str, label: str) -> bool:
    if len(option) <= 2 or len(label) <= 2:
        return option == label
    return option in label or label in option
