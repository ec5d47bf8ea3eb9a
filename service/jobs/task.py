"""The one task both job engines run: load the upload, check it, store the report, record the outcome.

Re-running a check is harmless: a finished check is skipped, and a check caught half-way (its
process killed, the server restarted) simply runs again and writes the same content-addressed
report. A file that cannot be read is still a *done* check (its report carries the F-code); a
check is *failed* only when no report could be made by the pipeline (killed over its limits,
or a bug) — then a report with that F-code is stored too, so a batch accounts for every file.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update

from service.db.models import DONE, FAILED, FINISHED, RUNNING, Batch, Check, utcnow
from service.jobs import callback
from service.runtime import Runtime, for_process
from service.storage import Blob, record

if TYPE_CHECKING:
    from checkers.findings import Report

log = logging.getLogger("clustercheck.jobs")


def allow_children() -> None:
    """Let a pool's worker process fork the parse sandbox.

    Pool workers are daemonic (multiprocessing's and Celery's alike), and multiprocessing refuses
    to start a child from a daemonic process; the engines kill a worker's whole tree themselves.
    """
    multiprocessing.current_process()._config.pop("daemon", None)  # type: ignore[attr-defined]


def warm_up() -> None:
    """Check a tiny document in this process, so the parse sandboxes it forks start warm.

    Parsers and checkers load things lazily (styles, tokenizer, caches); a sandbox forked from a
    process that never parsed pays that again for every file (about 0.4 s), one forked from a
    warm process starts in milliseconds.
    """
    import io

    import docx

    from service.pipeline import check_source

    buf = io.BytesIO()
    doc = docx.Document()
    doc.add_heading("一、集群总体情况", level=1)
    doc.add_paragraph("集群龙头企业持续推进关键核心技术攻关，取得明显成效。")
    doc.save(buf)
    try:
        check_source(buf.getvalue(), "warm-up.docx", isolated=False)
    except Exception:  # a broken pipeline shows up in the first real check, with its message
        log.warning("warm-up check failed", exc_info=True)


def run_check(check_id: str, rt: Runtime | None = None) -> str | None:
    """Run one check; returns its final status (None if it does not exist or was already finished).

    The parse runs in the extractor's sandbox (a forked child with the file's time and memory
    limits); the engines add a deadline for the whole job on top, for what runs outside it.
    """
    rt = rt or for_process()
    with rt.sessions.begin() as s:
        check = s.get(Check, check_id)
        if check is None or check.status in FINISHED:
            return None
        check.status, check.started_at, check.attempts = RUNNING, utcnow(), check.attempts + 1
        path, filename = rt.store.path(check.sha256), check.filename
        template, roster = check.template or "auto", check.roster or "auto"
        in_batch = check.batch_id is not None
    started = time.monotonic()
    prints: list[Blob] = []  # a batch check keeps its fingerprint for the cross-submission checks
    try:
        from checkers import fingerprint
        from service.batch_checks import store_fingerprint
        from service.pipeline import check_source

        keep = (lambda doc: prints.append(store_fingerprint(rt.store, fingerprint(doc)))) if in_batch else None
        report = check_source(path, filename, template, roster, rt.settings.limits, isolated=True, on_document=keep)
    except ValueError as e:  # pipeline.UsageError, PackError, RosterError: a reference gone stale
        return fail(rt, check_id, None, f"模板或名单无法加载：{e}", time.monotonic() - started)
    except Exception as e:
        log.exception("check %s crashed", check_id)
        return fail(rt, check_id, None, f"内部错误：{type(e).__name__}: {str(e)[:300]}", time.monotonic() - started)
    return finish(rt, check_id, report, DONE, time.monotonic() - started, fingerprint=(prints or [None])[0])


def finish(rt: Runtime, check_id: str, report: Report, status: str, duration: float | None,
           error_code: str | None = None, error: str | None = None, fingerprint: Blob | None = None) -> str | None:
    """Store the report and the outcome, then settle the batch and the callback.

    Only an open check is finished: when a worker's own result and its kill race, the first wins.
    """
    blob = rt.store.put_bytes(report.model_dump_json().encode("utf-8"))
    cluster = report.cluster.matched.name if report.cluster.matched else report.cluster.found
    values = dict(status=status, report_sha256=blob.sha256, verdict=report.verdict,
                  counts=report.counts.model_dump(), detected_template=report.template,
                  cluster_name=cluster, error_code=error_code, error=error, finished_at=utcnow(),
                  duration_seconds=duration, fingerprint_sha256=fingerprint.sha256 if fingerprint else None)
    with rt.sessions.begin() as s:
        record(s, blob, "report")
        if fingerprint:
            record(s, fingerprint, "paragraphs")
        stmt = update(Check).where(Check.id == check_id, Check.status.not_in(FINISHED)).values(**values)
        if s.execute(stmt).rowcount != 1:  # type: ignore[attr-defined]
            return None
    after_finish(rt, check_id)
    return status


def fail(rt: Runtime, check_id: str, code: str | None, message: str, duration: float | None = None) -> str | None:
    """Mark a check failed, with a report holding the F-code (or a bare F001 for a crash)."""
    from service.pipeline import error_report

    with rt.sessions() as s:
        check = s.get(Check, check_id)
        if check is None:
            return None
        name, sha = check.filename, check.sha256
    report = error_report(name, sha, code or "F001", message)
    return finish(rt, check_id, report, FAILED, duration, code, message)


def after_finish(rt: Runtime, check_id: str) -> None:
    with rt.sessions() as s:
        check = s.get(Check, check_id)
        if check is None:
            return
        batch_id, url = check.batch_id, check.callback_url
        payload = notice("check", check.id, check.status, check.verdict, check.counts)
    if url:
        _deliver(rt, Check, check_id, url, payload)
    if batch_id:
        settle_batch(rt, batch_id)


def settle_batch(rt: Runtime, batch_id: str) -> None:
    """Close the batch when its last check finishes; exactly one caller wins and sends the callback.

    Runs in its own transaction after the check's outcome is committed, so the last of two
    concurrent finishers always sees no check left open.
    """
    with rt.sessions.begin() as s:
        left = s.scalar(select(func.count()).select_from(Check)
                        .where(Check.batch_id == batch_id, Check.status.not_in(FINISHED)))
        if left:
            return
        won = s.execute(update(Batch).where(Batch.id == batch_id, Batch.finished_at.is_(None))
                        .values(finished_at=utcnow())).rowcount == 1  # type: ignore[attr-defined]
        if won:  # in the closing transaction: a finished batch is never seen without its B-findings
            from service.batch_checks import add_cross_findings

            add_cross_findings(s, rt.store, batch_id)
        batch = s.get(Batch, batch_id)
        url = batch.callback_url if batch else None
    if won and url:
        _deliver(rt, Batch, batch_id, url, notice("batch", batch_id, DONE, None, None))


def notice(kind: str, obj_id: str, status: str, verdict: str | None, counts: dict | None) -> dict:
    path = f"/api/v1/{kind}es/{obj_id}" if kind == "batch" else f"/api/v1/{kind}s/{obj_id}"
    return {"type": kind, "id": obj_id, "status": status, "verdict": verdict, "counts": counts, "url": path}


def _deliver(rt: Runtime, model: type[Check] | type[Batch], obj_id: str, url: str, payload: dict) -> None:
    outcome = callback.send(url, payload, rt.settings.callback_timeout_seconds, rt.settings.callback_private_ok)
    with rt.sessions.begin() as s:
        s.execute(update(model).where(model.id == obj_id).values(callback_status=outcome))
