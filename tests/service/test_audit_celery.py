"""`clustercheck audit --engine celery` for real: two `clustercheck worker` processes on the local Redis
take the files, and the outputs are the local engine's, file for file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import redis

from samples.archive import make_archive
from service.cli import main
from tests.service.conftest import stop_all

CLI = Path(sys.executable).with_name("clustercheck")
BROKER = "redis://127.0.0.1:6379/0"


@pytest.fixture(scope="module")
def queue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two workers, one child each, on a queue of our own (other runs may share this Redis)."""
    from service.jobs.celery_app import create_celery
    from service.settings import Settings

    data = tmp_path_factory.mktemp("celery-audit")
    name = f"cc-audit-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "CLUSTERCHECK_BROKER_URL": BROKER, "CLUSTERCHECK_CELERY_QUEUE": name}
    logs = [(data / f"worker{k}.log").open("wb") for k in (1, 2)]
    # a data folder each, as on two machines (audit tasks need none; two workers migrating one new
    # SQLite file at the same moment race)
    workers = [subprocess.Popen([str(CLI), "worker", "--concurrency", "1", "--hostname", f"w{k}-{name}@%h"],
                                env={**env, "CLUSTERCHECK_DATA_DIR": str(data / f"w{k}")}, stdout=log,
                                stderr=subprocess.STDOUT) for k, log in zip((1, 2), logs, strict=True)]
    app = create_celery(Settings(broker_url=BROKER, celery_queue=name))
    try:
        deadline = time.monotonic() + 90
        while sum(name in host for reply in app.control.ping(timeout=1.0) or [] for host in reply) < 2:
            assert time.monotonic() < deadline, "celery workers did not come up"
            time.sleep(0.5)
        yield name
    finally:
        app.close()
        stop_all(workers)
        for log in logs:
            log.close()
        r = redis.Redis.from_url(BROKER)
        keys = r.keys(f"{name}*")
        if keys:
            r.delete(*keys)


def _records(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]


def _sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


@pytest.mark.slow
def test_celery_engine_gives_the_local_engines_outputs(queue: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_archive(tmp_path / "archive", n=14, seed=5)
    local, remote = tmp_path / "local", tmp_path / "celery"
    assert main(["audit", str(root), "--out", str(local), "--workers", "2", "--quiet"]) == 1
    monkeypatch.setenv("CLUSTERCHECK_BROKER_URL", BROKER)
    monkeypatch.setenv("CLUSTERCHECK_CELERY_QUEUE", queue)
    assert main(["audit", str(root), "--out", str(remote), "--engine", "celery", "--workers", "2", "--quiet"]) == 1

    mine, theirs = _records(local), _records(remote)
    keep = ("path", "status", "sha256", "paths", "duplicate_of", "report", "report_file")
    assert [{k: r[k] for k in keep} for r in theirs] == [{k: r[k] for k in keep} for r in mine]
    assert (remote / "summary.csv").read_bytes() == (local / "summary.csv").read_bytes()
    assert _sheets(remote / "summary.xlsx") == _sheets(local / "summary.xlsx")
    assert sorted(p.name for p in (remote / "reports").iterdir()) == sorted(p.name for p in (local / "reports").iterdir())

    stats = json.loads((remote / "run.json").read_text(encoding="utf-8"))
    assert stats["engine"] == "celery" and stats["checked_now"] == stats["distinct"]
    assert len(stats["worker_peaks_mb"]) == 2  # both workers took files
