"""Run a parser where it can be killed: a forked child with an address-space cap and a deadline.

Parser libraries can loop on a crafted PDF or allocate without bound on a damaged file, and a
Python thread cannot be stopped from outside, so each file is parsed in a child process. The
child is the leader of its own process group; on timeout the parent kills that group and every
descendant it can find (LibreOffice runs in a group of its own under the child), so nothing
outlives the file.

The memory cap is RLIMIT_AS set in the child to what the process had mapped at the fork plus
`limits.memory_mb`: the forked child starts with the parent's whole address space (a server with
OCR models loaded maps gigabytes it will never touch), and a cap below that would fail every
allocation at once. Only the soft limit is lowered, so LibreOffice, started from the child, can be
given a cap of its own (`exec_memory_cap`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from extractor.base import OVER_LIMIT, UNREADABLE, ExtractError, Limits

T = TypeVar("T")

_MB = 1024 * 1024
_EXIT_GRACE = 5.0  # seconds a child that has sent its answer gets to exit


def run_isolated(fn: Callable[..., T], args: tuple[Any, ...], limits: Limits) -> T:
    """fn(*args) in a killable child; its result or ExtractError comes back pickled.

    Timeout → F005 "处理超时"; MemoryError or death by the cap → F005 "内存超过上限"; an
    ExtractError from the child is re-raised as is; any other exception → F001.

    Import what `fn` needs before calling: the child inherits it instead of paying the import on
    every file, and libraries mapped before the fork are not charged to its memory cap
    (`extractor.extract(isolated=True)` imports every parser first).
    """
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    report = limits.progress
    if report is not None:  # the child's calls come back over the pipe, to run here
        relay = _Relay(sender)
        args = tuple(dataclasses.replace(a, progress=relay) if isinstance(a, Limits) else a for a in args)
    child = ctx.Process(target=_child, args=(sender, fn, args, limits.memory_mb))
    child.start()
    sender.close()
    pid = child.pid
    assert pid is not None
    with contextlib.suppress(OSError):  # also done in the child: whichever runs first wins the race
        os.setpgid(pid, pid)
    deadline = time.monotonic() + limits.seconds
    try:
        status, payload = _receive(receiver, deadline, report)
    except TimeoutError:
        kill_tree(pid)
        child.join()
        raise ExtractError(OVER_LIMIT, f"处理超时（>{limits.seconds:g}s）", limit="seconds",
                           expected=limits.seconds) from None
    finally:
        receiver.close()
    child.join(_EXIT_GRACE)
    if child.is_alive():  # answered, but a library's thread keeps it from exiting
        kill_tree(pid)
        child.join()
    if status == "ok":
        return payload
    if status == "error":
        raise payload
    if status == "memory":
        raise _memory_error(limits)
    if status == "crash":
        raise ExtractError(UNREADABLE, f"文件已损坏或无法解析（{payload}）")
    # The child died without a word: killed by the kernel (OOM) or aborted by a library that
    # could not allocate under the cap — both mean memory; any other signal means a crash.
    code = child.exitcode or 0
    if -code in (signal.SIGKILL, signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
        raise _memory_error(limits)
    raise ExtractError(UNREADABLE, f"解析进程异常退出（退出码 {code}）")


def _receive(conn: Connection, deadline: float,
             report: Callable[[int, int], None] | None = None) -> tuple[str, Any]:
    """The child's answer; ("died", None) if it exited without one; TimeoutError past the deadline.
    Progress messages on the way are handed to `report`."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not conn.poll(left):
            raise TimeoutError
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return "died", None
        if message[0] != "progress":
            return message
        if report is not None:
            with contextlib.suppress(Exception):  # a listener's bug must not fail the parse
                report(*message[1])


class _Relay:
    """The child's stand-in for the caller's progress callback: sends (done, total) to the parent,
    at most every `every` seconds but always the last page, so a 500-page file is no flood."""

    def __init__(self, conn: Connection, every: float = 0.25) -> None:
        self.conn, self.every, self.last = conn, every, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < self.every:
            return
        self.last = now
        with contextlib.suppress(Exception):
            self.conn.send(("progress", (done, total)))


def _memory_error(limits: Limits) -> ExtractError:
    return ExtractError(OVER_LIMIT, f"内存超过上限（{limits.memory_mb} MB）", limit="memory_mb",
                        expected=limits.memory_mb)


def _child(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> None:
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    _cap_memory(memory_mb)
    try:
        message: tuple[str, Any] = ("ok", fn(*args))
    except ExtractError as e:
        message = ("error", e)
    except MemoryError:
        message = ("memory", None)
    except OSError as e:  # ImportError included: a shared library that no longer fits under the cap
        message = ("memory", None) if _out_of_memory(e) else _crash(e)
    except BaseException as e:  # the parent turns this into F001; the traceback stays here
        message = _crash(e)
    try:
        conn.send(message)
    except MemoryError:
        _send_quietly(conn, ("memory", None))
    except Exception as e:  # an unpicklable result
        _send_quietly(conn, ("crash", f"结果无法传回：{type(e).__name__}"))
    finally:
        conn.close()


def _crash(e: BaseException) -> tuple[str, str]:
    frame = traceback.extract_tb(e.__traceback__)[-1:] if e.__traceback__ else []
    where = f" @ {os.path.basename(frame[0].filename)}:{frame[0].lineno}" if frame else ""
    return "crash", f"{type(e).__name__}: {str(e)[:200]}{where}"


def _out_of_memory(e: OSError) -> bool:
    text = str(e).lower()
    return e.errno == errno.ENOMEM or "failed to map segment" in text or "cannot allocate memory" in text


def _send_quietly(conn: Connection, message: tuple[str, Any]) -> None:
    with contextlib.suppress(Exception):
        conn.send(message)


def _cap_memory(memory_mb: int) -> None:
    mapped = _mapped_bytes()
    soft = mapped + memory_mb * _MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def exec_memory_cap(memory_mb: int) -> Callable[[], None]:
    """A preexec_fn giving a program we start (LibreOffice) its own address-space cap in place of
    the parser's, which was sized for this process and not for another program."""

    def apply() -> None:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = memory_mb * _MB
        resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))

    return apply


def kill_tree(pid: int) -> None:
    """SIGKILL a process, its process group and every descendant, found before any is killed."""
    victims = [pid, *descendants(pid)]
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)
    for p in victims:
        with contextlib.suppress(OSError):
            os.kill(p, signal.SIGKILL)


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry))
    out: list[int] = []
    todo = [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out
