"""file bytes → extractor → checkers → Report. The one function every way in calls.

Nothing raises past this point for bad input: a file that cannot be read becomes a report with
its F-code finding and a fail verdict, so a batch accounts for every file it was given. Which
template and roster apply is the checkers' call (`checkers.check`), not this module's.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from checkers import (
    CHECKER_VERSION,
    CODES,
    Finding,
    PackError,
    Report,
    RosterError,
    check,
    load_pack,
    load_roster,
)
from extractor import DEFAULT_LIMITS, Document, ExtractError, Limits, extract, read_source


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


def error_report(filename: str, sha256: str, code: str, message: str, template: str | None = None,
                 fmt: str | None = None, **detail: object) -> Report:
    """The report of a file the extractor could not read (its F-code and message)."""
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

    `on_document` sees the parsed Document before it is checked (batches keep its fingerprint for
    the cross-submission checks); it is not called for a file that cannot be read.
    """
    name = filename or (Path(source).name if isinstance(source, (str, os.PathLike)) else "")
    try:
        src = read_source(source, name, limits)
    except ExtractError as e:
        return error_report(name, "", e.code, e.message, **e.detail)
    try:
        doc = extract(src.data, name, limits, isolated=isolated)
    except ExtractError as e:
        return error_report(name, hashlib.sha256(src.data).hexdigest(), e.code, e.message,
                            template if template != "auto" else None, src.extension or None, **e.detail)
    if on_document is not None:
        on_document(doc)
    return check(doc, template or "auto", roster or "auto")
