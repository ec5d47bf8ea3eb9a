"""Shared by the pack acceptance tests: check a committed sample of a pack through the public front
door (extract → detect → check), once per test session, and reduce a report to what a test compares.

`report(pack, variant)` checks samples/files/<pack>_<variant>.docx against its pack and roster, with
the template detection result recorded; `problems()` / `significant()` are its errors and warnings.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from checkers import Finding, Report, check, load_pack, load_roster
from checkers.detect import detect_template
from extractor import extract
from extractor.model import Document

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "files"

Key = tuple[str, str, str]  # (code, pack rule id, target)


@cache
def document(pack_id: str, variant: str) -> Document:
    return extract(SAMPLES / f"{pack_id}_{variant}.docx")


@cache
def report(pack_id: str, variant: str, detect: bool = True) -> Report:
    """With `detect`, template detection runs over every built-in pack and is recorded in the report."""
    doc = document(pack_id, variant)
    pack = load_pack(pack_id)
    roster = load_roster(pack.pack.roster) if pack.pack.roster else None
    return check(doc, pack, roster, detect_template(doc) if detect else None)


def problems(r: Report) -> set[tuple[str, str]]:
    """(code, target) of every error and warning; infos (e.g. OCR notices) are not defects."""
    return {(f.code, f.target) for f in r.findings if f.severity in ("error", "warning")}


def variants(pack_id: str) -> list[str]:
    return sorted(p.stem[len(pack_id) + 1:] for p in SAMPLES.glob(f"{pack_id}_*.docx"))


def check_samples(pack_id: str) -> dict[str, Report]:
    """Variant name ("ok", "veto-yes", …) -> report, for every sample of the pack."""
    return {v: report(pack_id, v, detect=False) for v in variants(pack_id)}


def significant(r: Report) -> set[Key]:
    """(code, rule, target) of every error and warning."""
    return {(f.code, f.rule or "", f.target) for f in r.findings if f.severity in ("error", "warning")}


def one(r: Report, code: str, rule: str) -> Finding:
    """The first finding of `code` fired by pack rule `rule`."""
    found = [f for f in r.findings if f.code == code and f.rule == rule]
    assert found, f"no {code} from rule {rule}: {significant(r)}"
    return found[0]
