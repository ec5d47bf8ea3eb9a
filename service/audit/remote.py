"""The Celery engine of the audit: files go to `clustercheck worker` processes over Redis.

The workers are the ones the service uses (service.jobs.celery_app includes this module, so
they serve this task besides the service's own); they may run on any number of machines that
share the broker. A file travels in the message itself and its outcome comes back through the
result store, so workers need no shared folder. The hard time limit is Celery's: a child past it
is killed and the file reported F005; the parse inside still runs in the extractor's sandbox.
Only a window of files is in the queue at a time, so Ctrl-C leaves little to revoke.
"""

from __future__ import annotations

import base64
import hashlib
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from celery import shared_task
from celery.exceptions import TimeoutError as NotYet
from celery.signals import worker_process_init

from extractor import Limits
from service.audit.runner import SLACK_SECONDS, Job, OnResult
from service.audit.task import check_file, failed, limits_from_dict, limits_to_dict, warm_up

TASK_NAME = "clustercheck.audit_file"
POLL = 0.05  # seconds between looks at the result store
_BATCH_PRIORITY = 6  # as service.jobs.celery_engine gives a batch item: after interactive checks


# reject_on_worker_lost off: a file that kills its worker is reported, not redelivered for ever
@shared_task(name=TASK_NAME, ignore_result=False, acks_late=True, reject_on_worker_lost=False)
def audit_file(job: dict[str, Any]) -> dict[str, Any]:
    import os
    import socket

    data = base64.b64decode(job["data"])
    template, roster = (_materialise(job["files"].get(k), job[k]) for k in ("template", "roster"))
    outcome = check_file(data, job["name"], template, roster, limits_from_dict(job["limits"]))
    outcome["worker"] = f"{socket.gethostname()}:{os.getpid()}"
    return outcome


@worker_process_init.connect
def _warm_child(**_: Any) -> None:
    """Each pool child imports the parsers once, before its first file (see task.warm_up)."""
    warm_up()


def _materialise(sent: dict[str, str] | None, ref: str) -> str:
    """A pack or roster the audit was given as a file: written where this worker can load it."""
    if not sent:
        return ref
    data = base64.b64decode(sent["data"])
    folder = Path(tempfile.gettempdir()) / "clustercheck-audit" / hashlib.sha256(data).hexdigest()[:16]
    path = folder / sent["name"]
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return str(path)


class CeleryRunner:
    def __init__(self, template: str, roster: str, limits: Limits, window: int = 64) -> None:
        from service.jobs.celery_app import create_celery
        from service.settings import get_settings

        self.settings = get_settings()
        self.app = create_celery(self.settings)
        self.template, self.roster, self.limits = template, roster, limits
        self.window = max(2, window)
        self.peaks: dict[str, dict[str, float]] = {}
        self.files = {k: _send_file(v) for k, v in (("template", template), ("roster", roster)) if Path(v).is_file()}

    def preflight(self) -> tuple[str | None, int]:
        """(why the broker cannot be used, or None; how many workers answer on our queue's broker)."""
        try:
            with self.app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=3)
        except Exception as e:
            return f"无法连接 Celery 代理 {self.settings.broker_url}（{type(e).__name__}）", 0
        replies = self.app.control.ping(timeout=1.5) or []
        return None, len(replies)

    def run(self, jobs: Sequence[Job], on_result: OnResult, stop: threading.Event) -> None:
        todo = list(reversed(jobs))
        pending: dict[str, tuple[Job, float]] = {}
        backend = self.app.backend
        try:
            while (todo or pending) and not stop.is_set():
                while todo and len(pending) < self.window:
                    job = todo.pop()
                    pending[self._send(job)] = (job, time.monotonic())
                try:  # one look at the result store, then back to topping up the window
                    for task_id, meta in backend.get_many(list(pending), timeout=POLL, interval=POLL,
                                                          max_iterations=1):
                        job, started = pending.pop(task_id)
                        on_result(job, self._outcome(job, meta, time.monotonic() - started))
                        backend.forget(task_id)
                except NotYet:
                    pass
        finally:
            if pending:
                self.app.control.revoke(list(pending))
            self.app.close()

    def _send(self, job: Job) -> str:
        body = {"name": job.name, "data": base64.b64encode(Path(job.path).read_bytes()).decode("ascii"),
                "template": self.template, "roster": self.roster, "files": self.files,
                "limits": limits_to_dict(self.limits)}
        result = self.app.send_task(TASK_NAME, args=[body], queue=self.settings.celery_queue,
                                    priority=_BATCH_PRIORITY, time_limit=self.limits.seconds + SLACK_SECONDS)
        return str(result.id)

    def _outcome(self, job: Job, meta: dict[str, Any], seconds: float) -> dict[str, Any]:
        if meta.get("status") == "SUCCESS":
            outcome = dict(meta["result"])
            if "worker" in outcome:
                self.peaks[outcome["worker"]] = {k: outcome[k] for k in ("worker_rss_mb", "parse_rss_mb")
                                                 if k in outcome}
            return outcome
        exc = meta.get("result") or {}
        kind = exc.get("exc_type", "") if isinstance(exc, dict) else type(exc).__name__
        if kind == "TimeLimitExceeded":
            return failed(job.name, job.sha256, "F005",
                          f"处理超时：超过 {self.limits.seconds + SLACK_SECONDS:.0f} 秒，已终止", seconds)
        return failed(job.name, job.sha256, "F001", f"检查进程意外退出（{kind or meta.get('status')}）", seconds)


def _send_file(path: str) -> dict[str, str]:
    p = Path(path)
    return {"name": p.name, "data": base64.b64encode(p.read_bytes()).decode("ascii")}
