"""Policies cited without 文号 or date where the template asks for them (E003)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from checkers.kinds.base import RuleBase
from checkers.kinds.refs import SectionSpec


class PolicyRefs(RuleBase):
    kind: Literal["policy_refs"]
    sections: list[SectionSpec] = Field(default_factory=list)  # empty: the whole document
    table_labels: list[str] = Field(default_factory=list)  # or the cells following these labels
    need: list[Literal["number", "date"]] = Field(default_factory=lambda: ["number"])
