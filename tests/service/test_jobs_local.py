"""The local engine: jobs over their time or memory limit are killed and marked F005; a server killed
with SIGKILL and started again finishes every job it had accepted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from service.db import FINISHED, Check, make_engine, make_sessions
from service.jobs.local import rss_bytes
from tests.service.conftest import (
    CLI,
    SAMPLES_DIR,
    Service,
    free_port,
    serve,
    start_service,
    stop,
    summary_docx,
    wait_done,
)

SCANNED = SAMPLES_DIR / "pdf_scanned_report.pdf"


def _submit_and_wait(svc: Service, data: bytes, name: str) -> dict:
    h = svc.keys.h("portal")
    r = svc.client.post("/api/v1/checks?async=true", files={"file": (name, data)}, headers=h)
    assert r.status_code == 202, r.text
    return wait_done(svc.client, r.json()["id"], h, timeout=120)


@pytest.mark.slow
def test_job_over_its_time_limit_is_killed_and_marked_f005(tmp_path: Path) -> None:
    with start_service(tmp_path, job_timeout_seconds=3) as svc:
        body = _submit_and_wait(svc, SCANNED.read_bytes(), "扫描件.pdf")  # OCR takes half a minute
        assert body["status"] == "failed" and body["error"]["code"] == "F005" and "超时" in body["error"]["message"]
        assert body["verdict"] == "fail" and body["report"]["findings"][0]["code"] == "F005"
        assert svc.client.get("/readyz").status_code == 200  # the slot started a fresh worker
        ok = _submit_and_wait(svc, summary_docx(200), "ok.docx")
        assert ok["status"] == "done"


@pytest.mark.slow
def test_job_over_its_memory_limit_is_killed_and_marked_f005(tmp_path: Path) -> None:
    with start_service(tmp_path, parse_memory_mb=64) as svc:  # less than a worker holds with its parsers loaded
        body = _submit_and_wait(svc, summary_docx(200), "a.docx")
        assert body["status"] == "failed" and body["error"]["code"] == "F005" and "内存" in body["error"]["message"]


def test_rss_of_a_process() -> None:
    code = "import sys, time; x = b'\\x01' * 80_000_000; print('ok', flush=True); time.sleep(60)"
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == b"ok"
        assert 80_000_000 <= rss_bytes(child.pid) < 200_000_000
        assert rss_bytes(2**22 + 12345) == 0  # no such process
    finally:
        child.kill()
        child.wait()


@pytest.mark.slow
def test_sigkill_and_restart_loses_no_accepted_job(tmp_path: Path) -> None:
    env = {**os.environ, "CLUSTERCHECK_DATA_DIR": str(tmp_path)}
    key = subprocess.run([str(CLI), "keys", "create", "--role", "portal"], env=env, capture_output=True,
                         text=True, check=True).stdout.strip()
    port = free_port()
    server = serve(tmp_path, port)
    ids = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"X-API-Key": key}, timeout=30) as c:
            for i in range(8):
                r = c.post("/api/v1/checks", params={"async": "true"},
                           files={"file": (f"{i}.docx", summary_docx(1500, seed=100 + i))})
                assert r.status_code == 202
                ids.append(r.json()["id"])
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
    engine = make_engine(f"sqlite:///{tmp_path / 'clustercheck.db'}")
    sessions = make_sessions(engine)
    with sessions() as s:
        unfinished = s.scalars(select(Check.id).where(Check.status.not_in(FINISHED))).all()
    assert unfinished, "every job finished before the kill: the test proves nothing"
    server = serve(tmp_path, port)
    try:
        deadline = time.monotonic() + 180
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"X-API-Key": key}, timeout=30) as c:
            while time.monotonic() < deadline:
                statuses = [c.get(f"/api/v1/checks/{i}", params={"report": "false"}).json()["status"] for i in ids]
                if all(st == "done" for st in statuses):
                    break
                assert "failed" not in statuses
                time.sleep(0.3)
            else:
                raise AssertionError(f"not all resumed jobs finished: {statuses}")
    finally:
        stop(server)
        engine.dispose()
