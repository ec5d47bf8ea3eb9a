"""Is the submitting cluster the one on the official roster? (C001–C005)"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from checkers.kinds.base import RuleBase


class Identity(RuleBase):
    kind: Literal["identity"]
    field_labels: list[str] = Field(default_factory=lambda: ["集群名称", "产业集群名称", "集群单位名称"])
    unit_labels: list[str] = Field(default_factory=lambda: ["依托单位", "建设单位", "依托（建设）单位", "集群建设单位"])
    account_labels: list[str] = Field(default_factory=lambda: ["账号"])
    use_title: bool = True  # the cover / title lines
    use_filename: bool = True  # a weak signal, used only when nothing else names the cluster
    check_unit: bool = True
