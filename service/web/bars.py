"""字数 against the template's limits, as bars a reviewer can read at a glance.

The report carries each outline entry's 字数 and the findings; the limits themselves live in the
pack's `length` rules. The verdict of a bar always comes from the findings (the checker is the one
judge); the pack only supplies what to draw the words against. Where a rule fired, its finding's
`actual` is the 字数 drawn. Where it did not, a whole-document rule with excluded parts is measured
as the report's total less those parts (their body 字数 plus their heading, rebuilt from number and
title), which is what the checker counted; a form-cell rule that passed is shown without a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from checkers.findings import Finding, OutlineEntry, Report
from checkers.kinds.length import Length
from checkers.where import SectionSpec
from checkers.matching import NUMBER_BONUS, NUMBER_BONUS_FLOOR, same_number, title_score
from checkers.pack import PackError, load_pack
from extractor.counting import word_count
from extractor.normalize import normalize

Status = Literal["ok", "short", "long", "none", "unmeasured"]
Tone = Literal["ok", "warn", "bad"]
LENGTH_CODES = ("L001", "L002", "L003")
MATCH_SCORE = 80.0
HEADROOM = 1.15  # the track runs a little past the larger of the words and the limit


@dataclass(frozen=True)
class Bar:
    label: str
    words: int | None  # None: the rule's text was not measured on its own (a form cell that passed)
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


def length_rules(report: Report) -> list[Length]:
    if not report.template:
        return []
    try:
        pack = load_pack(report.template)
    except PackError:
        return []
    return [r for r in pack.rules if isinstance(r, Length)]


def requirement(rule: Length) -> tuple[str, int | None, int | None]:
    """(the notice's wording, lowest and highest 字数 accepted)."""
    if rule.about is not None:
        lo, hi = round(rule.about * (1 - rule.tolerance)), round(rule.about * (1 + rule.tolerance))
        return f"{rule.about}字左右（{lo}–{hi}）", lo, hi
    parts = []
    if rule.min is not None:
        parts.append(f"不少于{rule.min}字")
    if rule.max is not None:
        parts.append(f"{rule.max}字以内")
    return "，".join(parts), rule.min, rule.max


def _entry_score(spec: SectionSpec, e: OutlineEntry) -> float:
    score = max(title_score(e.title or e.number, name) for name in (spec.title, *spec.aliases))
    if score >= NUMBER_BONUS_FLOOR and same_number(e.number, spec.number):
        score += NUMBER_BONUS
    return min(score, 100.0)


def find_entry(spec: SectionSpec, outline: list[OutlineEntry], fired: Finding | None = None) -> int | None:
    """The outline entry a rule's section is: the one its finding points at, else the best title."""
    if fired is not None and fired.location.section:
        hit = section_index(fired.location.section, outline)
        if hit is not None:
            return hit
    scored = [(_entry_score(spec, e), -i) for i, e in enumerate(outline)]
    best = max(scored, default=(0.0, 0))
    return -best[1] if best[0] >= MATCH_SCORE else None


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


def _status(fired: Finding | None) -> Status:
    if fired is None:
        return "ok"
    if fired.code == "L001":
        return "short"
    if fired.code == "L002":
        return "long"
    try:
        return "long" if float(fired.actual) > float(fired.expected) else "short"
    except (TypeError, ValueError):
        return "long"


def tone(findings: list[Finding]) -> Tone:
    severities = {f.severity for f in findings}
    return "bad" if "error" in severities else ("warn" if "warning" in severities else "ok")


def _document_words(rule: Length, report: Report) -> int:
    """What the checker counted for the whole document: total less the excluded sections."""
    skip = 0
    for spec in rule.exclude:
        i = find_entry(spec, report.outline)
        if i is not None:
            e = report.outline[i]
            skip += e.words + word_count(entry_label(e))  # the heading as typed: 六、相关佐证材料
    return max(0, report.stats.words - skip)


def _actual(fired: Finding | None) -> int | None:
    try:
        return int(fired.actual) if fired is not None else None
    except (TypeError, ValueError):
        return None


def checklist(report: Report) -> Checklist:
    """Every outline entry with its 字数 (and its limit where the template sets one)."""
    outline = report.outline
    fired = {f.rule: f for f in report.findings if f.code in LENGTH_CODES and f.rule}
    by_entry: dict[int, list[Finding]] = {}
    for f in report.findings:
        if f.code[:1] in "OL" and f.location.section:
            i = section_index(f.location.section, outline)
            if i is not None:
                by_entry.setdefault(i, []).append(f)
    sections = [Bar(entry_label(e), e.words, level=e.level, codes=tuple(f.code for f in by_entry.get(i, ())),
                    tone=tone(by_entry.get(i, []))) for i, e in enumerate(outline)]
    others: list[Bar] = []
    for rule in length_rules(report):
        text, lo, hi = requirement(rule)
        hit = fired.get(rule.id)
        limit = dict(rule=rule.id, requirement=text, lo=lo, hi=hi, status=_status(hit))
        if hit is not None:
            limit["tone"] = tone([hit])
        if rule.scope == "section" and rule.section is not None:
            i = find_entry(rule.section, outline, hit)
            if i is not None:
                if hit is not None:
                    limit["tone"] = tone([hit, *by_entry.get(i, [])])
                sections[i] = replace(sections[i], **limit)  # type: ignore[arg-type]
                continue
            if hit is None:
                continue  # the section is missing: the outline rule says so
            others.append(Bar(rule.target or rule.section.title, _actual(hit), scope="section", **limit))
        elif rule.scope == "document":
            words = _actual(hit) if hit is not None else _document_words(rule, report)
            others.append(Bar(rule.target or "全文", words, scope="document", level=0, **limit))
        else:
            status = limit.pop("status")
            status = status if hit is not None else "unmeasured"
            others.append(Bar(rule.target or rule.cell_label or "", _actual(hit), scope="cell", level=0,
                              status=status, **limit))  # type: ignore[arg-type]
    missing = [f for f in report.findings if f.code == "O001"]
    return Checklist(_scaled(sections), missing, [_scaled([b])[0] for b in others])


def _scaled(bars: list[Bar]) -> list[Bar]:
    """One scale for a group of bars, so their lengths compare."""
    top = max((max(b.words or 0, b.hi or b.lo or 0) for b in bars), default=0)
    scale = max(1, round(top * HEADROOM))
    return [replace(b, scale=scale) for b in bars]


def length_bars(report: Report) -> list[Bar]:
    """Every bar of the report: outline entries first, then whole-text and form-cell limits."""
    c = checklist(report)
    return [*c.sections, *c.others]
