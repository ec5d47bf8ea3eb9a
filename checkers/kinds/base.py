"""What every check kind shares: its identity in the pack, and how it words a finding."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from checkers.codes import CODES, Severity
from checkers.findings import Finding, FindingLocation
from checkers.kinds.refs import TableRef

if TYPE_CHECKING:
    from checkers.context import Context


class RuleBase(BaseModel):
    """A rule's parameters as written in the pack. Unknown keys are errors, never silent defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: str
    clause: str = ""  # the seed clause this rule enforces, quoted
    severity: Severity | None = None  # overrides the code's default severity

    def check(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError(f"check kind {self.kind!r} has no check()")

    def finding(self, code: str, target: str, message: str, *, location: FindingLocation | None = None,
                expected: Any = None, actual: Any = None, severity: Severity | None = None) -> Finding:
        return Finding(
            code=code,
            severity=severity or self.severity or CODES[code].severity,
            target=target,
            message=message,
            location=location or FindingLocation(),
            expected=expected,
            actual=actual,
            rule=self.id,
            clause=self.clause or None,
        )

    def missing_table(self, ref: TableRef) -> list[Finding]:
        """T001 for a table the template requires and the document lacks; nothing for an optional one."""
        if not ref.required:
            return []
        return [self.finding("T001", ref.label, f"未找到“{ref.label}”", expected=ref.label, actual=None)]
