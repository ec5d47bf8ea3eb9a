"""The API's bodies as TypedDicts, written against its OpenAPI schema (/openapi.json): a test compares
every one of them, key by key, with the schema component named beside it, so they stay current."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

Status = Literal["queued", "running", "done", "failed"]  # schema: Status
Verdict = Literal["pass", "warn", "fail"]  # schema: Verdict
DeliveryState = Literal["pending", "delivered", "failed"]  # schema: DeliveryState
Severity = Literal["error", "warning", "info"]


class Counts(TypedDict):  # schema: Counts
    error: int
    warning: int
    info: int


class FindingLocation(TypedDict):  # schema: FindingLocation
    page: int | None
    paragraph: int | None
    section: str | None
    table: int | None
    row: int | None
    column: int | None
    sheet: str | None
    cell: str | None


class Finding(TypedDict):  # schema: Finding
    code: str  # docs/codes.md
    severity: Severity
    target: str
    message: str
    location: FindingLocation
    expected: Any
    actual: Any
    rule: str
    clause: str
    fix: str


class Report(TypedDict):  # schema: Report
    file: str
    sha256: str
    format: str
    template: str | None
    template_detected: dict[str, Any] | None
    roster: str | None
    cluster: dict[str, Any]
    verdict: Verdict
    counts: Counts
    findings: list[Finding]
    stats: dict[str, Any]
    outline: list[dict[str, Any]]
    measures: list[dict[str, Any]]  # what each rule measured (value, unit, bounds, status)
    checker_version: str
    pack_version: str | None


class CheckError(TypedDict):  # schema: CheckError
    code: str | None
    message: str


class Check(TypedDict):  # schema: CheckOut
    id: str
    status: Status
    filename: str
    sha256: str
    template: str | None
    roster: str | None
    detected_template: str | None
    verdict: Verdict | None
    counts: Counts | None
    cluster: str | None
    error: CheckError | None
    batch_id: str | None
    callback_status: DeliveryState | None
    created_at: str
    started_at: str | None
    finished_at: str | None
    duration_seconds: float | None
    links: dict[str, str]
    report: Report | None


class CheckList(TypedDict):  # schema: CheckList
    total: int
    limit: int
    offset: int
    next_cursor: str | None
    items: list[Check]


class BatchItem(TypedDict):  # schema: BatchItemOut
    position: int
    name: str
    check_id: str | None
    status: Status
    verdict: Verdict | None
    counts: Counts | None
    cluster: str | None
    error: CheckError | None


class Batch(TypedDict):  # schema: BatchOut
    id: str
    status: Status
    filename: str
    template: str | None
    roster: str | None
    total: int
    done: int
    verdicts: dict[str, int]
    failed: int
    callback_status: DeliveryState | None
    created_at: str
    finished_at: str | None
    links: dict[str, str]
    items: list[BatchItem] | None


class BatchList(TypedDict):  # schema: BatchList
    total: int
    limit: int
    offset: int
    next_cursor: str | None
    items: list[Batch]


class CallbackNotice(TypedDict):  # schema: CallbackNotice
    event: Literal["check.finished", "batch.finished"]
    type: Literal["check", "batch"]
    id: str
    status: Status
    verdict: Verdict | None
    counts: Counts | None
    total: int | None
    finished_at: str | None
    url: str
    delivery: str


class DeliveryAttempt(TypedDict):  # schema: DeliveryAttemptOut
    attempt: int
    at: str
    duration_ms: int
    http_status: int | None
    error: str | None


class Delivery(TypedDict):  # schema: DeliveryOut
    id: str
    subject: Literal["check", "batch"]
    subject_id: str
    event: Literal["check.finished", "batch.finished"]
    reason: Literal["finished", "resend"]
    url: str
    state: DeliveryState
    attempts: int
    max_attempts: int
    next_attempt_at: str | None
    created_at: str
    finished_at: str | None
    payload: CallbackNotice
    log: list[DeliveryAttempt]


class DeliveryList(TypedDict):  # schema: DeliveryList
    items: list[Delivery]
    total: int


class Template(TypedDict):  # schema: TemplateOut
    id: str
    title: str | None
    seed: str | None
    version: str | None
    roster: str | None
    rules: int
    error: str | None


class Roster(TypedDict):  # schema: RosterOut
    id: str
    title: str
    source: str
    entries: int
    error: str | None


class ErrorBody(TypedDict):  # schema: ErrorOut
    code: str  # docs/api-errors.md
    message: str
    message_en: str
    detail: str | list[dict[str, Any]]
