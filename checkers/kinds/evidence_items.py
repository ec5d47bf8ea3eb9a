"""Items marked 需提供佐证材料 or 附名单 with a non-zero value need an evidence reference (E001).

Every table row whose label carries one of the ``markers`` (or matches one of ``items``) is an
item; when any number in the row is above zero, the row needs a reference ("5（见附件3）", "P23",
"第12页", in any of its cells), or — for 附名单 rows — a name list elsewhere in the file
("创新服务机构名单"), or an ``attachments`` section whose text names the item. ``tables`` limits the
scan to some tables. Rows another rule of the same pack reports itself (a `fields` rule's rows
flagged ``evidence``/``name_list``, see `RuleBase.evidence_rows`) are left to it, so a pack may use
both without reporting a row twice; which rules those are is settled when the pack loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Literal

from pydantic import Field, PrivateAttr

from checkers.context import Context
from checkers.evidence import REFERENCES, evidenced
from checkers.findings import Finding
from checkers.kinds.base import RuleBase
from checkers.numbers import fmt, parse_number
from checkers.tables import Grid, key_matches, label_key
from checkers.violations.evidence import EvidenceMissing
from checkers.where import SectionSpec, TableRef
from extractor.model import Cell, Table
from extractor.normalize import normalize


class EvidenceItems(RuleBase):
    kind: Literal["evidence_items"]
    markers: list[str] = Field(default_factory=lambda: ["需提供佐证材料", "附名单"])
    items: list[str] = Field(default_factory=list)  # extra row labels needing evidence beyond the markers
    attachments: list[SectionSpec] = Field(default_factory=list)  # where an attachment list may name them
    references: list[str] = Field(default_factory=lambda: list(REFERENCES))  # regexes of an evidence reference
    tables: list[TableRef] = Field(default_factory=list)  # only these tables; empty: every table
    _others: list[RuleBase] = PrivateAttr(default_factory=list)  # the pack's other rules

    def link(self, rules: Mapping[str, RuleBase]) -> Iterator[tuple[str, str]]:
        yield from super().link(rules)
        self._others = [r for r in rules.values() if r is not self]

    def check(self, ctx: Context) -> Iterator[Finding]:
        covered = ctx.once(("evidence-rows", id(self)),
                           lambda: set().union(*(r.evidence_rows(ctx) for r in self._others)))
        markers = [normalize(m) for m in self.markers]
        keys = [label_key(x) for x in self.items]
        for index, table, label in self._tables(ctx):
            grid = Grid(table)
            for r in range(table.n_rows):
                if (index, r) in covered:
                    continue
                item = _item_cell(grid, r, markers, keys)
                if item is None:
                    continue
                cell, marker = item
                value = _first_positive(grid, r, cell)
                if value is None:
                    continue
                row_text = " ".join(c.text for c in grid.row_anchors(r))
                name_list = "名单" in marker
                if evidenced(ctx, item=cell.text, row_text=row_text, name_list=name_list, table_index=index,
                             references=self.references, attachments=self.attachments, markers=self.markers):
                    continue
                target = template_label(cell.text, self.markers)
                v = EvidenceMissing(target, fmt(value), name_list)
                yield self.finding(v, expected=v.wanted, actual=fmt(value),
                                   location=ctx.locate(index, table=label, row=r + 1, column=cell.col + 1))

    def _tables(self, ctx: Context) -> Iterator[tuple[int, Table, str | None]]:
        if not self.tables:
            for i, b in enumerate(ctx.doc.blocks):
                if isinstance(b, Table):
                    yield i, b, b.caption
            return
        for ref in self.tables:
            hit = ctx.find_table(ref)
            if hit is not None:
                yield hit[0], hit[1], ref.label



def _item_cell(grid: Grid, r: int, markers: list[str], keys: list[str]) -> tuple[Cell, str] | None:
    """The row's label cell when it carries a marker (normalised) or names one of the items (keys)."""
    for cell in grid.row_anchors(r):
        if cell.row != r:
            continue
        norm = normalize(cell.text)
        hit = next((m for m in markers if m in norm), None)
        if hit is not None:
            return cell, hit
        if any(key_matches(label_key(cell.text), k, True) for k in keys):
            return cell, ""
    return None


def _first_positive(grid: Grid, r: int, label: Cell) -> float | None:
    for cell in grid.row_anchors(r):
        if cell is label or cell.row != r:
            continue
        p = parse_number(cell.text)
        if p.status == "value" and p.value is not None and p.value > 0:
            return p.value
    return None


def template_label(text: str, markers: list[str]) -> str:
    """"国家级单项冠军数量（个，需提供佐证材料）" -> "国家级单项冠军数量"; "（一）创新服务机构数(附名单)" kept
    without the marker: "（一）创新服务机构数"."""
    out = re.sub(r"\s+", "", text)
    for m in markers:
        out = re.sub(rf"[（(][^（）()]*{re.escape(m)}[^（）()]*[）)]", "", out)
    return out
