"""The parameters of the `fields` kind: the rows and columns of a table, and how they relate.

What each layout does with them is in grid.py (indicator rows × value columns) and forms.py (label
and value pairs; lists of records); the kind itself, and its documentation, in __init__.py.
"""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from checkers.evidence import REFERENCES
from checkers.findings import FindingLocation
from checkers.nlp import DATE_RE
from checkers.numbers import unit_in_label
from checkers.violations import Violation
from checkers.violations.tables import BadFormat, Blank, NotADate
from checkers.where import SectionSpec, TableRef
from extractor.normalize import normalize

RATE_WORDS = ("增幅", "增长率", "增速", "比重", "占比")  # a column header naming one of these holds rates
TYPE_NAMES = {"number": "数值", "text": "文字", "date": "日期"}


class FieldRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str  # the row label as the template writes it (without the unit), e.g. "营业收入"
    unit: str | None = None  # 家, 人, 万元, 千元, 亿元, %, 项, 个, 件 …
    parent: str | None = None  # 其中 rows: label of the row this one is part of
    required: bool = True
    type: Literal["number", "text", "date"] = "number"
    evidence: bool = False  # 需提供佐证材料
    name_list: bool = False  # 附名单
    aliases: list[str] = Field(default_factory=list)
    signed: bool = False  # may be negative (净利润, 增长率); otherwise a negative value is T003
    pattern: str | None = None  # text values must match this regex (邮编 r"^\d{6}$")

    @property
    def wanted(self) -> str:
        """What the cell should hold, as a finding's `expected` says it: the unit, else the kind of value."""
        return self.unit or TYPE_NAMES[self.type]

    def text_problem(self, text: str, place: str) -> Violation | None:
        """What is wrong with a value as written, `place` naming its cell: blank (T002), not a date or
        not in the template's format (T003). The grid and pairs layouts both judge text values here."""
        if not text.strip(" _＿　:："):
            return Blank(self.label, place)
        if self.type == "date" and not DATE_RE.search(text):
            return NotADate(self.label, place, text)
        if self.pattern and not re.search(self.pattern, normalize(text)):
            return BadFormat(self.label, place, text)
        return None


class Growth(BaseModel):
    """增幅(%) column = (new − old) / old × 100."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    column: str  # header of the 增幅 column
    new: str  # header of the new-year column
    old: str
    tolerance: float = 0.5  # percentage points


class Ratio(BaseModel):
    """A derived row: target = numerator / denominator × scale (e.g. 营业收入净利润率)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    target: str
    numerator: str
    denominator: str
    scale: float = 100.0
    tolerance: float = 0.5


class Sum(BaseModel):
    """A total row against its parts: "eq" total = Σ parts; "le" Σ parts ≤ total (disjoint 其中 rows)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    total: str
    parts: list[str]
    relation: Literal["eq", "le"] = "eq"
    tolerance: float = 0.01


class FieldTable(BaseModel):
    """The parameters of a `fields` rule, validated against each other (checkers/kinds/fields/__init__.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    table: TableRef
    columns: list[str] = Field(default_factory=list)  # value columns by header; empty: the last column
    rows: list[FieldRow] = Field(default_factory=list)
    growth: Growth | None = None
    ratios: list[Ratio] = Field(default_factory=list)
    # 其中 columns (T004): part column → whole column, e.g. "2022年 其中：集群产业" → "2022年 园区总额"
    column_parents: dict[str, str] = Field(default_factory=dict)
    # grid: rows × value columns; pairs: each label cell is followed (right, else below) by its value cell,
    # as in 申报表 and 集群基本信息 forms, where `columns` is not used; list: records under a header row
    layout: Literal["grid", "pairs", "list"] = "grid"
    column_units: dict[str, str] = Field(default_factory=dict)  # column header → unit, overriding the row's
    sums: list[Sum] = Field(default_factory=list)
    min_rows: int = 1  # list: records required
    attachments: list[SectionSpec] = Field(default_factory=list)  # where evidence may be named (E001)
    references: list[str] = Field(default_factory=lambda: list(REFERENCES))  # regexes of an evidence reference

    @model_validator(mode="after")
    def _labels_known(self) -> FieldTable:
        labels = {r.label for r in self.rows}
        wanted: list[tuple[str, str]] = [(f"rows[{r.label}].parent", r.parent) for r in self.rows if r.parent]
        for x in self.ratios:
            wanted += [("ratios.target", x.target), ("ratios.numerator", x.numerator),
                       ("ratios.denominator", x.denominator)]
        for s in self.sums:
            wanted += [("sums.total", s.total)] + [("sums.parts", p) for p in s.parts]
        unknown = [f"{where} = “{lab}”" for where, lab in wanted if lab not in labels]
        if unknown:
            raise ValueError(f"不是 rows 中的行名：{'；'.join(unknown)}")
        cols = set(self.columns)
        need = [*self.column_parents, *self.column_parents.values()]
        if self.growth:
            need += [self.growth.new, self.growth.old]
        missing = [c for c in need if c not in cols]
        if missing:
            raise ValueError(f"不是 columns 中的列名：{'、'.join(missing)}")
        rates = [c for c in [*self.column_parents, *self.column_parents.values()] if self.column_unit(c) == "%"]
        if rates:
            raise ValueError(f"column_parents 不能用增幅或比率列：{'、'.join(rates)}")
        if self.layout == "list" and not self.columns:
            raise ValueError("layout = \"list\" 需要 columns")
        return self

    def column_unit(self, name: str | None) -> str | None:
        """The unit a column imposes on every row: its ``column_units`` entry, else % for the
        ``growth`` column and any column whose header names a rate (增幅（%）, 增长率, 占区域工业比重（%）).
        Such a column holds rates, not the rows' figures: 其中 ≤ total, sums and ratios never read it
        (a 其中 row growing faster than its total is no fault)."""
        if not name:
            return None
        if name in self.column_units:
            return self.column_units[name]
        growth = self.growth is not None and name == self.growth.column
        if growth or unit_in_label(name) == "%" or any(w in name for w in RATE_WORDS):
            return "%"
        return None


class Problem(NamedTuple):
    """A violation found in the table, where, and what a reviewer compares; the rule makes it a finding."""

    violation: Violation
    location: FindingLocation
    expected: Any = None
    actual: Any = None
