"""`--template auto`: which built-in template a submission follows, and how sure that is.

Each pack's [detect] table names words of its title, headings (or form labels) of its outline,
and words that rule it out. A pack scores the share of its title words found on the cover lines
and the share of its headings found among the document's headings or short lines (captions,
form cells); a runner-up close behind costs confidence, since then the call is a coin toss.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checkers.findings import TemplateDetected
from checkers.matching import title_score
from checkers.pack import RulePack, all_packs
from checkers.regions import text_units, title_lines
from extractor.model import Document
from extractor.normalize import normalize

THRESHOLD = 0.5  # below this no template is named
TITLE_WEIGHT = 0.4  # the rest goes to the headings
EXCLUDED = 0.3  # factor for a pack whose exclude word is on the cover
CLOSE_MARGIN = 0.2  # a runner-up closer than this lowers the confidence
SHORT_LINE = 40  # characters; longer lines are prose, not headings or labels
HEADING_MATCH = 80.0


@dataclass(frozen=True)
class Signals:
    """What detection reads from a document, normalised once for all packs."""

    title: str  # cover lines and file name, joined
    headings: tuple[str, ...]  # heading titles
    short: str  # short lines (headings, captions, form cells), joined by a separator

    @classmethod
    def of(cls, doc: Document) -> Signals:
        cover = [*title_lines(doc), Path(doc.meta.filename).stem]
        short = {u.norm for u in text_units(doc) if len(u.text.strip()) <= SHORT_LINE}
        short |= {normalize(t.caption) for t in doc.tables() if t.caption}
        return cls(
            title="\x00".join(normalize(x) for x in cover if x),
            headings=tuple(h.title or h.text for h in doc.headings()),
            short="\x00".join(sorted(short)),
        )


def score_pack(pack: RulePack, sig: Signals) -> float:
    d = pack.detect
    parts: list[tuple[float, float]] = []
    if d.title:
        parts.append((TITLE_WEIGHT, sum(normalize(w) in sig.title for w in d.title) / len(d.title)))
    if d.headings:
        found = sum(_heading_found(h, sig) for h in d.headings)
        parts.append((1 - TITLE_WEIGHT, found / len(d.headings)))
    if not parts:
        return 0.0
    score = sum(w * v for w, v in parts) / sum(w for w, _ in parts)
    if any(normalize(w) in sig.title for w in d.exclude):
        score *= EXCLUDED
    return score


def _heading_found(heading: str, sig: Signals) -> bool:
    norm = normalize(heading)
    if norm and norm in sig.short:
        return True
    return any(title_score(h, heading) >= HEADING_MATCH for h in sig.headings)


def ranking(doc: Document, packs: Sequence[RulePack] | None = None) -> list[tuple[float, str]]:
    """Every pack's score for this document, best first."""
    sig = Signals.of(doc)
    scored = [(round(score_pack(p, sig), 4), p.id) for p in (packs if packs is not None else all_packs())]
    return sorted(scored, key=lambda x: (-x[0], x[1]))


def detect_template(doc: Document, packs: Sequence[RulePack] | None = None) -> TemplateDetected:
    ranked = ranking(doc, packs)
    if not ranked:
        return TemplateDetected()
    best, best_id = ranked[0]
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    confidence = best * min(1.0, 0.5 + (best - second) / CLOSE_MARGIN * 0.5)
    confidence = round(confidence, 2)
    return TemplateDetected(id=best_id if confidence >= THRESHOLD else None, confidence=confidence)
