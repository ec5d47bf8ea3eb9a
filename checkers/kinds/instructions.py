"""Template instruction text left in the submission (D005)."""

from __future__ import annotations

from typing import Literal

from checkers.kinds.base import RuleBase


class Instructions(RuleBase):
    kind: Literal["instructions"]
    phrases: list[str]  # the template's own guidance, e.g. "（先进制造业集群或中小企业特色产业集群）"
    min_chars: int = 8  # phrases shorter than this are matched only as a whole cell/paragraph
