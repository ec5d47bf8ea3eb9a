"""check(document, template, roster) -> Report: the whole checking library in one call.

    check(doc)                                   # template detected, the template's roster
    check(doc, "hubei-2023-summary", "none")     # a built-in template by id, no roster
    check(doc, load_pack("my.toml"), my_roster)  # objects a caller loaded itself

Every judgement is made here, template recognition included: a document no template fits gets
its own finding (M001) rather than an exception, so a batch accounts for every file.
"""

from __future__ import annotations

from pathlib import Path

from checkers.codes import CODES
from checkers.context import Context
from checkers.detect import detect_template
from checkers.findings import Finding, FindingLocation, OutlineEntry, Report, Stats, TemplateDetected
from checkers.pack import RulePack, load_pack
from checkers.roster import Roster, load_roster
from checkers.violations.template import TemplateNotRecognised
from extractor.model import Document

CHECKER_VERSION = "0.2.0"
AUTO, NONE = "auto", "none"


def check(document: Document, template: str | Path | RulePack = AUTO,
          roster: str | Path | Roster | None = AUTO) -> Report:
    """`template`: "auto" (detected), a built-in id, a pack file or a RulePack. `roster`: "auto" (the
    one the template names), "none" or None, a built-in id, a CSV/XLSX file or a Roster.
    A reference that does not load raises PackError / RosterError: the caller's mistake."""
    pack, detected = resolve_template(document, template)
    if pack is None:
        return _unrecognised(document, detected)
    ros = resolve_roster(pack, roster)
    ctx = Context(doc=document, roster=ros, outlines=[o for r in pack.rules if (o := r.outline()) is not None])
    results = [rule.run(ctx) for rule in pack.rules]
    report = _report(document, pack.id, detected)
    report.roster = ros.id if ros else None
    report.cluster = next((r.cluster for r in results if r.cluster is not None), report.cluster)
    report.findings = [*(_notice(n.code, n.severity, n.message) for n in document.notices),
                       *(f for r in results for f in r.findings)]
    report.measures = [m for r in results for m in r.measures]
    report.pack_version = pack.pack.version
    return report.finalise()


def resolve_template(document: Document, template: str | Path | RulePack) -> tuple[RulePack | None,
                                                                                    TemplateDetected]:
    if isinstance(template, RulePack):
        return template, TemplateDetected(id=template.id, confidence=1.0)
    if str(template) == AUTO:
        detected = detect_template(document)
        return (load_pack(detected.id) if detected.id else None), detected
    pack = load_pack(template)
    return pack, TemplateDetected(id=pack.id, confidence=1.0)


def resolve_roster(pack: RulePack | None, roster: str | Path | Roster | None) -> Roster | None:
    if roster is None or isinstance(roster, Roster):
        return roster
    if str(roster) == NONE:
        return None
    if str(roster) == AUTO:
        return load_roster(pack.pack.roster) if pack is not None and pack.pack.roster else None
    return load_roster(roster)


def _report(document: Document, template: str | None, detected: TemplateDetected) -> Report:
    meta = document.meta
    return Report(file=meta.filename, sha256=meta.sha256, format=meta.format, template=template,
                  template_detected=detected, stats=Stats(**document.stats.to_dict(), pages=meta.pages),
                  outline=[OutlineEntry(**o) for o in document.outline()], checker_version=CHECKER_VERSION)


def _unrecognised(document: Document, detected: TemplateDetected) -> Report:
    report = _report(document, None, detected)
    closest = f"最接近：{detected.id or '无'}（置信度 {detected.confidence:.2f}）"
    report.findings.append(TemplateNotRecognised("模板").finding(expected="已知模板", actual=closest))
    return report.finalise()


def _notice(code: str, severity: str, message: str) -> Finding:
    return Finding(code=code, severity=severity, target=CODES[code].title if code in CODES else code,
                   message=message, location=FindingLocation())
