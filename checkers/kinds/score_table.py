"""Scored items: self-score ≤ maximum points, 合计 = sum of items, nothing blank (T002, T006, T007)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from checkers.kinds.base import RuleBase
from checkers.kinds.refs import TableRef


class ScoredItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str  # "集群工作组织机构"
    max: float  # "(5分)"


class ScoreTable(RuleBase):
    kind: Literal["score_table"]
    table: TableRef
    items: list[ScoredItem] = Field(default_factory=list)
    score_column: str = "自评"
    total_label: str = "合计"
    total_max: float | None = None
    required: bool = True  # 空白不得分: a blank self-score is a T002
