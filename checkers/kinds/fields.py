"""Indicator tables: every field filled, numbers with valid units, 其中 ≤ total, 增幅 and ratios
consistent (T001–T005)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from checkers.kinds.base import RuleBase
from checkers.kinds.refs import TableRef


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


class Fields(RuleBase):
    kind: Literal["fields"]
    table: TableRef
    columns: list[str] = Field(default_factory=list)  # value columns by header; empty: the last column
    rows: list[FieldRow]
    growth: Growth | None = None
    ratios: list[Ratio] = Field(default_factory=list)
