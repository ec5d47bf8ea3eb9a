"""The one function both engines run for a file: check it, and keep what the batch needs of it.

An outcome is plain JSON (it crosses a pipe to the local engine, Redis to the Celery one, and is
what the cache stores): the report, the long paragraphs for the cross checks, and what the file
cost — seconds, and the peak resident memory of the worker and of its parse sandbox.
"""

from __future__ import annotations

import dataclasses
import importlib
import resource
import time
from pathlib import Path
from typing import Any

from extractor import Document, Limits


def limits_to_dict(limits: Limits) -> dict[str, Any]:
    return dataclasses.asdict(limits)


def limits_from_dict(d: dict[str, Any]) -> Limits:
    return Limits(**d)


def check_file(source: str | Path | bytes, name: str, template: str, roster: str, limits: Limits) -> dict[str, Any]:
    """Never raises for a bad file: the report says what was wrong with it (F001–F005)."""
    from checkers import fingerprint
    from service.pipeline import check_source, error_report

    started = time.monotonic()
    docs: list[Document] = []
    try:
        report = check_source(source, name, template, roster, limits, isolated=True, on_document=docs.append)
    except Exception as e:  # a checker bug must cost one file, not the batch
        report = error_report(name, "", "F001", f"内部错误：{type(e).__name__}: {str(e)[:300]}")
    paragraphs = fingerprint(docs[0]) if docs else []
    return {"report": report.model_dump(mode="json"), "paragraphs": paragraphs,
            "seconds": round(time.monotonic() - started, 3), **peak_memory()}


def failed(name: str, sha256: str, code: str, message: str, seconds: float) -> dict[str, Any]:
    """The outcome of a file whose worker had to be killed (F005) or died (F001)."""
    from service.pipeline import error_report

    report = error_report(name, sha256, code, message)
    return {"report": report.model_dump(mode="json"), "paragraphs": [], "seconds": round(seconds, 3)}


def peak_memory() -> dict[str, float]:
    """Peak RSS in MB of this process and of the largest child it waited for (the parse sandbox)."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"worker_rss_mb": round(me, 1), "parse_rss_mb": round(child, 1)}


def warm_up() -> None:
    """Import every parser before the first file: the sandbox forks from us, and imports paid in a
    forked child are paid again for every file."""
    for module in ("extractor.registry", "service.pipeline", "checkers.crosscheck"):
        importlib.import_module(module)
