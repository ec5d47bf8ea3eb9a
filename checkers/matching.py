"""Which heading of a submission is which section of the template's outline.

Titles are compared tolerant to numbering style, width, punctuation, a trailing remark in brackets
and small wording changes; the typed number ("二" / "（二）" / "2.") only breaks ties. Every heading
serves at most one section and the best pairs are taken first, so two near-identical titles of one
outline ("集群企业发展情况" / "集群产业发展情况") never claim the same heading.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from checkers.where import SectionSpec
from extractor.headings import bare_number
from extractor.model import Section
from extractor.normalize import normalize

NUMBER_BONUS = 10.0  # same typed number as the template's, when the title is at least close
NUMBER_BONUS_FLOOR = 65.0
LEVEL_PENALTY = 10.0  # a heading at another level than the outline's other sections
DUPLICATE_SCORE = 90.0  # an unclaimed heading this close to a claimed section's title repeats it
TOO_SHORT = 75.0  # ceiling for a heading that drops over 30 % of the template title

_PARENS = re.compile(r"\([^()]*\)")
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}


def title_score(found: str, wanted: str) -> float:
    """0–100: how well a heading's title `found` stands for the template's title `wanted`.

    A heading may add to the template's words ("典型案例（2个）", "集群发展环境建设情况") more
    freely than it may drop them: one that keeps less than 70 % of the template title's length
    scores at most TOO_SHORT, below any threshold unless its typed number agrees too.
    """
    f, w = normalize(found), normalize(wanted)
    if not f or not w:
        return 0.0
    bare = _PARENS.sub("", f)
    if w in (f, bare):
        return 100.0
    best = max(fuzz.ratio(f, w), fuzz.ratio(bare, w) if bare else 0.0)
    if len(f) < 0.7 * len(w):
        return min(best, TOO_SHORT)  # "集群发展" for "集群发展成效": only its number can make it the section
    if len(w) >= 4:
        best = max(best, 0.95 * fuzz.partial_ratio(f, w))
    return best


def number_value(number: str) -> int | None:
    """"十一" -> 11, "（三）" -> 3, "2" -> 2, "2.8" -> None (dotted numbers compare as text)."""
    n = normalize(number).strip("()")
    if n.isdigit():
        return int(n)
    if not n or any(ch not in _CN_DIGITS and ch not in "十百" for ch in n):
        return None
    if "十" not in n:
        return int("".join(str(_CN_DIGITS[ch]) for ch in n)) if len(n) <= 3 else None
    tens, _, ones = n.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def same_number(a: str, b: str) -> bool:
    """Numbers compared by value: a heading's number as written ("（二）", "二、", "第二部分") against
    the template's ("二")."""
    a, b = bare_number(a), bare_number(b)
    if not a or not b:
        return False
    va, vb = number_value(a), number_value(b)
    if va is not None and vb is not None:
        return va == vb
    return normalize(a).strip("()") == normalize(b).strip("()")


def spec_score(spec: SectionSpec, section: Section) -> float:
    score = max(title_score(section.title or section.number, name) for name in (spec.title, *spec.aliases))
    if score >= NUMBER_BONUS_FLOOR and same_number(section.number, spec.number):
        score += NUMBER_BONUS
    return min(score, 100.0)


@dataclass
class OutlineMatch:
    """The result of matching one list of sibling specs (and, recursively, their children)."""

    specs: list[SectionSpec]
    found: dict[int, Section] = field(default_factory=dict)  # spec index -> its section
    duplicates: dict[int, list[Section]] = field(default_factory=dict)  # spec index -> repeats
    out_of_order: dict[int, tuple[int, bool]] = field(default_factory=dict)  # i -> (ref j, before j?)
    children: dict[int, OutlineMatch] = field(default_factory=dict)

    def walk(self, parent: Section | None = None):
        """(spec, section or None, the parent's section) for every spec, parents first."""
        for i, spec in enumerate(self.specs):
            yield spec, self.found.get(i), parent
            if i in self.children:
                yield from self.children[i].walk(self.found.get(i))


def match_outline(specs: Sequence[SectionSpec], sections: Sequence[Section], min_score: float = 80.0,
                  within: Section | None = None) -> OutlineMatch:
    pool = [s for s in sections if s.heading and (within is None or within.start < s.start < within.end)]
    result = OutlineMatch(list(specs))
    scores = [[spec_score(spec, s) for s in pool] for spec in specs]
    level = _usual_level(scores, pool, min_score)
    pairs: list[tuple[float, int, int]] = []
    for i, row in enumerate(scores):
        for k, raw in enumerate(row):
            score = raw - (LEVEL_PENALTY if level is not None and pool[k].level != level else 0.0)
            if score >= min_score:
                pairs.append((score, i, k))
    pairs.sort(key=lambda p: (-p[0], pool[p[2]].start, p[1]))
    claimed: set[int] = set()
    for _score, i, k in pairs:
        if i not in result.found and k not in claimed:
            result.found[i] = pool[k]
            claimed.add(k)
    for i, sec in result.found.items():
        repeats = [pool[k] for k in range(len(pool)) if k not in claimed and pool[k].level == sec.level
                   and scores[i][k] >= DUPLICATE_SCORE and _is_best_for(scores, i, k)]
        if repeats:
            result.duplicates[i] = repeats
    result.out_of_order = _order_faults({i: s.start for i, s in result.found.items()})
    for i, spec in enumerate(specs):
        if spec.children and i in result.found:
            result.children[i] = match_outline(spec.children, sections, min_score, within=result.found[i])
    return result


def _usual_level(scores: list[list[float]], pool: Sequence[Section], min_score: float) -> int | None:
    """The level most of the specs' best headings sit at: the outline's own level in this document."""
    levels = Counter()
    for row in scores:
        if row and max(row) >= min_score:
            levels[pool[row.index(max(row))].level] += 1
    return levels.most_common(1)[0][0] if levels else None


def _is_best_for(scores: list[list[float]], i: int, k: int) -> bool:
    return all(scores[j][k] <= scores[i][k] for j in range(len(scores)))


def _order_faults(pos: dict[int, int]) -> dict[int, tuple[int, bool]]:
    """Specs outside the longest run that keeps the template's order, each with the spec it is
    misplaced against and whether it comes before (True) or after (False) that one."""
    order = sorted(pos)
    if len(order) < 2:
        return {}
    best_len = [1] * len(order)
    prev = [-1] * len(order)
    for b in range(len(order)):
        for a in range(b):
            if pos[order[a]] < pos[order[b]] and best_len[a] + 1 > best_len[b]:
                best_len[b], prev[b] = best_len[a] + 1, a
    end = max(range(len(order)), key=lambda x: (best_len[x], -x))
    keep: set[int] = set()
    while end >= 0:
        keep.add(order[end])
        end = prev[end]
    faults: dict[int, tuple[int, bool]] = {}
    for i in order:
        if i in keep:
            continue
        earlier_after = [j for j in keep if j < i and pos[j] > pos[i]]
        if earlier_after:
            faults[i] = (min(earlier_after), True)
        else:
            later_before = [j for j in keep if j > i and pos[j] < pos[i]]
            faults[i] = (max(later_before), False) if later_before else (i, True)
    return faults
