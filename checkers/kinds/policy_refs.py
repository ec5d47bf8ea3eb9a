"""Policies cited without 文号 or date where the template asks for them (E003).

003 表4 asks "注明文件名称、文号、发文时间和发文机关": every policy the text cites — a title in
《…》 naming a document (办法, 意见, 通知, 规划, 方案, 措施 …) or a bare "关于…的意见" — needs its
文号 (鄂政办发〔2021〕12号, 国科发火 (2013) 230 号) and/or date (2021年3月31日) next to it: in the 80
characters after the title (up to the next title or sentence end) or the 30 before it. A title cited
once with its 文号 is not reported again for a shorter mention elsewhere, and a short name defined
with 下称/简称 is not a citation.

Where: ``sections`` of the outline, the cells after ``table_labels`` (the 简述 cell of a form), or,
with neither, every paragraph and cell of the document. Text is read paragraph by paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from checkers import nlp
from checkers.findings import Finding
from checkers.kinds.base import RuleBase
from checkers.violations.evidence import PolicyWithoutReference
from checkers.where import SectionSpec
from extractor.normalize import normalize

if TYPE_CHECKING:
    from checkers.context import Context

_AFTER, _BEFORE = 80, 30
_ANSWER_SPAN = 12  # paragraphs after a label line that may answer it
_STOP = re.compile(r"[。；;\n]")
_NAMES = {"number": "文号", "date": "发文时间"}


class PolicyRefs(RuleBase):
    kind: Literal["policy_refs"]
    sections: list[SectionSpec] = Field(default_factory=list)  # empty: the whole document
    table_labels: list[str] = Field(default_factory=list)  # or the cells following these labels
    need: list[Literal["number", "date"]] = Field(default_factory=lambda: ["number"])

    def check(self, ctx: Context) -> Iterator[Finding]:
        cited: dict[str, tuple[str, int, int | None, int | None, set[str]]] = {}
        for index, text, row, col in self._texts(ctx):
            found = nlp.spans(text)
            for pol in nlp.policies(text, found):
                if _is_short_name(text, pol):
                    continue
                have = _nearby(text, pol, found)
                key = normalize(pol.text).strip("<>()")
                if key in cited:
                    cited[key][4].update(have)
                else:
                    cited[key] = (pol.text, index, row, col, set(have))
        for title, index, row, col, have in cited.values():
            missing = [n for n in self.need if n not in have]
            if not missing:
                continue
            yield self.finding(PolicyWithoutReference(title, tuple(_NAMES[n] for n in missing)),
                               location=ctx.locate(index, row=row, column=col),
                               expected=[_NAMES[n] for n in self.need], actual=sorted(_NAMES[n] for n in have))

    def _texts(self, ctx: Context) -> Iterator[tuple[int, str, int | None, int | None]]:
        for label in self.table_labels:
            yield from _answers(ctx, label)
        if self.table_labels and not self.sections:
            return
        wanted = set(ctx.block_indices(self.sections)) if self.sections else None
        for u in ctx.units:
            if wanted is None or u.index in wanted:
                yield u.index, u.text, u.row, u.column


def _answers(ctx: Context, label: str) -> Iterator[tuple[int, str, int | None, int | None]]:
    """The label's own cell or paragraph and every unit answering it (checkers.regions)."""
    for region in ctx.regions(label, span=_ANSWER_SPAN):
        for u in dict.fromkeys((region.unit, *region.answers)):
            yield u.index, u.text, u.row, u.column


def _is_short_name(text: str, pol: nlp.Span) -> bool:
    before = text[max(0, pol.start - 4):pol.start]
    return "下称" in before or "简称" in before or len(pol.text) <= 6


def _nearby(text: str, pol: nlp.Span, found: list[nlp.Span]) -> list[str]:
    """Which of number/date sit next to the citation."""
    end = pol.end + _AFTER
    nxt = next((s.start for s in found if s.label == "POLICY" and s.start >= pol.end), None)
    if nxt is not None:
        end = min(end, nxt)
    stop = _STOP.search(text, pol.end)
    if stop:
        end = min(end, stop.start())
    start = pol.start - _BEFORE
    prev = _STOP.search(text[max(0, start):pol.start][::-1])
    if prev:
        start = pol.start - prev.start()
    have = []
    for label, name in (("DOC_NO", "number"), ("DATE", "date")):
        if any(s.label == label and s.start < end and s.end > max(0, start) and not (pol.start <= s.start < pol.end)
               for s in found):
            have.append(name)
    return have
