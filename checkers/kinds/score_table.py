"""Scored items: self-score ≤ maximum points, 合计 = sum of items, nothing blank (T002, T006, T007).

The table (表3–表9 of seed 003) has a header cell ``score_column`` ("自评") over the self-scores;
items are the rows below it, found by ``items`` labels or, when none are listed, every row whose
label carries its points as "（5分）" (the innermost one when a group label spans several rows, as
in 表8; the group's own points then cap the sum of its rows). The ``total_label`` row ("合计") must
equal the sum of the items and stay within ``total_max``. The expert column is never checked:
experts fill it later. 空白不得分: with ``required`` a blank self-score is T002.

``layout = "columns"`` reads a summary laid out across (表11: categories as column headers, a row
"自评得分", a column "合计") by transposing it; an item's ``total_of`` names the score_table rule
whose 合计 the category must equal (表11 "组织机构与规划引导" = 表3 合计); the reference is resolved
when the pack loads, and one naming no score_table rule of the pack is a load error.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from checkers.context import Context
from checkers.findings import Finding, FindingLocation
from checkers.kinds.base import RuleBase
from checkers.numbers import fmt, parse_number
from checkers.tables import Grid, label_key, score_max, strip_score, transpose
from checkers.violations import Violation
from checkers.violations.tables import (
    Blank,
    ColumnMissing,
    GroupScoreAboveMax,
    Negative,
    NotANumber,
    RowMissing,
    ScoreAboveMax,
    ScoreSummaryDiffers,
    ScoreTotalNotSum,
)
from checkers.where import TableRef

if TYPE_CHECKING:
    from extractor.model import Cell


class ScoredItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str  # "集群工作组织机构"
    max: float  # "(5分)"
    total_of: str | None = None  # id of a score_table rule whose 合计 this item must equal (表11 汇总表)


class ScoreTable(RuleBase):
    kind: Literal["score_table"]
    table: TableRef
    items: list[ScoredItem] = Field(default_factory=list)
    score_column: str = "自评"
    total_label: str = "合计"
    total_max: float | None = None
    required: bool = True  # 空白不得分: a blank self-score is a T002
    layout: Literal["rows", "columns"] = "rows"  # columns: items are column headers, scores in the row named score_column (表11)
    _totals: dict[str, ScoreTable] = PrivateAttr(default_factory=dict)  # item label -> the rule its total_of names

    def link(self, rules: Mapping[str, RuleBase]) -> Iterator[tuple[str, str]]:
        yield from super().link(rules)
        for i, item in enumerate(self.items):
            if item.total_of is None:
                continue
            other = rules.get(item.total_of)
            if other is None:
                yield f"items[{i}].total_of", f"规则包中没有 id 为 “{item.total_of}” 的规则"
            elif not isinstance(other, ScoreTable):
                yield f"items[{i}].total_of", f"“{item.total_of}” 是 {other.kind} 规则，应为 score_table 规则"
            elif other is self:
                yield f"items[{i}].total_of", "不能指向本规则自己"
            else:
                self._totals[item.label] = other

    def check(self, ctx: Context) -> Iterator[Finding]:
        read = read_scores(self, ctx)
        if isinstance(read, Finding):
            yield read
            return
        if read is None:
            return
        yield from read.findings
        yield from self._totals_of(ctx, read)

    def _totals_of(self, ctx: Context, read: ScoreRead) -> Iterator[Finding]:
        for item in self.items:
            other = self._totals.get(item.label)
            if other is None or item.label not in read.scores:
                continue
            theirs = read_scores(other, ctx)
            if not isinstance(theirs, ScoreRead) or theirs.total is None:
                continue
            mine, (r, c) = read.scores[item.label], read.cells[item.label]
            if abs(mine - theirs.total) > 1e-6:
                v = ScoreSummaryDiffers(item.label, self.score_column, mine, other.table.label, other.total_label,
                                        theirs.total)
                yield self.finding(v, location=read.where(r, c), expected=theirs.total, actual=mine)


@dataclass
class ScoreRead:
    rule: ScoreTable
    ctx: Context
    index: int
    scores: dict[str, float] = field(default_factory=dict)
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)
    total: float | None = None
    findings: list[Finding] = field(default_factory=list)

    def where(self, r: int, c: int) -> FindingLocation:
        if self.rule.layout == "columns":
            r, c = c, r
        return self.ctx.locate(self.index, table=self.rule.table.label, row=r + 1, column=c + 1)

    def add(self, violation: Violation, r: int, c: int, **kw: object) -> None:
        self.findings.append(self.rule.finding(violation, location=self.where(r, c), **kw))  # type: ignore[arg-type]


def read_scores(rule: ScoreTable, ctx: Context) -> ScoreRead | Finding | None:
    label = rule.table.label
    hit = ctx.find_table(rule.table)
    if hit is None:
        return next(iter(rule.missing_table(rule.table)), None)
    index, table = hit
    grid = Grid(transpose(table) if rule.layout == "columns" else table)
    read = ScoreRead(rule, ctx, index)
    head = _score_header(grid, rule.score_column)
    if head is None:
        return rule.finding(ColumnMissing(f"{label}·{rule.score_column}", label, rule.score_column, "栏"),
                            location=ctx.locate(index, table=label), expected=rule.score_column)
    top, sc = head
    total_row = next((r for r in range(top, grid.table.n_rows)
                      if any(label_key(c.text) == label_key(rule.total_label) for c in _left(grid, r, sc))), None)
    end = total_row if total_row is not None else grid.table.n_rows
    items = _items(grid, rule, top, end, sc)
    total = 0.0
    complete = True
    for it in items:
        if it.row is None:
            read.add(RowMissing(it.label, label, it.label, before="评分项"), top, 0)
            complete = False
            continue
        value = _score(read, it.label, grid.table.rows[it.row][sc], it.row, sc, it.max)
        if value is None:
            complete = False
        else:
            read.scores[it.label], read.cells[it.label] = value, (it.row, sc)
            total += value
    _groups(read, grid, items, top, end, sc)
    if total_row is None:
        if items:
            read.add(RowMissing(rule.total_label, label, rule.total_label), top, sc)
        return read
    cell = grid.table.rows[total_row][sc]
    value = _score(read, rule.total_label, cell, total_row, sc, rule.total_max)
    read.total = value
    if value is not None and complete and items and abs(value - total) > 1e-6:
        read.add(ScoreTotalNotSum(rule.total_label, label, rule.score_column, value, total), total_row, sc,
                 expected=total, actual=value)
    return read


@dataclass(frozen=True, slots=True)
class Item:
    label: str
    max: float
    row: int | None  # None: a listed item the table does not have


def _score_header(grid: Grid, name: str) -> tuple[int, int] | None:
    key = label_key(name)
    for r in range(grid.table.n_rows):
        for cell in grid.row_anchors(r):
            if cell.row == r and key and key in label_key(cell.text) and len(label_key(cell.text)) <= len(key) + 4:
                return r + cell.rowspan, cell.col
    return None


def _left(grid: Grid, r: int, sc: int) -> list[Cell]:
    return [c for c in grid.row_anchors(r) if c.col < sc]


def _items(grid: Grid, rule: ScoreTable, top: int, end: int, sc: int) -> list[Item]:
    if rule.items:
        found = grid.find_rows({it.label: [] for it in rule.items}, start=top)
        out = []
        for it in rule.items:
            hit = found.get(it.label)
            out.append(Item(it.label, it.max, hit[0] if hit and top <= hit[0] < end else None))
        return out
    auto = []
    for r in range(top, end):
        labelled = [c for c in _left(grid, r, sc) if score_max(c.text) is not None]
        if labelled:
            cell = max(labelled, key=lambda c: c.col)
            auto.append(Item(strip_score(cell.text).replace("\n", ""), score_max(cell.text) or 0.0, r))
    return auto


def _score(read: ScoreRead, name: str, cell: Cell, r: int, c: int, mx: float | None) -> float | None:
    rule = read.rule
    text = cell.text.strip()
    p = parse_number(text, "分")
    what = f"“{name}”{rule.score_column}"
    if p.status == "blank":
        if rule.required:
            read.add(Blank(name, what, "（空白不得分）"), r, c, expected="得分", actual="")
        return None
    if p.status == "invalid" or p.number is None:
        read.add(NotANumber(name, what, text, p.reason or "不是分数"), r, c, expected="分数", actual=text)
        return None
    if p.number < 0:
        read.add(Negative(name, what, text), r, c, expected="≥ 0", actual=text)
        return None
    if mx is not None and p.number > mx + 1e-9:
        read.add(ScoreAboveMax(name, what, p.number, mx), r, c, expected=f"≤ {fmt(mx)}", actual=p.number)
    return p.number


def _groups(read: ScoreRead, grid: Grid, items: list[Item], top: int, end: int, sc: int) -> None:
    """A label spanning several scored rows caps their sum with its own points (表8 农业类…（4分）)."""
    seen: list[Cell] = []
    for r in range(top, end):
        for cell in _left(grid, r, sc):
            mx = score_max(cell.text)
            if cell.rowspan < 2 or mx is None or any(cell is s for s in seen):
                continue
            seen.append(cell)
            rows = range(cell.row, cell.row + cell.rowspan)
            names = [it.label for it in items if it.row in rows and it.label in read.scores]
            if len(names) < 2:
                continue
            acc = sum(read.scores[n] for n in names)
            if acc > mx + 1e-9:
                label = strip_score(cell.text).replace("\n", "")
                read.add(GroupScoreAboveMax(label, read.rule.score_column, acc, mx), cell.row, sc,
                         expected=f"≤ {fmt(mx)}", actual=acc)
