"""Fixtures for the service tests: real databases (SQLite file, PostgreSQL schema), a real app with its
local worker processes, keys of every role, small submissions built with python-docx, and a real
`clustercheck serve` process for the tests that need one over TCP."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from samples.builder import heading, new_document, prose, title
from service.app import create_app
from service.auth import create_key
from service.settings import Settings

PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples" / "files"
CLI = Path(sys.executable).with_name("clustercheck")


def pg_reachable() -> bool:
    try:
        engine = create_engine(PG_BASE, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


@contextmanager
def pg_schema() -> Iterator[str]:
    """A fresh schema in the local PostgreSQL, dropped afterwards; the URL that uses it."""
    schema = f"cc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_BASE)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_BASE}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """Each test starts empty."""
    with pg_schema() as url:
        yield url


@contextmanager
def service_on(db: str, data_dir: Path, **overrides: object) -> Iterator[Service]:
    """`start_service` on "sqlite" (in the data dir) or "postgresql" (a schema of its own)."""
    if db == "sqlite":
        with start_service(data_dir, **overrides) as svc:
            yield svc
        return
    with pg_schema() as url, start_service(data_dir, database_url=url, **overrides) as svc:
        yield svc


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cc.db'}"
    return request.getfixturevalue("pg_url")


def summary_docx(words: int = 600, seed: int = 1, name: str = "十堰商用车及部件创新型产业集群") -> bytes:
    """A small work summary in the Hubei 2023 outline's shape."""
    doc = new_document()
    title(doc, f"{name}2023年度工作总结")
    for i, h in enumerate(["一、集群总体情况", "二、集群企业发展情况", "三、集群创新能力建设情况"]):
        heading(doc, h, level=1)
        prose(doc, words=words // 3, seed=seed + i)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@dataclass
class Keys:
    admin: str
    reviewer: str
    portal: str
    portal2: str

    def h(self, role: str) -> dict[str, str]:
        return {"X-API-Key": getattr(self, role)}


def make_keys(app: FastAPI) -> Keys:
    made = {}
    with app.state.rt.sessions.begin() as s:
        for attr, role in (("admin", "admin"), ("reviewer", "reviewer"), ("portal", "portal"), ("portal2", "portal")):
            made[attr] = create_key(s, role, f"test-{attr}")[1]
    return Keys(**made)


@dataclass
class Service:
    app: FastAPI
    client: TestClient
    keys: Keys
    settings: Settings


@contextmanager
def start_service(data_dir: Path, **overrides: object) -> Iterator[Service]:
    """A real app with one local worker process, running until the block ends."""
    settings = Settings(data_dir=data_dir, workers=1, **overrides)  # type: ignore[arg-type]
    app = create_app(settings)
    keys = make_keys(app)
    with TestClient(app) as client:
        yield Service(app, client, keys, settings)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """One app per test module, with one local worker process."""
    with start_service(tmp_path_factory.mktemp("svc"), callback_private_ok=True) as svc:
        yield svc


def wait_done(client: TestClient, check_id: str, headers: dict, timeout: float = 90) -> dict:
    """The check's status answer once it is finished (done or failed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/v1/checks/{check_id}", headers=headers).json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.1)
    raise AssertionError(f"check {check_id} not finished after {timeout}s")


def wait_batch(client: TestClient, batch_id: str, headers: dict, timeout: float = 120) -> dict:
    """The batch's answer once it is done, checking on the way that its progress never goes back."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        body = client.get(f"/api/v1/batches/{batch_id}", headers=headers).json()
        seen.append(body["done"])
        if body["status"] == "done":
            assert seen == sorted(seen), "progress never goes backwards"
            return body
        time.sleep(0.2)
    raise AssertionError(f"batch {batch_id} not done after {timeout}s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(data_dir: Path, port: int, timeout: float = 60, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`clustercheck serve` as a user starts it (one worker), returned once /readyz says ready.

    Its output is appended to <data_dir>/serve.log, which a failure to start shows.
    """
    log_path = data_dir / "serve.log"
    env = {**os.environ, "CLUSTERCHECK_DATA_DIR": str(data_dir), **(env or {})}
    with log_path.open("ab") as log:
        proc = subprocess.Popen([str(CLI), "serve", "--port", str(port), "--workers", "1", "--log-level", "warning"],
                                env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    stop(proc)
    raise AssertionError(f"server not ready: {log_path.read_text(errors='replace')[-3000:]}")


def stop_all(procs: list[subprocess.Popen], timeout: float = 30) -> None:
    """SIGTERM to all at once (they shut down in parallel), then stop each."""
    for proc in procs:
        proc.terminate()
    for proc in procs:
        stop(proc, timeout)


def stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM (a graceful shutdown), then SIGKILL if it has not exited within `timeout`."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
