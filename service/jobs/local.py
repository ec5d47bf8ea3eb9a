"""The embedded engine: N worker processes, each watched by a thread that kills it past its limits.

A pool like ProcessPoolExecutor cannot kill one job, so each slot owns one long-lived process and
sends it one check id at a time. The parse runs under it in the extractor's sandbox, with the
file's own time and memory limits; the slot's thread adds a deadline for the whole job and a cap
on the worker's resident memory, for what runs outside the sandbox (checking, storing). A job over
either is killed with every process under it and its check marked failed with F005, and the slot
starts a fresh process for the next job.

The queue in memory is only a copy: the database holds every queued check, so `start()` after a
crash or a restart re-enqueues them (and those that were running when the process died).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing as mp
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection

from sqlalchemy import update

from extractor import kill_tree
from service.db.models import QUEUED, RUNNING, Check
from service.jobs import local_worker
from service.jobs.base import ASYNC, JobEngine, queued_jobs
from service.jobs.task import fail
from service.runtime import Runtime
from service.settings import MB

log = logging.getLogger("clustercheck.jobs")
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_STOP = (-1, -1, "")
SPAWN_SECONDS = 180.0  # importing the parsers the first time can be slow on a cold disk


class LocalEngine(JobEngine):
    name = "local"

    def __init__(self, rt: Runtime) -> None:
        super().__init__(rt)
        self._queue: queue.PriorityQueue[tuple[int, int, str]] = queue.PriorityQueue()
        self._seq = itertools.count()
        self._pending: set[str] = set()
        self._waiters: dict[str, list[Callable[[], None]]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._procs: dict[int, mp.process.BaseProcess] = {}
        self._ctx = mp.get_context("spawn")

    # -- interface ---------------------------------------------------------------------------
    def start(self) -> None:
        with self.rt.sessions.begin() as s:  # whatever was running when the last process died
            s.execute(update(Check).where(Check.status == RUNNING).values(status=QUEUED, started_at=None))
            rows = queued_jobs(s)
        for check_id, priority in rows:
            self.submit(check_id, priority)
        for i in range(self.rt.settings.workers):
            t = threading.Thread(target=self._slot, args=(i,), name=f"cc-slot-{i}", daemon=True)
            t.start()
            self._threads.append(t)
        if rows:
            log.info("resumed %d queued checks", len(rows))

    def stop(self) -> None:
        self._stopping.set()
        for _ in self._threads:
            self._queue.put(_STOP)
        for proc in list(self._procs.values()):
            _kill(proc)
        for t in self._threads:
            t.join(timeout=10)
        self._threads.clear()

    def submit(self, check_id: str, priority: int = ASYNC) -> None:
        with self._lock:
            if check_id in self._pending:
                return
            self._pending.add(check_id)
        self._queue.put((priority, next(self._seq), check_id))

    def health(self) -> dict[str, object]:
        alive = sum(t.is_alive() for t in self._threads)
        return {"ok": alive == self.rt.settings.workers and not self._stopping.is_set(), "engine": self.name,
                "workers": self.rt.settings.workers, "slots_alive": alive,
                "processes": sum(p.is_alive() for p in self._procs.values())}

    async def wait(self, check_id: str, timeout: float) -> bool:
        loop = asyncio.get_running_loop()
        done = loop.create_future()

        def wake() -> None:
            loop.call_soon_threadsafe(lambda: done.done() or done.set_result(True))

        with self._lock:
            self._waiters.setdefault(check_id, []).append(wake)
        try:
            if await asyncio.to_thread(self._finished, check_id):  # finished before we registered
                return True
            try:
                await asyncio.wait_for(done, timeout)
                return True
            except TimeoutError:
                return False
        finally:
            with self._lock:
                waiters = self._waiters.get(check_id, [])
                if wake in waiters:
                    waiters.remove(wake)
                if not waiters:
                    self._waiters.pop(check_id, None)

    # -- slots -------------------------------------------------------------------------------
    def _slot(self, index: int) -> None:
        proc: mp.process.BaseProcess | None = None
        conn: Connection | None = None
        try:  # ready before the first job arrives: imports take seconds, a waiting client should not
            proc, conn = self._spawn(index)
        except Exception:
            if not self._stopping.is_set():
                log.exception("slot %d: worker did not start; retrying with the first job", index)
        while True:
            priority, _, check_id = self._queue.get()
            if priority < 0 or self._stopping.is_set():
                break
            with self._lock:
                self._pending.discard(check_id)
            try:
                if proc is None or conn is None or not proc.is_alive():
                    proc, conn = self._spawn(index)
                if not self._run(proc, conn, check_id):
                    _kill(proc)
                    proc = conn = None
            except Exception as e:  # never let a slot thread die: the check fails, the slot goes on
                log.exception("slot %d: job %s", index, check_id)
                if proc is not None:
                    _kill(proc)
                proc = conn = None
                fail(self.rt, check_id, None, f"工作进程无法运行：{type(e).__name__}: {e}")
                time.sleep(1)
            finally:
                self._notify(check_id)
        if proc is not None:
            _kill(proc)
        self._procs.pop(index, None)

    def _spawn(self, index: int) -> tuple[mp.process.BaseProcess, Connection]:
        parent_conn, child_conn = self._ctx.Pipe()
        proc = self._ctx.Process(target=local_worker.main, args=(child_conn, self.rt.settings, os.getpid()),
                                 name=f"clustercheck-worker-{index}", daemon=True)
        proc.start()
        child_conn.close()
        self._procs[index] = proc
        try:
            ready = parent_conn.poll(SPAWN_SECONDS) and parent_conn.recv()[0] == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            _kill(proc)
            raise RuntimeError("工作进程启动失败")
        return proc, parent_conn

    def _run(self, proc: mp.process.BaseProcess, conn: Connection, check_id: str) -> bool:
        """Hand one job over and watch it; False when the process had to be killed or died."""
        s = self.rt.settings
        conn.send(check_id)
        started = time.monotonic()
        deadline, pause = started + s.job_seconds, 0.0  # limits checked once at once, then every 0.2 s
        while True:
            try:
                if conn.poll(pause):
                    conn.recv()
                    return True
            except (EOFError, OSError):
                pass  # the process died: handled below
            pause = 0.2
            if self._stopping.is_set():
                _kill(proc)
                with self.rt.sessions.begin() as db:  # resumes on the next start
                    db.execute(update(Check).where(Check.id == check_id, Check.status == RUNNING)
                               .values(status=QUEUED, started_at=None))
                return False
            if not proc.is_alive():
                code = proc.exitcode
                fail(self.rt, check_id, "F005" if code == -signal.SIGKILL else "F001",
                     f"解析进程意外退出（退出码 {code}），文件可能已损坏或过于复杂", time.monotonic() - started)
                return False
            if time.monotonic() > deadline:
                _kill(proc)
                fail(self.rt, check_id, "F005", f"处理超时：超过 {s.job_seconds:.0f} 秒，已终止",
                     time.monotonic() - started)
                return False
            rss = rss_bytes(proc.pid) if proc.pid else 0
            if rss > s.parse_memory_mb * MB:
                _kill(proc)
                fail(self.rt, check_id, "F005",
                     f"处理时内存超过上限：{rss / MB:.0f} MB > {s.parse_memory_mb} MB，已终止",
                     time.monotonic() - started)
                return False

    def _notify(self, check_id: str) -> None:
        with self._lock:
            waiters = list(self._waiters.get(check_id, []))
        for wake in waiters:
            wake()


def _kill(proc: mp.process.BaseProcess) -> None:
    """SIGKILL the worker, its process group and every descendant (a parse sandbox, LibreOffice)."""
    if proc.pid is not None:
        kill_tree(proc.pid)
        proc.join(timeout=5)


def rss_bytes(pid: int) -> int:
    """Resident memory of one process, from /proc (0 where there is none).

    Only the worker itself: the parse sandbox under it has its own address-space cap, and a
    forked child's shared pages would be counted twice in any sum over the tree.
    """
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0
