"""L: 字数 against the template's limits (checkers/kinds/length.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from checkers.violations.base import Violation, quoted


@dataclass(frozen=True, slots=True)
class BelowMinimum(Violation):
    code: ClassVar[str] = "L001"
    actual: int
    minimum: int

    def message(self) -> str:
        return f"{quoted(self.target)}字数为 {self.actual}，少于要求的 {self.minimum} 字（不少于{self.minimum}字）"


@dataclass(frozen=True, slots=True)
class AboveMaximum(Violation):
    code: ClassVar[str] = "L002"
    actual: int
    maximum: int

    def message(self) -> str:
        return f"{quoted(self.target)}字数为 {self.actual}，超过上限 {self.maximum} 字（{self.maximum}字以内）"


@dataclass(frozen=True, slots=True)
class AwayFromTarget(Violation):
    code: ClassVar[str] = "L003"
    actual: int
    about: int
    lo: int
    hi: int

    def message(self) -> str:
        return (f"{quoted(self.target)}字数为 {self.actual}，偏离要求的 {self.about} 字左右"
                f"（允许 {self.lo}–{self.hi} 字）")
