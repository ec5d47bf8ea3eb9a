"""What every check kind shares: its identity in the pack, how it words a finding, and what it
tells the rest of the check through its results — never through shared state.

A rule's `check(ctx)` yields its outcomes: findings, what it measured (`Measure`) and, for the
identity kind, the cluster it found (`ClusterResult`); `run()` gathers them into a `RuleResult`.
What a rule needs from other rules of its pack is resolved when the pack loads (`link`), and the
outline it requires is declared (`outline()`) so the Context can assign headings for every rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

from checkers.codes import Severity
from checkers.context import Context, OutlineSpec
from checkers.findings import ClusterResult, Finding, FindingLocation, Measure
from checkers.violations import Violation
from checkers.violations.tables import TableMissing
from checkers.where import TableRef, Where

Outcome = Finding | Measure | ClusterResult


@dataclass
class RuleResult:
    findings: list[Finding] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    cluster: ClusterResult | None = None


class RuleBase(BaseModel):
    """A rule's parameters as written in the pack. Unknown keys are errors, never silent defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: str
    clause: str = ""  # the seed clause this rule enforces, quoted
    severity: Severity | None = None  # overrides the code's default severity

    def check(self, ctx: Context) -> Iterable[Outcome]:
        raise NotImplementedError(f"check kind {self.kind!r} has no check()")

    def run(self, ctx: Context) -> RuleResult:
        out = RuleResult()
        for item in self.check(ctx):
            if isinstance(item, Finding):
                out.findings.append(item)
            elif isinstance(item, Measure):
                out.measures.append(item)
            else:
                out.cluster = item
        return out

    # ---- the pack, validated whole ----------------------------------------------------------------
    def link(self, rules: Mapping[str, RuleBase]) -> Iterator[tuple[str, str]]:
        """Resolve references to other rules of the pack (rule id -> rule); yields (key path inside
        this rule, what is wrong) for one that does not resolve, or a scope missing what it needs."""
        if isinstance(self, Where):
            yield from self.where_problems()

    def outline(self) -> OutlineSpec | None:
        """The outline this rule requires, which every rule naming a section is then matched against."""
        return None

    def evidence_rows(self, ctx: Context) -> set[tuple[int, int]]:
        """(block index, row) of the table rows whose missing evidence this rule reports itself."""
        return set()

    # ---- findings -----------------------------------------------------------------------------
    def finding(self, violation: Violation, *, location: FindingLocation | None = None,
                expected: Any = None, actual: Any = None) -> Finding:
        return violation.finding(location=location, expected=expected, actual=actual, rule=self.id,
                                 clause=self.clause or None, severity=self.severity)

    def missing_table(self, ref: TableRef) -> list[Finding]:
        """T001 for a table the template requires and the document lacks; nothing for an optional one."""
        if not ref.required:
            return []
        return [self.finding(TableMissing(ref.label), expected=ref.label, actual=None)]
