"""The Celery engine for real: the app publishes to the local Redis, a `clustercheck worker` process
runs the same task code and writes the outcome to the shared database and data folder."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator

import pytest
import redis

from service.settings import Settings
from tests.service.conftest import CLI, Service, start_service, stop, summary_docx, wait_batch, wait_done

BROKER = "redis://127.0.0.1:6379/0"


@pytest.fixture(scope="module")
def celery_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    data = tmp_path_factory.mktemp("celery")
    queue = f"cc-test-{uuid.uuid4().hex[:8]}"  # our own queue: other runs may share this Redis
    env = {**os.environ, "CLUSTERCHECK_DATA_DIR": str(data), "CLUSTERCHECK_JOB_ENGINE": "celery",
           "CLUSTERCHECK_BROKER_URL": BROKER, "CLUSTERCHECK_CELERY_QUEUE": queue}
    log = (data / "worker.log").open("wb")
    worker = subprocess.Popen([str(CLI), "worker", "--concurrency", "1", "--hostname", f"{queue}@%h"],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    log.close()  # the worker has its own copy
    try:
        with start_service(data, job_engine="celery", broker_url=BROKER, celery_queue=queue) as svc:
            yield svc
    finally:
        stop(worker)
        r = redis.Redis.from_url(BROKER)
        r.delete(*(r.keys(f"{queue}*") or [queue]))


def _wait(svc: Service, check_id: str, timeout: float = 120) -> dict:
    try:
        return wait_done(svc.client, check_id, svc.keys.h("portal"), timeout)
    except AssertionError:
        log = (svc.settings.data_dir / "worker.log").read_text(errors="replace")[-3000:]
        raise AssertionError(f"celery job {check_id} not finished; worker log:\n{log}") from None


@pytest.mark.slow
def test_async_check_runs_on_the_celery_worker(celery_service: Service) -> None:
    svc = celery_service
    ready = svc.client.get("/readyz").json()
    assert ready["checks"]["jobs"] == {"ok": True, "engine": "celery", "broker": "ok"}
    r = svc.client.post("/api/v1/checks?async=true", files={"file": ("总结.docx", summary_docx(seed=41))},
                        headers=svc.keys.h("portal"))
    assert r.status_code == 202
    body = _wait(svc, r.json()["id"])
    assert body["status"] == "done" and body["report"]["file"] == "总结.docx"
    assert "clustercheck.run_check" in (svc.settings.data_dir / "worker.log").read_text(errors="replace")


@pytest.mark.slow
def test_sync_check_waits_for_the_celery_worker(celery_service: Service) -> None:
    svc = celery_service
    r = svc.client.post("/api/v1/checks", files={"file": ("总结.docx", summary_docx(seed=42))},
                        data={"template": "hubei-2023-summary"}, headers=svc.keys.h("portal"))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "done" and r.json()["report"]["template"] == "hubei-2023-summary"


@pytest.mark.slow
def test_batch_on_celery(celery_service: Service) -> None:
    import io
    import zipfile

    svc = celery_service
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(3):
            z.writestr(f"{i}.docx", summary_docx(seed=50 + i))
    h = svc.keys.h("portal")
    r = svc.client.post("/api/v1/batches", files={"file": ("b.zip", buf.getvalue())}, headers=h)
    assert r.status_code == 202
    body = wait_batch(svc.client, r.json()["id"], h)
    assert body["done"] == 3 and all(i["status"] == "done" for i in body["items"])


def test_celery_settings_follow_the_service_settings() -> None:
    from service.jobs.celery_app import create_celery

    app = create_celery(Settings(celery_queue="q1", parse_seconds=10, job_timeout_seconds=None))
    assert app.conf.task_default_queue == "q1"
    assert app.conf.task_time_limit == 40 and app.conf.task_acks_late is True
