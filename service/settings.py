"""Every knob of the service in one place, each with a default that runs on a laptop.

Environment variables override them: `CLUSTERCHECK_DATA_DIR=/srv/cc`, `CLUSTERCHECK_JOB_ENGINE=celery`,
`CLUSTERCHECK_DATABASE_URL=postgresql+psycopg://user@db/clustercheck`.
"""

from __future__ import annotations

import ipaddress
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from extractor import Limits

MB = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLUSTERCHECK_", frozen=True)

    data_dir: Path = Path("data")
    database_url: str | None = None  # None: SQLite at <data_dir>/clustercheck.db
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    workers: int = Field(2, ge=1, le=64)  # parsing processes of the local engine
    job_engine: Literal["local", "celery"] = "local"
    broker_url: str = "redis://127.0.0.1:6379/0"  # Celery broker and result backend
    celery_queue: str = "clustercheck"  # one per deployment sharing a Redis

    max_upload_mb: float = Field(50, gt=0)  # one submitted file
    sync_max_mb: float = Field(5, ge=0)  # larger files are always answered with 202 and a job
    sync_wait_seconds: float = Field(60, gt=0)  # a synchronous request waits this long, then gets 202
    max_batch_mb: float = Field(500, gt=0)  # the zip of a batch
    batch_max_files: int = Field(1000, ge=1)
    batch_max_unzipped_mb: float = Field(4096, gt=0)
    queue_max: int = Field(200, ge=1)  # queued checks beyond which submissions get 429

    parse_seconds: float = Field(120, gt=0)  # wall clock for one file, OCR included
    parse_memory_mb: int = Field(2048, ge=64)  # resident memory of one parsing process tree
    max_pages: int = Field(500, ge=1)
    ocr: bool = True
    job_timeout_seconds: float | None = Field(None, gt=0)  # None: parse_seconds + 30 (load, check, store)

    local_web_without_key: bool = True  # pages and /metrics open when bound to loopback
    callback_private_ok: bool = False  # allow callback_url to loopback/private addresses
    callback_timeout_seconds: float = Field(10, gt=0)

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'clustercheck.db'}"

    @property
    def job_seconds(self) -> float:
        """The deadline after which a job's process is killed and the check marked F005."""
        return self.job_timeout_seconds or self.parse_seconds + 30

    @cached_property
    def limits(self) -> Limits:
        return Limits(max_bytes=int(self.max_upload_mb * MB), max_pages=self.max_pages,
                      seconds=self.parse_seconds, memory_mb=self.parse_memory_mb, ocr=self.ocr)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def open_locally(self) -> bool:
        """Whether the web pages may be used without a key (never when reachable from outside)."""
        return self.local_web_without_key and self.loopback


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def get_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
