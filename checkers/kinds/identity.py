"""Is the submitting cluster the one on the official roster? (C001–C005)

The name is looked for where a reviewer looks: the form's 集群名称 field, then the cover and title
lines ("2023年度十堰商用车及部件创新型产业集群工作总结" -> the part up to 集群). The file name is only
a hint: a document that names its cluster nowhere inside still gets C001, with the hint in the
message, because the copy on file must say which cluster it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import Field
from rapidfuzz import fuzz

from checkers.context import Context
from checkers.findings import ClusterResult, Finding, FindingLocation
from checkers.kinds.base import Outcome, RuleBase
from checkers.namematch import MARGIN, PLAUSIBLE, MatchResult, index, match, name_key, note_values, parse
from checkers.places import gazetteer
from checkers.roster import RosterEntry
from checkers.violations.cluster import (
    BuilderUnitDiffers,
    ClusterNameAbsent,
    ClusterNameAmbiguous,
    ClusterNameDiffers,
    ClusterNotInRoster,
)
from extractor.model import Heading, Table

_NOISE = re.compile(r"^(附件\s*\d*\s*[:：]?|关于|报送|上报|提交|[（(]?\d{4}\s*(?:[-—–~至]\s*\d{4})?\s*年?度?[）)]?|[《“\"])+")
_FIELD_END = re.compile(r"\s{2,}|\s+\S{1,8}[:：]|[（(]\s*(?:盖|签)")
TITLE_MAX = 60  # a longer line is body text that mentions a cluster, not a title
_NEXT_LABEL = re.compile(r"^[^\s:：]{1,10}[:：]")
_PLACEHOLDER = re.compile(r"^[（(].*[）)]$")  # the template's own hint left in the cell
_NOT_NAMES = {"全省", "全市", "我省", "我市", "本", "各"}
_RANK = {"exact": 0, "fuzzy": 1, "ambiguous": 2, "unmatched": 3, "absent": 4}


@dataclass(frozen=True, slots=True)
class NameSource:
    name: str
    target: str  # the template's label of where it was found
    location: FindingLocation
    strong: bool  # a field of the form, not a title line


class Identity(RuleBase):
    kind: Literal["identity"]
    field_labels: list[str] = Field(default_factory=lambda: ["集群名称", "产业集群名称", "集群单位名称"])
    unit_labels: list[str] = Field(default_factory=lambda: [
        "依托单位", "建设单位", "依托（建设）单位", "集群建设单位", "依托单位名称（盖公章）", "依托单位名称"])
    account_labels: list[str] = Field(default_factory=lambda: ["账号"])
    use_title: bool = True  # the cover / title lines
    use_filename: bool = True  # a weak signal, used only when nothing else names the cluster
    check_unit: bool = True
    title_blocks: int = 12  # how many blocks from the start count as cover and title

    def check(self, ctx: Context) -> Iterator[Outcome]:
        """The findings, and the cluster found (the report's `cluster`)."""
        sources = self._field_sources(ctx) + (self._title_sources(ctx) if self.use_title else [])
        if not sources:
            yield from self._absent(ctx)
            return
        if ctx.roster is None:
            yield ClusterResult(found=sources[0].name, status="unmatched")
            return
        account = self._value(ctx, self.account_labels)
        matched: dict[str, MatchResult] = {}  # the form field, the cover and the title often agree
        results = [(s, matched.get(s.name) or matched.setdefault(s.name, match(s.name, ctx.roster, account=account)))
                   for s in sources]
        strong = [r for r in results if r[0].strong]
        src, result = strong[0] if strong else min(results, key=lambda r: _RANK[r[1].status])
        yield result.to_cluster()
        yield from self._findings(ctx, src, result)

    # ---- where the name is ---------------------------------------------------------------------
    def _field_sources(self, ctx: Context) -> list[NameSource]:
        out = []
        for hit in ctx.field_hits(self.field_labels):
            name = clean_value(hit.text)
            if name and not _PLACEHOLDER.match(name):
                loc = ctx.locate(hit.index, table=hit.table, row=hit.row, column=hit.column)
                out.append(NameSource(name, hit.label.strip().rstrip(":："), loc, True))
        return out

    def _title_sources(self, ctx: Context) -> list[NameSource]:
        out = []
        for i, block in enumerate(ctx.doc.blocks[: self.title_blocks]):
            if isinstance(block, Table) or (isinstance(block, Heading) and block.number):
                break  # the form or the outline ("一、集群总体情况") has begun
            name = name_in_line(block.text) if len(block.text.strip()) <= TITLE_MAX else None
            if name and self._is_name(ctx, name):
                out.append(NameSource(name, "封面标题", ctx.locate(i), False))
        if ctx.doc.meta.title and (name := name_in_line(ctx.doc.meta.title)) and self._is_name(ctx, name):
            out.append(NameSource(name, "文档标题属性", FindingLocation(), False))
        return out

    @staticmethod
    def _is_name(ctx: Context, name: str) -> bool:
        """A cluster's name, not a template title: something is left once the generic words and
        the place are taken off (创新型产业集群评价申请表 -> nothing)."""
        gaz = index(ctx.roster).gaz if ctx.roster else gazetteer()
        industry = parse(name, gaz).split.industry
        return bool(industry) and industry not in _NOT_NAMES

    def _value(self, ctx: Context, labels: list[str]) -> str | None:
        hit = ctx.field_value(labels)
        return (clean_value(hit.text) or None) if hit else None

    # ---- findings ------------------------------------------------------------------------------
    def _absent(self, ctx: Context) -> Iterator[Outcome]:
        hinted: str | None = None
        closest: tuple[str, float] | None = None
        candidates = []
        stem = ctx.doc.meta.filename.rsplit(".", 1)[0]
        name = name_in_line(re.sub(r"[_\-\s.]+", "", stem)) if self.use_filename and stem else None
        if name and self._is_name(ctx, name):
            hinted = name
            if ctx.roster is not None:
                candidates = match(name, ctx.roster, top=3).to_cluster().candidates
                if candidates and candidates[0].score >= PLAUSIBLE:
                    closest = (candidates[0].name, candidates[0].score)
        yield ClusterResult(status="absent", candidates=candidates)
        yield self.finding(ClusterNameAbsent(self.field_labels[0], hinted, closest), expected="集群名称", actual=None)

    def _findings(self, ctx: Context, src: NameSource, result: MatchResult) -> Iterator[Finding]:
        assert ctx.roster is not None
        found, top = src.name, result.candidates[0] if result.candidates else None
        roster = ctx.roster.title or ctx.roster.id
        if result.status == "fuzzy" and top:
            yield self.finding(ClusterNameDiffers(src.target, found, top.entry.name, top.score, top.why),
                               location=src.location, expected=top.entry.name, actual=found)
        elif result.status == "ambiguous" and top:
            close = [c for c in result.candidates if c.score >= PLAUSIBLE and c.score > top.score - MARGIN]
            yield self.finding(ClusterNameAmbiguous(src.target, found, tuple((c.entry.name, c.score) for c in close)),
                               location=src.location, expected=[c.entry.name for c in close], actual=found)
        elif result.status == "unmatched":
            near = (top.entry.name, top.score, top.why) if top and top.score > 0 else None
            yield self.finding(ClusterNotInRoster(src.target, found, roster, len(ctx.roster.entries), near),
                               location=src.location, expected=f"名单《{roster}》所列名称", actual=found)
        best = result.best
        if best and self.check_unit and best.entry.unit:
            hit = ctx.field_value(self.unit_labels)
            unit = clean_value(hit.text) if hit else ""
            if hit and unit and not same_unit(unit, best.entry):
                yield self.finding(
                    BuilderUnitDiffers(hit.label.strip().rstrip(":："), unit, best.entry.name, best.entry.unit),
                    location=ctx.locate(hit.index, table=hit.table, row=hit.row, column=hit.column),
                    expected=best.entry.unit, actual=unit)


def clean_value(text: str) -> str:
    """A filled-in field without the blanks and whatever field follows on the same line."""
    t = re.sub(r"\s*\n\s*", "", text.strip())
    if _NEXT_LABEL.match(t):
        return ""  # "产业集群名称：      产业集群类型：县域☑": the field is blank, the next one follows
    t = _FIELD_END.split(t, maxsplit=1)[0] if t else ""
    return t.strip(" _＿　:：")


def name_in_line(text: str) -> str | None:
    """The cluster name in a title line: year, 关于 and 附件 off the front, the document type
    (工作总结, 发展规划（2021-2023）, 统计报表 …) off the back, i.e. up to the last 集群."""
    t = _NOISE.sub("", re.sub(r"\s+", "", text or ""))
    end = t.rfind("集群")
    return t[: end + 2] if end >= 0 and end + 2 >= 6 else None


_UNIT_SYNONYMS = (("管理委员会", "管委会"), ("科学技术局", "科技局"), ("科学技术委员会", "科委"),
                  ("高新技术产业开发区", "高新区"), ("新技术开发区", "高新区"), ("经济技术开发区", "经开区"),
                  ("人民政府", "政府"))


def unit_key(text: str) -> str:
    k = name_key(text)
    for long, short in _UNIT_SYNONYMS:
        k = k.replace(long, short)
    return k


def same_unit(found: str, entry: RosterEntry) -> bool:
    """Whether a builder unit written in a submission is the entry's (or one of its joint units),
    whatever the long or short form of the office's name (管理委员会 / 管委会) (C005)."""
    f = unit_key(found)
    if not f or not entry.unit:
        return True
    for official in (entry.unit, *note_values(entry.note, "单位原文")):
        for part in (official, *re.split(r"[、,，;；/]", official)):
            k = unit_key(part)
            if k and (k == f or (min(len(k), len(f)) >= 4 and (k in f or f in k)) or fuzz.ratio(k, f) >= 90):
                return True
    return False
