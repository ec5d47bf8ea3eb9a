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
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from checkers.evidence import attachment_part
from checkers.findings import Finding
from checkers.kinds.base import RuleBase
from checkers.violations import spec_label
from checkers.violations.evidence import AttachmentsEmpty, AttachmentsMissing
from checkers.where import Scope, Where
from extractor.normalize import normalize

if TYPE_CHECKING:
    from checkers.context import Context


class Attachments(Where, RuleBase):
    """`section` for scope = "section"; `cell_label` for scope = "cell": the list is in the table cell
    after/below this label ("4.3相关佐证资料")."""

    scopes: ClassVar[tuple[Scope, ...]] = ("section", "cell")
    kind: Literal["attachments"]
    min_items: int = 1
    ignore: list[str] = Field(default_factory=list)  # template guidance lines that are not items

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
                yield self.finding(AttachmentsMissing(spec.title, name), expected=name, actual=None)
            return
        if part.items < self.min_items:
            yield self.finding(AttachmentsEmpty(spec.title, part.label),
                               location=ctx.locate(part.index), expected=f"至少 {self.min_items} 项",
                               actual=part.items)

    def _cell(self, ctx: Context) -> Iterator[Finding]:
        label = self.cell_label or ""
        regions = ctx.regions(label)
        if not regions:
            yield self.finding(AttachmentsMissing(label, label, "栏"), expected=label, actual=None)
            return
        region = regions[0]
        skip = [normalize(x) for x in [label, *self.ignore]]
        lines = [normalize(x) for x in region.answer.splitlines()]
        items = [x for x in lines if x and not any(x == s or (s and s in x and len(x) <= len(s) + 4) for s in skip)]
        found = len(items) + region.images
        if found < self.min_items:
            where = ctx.locate(region.unit.index, row=region.unit.row, column=region.unit.column)
            yield self.finding(AttachmentsEmpty(label, label, cell=True), location=where,
                               expected=f"至少 {self.min_items} 项", actual=found)
