"""The report: the public contract of every way in (CLI JSON Lines, REST API, batch workbook)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from checkers.codes import CODES, UNCHECKED_GROUPS, Severity

Verdict = Literal["pass", "warn", "fail"]
MatchStatus = Literal["exact", "fuzzy", "ambiguous", "unmatched", "absent"]


class FindingLocation(BaseModel):
    page: int | None = None
    paragraph: int | None = None
    section: str | None = None  # "二、集群企业发展情况" or a path "二 > （一）"
    table: str | None = None  # the table's caption/label, e.g. "表3"
    row: int | None = None  # 1-based, as a reviewer counts
    column: int | None = None  # 1-based
    sheet: str | None = None
    cell: str | None = None


class Finding(BaseModel):
    code: str
    severity: Severity
    target: str  # the template's own label of what it concerns
    message: str  # Chinese, with the numbers
    location: FindingLocation = Field(default_factory=FindingLocation)
    expected: Any = None
    actual: Any = None
    rule: str | None = None  # pack rule id that fired
    clause: str | None = None  # the seed clause it enforces
    fix: str | None = None


class RosterEntryOut(BaseModel):
    name: str
    unit: str | None = None
    account: str | None = None
    level: str | None = None
    region: str | None = None
    type: str | None = None


class Candidate(BaseModel):
    name: str
    score: float  # 0..100
    account: str | None = None
    why: str = ""


class ClusterResult(BaseModel):
    found: str | None = None  # the name as written in the submission
    status: MatchStatus = "absent"
    matched: RosterEntryOut | None = None
    score: float = 0.0
    candidates: list[Candidate] = Field(default_factory=list)


class TemplateDetected(BaseModel):
    id: str | None = None
    confidence: float = 0.0


class Counts(BaseModel):
    error: int = 0
    warning: int = 0
    info: int = 0


class Stats(BaseModel):
    words: int = 0
    cjk_chars: int = 0
    chars_no_spaces: int = 0
    chars_with_spaces: int = 0
    pages: int | None = None


class OutlineEntry(BaseModel):
    level: int
    number: str
    title: str
    words: int
    page: int | None = None


MeasureStatus = Literal["ok", "short", "long", "unmeasured"]


class Measure(BaseModel):
    """What a `length` or `item_count` rule measured and against what: the report carries it, so a
    page or a workbook draws 字数 against the limit without re-deriving either. Additions only:
    a finding still says when a limit is broken; a measure says what was counted either way."""

    rule: str  # pack rule id
    kind: str  # the rule's kind: "length", "item_count"
    scope: Literal["section", "document", "cell"] = "section"
    target: str  # the template's own label: "集群企业发展情况", "全文", "2.8集群发展总体情况自评报告"
    section: str | None = None  # the heading measured, as the document has it (as FindingLocation.section)
    outline: int | None = None  # index of that section in Report.outline
    location: FindingLocation = Field(default_factory=FindingLocation)
    value: int | None = None  # 字数 (length) or items counted (item_count); None: not measured
    unit: str = "字"  # 字 (length), 个 (item_count)
    min: int | None = None
    max: int | None = None
    about: int | None = None
    tolerance: float | None = None  # for `about`: fraction allowed either way
    lo: int | None = None  # the accepted range, bounds included
    hi: int | None = None
    wording: str = ""  # the limit as the notice says it: 不少于2000字 / 3000字以内 / 3500字左右（2800–4200）
    clause: str | None = None  # the seed clause the rule enforces
    status: MeasureStatus = "ok"  # unmeasured: the section is missing or empty, or the cell not found


class Report(BaseModel):
    file: str
    sha256: str
    format: str | None = None
    template: str | None = None
    template_detected: TemplateDetected = Field(default_factory=TemplateDetected)
    roster: str | None = None
    cluster: ClusterResult = Field(default_factory=ClusterResult)
    verdict: Verdict = "pass"
    counts: Counts = Field(default_factory=Counts)
    findings: list[Finding] = Field(default_factory=list)
    stats: Stats = Field(default_factory=Stats)
    outline: list[OutlineEntry] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    checker_version: str | None = None
    pack_version: str | None = None

    @property
    def unchecked(self) -> bool:
        """Nothing was checked: the file could not be read (F…) or no template fits it (M001)."""
        return any(f.severity == "error" and f.code[:1] in UNCHECKED_GROUPS for f in self.findings)

    def finalise(self) -> Report:
        """Sort findings by severity, count them and set the verdict (fail iff any error)."""
        order = {"error": 0, "warning": 1, "info": 2}
        self.findings.sort(key=lambda f: (order[f.severity], f.code))
        n = Counts()
        for f in self.findings:
            setattr(n, f.severity, getattr(n, f.severity) + 1)
            if f.fix is None and f.code in CODES:
                f.fix = CODES[f.code].fix
        self.counts = n
        self.verdict = "fail" if n.error else ("warn" if n.warning else "pass")
        return self
