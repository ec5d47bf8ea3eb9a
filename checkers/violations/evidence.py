"""E: evidence — items that need 佐证材料, the attachments part, policies and claims cited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from checkers.violations.base import Violation, quoted

_SHOWN = 5  # claims listed by name in one message


@dataclass(frozen=True, slots=True)
class EvidenceMissing(Violation):
    code: ClassVar[str] = "E001"
    value: str  # the figure reported: "1", "8 个"
    name_list: bool  # 附名单: a list of names is due, not a reference

    def message(self) -> str:
        what = "未附名单" if self.name_list else "未注明佐证材料（附件或所在页码）"
        return f"{quoted(self.target)}填报 {self.value}，但{what}"

    @property
    def wanted(self) -> str:
        return "名单" if self.name_list else "佐证材料"


@dataclass(frozen=True, slots=True)
class AttachmentsMissing(Violation):
    code: ClassVar[str] = "E002"
    part: str  # the template's heading or the form's label
    noun: str = "部分"  # 部分 (a section), 栏 (a form cell)

    def message(self) -> str:
        return f"未找到{quoted(self.part)}{self.noun}"


@dataclass(frozen=True, slots=True)
class AttachmentsEmpty(Violation):
    code: ClassVar[str] = "E002"
    part: str  # as found in the document
    cell: bool = False  # a form cell meant to list them

    def message(self) -> str:
        if self.cell:
            return f"{quoted(self.part)}栏为空，未列出佐证材料"
        return f"{quoted(self.part)}部分为空，未附任何材料"


@dataclass(frozen=True, slots=True)
class PolicyWithoutReference(Violation):
    code: ClassVar[str] = "E003"
    missing: tuple[str, ...]  # 文号, 发文时间

    def message(self) -> str:
        return f"引用的{self.target}未注明{'、'.join(self.missing)}"


@dataclass(frozen=True, slots=True)
class ClaimWithoutEvidence(Violation):
    code: ClassVar[str] = "E004"
    claims: tuple[str, ...]  # as written, first one the target

    def message(self) -> str:
        listed = "、".join(quoted(n) for n in self.claims[:_SHOWN])
        if len(self.claims) > _SHOWN:
            listed += f"等 {len(self.claims)} 项"
        return f"{listed}未注明佐证材料（附件或所在页码）"
