"""A required attachments / evidence section exists and is not empty (E002)."""

from __future__ import annotations

from typing import Literal

from checkers.kinds.base import RuleBase
from checkers.kinds.refs import SectionSpec


class Attachments(RuleBase):
    kind: Literal["attachments"]
    section: SectionSpec
    min_items: int = 1
