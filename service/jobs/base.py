"""The job-engine interface. A job is a check id whose row is already committed with status queued;
an engine only decides where and when `task.run_check` runs for it.
"""

from __future__ import annotations

import abc
import asyncio
import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.db.models import FINISHED, QUEUED, Check
from service.runtime import Runtime

WAITING, ASYNC, BATCH = 0, 1, 2  # priorities: someone holds a connection open > a job > a batch item


class JobEngine(abc.ABC):
    name: str

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    @abc.abstractmethod
    def start(self) -> None:
        """Begin running jobs, including those left queued by a previous process."""

    @abc.abstractmethod
    def stop(self) -> None:
        """Stop taking jobs; jobs not finished stay in the database and resume on the next start."""

    @abc.abstractmethod
    def submit(self, check_id: str, priority: int = ASYNC) -> None:
        """Enqueue a committed check. Must not block on the job itself."""

    @abc.abstractmethod
    def health(self) -> dict[str, object]:
        """{"ok": bool, ...details} for /readyz."""

    def queued(self) -> int:
        with self.rt.sessions() as s:
            return int(s.scalar(select(func.count()).select_from(Check).where(Check.status == QUEUED)) or 0)

    async def wait(self, check_id: str, timeout: float) -> bool:
        """Wait until the check is finished; False if `timeout` passed first. Polls the database."""
        deadline, pause = time.monotonic() + timeout, 0.05
        while True:
            if await asyncio.to_thread(self._finished, check_id):
                return True
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(min(pause, max(0.0, deadline - time.monotonic())))
            pause = min(pause * 1.5, 0.5)

    def _finished(self, check_id: str) -> bool:
        with self.rt.sessions() as s:
            return s.scalar(select(Check.status).where(Check.id == check_id)) in FINISHED


def queued_jobs(s: Session) -> list[tuple[str, int]]:
    """(check id, priority) of every queued check, in the order they should run: what an engine
    re-enqueues on start, since its own queue (in memory or in Redis) may have lost them."""
    rows = s.execute(select(Check.id, Check.priority).where(Check.status == QUEUED)
                     .order_by(Check.priority, Check.created_at))
    return [(check_id, priority) for check_id, priority in rows]

