"""The `pairs` and `list` layouts of the `fields` kind (see kinds/fields/__init__.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from checkers.context import Context
from checkers.kinds.fields.model import FieldRow, FieldTable, Problem
from checkers.numbers import fmt, parse_number
from checkers.tables import Grid, key_matches, label_key, right_or_below
from checkers.violations import Violation
from checkers.violations.tables import Blank, ColumnMissing, Negative, NotANumber, RowMissing, TooFewRows
from extractor.normalize import normalize

if TYPE_CHECKING:
    from extractor.model import Cell, Table

_TOTALS = {"合计", "小计", "总计"}


# ---- pairs ---------------------------------------------------------------------------------------
def check_pairs(rule: FieldTable, ctx: Context, index: int, table: Table) -> Iterator[Problem]:
    grid = Grid(table)
    keys = {label_key(x) for spec in rule.rows for x in [spec.label, *spec.aliases]}
    for spec in rule.rows:
        occurrences = list(_occurrences(grid, spec, keys))
        if not occurrences and spec.required:
            yield Problem(RowMissing(spec.label, rule.table.label, spec.label, after="栏"),
                          ctx.locate(index, table=rule.table.label), spec.label)
        for lab, value, r, c in occurrences:
            target = _path(grid, lab, spec.label)
            where = ctx.locate(index, table=rule.table.label, row=r + 1, column=c + 1)
            problem = _problem(spec, value, f"“{target}”")
            if problem is None or (isinstance(problem, Blank) and not spec.required):
                continue
            yield Problem(problem, where, spec.wanted, value.strip())


def _occurrences(grid: Grid, spec: FieldRow, keys: set[str]) -> Iterator[tuple[Cell, str, int, int]]:
    """(label cell, value text, row, column of the value) for every place the label appears."""
    wanted = [label_key(x) for x in [spec.label, *spec.aliases]]
    names = [normalize(x) for x in [spec.label, *spec.aliases]]
    t = grid.table
    for r in range(t.n_rows):
        for cell in grid.row_anchors(r):
            if cell.row != r:
                continue
            norm = normalize(cell.text)
            inline = next((norm[len(n):] for n in names if norm.startswith(n) and norm[len(n):len(n) + 1] in (":", "：")), None)
            if inline is not None and inline.lstrip(":："):
                yield cell, _after_colon(cell.text), r, cell.col
                continue
            if inline is None and not any(key_matches(label_key(cell.text), w, False) for w in wanted):
                continue
            value = right_or_below(t, cell)
            if value is None:
                yield cell, "", r, cell.col
            elif label_key(value.text) in keys and label_key(value.text):
                yield cell, "", value.row, value.col  # the next label: this one was left empty
            else:
                yield cell, value.text, value.row, value.col


def _after_colon(text: str) -> str:
    m = re.search(r"[:：]", text)
    return text[m.end():] if m else ""


def _path(grid: Grid, lab: Cell, label: str) -> str:
    """"建设单位/联系人/手机": the row headers spanning several rows to the left of the label."""
    heads = [c.text.strip() for c in grid.row_anchors(lab.row)
             if c.col < lab.col and (c.rowspan > 1 or c.col == 0) and c.text.strip() and c is not lab]
    return "/".join([*(normalize(h).rstrip(":：") for h in heads), label])


def _problem(spec: FieldRow, value: str, place: str) -> Violation | None:
    text = value.strip()
    if spec.type == "number" and text.strip(" _＿　:："):
        p = parse_number(text, spec.unit)
        if p.status == "invalid":
            return NotANumber(spec.label, place, text, p.reason)
        if p.number is not None and p.number < 0 and not spec.signed:
            return Negative(spec.label, place, text)
    return spec.text_problem(text, place)


# ---- list ----------------------------------------------------------------------------------------
def check_list(rule: FieldTable, ctx: Context, index: int, table: Table) -> Iterator[Problem]:
    grid = Grid(table)
    label = rule.table.label
    header, cols = _header(grid, rule.columns)
    if header is None:
        yield Problem(ColumnMissing(label, label, "、".join(rule.columns), "表头"), ctx.locate(index, table=label),
                      rule.columns)
        return
    records: list[int] = []
    for r in range(header + 1, table.n_rows):
        anchors = grid.row_anchors(r)
        if anchors and label_key(anchors[0].text) in _TOTALS:
            break
        if any(grid.text(r, c) for _, c in cols if table.rows[r][c].row == r):
            records.append(r)
    if len(records) < rule.min_rows:
        yield Problem(TooFewRows(label, rule.min_rows, len(records)), ctx.locate(index, table=label),
                      rule.min_rows, len(records))
    for n, r in enumerate(records, start=1):
        for name, c in cols:
            where = ctx.locate(index, table=label, row=r + 1, column=c + 1)
            text = grid.text(r, c)
            target = f"{label}第{n}行“{name}”"
            if not text:
                yield Problem(Blank(name, target), where, name, "")
                continue
            unit = rule.column_units.get(name)
            if unit is None:
                continue
            p = parse_number(text, unit)
            if p.status == "invalid":
                yield Problem(NotANumber(name, target, text, p.reason), where, unit, text)
            elif p.number is not None and p.number < 0:
                yield Problem(Negative(name, target, fmt(p.number)), where, "≥ 0", text)


def _header(grid: Grid, columns: list[str]) -> tuple[int | None, list[tuple[str, int]]]:
    """The lowest header row under which every column is found."""
    t = grid.table
    for r in range(t.n_rows):
        cols = [(name, grid.find_column(name, r + 1)) for name in columns]
        found = [(name, c) for name, c in cols if c is not None]
        if len(found) == len(columns):
            return max(t.rows[r][c].row + t.rows[r][c].rowspan - 1 for _, c in found), found
    return None, []
