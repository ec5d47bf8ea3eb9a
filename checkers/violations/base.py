"""The violation base class, and how a template's labels are quoted in messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from checkers.codes import CODES, Severity
from checkers.findings import Finding, FindingLocation
from checkers.where import SectionSpec


@dataclass(frozen=True, slots=True)
class Violation:
    """What is wrong, with its figures. `target` is the template's own label of what it concerns."""

    code: ClassVar[str]
    severity: ClassVar[Severity | None] = None  # None: the rule's severity, else the code's default

    target: str

    def message(self) -> str:
        raise NotImplementedError(f"{type(self).__name__} has no message()")

    def finding(self, *, location: FindingLocation | None = None, expected: Any = None, actual: Any = None,
                rule: str | None = None, clause: str | None = None, severity: Severity | None = None) -> Finding:
        """The finding, with what a reviewer compares (`expected`, `actual`) and which pack rule fired."""
        return Finding(code=self.code, severity=self.severity or severity or CODES[self.code].severity,
                       target=self.target, message=self.message(), location=location or FindingLocation(),
                       expected=expected, actual=actual, rule=rule, clause=clause)


def quoted(text: str) -> str:
    return f"“{text}”"


def spec_label(spec: SectionSpec) -> str:
    """The template's heading as a reviewer knows it: "五、集群金融创新发展情况", "（一）…", "2.…"."""
    n = spec.number.strip()
    if not n:
        return spec.title
    if n[0] in "（(":
        return f"{n}{spec.title}"
    if n.startswith("第"):  # 第一部分：培育背景, 第一章 总则
        return f"{n}：{spec.title}" if n.endswith("部分") else f"{n} {spec.title}"
    if n[0].isdigit():
        return f"{n}.{spec.title}"
    return f"{n}、{spec.title}"


def pages(found: tuple[int | None, ...]) -> str:
    known = [str(p) for p in found if p]
    return f"（第{'、'.join(known)}页）" if known else ""
