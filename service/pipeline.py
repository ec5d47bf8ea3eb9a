"""file bytes → extractor → checkers → Report. The one function every way in calls.

Nothing raises past this point for bad input: a file that cannot be read becomes a report with
its F-code finding and a fail verdict, so a batch accounts for every file it was given.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from checkers import CHECKER_VERSION, PackError, RosterError, check, load_pack, load_roster
from checkers.codes import CODES
from checkers.detect import detect_template
from checkers.findings import Finding, Report, TemplateDetected
from checkers.pack import RulePack
from checkers.roster import Roster
from extractor import DEFAULT_LIMITS, ExtractError, Limits, convert, read_source
from extractor.model import Document


class UsageError(ValueError):
    """A template or roster reference that does not resolve: the caller's mistake, not the file's."""


def reference_problem(template: str | None, roster: str | None) -> str | None:
    """Why a template or roster given by the user does not load, None when both do: asked before any
    file is read, so that a long run cannot end in a usage error."""
    try:
        if template and template != "auto":
            load_pack(template)
        if roster and roster not in ("auto", "none"):
            load_roster(roster)
    except (PackError, RosterError) as e:
        return str(e)
    return None


def resolve(doc: Document | None, template: str | None, roster: str | None
            ) -> tuple[RulePack | None, Roster | None, TemplateDetected]:
    detected = TemplateDetected()
    pack: RulePack | None = None
    if doc is not None and (not template or template == "auto"):
        detected = detect_template(doc)
        if detected.id:
            pack = load_pack(detected.id)
    elif template and template != "auto":
        pack = load_pack(template)
        detected = TemplateDetected(id=pack.id, confidence=1.0)
    ros: Roster | None = None
    if roster and roster not in ("auto", "none"):
        ros = load_roster(roster)
    elif roster != "none" and pack and pack.pack.roster:
        ros = load_roster(pack.pack.roster)
    return pack, ros, detected


def error_report(filename: str, sha256: str, code: str, message: str, template: str | None = None,
                 fmt: str | None = None, **detail: object) -> Report:
    c = CODES[code]
    finding = Finding(code=code, severity=c.severity if code != "F004" else "error", target=c.title,
                      message=message, actual=detail.get("actual"), expected=detail.get("expected"))
    return Report(file=filename, sha256=sha256, format=fmt, template=template, findings=[finding],
                  checker_version=CHECKER_VERSION).finalise()


def check_source(source: str | os.PathLike[str] | bytes | BinaryIO, filename: str | None = None,
                 template: str | None = "auto", roster: str | None = "auto",
                 limits: Limits = DEFAULT_LIMITS, isolated: bool = True,
                 on_document: Callable[[Document], None] | None = None) -> Report:
    """Check one file. `isolated` parses in a killable child process (time and memory limits).

    `on_document` sees the parsed Document before it is checked (the batch audit keeps its
    paragraphs for cross-submission checks); it is not called for a file that cannot be read.
    """
    name = filename or (Path(source).name if isinstance(source, (str, os.PathLike)) else "")
    try:
        src = read_source(source, name, limits)
    except ExtractError as e:
        return error_report(name, "", e.code, e.message, **e.detail)
    sha = hashlib.sha256(src.data).hexdigest()
    try:
        if isolated:
            from extractor.sandbox import run_isolated
            doc = run_isolated(convert, (src, limits), limits)
        else:
            doc = convert(src, limits)
    except ExtractError as e:
        return error_report(name, sha, e.code, e.message, template if template != "auto" else None,
                            src.extension or None, **e.detail)
    if on_document is not None:
        on_document(doc)
    return check_document(doc, sha, template, roster)


def check_document(doc: Document, sha256: str, template: str | None = "auto",
                   roster: str | None = "auto") -> Report:
    pack, ros, detected = resolve(doc, template, roster)
    if pack is None:
        report = Report(file=doc.meta.filename, sha256=sha256, format=doc.meta.format,
                        template_detected=detected, checker_version=CHECKER_VERSION)
        report.findings.append(Finding(
            code="F003", severity="error", target="模板",
            message="无法识别材料对应的模板，请用 --template 指定（clustercheck templates 列出可用模板）",
            expected="已知模板", actual=f"最接近：{detected.id or '无'}（置信度 {detected.confidence:.2f}）"))
        return report.finalise()
    report = check(doc, pack, ros, detected)
    report.sha256 = sha256
    return report
