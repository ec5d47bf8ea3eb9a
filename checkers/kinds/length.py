"""字数 limits: 不少于N字 (min), N字以内 (max), N字左右 (about ± tolerance) (L001–L003)."""

from __future__ import annotations

from typing import Literal

from checkers.kinds.base import RuleBase
from checkers.kinds.refs import SectionSpec


class Length(RuleBase):
    kind: Literal["length"]
    scope: Literal["section", "document", "cell"] = "section"
    section: SectionSpec | None = None  # scope = section
    cell_label: str | None = None  # scope = cell: the text is in the table cell after/below this label
    target: str | None = None  # label for the finding; defaults to the section title / cell label
    min: int | None = None
    max: int | None = None
    about: int | None = None
    tolerance: float = 0.2  # for `about`: fraction of the target allowed either way
