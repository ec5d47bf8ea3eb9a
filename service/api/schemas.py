"""Response bodies of the API, and how a database row becomes one."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field

from checkers.findings import Counts, MatchStatus, Report
from checkers.findings import RosterEntryOut as ReportRosterEntry
from service.db.models import Batch, BatchItem, CallbackDelivery, Check


class Status(StrEnum):
    """queued 排队中 · running 检查中 · done 已完成（有报告）· failed 未能检查（报告只有 F 代码）"""

    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class Verdict(StrEnum):
    """pass 通过 · warn 通过但有警告 · fail 不通过（有错误）"""

    pass_ = "pass"
    warn = "warn"
    fail = "fail"


class DeliveryState(StrEnum):
    """pending 待发送或等待重试 · delivered 对方已以 2xx 应答 · failed 重试用尽或地址被拒"""

    pending = "pending"
    delivered = "delivered"
    failed = "failed"


class CheckError(BaseModel):
    code: str | None = Field(None, description="F001–F005 when the file was over a limit or unreadable")
    message: str


class CheckOut(BaseModel):
    id: str
    status: Status
    filename: str
    sha256: str
    template: str | None = Field(None, description="模板 as requested (auto when detected)")
    roster: str | None = None
    detected_template: str | None = Field(None, description="模板 the report was checked against")
    verdict: Verdict | None = None
    counts: Counts | None = None
    cluster: str | None = Field(None, description="集群名称 as matched on the roster, else as found")
    error: CheckError | None = None
    batch_id: str | None = None
    callback_status: DeliveryState | None = Field(None, description="latest callback delivery (log: links.deliveries)")
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    duration_seconds: float | None = None
    links: dict[str, str]
    report: Report | None = Field(None, description="the full report, once done (and in GET with report=true)")


class Page(BaseModel):
    total: int = Field(description="rows matching the filters, on every page")
    limit: int
    offset: int
    next_cursor: str | None = Field(None, description="pass as `cursor` for the next page; null on the last")


class CheckList(Page):
    items: list[CheckOut]


class BatchItemOut(BaseModel):
    position: int
    name: str
    check_id: str | None
    status: Status
    verdict: Verdict | None = None
    counts: Counts | None = None
    cluster: str | None = None
    error: CheckError | None = None


class BatchOut(BaseModel):
    id: str
    status: Status
    filename: str
    template: str | None = None
    roster: str | None = None
    total: int
    done: int = Field(description="finished members (done or failed)")
    verdicts: dict[str, int] = Field(description="pass/warn/fail counts of the finished members")
    failed: int
    callback_status: DeliveryState | None = None
    created_at: datetime
    finished_at: datetime | None = None
    links: dict[str, str]
    items: list[BatchItemOut] | None = None


class BatchList(Page):
    items: list[BatchOut]


class CallbackNotice(BaseModel):
    """The JSON body POSTed to callback_url (signed: see X-Clustercheck-Signature)."""

    event: Literal["check.finished", "batch.finished"]
    type: Literal["check", "batch"]
    id: str
    status: Status
    verdict: Verdict | None = None
    counts: Counts | None = None
    total: int | None = Field(None, description="batch: files in the zip")
    finished_at: datetime | None = None
    url: str = Field(description="path of the check or batch on this server")
    delivery: str = Field(description="this delivery's id (as X-Clustercheck-Delivery): the same on every retry, "
                                      "a new one on a resend — drop repeats by it")


class DeliveryAttemptOut(BaseModel):
    attempt: int
    at: datetime
    duration_ms: int
    http_status: int | None = Field(None, description="the receiver's answer; null when there was none")
    error: str | None = None


class DeliveryOut(BaseModel):
    id: str = Field(description="sent as X-Clustercheck-Delivery: the same on every retry of this delivery")
    subject: Literal["check", "batch"]
    subject_id: str
    event: Literal["check.finished", "batch.finished"]
    reason: Literal["finished", "resend"]
    url: str
    state: DeliveryState
    attempts: int
    max_attempts: int
    next_attempt_at: datetime | None = None
    created_at: datetime
    finished_at: datetime | None = None
    payload: CallbackNotice
    log: list[DeliveryAttemptOut]


class DeliveryList(BaseModel):
    items: list[DeliveryOut]
    total: int


class CallbackSecret(BaseModel):
    key_id: int
    callback_secret: str = Field(description="HMAC-SHA256 key of this API key's callbacks; shown when made")


class TemplateOut(BaseModel):
    id: str
    title: str | None = None
    seed: str | None = None
    version: str | None = None
    roster: str | None = None
    rules: int = 0
    error: str | None = Field(None, description="why the pack does not load (a bug in a shipped pack)")


class RosterOut(BaseModel):
    id: str
    title: str = ""
    source: str = ""
    entries: int = 0
    error: str | None = None


class RosterEntryOut(ReportRosterEntry):
    """A roster entry as the report names it, plus the note that records a seed correction."""

    note: str | None = None


class RosterDetail(RosterOut):
    items: list[RosterEntryOut]


class MatchCandidate(BaseModel):
    name: str
    score: float = Field(description="0–100")
    why: str = Field(description="地名、产业各自是否一致，去掉了哪些通用词")
    place: float
    industry: float
    via: Literal["name", "alias", "account"]
    unit: str | None = None
    account: str | None = None
    level: str | None = None
    region: str | None = None
    type: str | None = None


class MatchOut(BaseModel):
    query: str
    roster: str
    status: MatchStatus = Field(description="exact / fuzzy（可认定）、ambiguous（多个相近）、unmatched、absent")
    matched: MatchCandidate | None = None
    candidates: list[MatchCandidate]


class KeyIn(BaseModel):
    role: Literal["reviewer", "portal", "admin"]
    name: str = Field("", max_length=200)


class KeyOut(BaseModel):
    id: int
    name: str
    role: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None = None


class KeyCreated(KeyOut):
    key: str | None = Field(description="the key itself: shown this once, stored only as a hash "
                                        "(null when an Idempotency-Key replays the creation)")
    callback_secret: str | None = Field(description="the secret its callbacks are signed with (null on a replay; "
                                                    "a new one: POST /api/v1/keys/me/callback-secret)")


def check_links(check_id: str) -> dict[str, str]:
    base = f"/api/v1/checks/{check_id}"
    return {"self": base, "report_json": f"{base}/report.json", "report_html": f"{base}/report.html",
            "report_xlsx": f"{base}/report.xlsx", "deliveries": f"{base}/deliveries"}


def check_out(row: Check, report: dict[str, Any] | None = None) -> dict[str, Any]:
    """A CheckOut as plain JSON-ready data (the report, already JSON, is passed through unvalidated)."""
    out = CheckOut(
        id=row.id, status=row.status, filename=row.filename, sha256=row.sha256,  # type: ignore[arg-type]
        template=row.template, roster=row.roster, detected_template=row.detected_template,
        verdict=row.verdict, counts=Counts(**row.counts) if row.counts else None,  # type: ignore[arg-type]
        cluster=row.cluster_name, error=_error(row.error_code, row.error), batch_id=row.batch_id,
        callback_status=delivery_state(row.callback_status), created_at=row.created_at, started_at=row.started_at,
        finished_at=row.finished_at, duration_seconds=row.duration_seconds, links=check_links(row.id),
    ).model_dump(mode="json")
    out["report"] = report
    return out


def delivery_state(text: str | None) -> DeliveryState | None:
    """The column as the API declares it; a v0.1 worker still running in a rolling upgrade writes
    the receiver's answer as text ("204", "error: …"), read here the way the migration reads it."""
    if text is None:
        return None
    if text in DeliveryState.__members__:
        return DeliveryState(text)
    return DeliveryState.delivered if len(text) == 3 and text.startswith("2") else DeliveryState.failed


def _error(code: str | None, message: str | None) -> CheckError | None:
    return CheckError(code=code, message=message) if message else None


def item_out(item: BatchItem, check: Check | None) -> BatchItemOut:
    if check is None:
        return BatchItemOut(position=item.position, name=item.name, check_id=None, status="failed",
                            verdict="fail", error=_error(item.error_code, item.error))
    return BatchItemOut(position=item.position, name=item.name, check_id=check.id,
                        status=check.status, verdict=check.verdict,  # type: ignore[arg-type]
                        counts=Counts(**check.counts) if check.counts else None, cluster=check.cluster_name,
                        error=_error(check.error_code, check.error))


def batch_links(batch_id: str) -> dict[str, str]:
    base = f"/api/v1/batches/{batch_id}"
    return {"self": base, "reports": f"{base}/reports.json", "summary_xlsx": f"{base}/summary.xlsx",
            "deliveries": f"{base}/deliveries"}


def batch_out(batch: Batch, items: list[BatchItemOut] | None, done: int, failed: int,
              verdicts: dict[str, int], started: bool) -> BatchOut:
    status = "done" if batch.finished_at else ("running" if started or done else "queued")
    return BatchOut(id=batch.id, status=status, filename=batch.filename, template=batch.template,  # type: ignore[arg-type]
                    roster=batch.roster, total=batch.total, done=done, failed=failed, verdicts=verdicts,
                    callback_status=delivery_state(batch.callback_status), created_at=batch.created_at,
                    finished_at=batch.finished_at, links=batch_links(batch.id), items=items)


def delivery_out(d: CallbackDelivery) -> DeliveryOut:
    return DeliveryOut(id=d.id, subject=d.subject, subject_id=d.subject_id, event=d.event,  # type: ignore[arg-type]
                       reason=d.reason, url=d.url, state=d.state, attempts=d.attempts,  # type: ignore[arg-type]
                       max_attempts=d.max_attempts, next_attempt_at=d.next_attempt_at, created_at=d.created_at,
                       finished_at=d.finished_at, payload=CallbackNotice.model_validate(json.loads(d.payload)),
                       log=[DeliveryAttemptOut(**e) for e in d.log or []])
