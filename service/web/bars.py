"""字数 against the template's limits, as bars a reviewer can read at a glance.

Drawn from the report alone: each outline entry's 字数, and the `measures` the checker reports for
its length rules (what it counted, the limit in the notice's words, the accepted range, the status).
Nothing is re-derived here — the checker is the one judge and the one counter; the findings only
add the codes and the tone (bad for an error, warn for a warning) of the entries they point at.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from checkers import Finding, Measure, OutlineEntry, Report
from extractor import normalize

Status = Literal["ok", "short", "long", "none", "unmeasured"]
Tone = Literal["ok", "warn", "bad"]
HEADROOM = 1.15  # the track runs a little past the larger of the words and the limit


@dataclass(frozen=True)
class Bar:
    label: str
    words: int | None  # None: not measured (the form cell was not found)
    scope: Literal["section", "document", "cell"] = "section"
    level: int = 1
    rule: str | None = None
    requirement: str = ""  # as the notice says it: 不少于2000字 / 3000字以内 / 3500字左右
    lo: int | None = None  # the accepted range
    hi: int | None = None
    status: Status = "none"
    codes: tuple[str, ...] = ()  # outline and length findings on this section
    tone: Tone = "ok"  # the worst of those findings: bad for an error, warn for a warning
    scale: int = 1

    @property
    def has_limit(self) -> bool:
        return self.lo is not None or self.hi is not None

    @property
    def fill_pct(self) -> float:
        return _pct(self.words or 0, self.scale)

    @property
    def lo_pct(self) -> float | None:
        return None if self.lo is None else _pct(self.lo, self.scale)

    @property
    def hi_pct(self) -> float | None:
        return None if self.hi is None else _pct(self.hi, self.scale)


@dataclass
class Checklist:
    """The outline as submitted, each entry with its bar; missing sections; whole-text and cell limits."""

    sections: list[Bar] = field(default_factory=list)
    missing: list[Finding] = field(default_factory=list)
    others: list[Bar] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sections or self.missing or self.others)


def _pct(value: int, scale: int) -> float:
    return round(min(100.0, 100.0 * value / scale), 1) if scale > 0 else 0.0


def entry_label(e: OutlineEntry) -> str:
    if not e.number:
        return e.title
    sep = "" if e.number.startswith(("(", "（")) or e.number[-1:] in ".．、" else "、"
    return f"{e.number}{sep}{e.title}"


def section_index(label: str, outline: list[OutlineEntry]) -> int | None:
    """Which outline entry a finding's location.section names (its heading text, or a path ending in it)."""
    last = normalize(label.split(" > ")[-1])
    for i, e in enumerate(outline):
        if last and last == normalize(e.number + e.title):
            return i
    for i, e in enumerate(outline):
        if e.title and last.endswith(normalize(e.title)):
            return i
    return None


def tone(findings: list[Finding]) -> Tone:
    severities = {f.severity for f in findings}
    return "bad" if "error" in severities else ("warn" if "warning" in severities else "ok")


def checklist(report: Report) -> Checklist:
    """Every outline entry with its 字数 (and its limit where the template sets one)."""
    outline = report.outline
    by_entry: dict[int, list[Finding]] = {}
    for f in report.findings:
        if f.code[:1] in "OL" and f.location.section:
            i = section_index(f.location.section, outline)
            if i is not None:
                by_entry.setdefault(i, []).append(f)
    sections = [Bar(entry_label(e), e.words, level=e.level, codes=tuple(f.code for f in by_entry.get(i, ())),
                    tone=tone(by_entry.get(i, []))) for i, e in enumerate(outline)]
    others: list[Bar] = []
    for m in report.measures:
        if m.kind != "length":
            continue
        fired = [f for f in report.findings if f.rule == m.rule and f.code[:1] == "L"]
        limit = _limit(m, fired)
        if m.scope == "section":
            if m.outline is not None and m.outline < len(sections):
                limit["tone"] = tone([*fired, *by_entry.get(m.outline, [])])
                sections[m.outline] = replace(sections[m.outline], **limit)  # type: ignore[arg-type]
            # not measured: the section is missing or empty, which the outline's findings say
            continue
        others.append(Bar(m.target, m.value, scope=m.scope, level=0, **limit))  # type: ignore[arg-type]
    missing = [f for f in report.findings if f.code == "O001"]
    return Checklist(_scaled(sections), missing, [_scaled([b])[0] for b in others])


def _limit(m: Measure, fired: list[Finding]) -> dict[str, object]:
    return dict(rule=m.rule, requirement=m.wording, lo=m.lo, hi=m.hi, status=m.status, tone=tone(fired))


def _scaled(bars: list[Bar]) -> list[Bar]:
    """One scale for a group of bars, so their lengths compare."""
    top = max((max(b.words or 0, b.hi or b.lo or 0) for b in bars), default=0)
    scale = max(1, round(top * HEADROOM))
    return [replace(b, scale=scale) for b in bars]


def length_bars(report: Report) -> list[Bar]:
    """Every bar of the report: outline entries first, then whole-text and form-cell limits."""
    c = checklist(report)
    return [*c.sections, *c.others]
