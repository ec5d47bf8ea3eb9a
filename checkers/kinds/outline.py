"""Required sections present, in order, once, and not empty (O001–O004)."""

from __future__ import annotations

from typing import Literal

from checkers.kinds.base import RuleBase
from checkers.kinds.refs import SectionSpec


class Outline(RuleBase):
    kind: Literal["outline"]
    sections: list[SectionSpec]
    ordered: bool = True
    min_score: float = 80.0  # title similarity (0–100) above which a heading is taken as the section
