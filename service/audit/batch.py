"""One audit, start to finish: walk the inputs, check each distinct file once (or take it from the
cache), run the cross checks, write the outputs.

Every input ends as one Row with a status: checked, failed (an F-code: the file could not be read
or checked), duplicate (the same bytes as an earlier file, whose row lists every path) or ignored
(system clutter). Ctrl-C (or SIGTERM) stops the engine, keeps every finished file in the cache and
writes nothing else: the outputs of a half-done audit would read as a finished one.
"""

from __future__ import annotations

import json
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkers.findings import Report
from extractor import Limits
from service.audit.cache import ResultCache, fingerprint
from service.audit.inputs import walk
from service.audit.progress import Progress, Silent
from service.audit.rows import CHECKED, DUPLICATE, FAILED, IGNORED, Row
from service.audit.runner import Job
from service.storage import BlobStore


@dataclass
class Options:
    paths: list[Path]
    out: Path
    template: str = "auto"
    roster: str = "auto"
    workers: int = 2
    engine: str = "local"
    limits: Limits = field(default_factory=Limits)
    report_format: str = "html"


@dataclass
class Result:
    rows: list[Row]
    stats: dict[str, Any]
    interrupted: bool = False


def is_failure(report: Report) -> bool:
    return report.unchecked


def audit(opts: Options, progress: Progress | None = None) -> Result:
    began = time.monotonic()
    progress = progress or Silent()
    runner = _runner(opts)
    opts.out.mkdir(parents=True, exist_ok=True)
    rows, first = gather(opts)
    cache = ResultCache(opts.out / ".cache.sqlite", fingerprint(opts.template, opts.roster, opts.limits.ocr))
    todo: list[Job] = []
    for k in first.values():
        row = rows[k]
        hit = cache.get(row.item.sha256, row.item.name)
        if hit is None:
            todo.append(Job(k, row.item.name, str(row.item.path), row.item.sha256))
        else:
            _settle(row, hit, cached=True)
    unreadable = sum(r.item.error_code is not None for r in rows)
    progress.start(len(first) + unreadable, len(first) - len(todo) + unreadable, sum(r.status == FAILED for r in rows))
    stop = threading.Event()
    fresh: list[Job] = []
    run_began = time.monotonic()

    def on_result(job: Job, outcome: dict[str, Any]) -> None:
        cache.put(job.sha256, job.name, outcome)
        _settle(rows[job.key], outcome, cached=False)
        fresh.append(job)
        progress.advance(rows[job.key].status == FAILED)

    try:
        with _stop_on_signals(stop):
            runner.run(todo, on_result, stop)
    finally:
        progress.close()
        cache.close()
    run_seconds = time.monotonic() - run_began
    stats = {"inputs": len(rows), "distinct": len(first), "checked_now": len(fresh),
             "from_cache": len(first) - len(todo), "duplicates": sum(r.status == DUPLICATE for r in rows),
             "ignored": sum(r.status == IGNORED for r in rows), "failed": sum(r.status == FAILED for r in rows),
             "engine": opts.engine, "workers": opts.workers, "run_seconds": round(run_seconds, 2),
             "files_per_second": round(len(fresh) / run_seconds, 3) if fresh and run_seconds > 0 else None,
             "worker_peaks_mb": runner.peaks, "interrupted": stop.is_set()}
    if stop.is_set():
        _write_stats(opts.out, stats, began)
        return Result(rows, stats, interrupted=True)
    from service.audit.outputs import write_outputs

    stats["cross"] = add_cross_findings(rows)
    write_outputs(opts.out, rows, opts.report_format)
    shutil.rmtree(opts.out / ".spool", ignore_errors=True)
    _write_stats(opts.out, stats, began)
    return Result(rows, stats)


def add_cross_findings(rows: list[Row]) -> dict[str, int]:
    """B001/B002 into the reports of the rows concerned (their verdicts and counts follow)."""
    from checkers import Submission, cross_check

    entries = [Submission(k, r.item.display, r.report, r.outcome.get("paragraphs", []))
               for k, r in enumerate(rows) if r.status == CHECKED and r.report is not None]
    found = cross_check(entries)
    for k, findings in found.items():
        report = rows[k].report
        assert report is not None
        report.findings.extend(findings)
        report.finalise()
    flat = [f for fs in found.values() for f in fs]
    return {"same_cluster_files": sum(f.code == "B001" for f in flat),
            "copied_paragraph_pairs": sum(f.code == "B002" for f in flat) // 2}


def gather(opts: Options) -> tuple[list[Row], dict[str, int]]:
    """A Row per input; `first` maps each distinct sha256 to the row that will be checked."""
    from service.pipeline import error_report

    rows: list[Row] = []
    first: dict[str, int] = {}
    for item in walk(opts.paths, BlobStore(opts.out / ".spool"), opts.limits):
        if item.ignored:
            rows.append(Row(item, IGNORED))
        elif item.error_code:
            rows.append(Row(item, FAILED, error_report(item.display, item.sha256, item.error_code, item.error or "")))
        elif item.sha256 in first:
            rows.append(Row(item, DUPLICATE, primary=first[item.sha256]))
            rows[first[item.sha256]].paths.append(item.display)
        else:
            first[item.sha256] = len(rows)
            rows.append(Row(item, CHECKED, paths=[item.display]))
    return rows, first


def _settle(row: Row, outcome: dict[str, Any], cached: bool) -> None:
    report = Report.model_validate(outcome["report"])
    report.file = row.item.display
    row.report, row.outcome, row.cached = report, outcome, cached
    row.status = FAILED if is_failure(report) else CHECKED


class EngineError(RuntimeError):
    """The engine cannot run at all (the broker is unreachable): the command's problem, not a file's."""


def _runner(opts: Options) -> Any:
    if opts.engine == "celery":
        from service.audit.remote import CeleryRunner

        runner = CeleryRunner(opts.template, opts.roster, opts.limits, window=max(16, 8 * opts.workers))
        problem, workers = runner.preflight()
        if problem:
            raise EngineError(problem)
        if not workers:
            print("提示：暂无 clustercheck worker 应答，文件已排队，等待 worker 启动……", file=sys.stderr)
        return runner
    from service.audit.runner import LocalRunner

    return LocalRunner(opts.workers, opts.template, opts.roster, opts.limits)


def _write_stats(out: Path, stats: dict[str, Any], began: float) -> None:
    stats["wall_seconds"] = round(time.monotonic() - began, 2)
    (out / "run.json").write_text(json.dumps(stats, ensure_ascii=False, indent=2), encoding="utf-8")


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """First Ctrl-C (or SIGTERM): stop cleanly. A second Ctrl-C: stop now (KeyboardInterrupt)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: object) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    old = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)
