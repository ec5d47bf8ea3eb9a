"""D: declarations and opinion blocks, the one-vote veto, and the template's guidance left in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from checkers.violations.base import Violation, quoted

PARTS = {"signature": "签字", "seal": "盖章单位", "date": "日期", "text": "意见内容"}


@dataclass(frozen=True, slots=True)
class DeclarationMissing(Violation):
    code: ClassVar[str] = "D001"

    def message(self) -> str:
        return f"未找到{quoted(self.target)}栏"


@dataclass(frozen=True, slots=True)
class DeclarationBlank(Violation):
    code: ClassVar[str] = "D002"
    part: str  # a key of PARTS
    shown: str = ""  # what stands where it should be: "年 月 日"

    def message(self) -> str:
        left = f"（仍为{quoted(self.shown)}）" if self.shown else ""
        return f"{quoted(self.target)}的{PARTS[self.part]}未填写{left}"


@dataclass(frozen=True, slots=True)
class SealNotSeen(Violation):
    """A 盖章 place on a scanned page where no red seal was found."""

    code: ClassVar[str] = "D002"
    place: str  # the mark as recognised: "孝感市经济和信息化局（盖章）"
    page: int | None = None

    def message(self) -> str:
        where = f"第{self.page}页" if self.page else ""
        return f"{quoted(self.target)}未见印章（扫描件{where}{quoted(self.place) if self.place else ''}处未发现红色印章）"


@dataclass(frozen=True, slots=True)
class VetoUnanswered(Violation):
    code: ClassVar[str] = "D003"
    yes: str
    no: str
    both: bool = False  # both ticked, rather than neither

    def message(self) -> str:
        if self.both:
            return f"{quoted(self.target)}（一票否决）同时勾选了{quoted(self.yes)}和{quoted(self.no)}"
        return f"{quoted(self.target)}（一票否决）未勾选{quoted(self.yes)}或{quoted(self.no)}"


@dataclass(frozen=True, slots=True)
class VetoAnsweredYes(Violation):
    code: ClassVar[str] = "D004"
    question: str
    yes: str

    def message(self) -> str:
        asked = f"：{self.question}" if self.question else ""
        return f"{quoted(self.target)}（一票否决）勾选了{quoted(self.yes)}{asked}"


@dataclass(frozen=True, slots=True)
class InstructionLeft(Violation):
    code: ClassVar[str] = "D005"
    phrase: str

    def message(self) -> str:
        return f"{quoted(self.target)}中保留了模板的填写说明{quoted(self.phrase)}"
