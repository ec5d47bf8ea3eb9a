"""B: what only a batch shows — the same cluster twice, paragraphs copied across clusters
(checkers/crosscheck.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from checkers.violations.base import Violation, quoted

_SHOWN = 5  # other files named in one message


@dataclass(frozen=True, slots=True)
class SubmittedTwice(Violation):
    code: ClassVar[str] = "B001"
    cluster: str
    template: str
    others: tuple[str, ...]  # the other files of the same cluster and template

    def message(self) -> str:
        more = " 等" if len(self.others) > _SHOWN else ""
        return (f"集群{quoted(self.cluster)}在本批中共有 {len(self.others) + 1} 份{quoted(self.template)}材料，"
                f"另见：{'；'.join(self.others[:_SHOWN])}{more}")


@dataclass(frozen=True, slots=True)
class ParagraphCopied(Violation):
    code: ClassVar[str] = "B002"
    other_cluster: str
    other_file: str  # with where in it: "b.docx 第3页 “二、…” 第12段"
    score: float  # 0..100
    excerpt: str

    def message(self) -> str:
        return (f"本段与{quoted(self.other_cluster)}的材料 {self.other_file} 高度相似（相似度 {self.score:.0f}%）："
                f"{quoted(self.excerpt)}")
