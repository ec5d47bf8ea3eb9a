"""The body of one local worker process: receive a check id, run it, answer; until the pipe closes.

The process leads its own process group (so a kill takes any converter it started along) and asks
the kernel to kill it if the engine's process dies, so no orphan keeps parsing after a crash.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import sys
from multiprocessing.connection import Connection

from service.settings import Settings

PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def main(conn: Connection, settings: Settings, parent: int) -> None:
    os.setpgrp()
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server; it stops us itself
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s worker %(process)d %(levelname)s %(message)s")
    from service.jobs.task import allow_children, run_check, warm_up
    from service.runtime import Runtime

    allow_children()
    rt = Runtime.open(settings)
    try:
        warm_up()  # imports and lazy loading paid now, not by the first client
    except Exception as e:  # the job will report it; the worker still serves
        logging.getLogger("clustercheck.jobs").warning("pipeline import failed: %s", e)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            check_id = conn.recv()
        except (EOFError, OSError):
            break
        if check_id is None:
            break
        status = run_check(check_id, rt)
        conn.send(("done", check_id, status))
    rt.close()
