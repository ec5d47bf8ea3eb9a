"""A section holds the number of items the template asks for, e.g. 典型案例（1-2个） (O005)."""

from __future__ import annotations

from typing import Literal

from checkers.kinds.base import RuleBase
from checkers.kinds.refs import SectionSpec


class ItemCount(RuleBase):
    kind: Literal["item_count"]
    section: SectionSpec
    item: str = "案例"  # what an item is called; a sub-heading or numbered line mentioning it counts
    min: int | None = None
    max: int | None = None
