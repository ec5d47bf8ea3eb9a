"""C: the cluster's name against the official roster (checkers/kinds/identity.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from checkers.violations.base import Violation


@dataclass(frozen=True, slots=True)
class ClusterNameAbsent(Violation):
    code: ClassVar[str] = "C001"
    file_name: str | None = None  # the name the file name shows, a hint only
    closest: tuple[str, float] | None = None  # (roster name, score) closest to that hint

    def message(self) -> str:
        hint = f"；文件名显示为“{self.file_name}”" if self.file_name else ""
        if self.file_name and self.closest:
            hint += f"，名单中最接近的是“{self.closest[0]}”（{self.closest[1]:.0f}分）"
        return f"未在“{self.target}”栏、封面或标题中找到集群名称{hint}"


@dataclass(frozen=True, slots=True)
class ClusterNotInRoster(Violation):
    code: ClassVar[str] = "C002"
    found: str
    roster: str
    size: int  # clusters on the roster
    closest: tuple[str, float, str] | None = None  # (name, score, why)

    def message(self) -> str:
        near = f"；最接近的是“{self.closest[0]}”（{self.closest[1]:.0f}分：{self.closest[2]}）" if self.closest else ""
        return f"集群名称“{self.found}”不在名单《{self.roster}》（{self.size}个集群）中{near}"


@dataclass(frozen=True, slots=True)
class ClusterNameDiffers(Violation):
    code: ClassVar[str] = "C003"
    found: str
    official: str
    score: float
    why: str

    def message(self) -> str:
        return f"集群名称“{self.found}”与名单正式名称“{self.official}”不一致（相似度 {self.score:.0f}：{self.why}）"


@dataclass(frozen=True, slots=True)
class ClusterNameAmbiguous(Violation):
    code: ClassVar[str] = "C004"
    found: str
    candidates: tuple[tuple[str, float], ...]  # (name, score), best first

    def message(self) -> str:
        names = "、".join(f"“{name}”（{score:.0f}分）" for name, score in self.candidates)
        return f"集群名称“{self.found}”可对应名单中多个集群：{names}"


@dataclass(frozen=True, slots=True)
class BuilderUnitDiffers(Violation):
    code: ClassVar[str] = "C005"
    unit: str
    cluster: str
    official: str

    def message(self) -> str:
        return f"依托（建设）单位“{self.unit}”与名单中“{self.cluster}”的单位“{self.official}”不一致"
