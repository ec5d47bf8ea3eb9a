"""The app's side of the Celery engine: publish check ids to Redis; workers elsewhere run them."""

from __future__ import annotations

import logging

from service.jobs.base import ASYNC, JobEngine, queued_jobs
from service.jobs.celery_app import TASK_NAME, create_celery
from service.runtime import Runtime

log = logging.getLogger("clustercheck.jobs")
_PRIORITY = {0: 0, 1: 3, 2: 6}  # kombu's Redis transport: 0 is served first


class CeleryEngine(JobEngine):
    name = "celery"

    def __init__(self, rt: Runtime) -> None:
        super().__init__(rt)
        self.app = create_celery(rt.settings)

    def start(self) -> None:
        """Re-publish checks still queued in the database (the broker may have lost them).

        A check published twice runs once: the second delivery finds it finished and skips it.
        """
        with self.rt.sessions() as s:
            rows = queued_jobs(s)
        for check_id, priority in rows:
            self.submit(check_id, priority)
        if rows:
            log.info("re-published %d queued checks", len(rows))

    def stop(self) -> None:
        self.app.close()

    def submit(self, check_id: str, priority: int = ASYNC) -> None:
        self.app.send_task(TASK_NAME, args=[check_id], queue=self.rt.settings.celery_queue,
                           priority=_PRIORITY.get(priority, 3))

    def health(self) -> dict[str, object]:
        try:
            with self.app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
        except Exception as e:
            return {"ok": False, "engine": self.name, "broker": f"unreachable: {type(e).__name__}"}
        return {"ok": True, "engine": self.name, "broker": "ok"}
