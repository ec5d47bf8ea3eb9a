"""Claims of awards, titles and national/provincial platforms with no evidence reference (E004)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from checkers.kinds.base import RuleBase
from checkers.kinds.refs import SectionSpec


class Claims(RuleBase):
    kind: Literal["claims"]
    sections: list[SectionSpec] = Field(default_factory=list)  # empty: the whole document
    vocabulary: list[str] = Field(default_factory=list)  # extra claim phrases beyond the built-in list
    attachments: list[SectionSpec] = Field(default_factory=list)  # an attachment list naming the claim counts
