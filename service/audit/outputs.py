"""What an audit leaves in its folder.

    findings.jsonl   the source of truth: one JSON object per input file, its report in full
    summary.xlsx     for reviewers (service.audit.workbook)
    summary.csv      the first sheet as CSV, UTF-8 with BOM so that Excel shows the Chinese
    reports/         one report per checked file, in the format asked for (html, json, text)
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.audit.workbook import SUMMARY_COLUMNS, summary_rows, write_workbook
from service.render import safe_cell

if TYPE_CHECKING:
    from checkers.findings import Report
    from service.audit.rows import Row

REPORT_FORMATS = ("html", "json", "text", "none")
_SUFFIX = {"html": "html", "json": "json", "text": "txt"}
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*!]+')


def write_outputs(out: Path, rows: list[Row], report_format: str) -> None:
    if report_format != "none":
        write_reports(out / "reports", rows, report_format)
    write_jsonl(out / "findings.jsonl", rows)
    write_csv(out / "summary.csv", rows)
    write_workbook(out / "summary.xlsx", rows)


def report_name(display: str, sha256: str, index: int, fmt: str) -> str:
    """总结报告-1a2b3c4d.html: the file's own name made safe, the hash keeping namesakes apart."""
    stem = display.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = _UNSAFE.sub("_", stem).strip(" ._")[:60] or "file"
    return f"{stem}-{(sha256 or f'{index:08d}')[:8]}.{_SUFFIX[fmt]}"


def write_reports(folder: Path, rows: list[Row], fmt: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    for k, r in enumerate(rows):
        if r.report is None or r.status == "duplicate":
            continue
        name = report_name(r.item.display, r.item.sha256, k + 1, fmt)
        (folder / name).write_text(_render(r.report, fmt), encoding="utf-8")
        r.report_file = f"reports/{name}"
        written.add(name)
    for stale in folder.iterdir():  # reports of files no longer in the archive
        if stale.is_file() and stale.name not in written and stale.suffix.lstrip(".") in _SUFFIX.values():
            stale.unlink()


def _render(report: Report, fmt: str) -> str:
    if fmt == "html":
        from service.render import render_html

        return render_html(report)
    if fmt == "text":
        from service.render_text import render_text

        return render_text(report)
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=1)


def record(k: int, r: Row, rows: list[Row]) -> dict[str, Any]:
    return {
        "index": k + 1, "path": r.item.display, "status": r.status, "sha256": r.item.sha256 or None,
        "size": r.item.size or None, "paths": r.paths or None,
        "duplicate_of": rows[r.primary].item.display if r.primary is not None else None,
        "ignored": r.item.ignored, "cached": r.cached if r.report and r.outcome else None,
        "seconds": r.outcome.get("seconds"), "report_file": r.report_file,
        "report": r.report.model_dump(mode="json") if r.report and r.status != "duplicate" else None,
    }


def write_jsonl(path: Path, rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for k, r in enumerate(rows):
            f.write(json.dumps(record(k, r, rows), ensure_ascii=False) + "\n")


def write_csv(path: Path, rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([t for t, _ in SUMMARY_COLUMNS])
        for row in summary_rows(rows):
            w.writerow([safe_cell(v) for v in row])
