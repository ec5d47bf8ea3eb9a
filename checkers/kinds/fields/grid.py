"""The `grid` layout of the `fields` kind: indicator rows × value columns (see kinds/fields/__init__.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checkers.context import Context
from checkers.evidence import evidenced
from checkers.findings import FindingLocation
from checkers.kinds.fields.model import FieldRow, FieldTable, Problem
from checkers.numbers import convert, fmt, parse_number, parse_unit, shown, unit_in_label
from checkers.tables import Grid, label_key
from checkers.violations import Violation
from checkers.violations.evidence import EvidenceMissing
from checkers.violations.tables import (
    Blank,
    ColumnMissing,
    Estimate,
    GrowthInconsistent,
    Negative,
    NotANumber,
    PartExceedsWhole,
    RatioInconsistent,
    RowMissing,
    SumMismatch,
    WrongUnit,
)

if TYPE_CHECKING:
    from extractor.model import Cell, Table

UNIT_HEADERS = {"单位", "计量单位", "数据单位", "计算单位", "统计单位"}


@dataclass
class GridRead:
    """What one pass over the table found: rows, columns and the values in the rows' own units."""

    rule: FieldTable
    ctx: Context
    index: int
    grid: Grid
    rows: dict[str, tuple[int, Cell]]
    cols: list[tuple[str | None, int]]
    values: dict[tuple[str, str | None], float] = field(default_factory=dict)
    cells: dict[tuple[str, str | None], tuple[int, int]] = field(default_factory=dict)
    findings: list[Problem] = field(default_factory=list)

    def where(self, r: int, c: int) -> FindingLocation:
        return self.ctx.locate(self.index, table=self.rule.table.label, row=r + 1, column=c + 1)

    def add(self, violation: Violation, r: int, c: int, *, expected: object = None, actual: object = None) -> None:
        self.findings.append(Problem(violation, self.where(r, c), expected, actual))

    def col_name(self, name: str | None) -> str:
        """"（2022年）" after a row label; a header with brackets of its own reads "的“增幅（%）”"."""
        if not name or len(self.cols) < 2:
            return ""
        return f"的“{name}”" if any(p in name for p in "（(") else f"（{name}）"


def check_grid(rule: FieldTable, ctx: Context, index: int, table: Table) -> Iterator[Problem]:
    label = rule.table.label
    grid = Grid(table)
    rows = grid.find_rows({r.label: r.aliases for r in rule.rows})
    for spec in rule.rows:
        if spec.label not in rows and spec.required:
            yield Problem(RowMissing(spec.label, label, spec.label, after="一栏"), ctx.locate(index, table=label),
                          spec.label, None)
    if not rows:
        return
    first = min(r for r, _ in rows.values())
    label_end = Counter(c.col + c.colspan for _, c in rows.values()).most_common(1)[0][0]
    unit_col = _unit_column(grid, first, label_end)
    cols: list[tuple[str | None, int]] = []
    for name in rule.columns:
        c = grid.find_column(name, first, label_end)
        if c is None:
            yield Problem(ColumnMissing(f"{label}·{name}", label, name), ctx.locate(index, table=label), name, None)
        else:
            cols.append((name, c))
    if not rule.columns:
        candidates = [c for c in range(label_end, table.n_cols) if c != unit_col]
        if candidates:
            cols.append((None, candidates[-1]))
    read = GridRead(rule, ctx, index, grid, rows, cols)
    for spec in rule.rows:
        if spec.label in rows:
            _read_row(read, spec, unit_col)
    _parents(read)
    _sums(read)
    _ratios(read)
    _growth(read, first, label_end)
    _evidence(read)
    yield from read.findings


def _unit_column(grid: Grid, first: int, label_end: int) -> int | None:
    """The 计量单位/数据单位 column: a header cell saying just that, nearest above the rows."""
    for r in range(first - 1, -1, -1):
        for cell in grid.row_anchors(r):
            if cell.col >= label_end and label_key(cell.text) in UNIT_HEADERS:
                return cell.col
    return None


def _declared_unit(read: GridRead, spec: FieldRow, r: int, lab: Cell, unit_col: int | None) -> tuple[str | None, bool]:
    """The unit the values are written in, and False when it cannot be read as the template's unit."""
    want = spec.unit or unit_in_label(lab.text)
    written = read.grid.text(r, unit_col) if unit_col is not None else ""
    c = unit_col if unit_col is not None else lab.col
    if not written.strip("-—/ "):
        written = unit_in_label(lab.text) or ""
        c = lab.col
    if not written or not want:
        return want or (written or None), True
    du, wu = parse_unit(written), parse_unit(want)
    if wu is None or (du is not None and du.text == wu.text):
        return want, True
    if du is None or not du.compatible(wu):
        read.add(WrongUnit(spec.label, written, want, False), r, c, expected=want, actual=written)
        return want, False
    read.add(WrongUnit(spec.label, written, want, True), r, c, expected=want, actual=written)
    return written, True


def _read_row(read: GridRead, spec: FieldRow, unit_col: int | None) -> None:
    rule = read.rule
    r, lab = read.rows[spec.label]
    declared, usable = _declared_unit(read, spec, r, lab, unit_col)
    want = spec.unit or unit_in_label(lab.text)
    seen: list[Cell] = [lab]
    for name, c in read.cols:
        cell = read.grid.table.rows[r][c]
        if any(cell is s for s in seen):
            continue
        seen.append(cell)
        col_unit = rule.column_unit(name)
        target = f"“{spec.label}”{read.col_name(name)}"
        text = cell.text.strip()
        read.cells[(spec.label, name)] = (r, c)
        if spec.type != "number":
            _check_text(read, spec, target, text, r, c)
            continue
        unit = col_unit or declared
        p = parse_number(text, unit)
        if p.status == "blank":
            if spec.required:
                read.add(Blank(spec.label, target), r, c, expected=col_unit or want or "数值", actual="")
            continue
        if p.status == "invalid":
            read.add(NotANumber(spec.label, target, text, p.reason), r, c, expected=unit, actual=text)
            continue
        value = p.number if p.number is not None else 0.0
        if not col_unit and unit and want and unit != want:
            value = convert(value, unit, want) or value
        if value < 0 and not spec.signed:
            read.add(Negative(spec.label, target, text), r, c, expected="≥ 0", actual=text)
            continue
        if p.approx:
            read.add(Estimate(spec.label, target, text), r, c, expected="确数", actual=text)
        if usable or col_unit:
            read.values[(spec.label, name)] = value


def _check_text(read: GridRead, spec: FieldRow, target: str, text: str, r: int, c: int) -> None:
    problem = spec.text_problem(text, target)
    if problem is None or (isinstance(problem, Blank) and not spec.required):
        return
    read.add(problem, r, c, expected=spec.wanted, actual=text)


def _unit_of(read: GridRead, label: str, name: str | None) -> str | None:
    rule = read.rule
    col_unit = rule.column_unit(name)
    if col_unit:
        return col_unit
    spec = next(s for s in rule.rows if s.label == label)
    return spec.unit or unit_in_label(read.rows[label][1].text)


def _same_unit(v: float, src: str | None, dst: str | None) -> float:
    if src and dst and src != dst:
        return convert(v, src, dst) or v
    return v


def _parents(read: GridRead) -> None:
    for spec in read.rule.rows:
        if spec.parent:
            for name in _value_columns(read):
                _part_whole(read, spec.label, name, spec.parent, name)
    for part_col, whole_col in read.rule.column_parents.items():
        for spec in read.rule.rows:
            _part_whole(read, spec.label, part_col, spec.label, whole_col)


def _part_whole(read: GridRead, part: str, part_col: str | None, whole: str, whole_col: str | None) -> None:
    a, b = read.values.get((part, part_col)), read.values.get((whole, whole_col))
    if a is None or b is None:
        return
    ua, ub = _unit_of(read, part, part_col), _unit_of(read, whole, whole_col)
    a_in_b = _same_unit(a, ua, ub)
    if a_in_b > b + 1e-9 * max(1.0, abs(b)):
        r, c = read.cells[(part, part_col)]
        pa = f"“{part}”{read.col_name(part_col)}" if part != whole else f"“{part}”的“{part_col}”"
        wb = f"“{whole}”{read.col_name(whole_col)}" if part != whole else f"“{whole_col}”"
        read.add(PartExceedsWhole(part, pa, shown(a, ua), wb, shown(b, ub)), r, c,
                 expected=f"≤ {shown(b, ub)}", actual=shown(a, ua))


def _sums(read: GridRead) -> None:
    for s in read.rule.sums:
        for name in _value_columns(read):
            total = read.values.get((s.total, name))
            parts = [read.values.get((p, name)) for p in s.parts]
            if total is None or any(p is None for p in parts):
                continue
            ut = _unit_of(read, s.total, name)
            acc = sum(_same_unit(v, _unit_of(read, p, name), ut) for p, v in zip(s.parts, parts, strict=True)
                      if v is not None)
            bad = abs(acc - total) > s.tolerance if s.relation == "eq" else acc > total + s.tolerance
            if bad:
                r, c = read.cells[(s.total, name)]
                place = f"“{s.total}”{read.col_name(name)}"
                read.add(SumMismatch(s.total, place, shown(total, ut), tuple(s.parts), shown(acc, ut), s.relation), r, c,
                         expected=shown(acc, ut) if s.relation == "eq" else f"≥ {shown(acc, ut)}",
                         actual=shown(total, ut))


def _value_columns(read: GridRead) -> list[str | None]:
    """Columns holding the rows' own figures: not a 增幅 or other rate column, nor one with its own unit."""
    return [name for name, _c in read.cols if read.rule.column_unit(name) is None]


def _ratios(read: GridRead) -> None:
    for x in read.rule.ratios:
        for name in _value_columns(read):
            t, n, d = (read.values.get((lab, name)) for lab in (x.target, x.numerator, x.denominator))
            if t is None or n is None or d is None or d == 0:
                continue
            n = _same_unit(n, _unit_of(read, x.numerator, name), _unit_of(read, x.denominator, name))
            computed = n / d * x.scale
            if abs(computed - t) > x.tolerance:
                r, c = read.cells[(x.target, name)]
                ut = _unit_of(read, x.target, name)
                place = f"“{x.target}”{read.col_name(name)}"
                v = RatioInconsistent(x.target, place, shown(t, ut), x.numerator, x.denominator,
                                      shown(round(computed, 2), ut))
                read.add(v, r, c, expected=round(computed, 2), actual=t)


def _growth(read: GridRead, first: int, label_end: int) -> None:
    g = read.rule.growth
    if g is None:
        return
    col = next((c for name, c in read.cols if name == g.column), None)
    if col is None:
        col = read.grid.find_column(g.column, first, label_end)
    if col is None:
        return
    for spec in read.rule.rows:
        old, new = read.values.get((spec.label, g.old)), read.values.get((spec.label, g.new))
        if old is None or new is None or old == 0 or spec.label not in read.rows:
            continue
        r = read.rows[spec.label][0]
        p = parse_number(read.grid.text(r, col), "%")
        if p.status != "value" or p.value is None:
            continue
        computed = (new - old) / old * 100
        ok = abs(computed - p.value) <= g.tolerance
        if _unit_of(read, spec.label, g.new) == "%":
            ok = ok or abs((new - old) - p.value) <= g.tolerance  # percentage points
        if not ok:
            v = GrowthInconsistent(spec.label, g.column, p.value, g.old, old, g.new, new, computed)
            read.add(v, r, col, expected=round(computed, 2), actual=p.value)


def _evidence(read: GridRead) -> None:
    rule = read.rule
    for spec in rule.rows:
        if not (spec.evidence or spec.name_list) or spec.label not in read.rows:
            continue
        vals = [read.values.get((spec.label, name)) for name, _c in read.cols]
        shown_vals = [v for v in vals if v]
        if not any(v and v > 0 for v in vals):
            continue
        r, lab = read.rows[spec.label]
        row_text = " ".join(c.text for c in read.grid.row_anchors(r))
        if evidenced(read.ctx, item=spec.label, row_text=row_text, name_list=spec.name_list, table_index=read.index,
                     references=rule.references, attachments=rule.attachments):
            continue
        v = EvidenceMissing(spec.label, shown(shown_vals[0], spec.unit), spec.name_list)
        read.add(v, r, lab.col, expected=v.wanted, actual=fmt(shown_vals[0]))

