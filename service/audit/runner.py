"""The local engine: N long-lived worker processes, one file each at a time, watched from one loop.

A pool such as ProcessPoolExecutor cannot kill the one task that hangs, so each slot owns a process
and a pipe, as in service.jobs.local. Inside a worker the parse runs in the extractor's sandbox
with the file's time and memory limits (F005 from there is an ordinary report); this loop adds a
deadline for the whole file and a cap on the worker's own memory (its footprint plus what a parse
may take), for what runs outside the sandbox. A worker over either is killed with its process
group, the file is reported F005, and the slot starts a fresh worker for the next file. `stop`
(Ctrl-C) kills the workers at once: a file in flight is simply not recorded, and is done again by
the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from extractor import Limits, kill_tree
from service.audit.task import check_file, failed, limits_from_dict, limits_to_dict, warm_up

MB = 1024 * 1024
SLACK_SECONDS = 30.0  # for loading, checking and answering, on top of the parse's own limit
SPAWN_SECONDS = 180.0  # a new worker's imports, on a cold disk (as service.jobs.local allows)
WORKER_MB = 512  # a worker's own footprint (parsers, packs, rosters loaded) and the check's working set
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True, slots=True)
class Job:
    key: int
    name: str
    path: str
    sha256: str


OnResult = Callable[[Job, dict[str, Any]], None]


@dataclass
class _Slot:
    index: int
    proc: mp.process.BaseProcess | None = None
    conn: Connection | None = None
    job: Job | None = None
    started: float = 0.0  # when the file's clock started: hand-over, or the worker's "ready" if later
    ready: bool = False
    peak: dict[str, float] = field(default_factory=dict)


class LocalRunner:
    def __init__(self, workers: int, template: str, roster: str, limits: Limits) -> None:
        self.workers = max(1, workers)
        self.template, self.roster, self.limits = template, roster, limits
        self.job_seconds = limits.seconds + SLACK_SECONDS
        self.worker_mb = WORKER_MB + limits.memory_mb  # the parse has its own cap, in the sandbox
        self._ctx = mp.get_context("spawn")
        self.peaks: dict[str, dict[str, float]] = {}  # per worker process: peak memory seen

    def run(self, jobs: Sequence[Job], on_result: OnResult, stop: threading.Event) -> None:
        todo = deque(jobs)
        slots = [_Slot(i) for i in range(min(self.workers, len(jobs)) or 1)]
        try:
            while (todo or any(s.job for s in slots)) and not stop.is_set():
                for s in slots:
                    if s.job is None and todo:
                        self._hand(s, todo.popleft())
                busy = {s.conn: s for s in slots if s.job and s.conn}
                for conn in wait(list(busy), timeout=0.2):
                    self._receive(busy[conn], on_result)  # type: ignore[index]
                for s in slots:
                    if s.job is not None:
                        self._watch(s, on_result)
        finally:
            for s in slots:
                self._kill(s)

    def _hand(self, s: _Slot, job: Job) -> None:
        for _ in range(2):  # a worker that died between two files is replaced once
            if s.proc is None or not s.proc.is_alive():
                self._kill(s)
                self._spawn(s)
            assert s.conn is not None
            try:
                s.conn.send((job.name, job.path))
                break
            except OSError:
                self._kill(s)
        s.job, s.started = job, time.monotonic()

    def _spawn(self, s: _Slot) -> None:
        parent, child = self._ctx.Pipe()
        s.proc = self._ctx.Process(target=worker_main, name=f"clustercheck-audit-{s.index}",
                                   args=(child, os.getpid(), self.template, self.roster, limits_to_dict(self.limits)))
        s.proc.start()
        child.close()
        s.conn, s.ready = parent, False

    def _receive(self, s: _Slot, on_result: OnResult) -> None:
        assert s.conn is not None and s.job is not None
        try:
            message = s.conn.recv()
        except (EOFError, OSError):
            return  # the worker died: _watch reports it
        if message[0] == "ready":  # a new worker's imports do not count against the file's time
            s.ready, s.started = True, time.monotonic()
        elif message[0] == "done":
            job, s.job = s.job, None
            outcome = message[1]
            self.peaks[outcome.get("worker", "?")] = {k: outcome[k] for k in ("worker_rss_mb", "parse_rss_mb")
                                                      if k in outcome}
            on_result(job, outcome)

    def _watch(self, s: _Slot, on_result: OnResult) -> None:
        assert s.proc is not None and s.job is not None
        took = time.monotonic() - s.started
        problem: tuple[str, str] | None = None
        if not s.ready and took > SPAWN_SECONDS:
            problem = ("F001", f"检查进程 {SPAWN_SECONDS:.0f} 秒内未能启动")
        elif not s.proc.is_alive():
            code = s.proc.exitcode
            problem = ("F005" if code == -signal.SIGKILL else "F001",
                       f"检查进程意外退出（退出码 {code}），文件可能已损坏或过于复杂")
        elif s.ready and took > self.job_seconds:
            problem = ("F005", f"处理超时：超过 {self.job_seconds:.0f} 秒，已终止")
        elif (rss := _rss(s.proc.pid)) > self.worker_mb * MB:
            problem = ("F005", f"检查时内存超过上限：{rss / MB:.0f} MB > {self.worker_mb} MB，已终止")
        if problem is None:
            return
        job = s.job
        self._kill(s)
        on_result(job, failed(job.name, job.sha256, problem[0], problem[1], took))

    def _kill(self, s: _Slot) -> None:
        if s.proc is not None and s.proc.pid is not None:
            kill_tree(s.proc.pid)
            s.proc.join(timeout=5)
        if s.conn is not None:
            s.conn.close()
        s.proc, s.conn, s.job = None, None, None


def _rss(pid: int | None) -> int:
    from service.jobs.local import rss_bytes

    return rss_bytes(pid) if pid else 0


def worker_main(conn: Connection, parent: int, template: str, roster: str, limits: dict[str, Any]) -> None:
    """One worker: leads its own process group (a kill takes the sandbox and LibreOffice along), dies
    with the audit (no orphan parses on after a crash), ignores Ctrl-C (the audit stops it)."""
    os.setpgrp()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()
    conn.send(("ready",))
    lim = limits_from_dict(limits)
    me = f"{os.uname().nodename}:{os.getpid()}"
    while True:
        try:
            name, path = conn.recv()
        except (EOFError, OSError):
            break
        outcome = check_file(path, name, template, roster, lim)
        outcome["worker"] = me
        conn.send(("done", outcome))
