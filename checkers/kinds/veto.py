"""The one-vote veto (一票否决): answered, and answered 否 (D003, D004)."""

from __future__ import annotations

from typing import Literal

from checkers.kinds.base import RuleBase


class Veto(RuleBase):
    kind: Literal["veto"]
    label: str  # "质量、安全、环保情况"
    question: str = ""  # "集群两年内（截止申请日期）是否发生重大质量、安全及环保事故"
    yes: str = "是"
    no: str = "否"
