"""Indicator tables: every field filled, numbers with valid units, 其中 ≤ total, 增幅 and ratios
consistent (T001–T005), and items marked 需提供佐证材料 / 附名单 evidenced (E001).

Three layouts, because the seeds' forms come in three shapes:

- ``grid`` (统计报表, 表二 指标数据, 2.1集群主要经济指标): one row per indicator, found by its label
  (tolerant to "其中：", numbering, spaces and "（家）"); value ``columns`` found by header text, a
  path through merged two-row headers written "营业收入（亿元）|2021年" (or with a space). A header
  cell reading "计量单位"/"数据单位"/"单位" marks the unit column: a unit there (or in the label's
  parentheses) that differs from the row's ``unit`` is T003, and the values are converted from it.
  ``column_units`` overrides the row unit for a column ("2020年营业收入" = "千元"); the ``growth``
  column, and any column whose header names a rate (增幅, 增长率, 比重, "（%）"), is in %. ``parent`` (其中 rows) and ``column_parents`` give T004; ``sums`` T007;
  ``ratios`` and ``growth`` T005 (for a % row the 增幅 may be relative or in percentage points:
  both are accepted). Parents, sums and ratios compare the rows' own figures, never the 增幅 column
  or any other rate column (``Fields.column_unit``), whose blank cells are T002 all the same. A
  missing row is T002, a missing column T001; "约5亿元", "300余家" are a T003 warning (an estimate
  where a figure is due); "0", "-", "无" are answers, blank is not.
  Rows flagged ``evidence`` / ``name_list`` with a value above zero need a reference in the row
  (``references``), a name list elsewhere ("创新服务机构名单"), or an ``attachments`` section naming
  them (E001).
- ``pairs`` (表一 基本信息, 集群基本信息): each label is followed by its value (rest of its cell,
  else the cell to the right, else below); every occurrence of a label must be filled, so the three
  "职务" of a form are all checked. ``pattern`` validates text values (邮编, 手机, E-mail).
- ``list`` (表三 集群领军企业, 营业收入排名前十企业): a header row naming ``columns`` and records below
  it; at least ``min_rows`` records, every started record complete, ``column_units`` columns numeric.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from checkers.context import Context
from checkers.findings import Finding
from checkers.kinds.base import RuleBase
from checkers.kinds.fields.forms import check_list, check_pairs
from checkers.kinds.fields.grid import check_grid
from checkers.kinds.fields.model import FieldRow, FieldTable, Growth, Ratio, Sum
from checkers.tables import Grid

__all__ = ["FieldRow", "Fields", "Growth", "Ratio", "Sum"]

_LAYOUTS = {"grid": check_grid, "pairs": check_pairs, "list": check_list}


class Fields(FieldTable, RuleBase):
    kind: Literal["fields"]

    def check(self, ctx: Context) -> Iterator[Finding]:
        hit = ctx.find_table(self.table)
        if hit is None:
            yield from self.missing_table(self.table)
            return
        for p in _LAYOUTS[self.layout](self, ctx, *hit):
            yield self.finding(p.violation, location=p.location, expected=p.expected, actual=p.actual)

    def evidence_rows(self, ctx: Context) -> set[tuple[int, int]]:
        """(block index, row) of the grid rows flagged `evidence` / `name_list`: E001 for them is this
        rule's, so an `evidence_items` rule of the same pack leaves them alone."""
        flagged = [r.label for r in self.rows if r.evidence or r.name_list]
        hit = ctx.find_table(self.table) if flagged and self.layout == "grid" else None
        if hit is None:
            return set()
        rows = Grid(hit[1]).find_rows({r.label: r.aliases for r in self.rows})
        return {(hit[0], rows[label][0]) for label in flagged if label in rows}
