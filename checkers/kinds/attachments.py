"""A required attachments / evidence section exists and is not empty (E002).

``scope = "section"``: a heading of the outline (七、佐证材料, 十一、相关附件) or, failing that, a
paragraph starting with its title ("附件：") with the list after it; it must hold ``min_items``
non-empty blocks. ``scope = "cell"``: the list sits in the table cell after/below ``cell_label``
(004 "4.3相关佐证资料"); its non-empty lines count, except the template's own guidance given in
``ignore`` (what the blank form already says there), and so does each picture in the cell.

A picture is an item: an attachments part or evidence cell made of scanned certificates has no
text at all and is not empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from checkers.evidence import attachment_part
from checkers.findings import Finding
from checkers.kinds.base import RuleBase
from checkers.kinds.refs import SectionSpec
from checkers.messages import spec_label
from extractor.normalize import normalize

if TYPE_CHECKING:
    from checkers.context import Context


class Attachments(RuleBase):
    kind: Literal["attachments"]
    section: SectionSpec | None = None  # scope = section
    scope: Literal["section", "cell"] = "section"
    cell_label: str | None = None  # scope = cell: the list is in the table cell after/below this label ("4.3相关佐证资料")
    min_items: int = 1
    ignore: list[str] = Field(default_factory=list)  # template guidance lines that are not items

    @model_validator(mode="after")
    def _scope_has_target(self) -> Attachments:
        if self.scope == "section" and self.section is None:
            raise ValueError("scope = \"section\" 需要 section")
        if self.scope == "cell" and not self.cell_label:
            raise ValueError("scope = \"cell\" 需要 cell_label")
        return self

    def check(self, ctx: Context) -> Iterator[Finding]:
        if self.scope == "cell":
            yield from self._cell(ctx)
            return
        spec = self.section
        assert spec is not None
        part = attachment_part(ctx, spec)
        name = spec_label(spec)
        if part is None:
            if spec.required:
                yield self.finding("E002", spec.title, f"未找到“{name}”部分", expected=name, actual=None)
            return
        if part.items < self.min_items:
            yield self.finding("E002", spec.title, f"“{part.label}”部分为空，未附任何材料",
                               location=ctx.locate(part.index), expected=f"至少 {self.min_items} 项",
                               actual=part.items)

    def _cell(self, ctx: Context) -> Iterator[Finding]:
        label = self.cell_label or ""
        regions = ctx.regions(label)
        if not regions:
            yield self.finding("E002", label, f"未找到“{label}”栏", expected=label, actual=None)
            return
        region = regions[0]
        skip = [normalize(x) for x in [label, *self.ignore]]
        lines = [normalize(x) for x in region.answer.splitlines()]
        items = [x for x in lines if x and not any(x == s or (s and s in x and len(x) <= len(s) + 4) for s in skip)]
        found = len(items) + region.images
        if found < self.min_items:
            where = ctx.locate(region.unit.index, row=region.unit.row, column=region.unit.column)
            yield self.finding("E002", label, f"“{label}”栏为空，未列出佐证材料", location=where,
                               expected=f"至少 {self.min_items} 项", actual=found)
