"""check(document, pack, roster) -> Report: the whole checking library in one call."""

from __future__ import annotations

from checkers.codes import CODES
from checkers.context import Context
from checkers.findings import Finding, FindingLocation, OutlineEntry, Report, Stats, TemplateDetected
from checkers.pack import RulePack
from checkers.roster import Roster
from extractor.model import Document

CHECKER_VERSION = "0.1.0"


def check(document: Document, pack: RulePack, roster: Roster | None = None,
          detected: TemplateDetected | None = None) -> Report:
    ctx = Context(doc=document, pack=pack, roster=roster)
    findings: list[Finding] = [_notice(n.code, n.severity, n.message) for n in document.notices]
    for rule in pack.rules:
        findings.extend(rule.check(ctx))
    s = document.stats
    report = Report(
        file=document.meta.filename,
        sha256="",
        format=document.meta.format,
        template=pack.id,
        template_detected=detected or TemplateDetected(id=pack.id, confidence=1.0),
        roster=roster.id if roster else None,
        cluster=ctx.cluster,
        findings=findings,
        stats=Stats(**s.to_dict(), pages=document.meta.pages),
        outline=[OutlineEntry(**o) for o in document.outline()],
        checker_version=CHECKER_VERSION,
        pack_version=pack.pack.version,
    )
    return report.finalise()


def _notice(code: str, severity: str, message: str) -> Finding:
    return Finding(code=code, severity=severity, target=CODES[code].title if code in CODES else code,
                   message=message, location=FindingLocation())
