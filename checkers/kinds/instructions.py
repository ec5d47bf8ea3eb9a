"""Template instruction text left in the submission (D005).

The outline's guidance ("包括…情况等。"), word-count notes in headings ("（不少于2000字）"),
placeholders in form cells ("（先进制造业集群或中小企业特色产业集群）"): one finding per phrase and
place, aimed at the form row's label or the section's title."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from checkers.findings import Finding
from checkers.kinds.base import RuleBase
from checkers.regions import TextUnit
from checkers.violations.declarations import InstructionLeft
from extractor.model import Table
from extractor.normalize import normalize

if TYPE_CHECKING:
    from checkers.context import Context

_ROW_LABEL_MAX = 30  # a left neighbour cell this short is the row's label


class Instructions(RuleBase):
    kind: Literal["instructions"]
    phrases: list[str]  # the template's own guidance, e.g. "（先进制造业集群或中小企业特色产业集群）"
    min_chars: int = 8  # phrases shorter than this are matched only as a whole cell/paragraph

    def check(self, ctx: Context) -> Iterator[Finding]:
        wanted = [(p, normalize(p)) for p in self.phrases if normalize(p)]
        whole = {norm for _, norm in wanted if len(norm) < self.min_chars}
        inside = _any_of(tuple(norm for _, norm in wanted if len(norm) >= self.min_chars))
        seen: set[tuple[str, str]] = set()
        for u in ctx.units:
            if u.norm not in whole and not (inside and inside.search(u.norm)):
                continue  # most units hold no guidance: one search, not one per phrase
            for phrase, norm in wanted:
                hit = norm in u.norm if len(norm) >= self.min_chars else norm == u.norm
                if not hit:
                    continue
                target = _target(ctx, u, phrase)
                if (phrase, target) in seen:
                    continue
                seen.add((phrase, target))
                yield self.finding(InstructionLeft(target, phrase),
                                   location=ctx.locate(u.index, row=u.row, column=u.column),
                                   expected="删除填写说明", actual=phrase)


@lru_cache(maxsize=32)
def _any_of(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(map(re.escape, phrases))) if phrases else None


def _target(ctx: Context, u: TextUnit, phrase: str) -> str:
    """The template's label of the place: the row label of a form cell, else the section title."""
    block = ctx.doc.blocks[u.index]
    if isinstance(block, Table) and u.row is not None and u.column is not None and u.column > 1:
        left = block.rows[u.row - 1][u.column - 2]
        label = left.text.strip()
        if label and len(label) <= _ROW_LABEL_MAX and left is not block.rows[u.row - 1][u.column - 1]:
            return label
    sec = ctx.section_at(u.index)
    if sec is None:
        return "模板说明文字"
    return sec.title.replace(phrase, "").strip() or sec.title  # the note may sit in the heading itself
