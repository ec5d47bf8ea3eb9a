"""M: which template a submission follows (checkers/detect.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from checkers.violations.base import Violation


@dataclass(frozen=True, slots=True)
class TemplateNotRecognised(Violation):
    code: ClassVar[str] = "M001"

    def message(self) -> str:
        return "无法识别材料对应的模板，请用 --template 指定（clustercheck templates 列出可用模板）"
