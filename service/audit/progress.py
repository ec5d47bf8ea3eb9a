"""How far an audit has got: a live bar on a terminal, a plain line now and then in a log.

Both show files done of the total, files per second, the time left and the failures so far. The
rate counts only files checked in this run: files served from the cache are done before the
first worker has started and would make the estimate a lie.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Protocol

PLAIN_EVERY_SECONDS = 5.0


class Progress(Protocol):
    def start(self, total: int, done: int, failed: int) -> None: ...

    def advance(self, failed: bool) -> None: ...

    def close(self) -> None: ...


def make_progress(stream: IO[str] | None = None, quiet: bool = False) -> Progress:
    stream = stream or sys.stderr
    if quiet:
        return Silent()
    if stream.isatty():
        return Bar(stream)
    return Lines(stream)


def clock(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.5))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}小时{m:02d}分{s:02d}秒" if h else (f"{m}分{s:02d}秒" if m else f"{s}秒")


class _Counter:
    def __init__(self) -> None:
        self.total = self.done = self.failed = self.fresh = 0
        self.began = time.monotonic()

    def start(self, total: int, done: int, failed: int) -> None:
        self.total, self.done, self.failed, self.fresh = total, done, failed, 0
        self.began = time.monotonic()

    def count(self, failed: bool) -> None:
        self.done += 1
        self.fresh += 1
        self.failed += failed

    @property
    def rate(self) -> float:
        return self.fresh / max(time.monotonic() - self.began, 1e-6)

    @property
    def eta(self) -> float | None:
        return (self.total - self.done) / self.rate if self.fresh else None


class Silent(_Counter):
    def advance(self, failed: bool) -> None:
        self.count(failed)

    def close(self) -> None:
        pass


class Lines(_Counter):
    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self.stream = stream
        self.last = 0.0

    def start(self, total: int, done: int, failed: int) -> None:
        super().start(total, done, failed)
        self._line()

    def advance(self, failed: bool) -> None:
        self.count(failed)
        if time.monotonic() - self.last >= PLAIN_EVERY_SECONDS or self.done == self.total:
            self._line()

    def _line(self) -> None:
        self.last = time.monotonic()
        pct = 100 * self.done / self.total if self.total else 100
        eta = f"，预计剩余 {clock(self.eta)}" if self.eta is not None and self.done < self.total else ""
        print(f"进度 {self.done}/{self.total}（{pct:.0f}%），{self.rate:.2f} 个/秒{eta}，失败 {self.failed}",
              file=self.stream, flush=True)

    def close(self) -> None:
        pass


class Bar(_Counter):
    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
        from rich.progress import Progress as RichProgress

        self.bar = RichProgress(
            TextColumn("检查"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} 个/秒"),
            TextColumn("剩余 {task.fields[eta]}"), TextColumn("失败 [red]{task.fields[failed]}"),
            console=Console(file=stream), transient=False)
        self.task = self.bar.add_task("audit", total=1, rate="0.00", failed=0, eta="-")

    def start(self, total: int, done: int, failed: int) -> None:
        super().start(total, done, failed)
        self.bar.update(self.task, total=total, completed=done, failed=failed)
        self.bar.start()

    def advance(self, failed: bool) -> None:
        self.count(failed)
        eta = clock(self.eta) if self.eta is not None else "-"
        self.bar.update(self.task, completed=self.done, rate=f"{self.rate:.2f}", failed=self.failed, eta=eta)

    def close(self) -> None:
        self.bar.stop()
