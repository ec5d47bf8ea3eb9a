"""The tables. A check's status lives here, not in a queue, so a restart finds every accepted job."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
FINISHED = (DONE, FAILED)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps in UTC on every database: SQLite returns them without a zone, so one is attached."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    pass


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the whole key
    prefix: Mapped[str] = mapped_column(String(16))  # first characters, to recognise a key in a list
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class StoredFile(Base):
    """One blob in the content-addressed store: an upload or a report's JSON."""

    __tablename__ = "files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    path: Mapped[str] = mapped_column(String(200))  # relative to the data folder
    kind: Mapped[str] = mapped_column(String(10), default="upload")  # upload | report | paragraphs (a batch check's fingerprint)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Check(Base):
    __tablename__ = "checks"
    __table_args__ = (Index("ix_checks_status_created", "status", "created_at"),
                      Index("ix_checks_owner_created", "owner_key_id", "created_at"))

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # uuid4 hex
    sha256: Mapped[str] = mapped_column(ForeignKey("files.sha256"))
    filename: Mapped[str] = mapped_column(String(500))
    template: Mapped[str | None] = mapped_column(String(100), nullable=True)  # as requested
    roster: Mapped[str | None] = mapped_column(String(100), nullable=True)
    status: Mapped[str] = mapped_column(String(10), default=QUEUED)
    priority: Mapped[int] = mapped_column(Integer, default=1)  # 0 someone is waiting, 1 async, 2 batch
    owner_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"), nullable=True)
    batch_id: Mapped[str | None] = mapped_column(ForeignKey("batches.id"), nullable=True, index=True)
    callback_url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    callback_status: Mapped[str | None] = mapped_column(String(200), nullable=True)
    report_sha256: Mapped[str | None] = mapped_column(ForeignKey("files.sha256"), nullable=True)
    # batch checks: what the cross-submission checks compare of the document (checkers.fingerprint), as JSON
    fingerprint_sha256: Mapped[str | None] = mapped_column(ForeignKey("files.sha256"), nullable=True)
    verdict: Mapped[str | None] = mapped_column(String(10), nullable=True)
    counts: Mapped[dict | None] = mapped_column(JSON, nullable=True)  # {"error": n, "warning": n, "info": n}
    detected_template: Mapped[str | None] = mapped_column(String(100), nullable=True)
    cluster_name: Mapped[str | None] = mapped_column(String(300), nullable=True)
    error_code: Mapped[str | None] = mapped_column(String(10), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    duration_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Batch(Base):
    __tablename__ = "batches"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    filename: Mapped[str] = mapped_column(String(500))
    template: Mapped[str | None] = mapped_column(String(100), nullable=True)
    roster: Mapped[str | None] = mapped_column(String(100), nullable=True)
    owner_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"), nullable=True, index=True)
    total: Mapped[int] = mapped_column(Integer, default=0)
    callback_url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    callback_status: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class BatchItem(Base):
    """One member of the zip: its check, or why it was not checked (too large, unreadable member)."""

    __tablename__ = "batch_items"

    batch_id: Mapped[str] = mapped_column(ForeignKey("batches.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(1000))  # path inside the zip
    check_id: Mapped[str | None] = mapped_column(ForeignKey("checks.id"), nullable=True)
    error_code: Mapped[str | None] = mapped_column(String(10), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
