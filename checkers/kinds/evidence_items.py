"""Items marked 需提供佐证材料 or 附名单 with a non-zero value need an evidence reference (E001)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from checkers.kinds.base import RuleBase
from checkers.kinds.refs import SectionSpec


class EvidenceItems(RuleBase):
    kind: Literal["evidence_items"]
    markers: list[str] = Field(default_factory=lambda: ["需提供佐证材料", "附名单"])
    items: list[str] = Field(default_factory=list)  # extra row labels needing evidence beyond the markers
    attachments: list[SectionSpec] = Field(default_factory=list)  # where an attachment list may name them
    references: list[str] = Field(default_factory=lambda: [r"附件\s*\d+", "佐证", r"见第\s*\d+\s*页", r"P\d+", r"第\s*\d+\s*页"])
