"""O: the outline — sections present, in order, once, not empty, with the items asked for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from checkers.violations.base import Violation, pages, quoted


@dataclass(frozen=True, slots=True)
class SectionMissing(Violation):
    code: ClassVar[str] = "O001"
    section: str  # the template's heading: "四、主要做法和经验"
    parent: str | None = None  # the section it belongs in, as found
    near: tuple[str, bool] | None = None  # (closest section found, whether the missing one comes after it)

    def message(self) -> str:
        hint = f"（应位于{quoted(self.near[0])}{'之后' if self.near[1] else '之前'}）" if self.near else ""
        if self.parent:
            return f"{quoted(self.parent)}中未找到提纲要求的{quoted(self.section)}{hint}"
        return f"未找到提纲要求的{quoted(self.section)}部分{hint}"


@dataclass(frozen=True, slots=True)
class SectionOutOfOrder(Violation):
    code: ClassVar[str] = "O002"
    section: str
    other: str  # the section it should precede or follow
    before: bool  # it stands before `other`, though the outline puts it after
    expected: int  # 1-based place in the template's order
    actual: int  # and in the document's

    def message(self) -> str:
        rel = "之前" if self.before else "之后"
        return (f"{quoted(self.section)}排在{quoted(self.other)}{rel}，与提纲顺序不一致"
                f"（按提纲应为第 {self.expected} 部分，实为第 {self.actual} 部分）")


@dataclass(frozen=True, slots=True)
class SectionDuplicated(Violation):
    code: ClassVar[str] = "O003"
    section: str
    pages: tuple[int | None, ...]  # of every occurrence

    def message(self) -> str:
        return f"{quoted(self.section)}出现 {len(self.pages)} 次{pages(self.pages)}，提纲要求只出现一次"


@dataclass(frozen=True, slots=True)
class SectionEmpty(Violation):
    code: ClassVar[str] = "O004"
    heading: str  # as found in the document

    def message(self) -> str:
        return f"{quoted(self.heading)}只有标题，没有正文（0 字）"


@dataclass(frozen=True, slots=True)
class WrongItemCount(Violation):
    code: ClassVar[str] = "O005"
    item: str  # what an item is called: 案例
    actual: int
    minimum: int | None
    maximum: int | None

    def message(self) -> str:
        return f"{quoted(self.target)}有 {self.actual} 个{self.item}，要求{count_range(self.minimum, self.maximum)}个"


def count_range(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f" {lo} " if lo == hi else f" {lo}–{hi} "
    if lo is not None:
        return f"至少 {lo} "
    return f"至多 {hi} "
