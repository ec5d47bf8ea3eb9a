"""Which roster entry a cluster name stands for, with a score and the reasons, like a reconciliation
service.

Whole-string fuzzy ratios do not work on these names: 黄冈高新区生物医药… and 宜昌高新区生物医药…
differ in two characters out of twenty, as little as a true variant does (天门生物医药产业集群 /
天门生物医药创新型产业集群). So a name is normalised (NFKC, brackets, punctuation), its generic words
(省级, 创新型, 产业集群 …) are set aside, it is split into place and industry (checkers.places), and
the two are scored apart: a different known place rules an entry out whatever the industry; an
unknown place (十堪, 海坊) is compared character by character, OCR look-alikes counting as equal.

    result = match("十堪商用车及部件创新型产业集群", load_roster("hubei-2024"))
    result.status, result.best.entry.name, result.best.score, result.best.why
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from rapidfuzz import fuzz

from checkers.findings import Candidate, ClusterResult, MatchStatus, RosterEntryOut
from checkers.places import Gazetteer, Place, Split, gazetteer, park_at, split_name
from checkers.roster import Roster, RosterEntry
from extractor.normalize import normalize

MATCH = 80.0  # the best candidate at or above this, clear of the next by MARGIN, is the one meant
PLAUSIBLE = 65.0  # candidates at or above this are named; two of them within MARGIN: ambiguous
MARGIN = 5.0
ALIAS_SCORE = 97.0  # the name equals an OCR misreading the roster itself records for the entry
ACCOUNT_SCORE = 90.0  # the floor of an entry whose account (账号) the submission gives
NO_PLACE = 40.0  # place score when the name carries no place at all
EMPTY_INDUSTRY = 75.0  # industry score when one name has no industry left (黄石高新区产业集群)

_DROP = re.compile(r"[\s()\[\]<>{}\"'.,，、。:：;；!！?？·•\-—_/|]")
_TAIL = re.compile(r"(国家级|国家|省级|市级)?(创新型|创新)?(产业集群|集群)$")
_ANYWHERE = ("国家级", "省级", "创新型", "国家")
# Look-alike characters OCR confused in the national roster (seed 002): misread -> meant.
CONFUSABLE = str.maketrans("堪海萍荷即郭揽皑清铁钮", "堰潍菏菏邯郸榄恺漕钛锂")


def name_key(text: str) -> str:
    """The normalised form two names are equal in: NFKC, radicals, no brackets, punctuation or spaces."""
    return _DROP.sub("", normalize(text))


def strip_generic(key: str) -> tuple[str, tuple[str, ...]]:
    """名称 without 国家/省级/创新型/产业集群: (core, the words removed, in order)."""
    removed: list[str] = []
    m = _TAIL.search(key)
    if m:
        removed += [g for g in m.groups() if g]
        key = key[: m.start()]
    for word in _ANYWHERE:
        if word in key:
            removed.append(word)
            key = key.replace(word, "")
    if key.endswith("产业") and len(key) > 3:
        key = key[:-2]
    return key, tuple(removed)


@dataclass(frozen=True, slots=True)
class Parsed:
    key: str
    core: str
    generic: tuple[str, ...]
    split: Split


def parse(name: str, gaz: Gazetteer) -> Parsed:
    key = name_key(name)
    core, generic = strip_generic(key)
    return Parsed(key, core, generic, split_name(core, gaz))


@dataclass(frozen=True, slots=True)
class Scored:
    entry: RosterEntry
    score: float  # 0–100
    why: str  # Chinese: 地名一致（十堰）；产业一致（商用车及部件）；去除通用词：创新型、产业集群
    place: float
    industry: float
    via: Literal["name", "alias", "account"] = "name"

    def to_dict(self) -> dict[str, Any]:
        e = self.entry
        return {"name": e.name, "score": round(self.score, 1), "why": self.why, "place": round(self.place, 1),
                "industry": round(self.industry, 1), "via": self.via, "unit": e.unit, "account": e.account,
                "level": e.level, "region": e.region, "type": e.type}


@dataclass(frozen=True, slots=True)
class MatchResult:
    query: str
    roster: str
    status: MatchStatus
    candidates: tuple[Scored, ...]  # best first, PLAUSIBLE or not, at most `top`

    @property
    def best(self) -> Scored | None:
        """The entry the name stands for (exact or fuzzy), else None."""
        return self.candidates[0] if self.status in ("exact", "fuzzy") else None

    def to_cluster(self) -> ClusterResult:
        b = self.best
        matched = RosterEntryOut.model_validate(b.entry, from_attributes=True) if b else None
        return ClusterResult(
            found=self.query, status=self.status, matched=matched,
            score=round(self.candidates[0].score, 1) if self.candidates else 0.0,
            candidates=[Candidate(name=c.entry.name, score=round(c.score, 1), account=c.entry.account, why=c.why)
                        for c in self.candidates])

    def to_dict(self) -> dict[str, Any]:
        b = self.best
        return {"query": self.query, "roster": self.roster, "status": self.status,
                "matched": b.to_dict() if b else None, "candidates": [c.to_dict() for c in self.candidates]}


@dataclass(frozen=True)
class RosterIndex:
    """A roster's names parsed once, with the places its own names teach (大冶湖, 李时珍医药)."""

    roster_id: str
    entries: tuple[RosterEntry, ...]
    gaz: Gazetteer
    parsed: tuple[Parsed, ...]  # per entry, its official name
    aliases: tuple[frozenset[str], ...]  # per entry, keys of the OCR misreadings its note records
    accounts: dict[str, int]


def note_values(note: str | None, label: str) -> list[str]:
    """Values of "label：…" parts of a roster note, e.g. 名称原文 (the OCR'd spelling it corrects)."""
    out = []
    for part in re.split(r"[；;]", note or ""):
        head, sep, value = part.strip().partition("：")
        if sep and head == label and value.strip():
            out.append(value.strip())
    return out


def index(roster: Roster) -> RosterIndex:
    return _index(roster.id, roster.entries)


@lru_cache(maxsize=32)
def _index(roster_id: str, entries: tuple[RosterEntry, ...]) -> RosterIndex:
    base = gazetteer()
    learned = {p.name for e in entries for p in parse(e.name, base).split.places if not p.known}
    learned |= {p.name for e in entries if e.unit  # 义乌市人民政府 -> 义乌: the unit's leading place only
                for p in split_name(name_key(e.unit), base).places[:1] if not p.known}
    gaz = gazetteer(frozenset(learned))
    parsed = tuple(parse(e.name, gaz) for e in entries)
    aliases = tuple(frozenset(name_key(a) for a in note_values(e.note, "名称原文")) - {p.key}
                    for e, p in zip(entries, parsed, strict=True))
    accounts = {e.account.strip().lower(): i for i, e in enumerate(entries) if e.account}
    return RosterIndex(roster_id, entries, gaz, parsed, aliases, accounts)


def match(name: str, roster: Roster | RosterIndex, *, account: str | None = None, top: int = 5) -> MatchResult:
    """Rank the roster's entries for `name` and decide exact / fuzzy / ambiguous / unmatched."""
    idx = roster if isinstance(roster, RosterIndex) else index(roster)
    q = parse(name, idx.gaz)
    if not q.key:
        return MatchResult(name, idx.roster_id, "absent", ())
    scored = [_score(q, p, q.key in aliases, e)
              for e, p, aliases in zip(idx.entries, idx.parsed, idx.aliases, strict=True)]
    acct = idx.accounts.get((account or "").strip().lower())
    if acct is not None:
        s = scored[acct]
        scored[acct] = Scored(s.entry, max(s.score, ACCOUNT_SCORE), f"账号一致（{s.entry.account}）；{s.why}",
                              s.place, s.industry, "account")
    ranked = sorted(scored, key=lambda s: (-(s.via == "account"), -s.score))
    return MatchResult(name, idx.roster_id, _status(q, ranked), tuple(ranked[:max(top, 1)]))


def _status(q: Parsed, ranked: list[Scored]) -> MatchStatus:
    if not ranked:
        return "unmatched"
    top = ranked[0]
    if top.via == "account":
        return "exact" if name_key(top.entry.name) == q.key else "fuzzy"
    if top.score >= 100.0 and top.via == "name":
        return "exact"
    close = [s for s in ranked[1:] if s.score >= PLAUSIBLE and s.score > top.score - MARGIN]
    if top.score >= MATCH and not close:
        return "fuzzy"
    return "ambiguous" if top.score >= PLAUSIBLE and close else "unmatched"


def _score(q: Parsed, e: Parsed, alias: bool, entry: RosterEntry) -> Scored:
    if q.key == e.key:
        return Scored(entry, 100.0, "名称一致", 100.0, 100.0)
    if alias:
        return Scored(entry, ALIAS_SCORE, f"与名单注记的OCR原文一致（{q.key}）", 100.0, 100.0, "alias")
    options = [(q.split.places, q.split.industry, q.split.parks)] if q.split.places else _alignments(q, e)
    best: tuple[float, float, float, list[str]] | None = None
    for places, industry, parks in options:
        p, pwhy = place_score(places, e.split.places)
        if places and not q.split.places and p < 50:
            continue  # the leading characters are not a misread of this entry's place
        i, iwhy = industry_score(industry, e.split.industry)
        penalty, notes = _penalties(q, e, parks)
        total = max(0.0, min(99.0, i * (0.6 + 0.4 * p / 100) - penalty))
        if best is None or total > best[0]:
            best = (total, p, i, [pwhy, iwhy, *notes])
    assert best is not None
    total, p, i, parts = best
    return Scored(entry, total, "；".join(x for x in parts if x), p, i)


def _alignments(q: Parsed, e: Parsed) -> list[tuple[tuple[Place, ...], str, tuple[str, ...]]]:
    """A name with no place we know: read it as having none, or as having a misread form of the
    entry's place in the same number of leading characters (十堪 for 十堰)."""
    out: list[tuple[tuple[Place, ...], str, tuple[str, ...]]] = [((), q.split.industry, q.split.parks)]
    width = len(e.split.place_text)
    if width and len(q.core) > width:
        rest, parks = q.core[width:], []
        while (park := park_at(rest, 0)) is not None:
            parks.append(park[1])
            rest = rest[park[0]:]
        out.append(((Place(q.core[:width], False),), rest, tuple(parks)))
    return out


def place_score(q: tuple[Place, ...], e: tuple[Place, ...]) -> tuple[float, str]:
    if not q and not e:
        return 100.0, "均未识别地名，按全名比对"
    if not q:
        return NO_PLACE, "未识别地名"
    if not e:
        return 50.0, "名单名称无地名"
    if not any(p.province for p in e) and any(not p.province for p in q):
        q = tuple(p for p in q if not p.province)  # 湖北十堰… vs 十堰…: the province adds nothing
    if not any(p.province for p in q) and any(not p.province for p in e):
        e = tuple(p for p in e if not p.province)
    qs, es = {p.name for p in q}, {p.name for p in e}
    qt, et = "".join(p.name for p in q), "".join(p.name for p in e)
    if qs == es:
        return 100.0, f"地名一致（{et}）"
    if qs < es or es < qs:
        return 90.0, f"地名包含（{qt} / {et}）"
    left = [p for p in q if p.name not in es]
    if all(p.known for p in left):
        return (60.0, f"地名部分一致（{qt} / {et}）") if qs & es else (0.0, f"地名不同（{qt}≠{et}）")
    lq, le = "".join(p.name for p in left), "".join(p.name for p in e if p.name not in qs)
    sim = min(90.0, confusable_ratio(lq, le))
    score = 60.0 + 0.35 * sim if qs & es else sim
    if sim < 50:
        return score, f"地名不同（{qt}≠{et}）"
    how = "OCR形近字" if lq.translate(CONFUSABLE) != lq and sim > fuzz.ratio(lq, le) else "字形近似"
    return score, f"地名相近 {score:.0f}（{qt}≈{et}，{how}）"


def confusable_ratio(a: str, b: str) -> float:
    return max(fuzz.ratio(a, b), fuzz.ratio(a.translate(CONFUSABLE), b))


def industry_score(a: str, b: str) -> tuple[float, str]:
    if not a or not b:
        return (100.0, "") if a == b else (EMPTY_INDUSTRY, "未写明产业")
    if a == b:
        return 100.0, f"产业一致（{b}）"
    s = max(_industry_sim(a, b), 0.95 * _industry_sim(a.translate(CONFUSABLE), b))
    word = "相近" if s >= MATCH else "不同"
    return s, f"产业{word} {s:.0f}（{a} / {b}）"


def _industry_sim(a: str, b: str) -> float:
    """Whole-string ratio, or, when one industry contains most of the other (新能源汽车 / 新能源汽车
    关键部件), the partial ratio discounted by how much of the longer one is left over."""
    short, long = sorted((a, b), key=len)
    return max(fuzz.ratio(a, b), fuzz.partial_ratio(short, long) * (0.8 + 0.2 * len(short) / len(long)))


def _penalties(q: Parsed, e: Parsed, q_parks: tuple[str, ...]) -> tuple[float, list[str]]:
    notes: list[str] = []
    penalty = 0.0
    if set(q_parks) != set(e.split.parks):
        penalty += 4.0 if q_parks and e.split.parks else 2.0
        notes.append(f"园区不同（{'、'.join(q_parks) or '无'} / {'、'.join(e.split.parks) or '无'}）")
    differ = sorted(set(q.generic) ^ set(e.generic))
    if differ:
        penalty += min(3.0, float(len(differ)))
        notes.append(f"通用词不同：{'、'.join(differ)}")
    elif q.generic:
        notes.append(f"去除通用词：{'、'.join(q.generic)}")
    return penalty, notes

