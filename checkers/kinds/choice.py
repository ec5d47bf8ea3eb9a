"""Tick-box and choice fields: exactly one option chosen (T008)."""

from __future__ import annotations

from typing import Literal

from checkers.kinds.base import RuleBase


class Choice(RuleBase):
    kind: Literal["choice"]
    label: str  # "申报类别", "申请状态", "产业集群类型"
    options: list[str]  # ["先进制造业集群", "中小企业特色产业集群"]
    multiple: bool = False
