"""Claims, policy titles, 文号, dates, amounts and evidence references found in Chinese text.

One spaCy `blank("zh")` pipeline (character segmentation, nothing downloaded) is built lazily once
per process. An EntityRuler tags the claim vocabulary (专精特新“小巨人”, 企业技术中心, 科技进步奖 …)
and the level words before it (国家级, 省级, 湖北省 …); spans that a token pattern cannot express on
character tokens — 文号 国科火字〔2020〕185号, 《…》, dates, amounts, percentages, 见附件3/第12页 —
are found with `re` and aligned to tokens with `doc.char_span(..., alignment_mode="expand")`.
spaCy's zh tokenizer is quadratic on very long strings, so text is cut into sentence-bounded chunks
of at most `CHUNK` characters; callers pass one paragraph or one cell at a time.

A claim needs evidence when it is a title in itself (单项冠军, 驰名商标, 科技进步奖) or a platform or
qualification with a level in front of it (国家级企业技术中心, 省级众创空间); a bare "高新技术企业
35家" is a statistic, not a claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

CHUNK = 800

# Titles and awards that are claims on their own.
TITLES = ["专精特新“小巨人”", "专精特新小巨人", "“小巨人”", "小巨人企业", "单项冠军", "制造业单项冠军",
          "驰名商标", "著名商标", "名牌产品", "科技进步奖", "技术发明奖", "自然科学奖", "专利奖", "质量奖",
          "中华老字号", "博士后科研工作站", "院士工作站", "瞪羚企业", "独角兽企业", "隐形冠军"]
# Platforms and qualifications that are claims when a level word precedes them.
PLATFORMS = ["专精特新企业", "专精特新中小企业", "高新技术企业", "科技型中小企业", "重点实验室",
             "工程技术研究中心", "工程研究中心", "企业技术中心", "技术创新中心", "制造业创新中心",
             "产业创新中心", "工业设计中心", "孵化器", "科技企业孵化器", "众创空间", "技术转移机构",
             "技术转移示范机构", "绿色工厂", "绿色园区", "绿色供应链", "绿色产品", "公共服务平台",
             "中小企业公共服务示范平台", "检验检测中心", "质检中心", "新型研发机构", "工程实验室",
             "示范企业", "示范基地", "示范工厂", "示范园区", "智能工厂", "数字化车间", "产业技术研究院",
             "知识产权示范企业", "知识产权优势企业", "创新平台", "技术中心", "特色产业集群", "先进制造业集群"]
LEVELS = ["国家级", "省级", "省级及以上", "省级以上", "国家级和省级", "国家级、省级", "省部级", "部级", "国家部委",
          "湖北省", "湖南省", "工信部", "工业和信息化部", "科技部", "国家发改委", "国家发展改革委", "商务部",
          "国务院", "国家知识产权局", "国家市场监管总局"]
# Short level words count only right before the term ("国家重点实验室", "省企业技术中心").
ADJACENT_LEVELS = ["国家", "中国", "全国", "省", "市级"]
# Longer words that contain a level word but are not one: the ruler keeps the longest match.
NOT_LEVELS = ["全省", "本省", "该省", "外省", "全国性", "国家高新区", "国家级高新区", "省级高新区", "国家高新技术产业开发区"]

_CLOSE = r"(?:》|>>|\)\)|〉〉|>)"
POLICY_RE = re.compile(r"《(?P<title>[^《》\n]{2,80}?)" + _CLOSE)
POLICY_WORDS = ("办法", "意见", "通知", "规划", "方案", "政策", "措施", "决定", "条例", "规定", "细则", "纲要",
                "计划", "指引", "指南", "若干", "行动", "批复", "实施", "公告", "要点", "清单", "规程", "条款")
POLICY_BARE_RE = re.compile(r"关于[^，。；;《》\n]{2,40}?的(?:若干|实施|指导)?(?:意见|通知|办法|规定|决定|方案|措施|规划|细则)")
DOC_NO_RE = re.compile(
    r"(?P<org>[\u4e00-\u9fff]{1,8})?\s*[〔\[［(（【]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]］)）】]\s*第?\s*"
    r"(?P<no>\d{1,5})\s*号")
_CN_DIGIT = "〇○零一二三四五六七八九"
DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月(?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号])?"
    r"|(?P<y2>(?:19|20)\d{2})[-/.](?P<m2>1[0-2]|0?[1-9])(?:[-/.](?P<d2>3[01]|[12]\d|0?[1-9]))?(?![\d.%亿万元])"
    rf"|[{_CN_DIGIT}]{{4}}年[{_CN_DIGIT}十]{{1,2}}月(?:[{_CN_DIGIT}十]{{1,3}}日)?")
AMOUNT_RE = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?\s*(?:千|万|亿|百万)?\s*(?:元|美元)")
PERCENT_RE = re.compile(r"[-+]?\d+(?:\.\d+)?\s*[%％]")
EVIDENCE_RE = re.compile(
    r"(?:见|详见|参见)?附件\s*[0-9一二三四五六七八九十]+|(?:见|详见|参见)附件|佐证材料|证明材料|附后"
    r"|(?:见|详见)?第\s*\d+(?:\s*[-—~至]\s*\d+)?\s*页|\bP\s*\d+(?:\s*[-—~]\s*\d+)?|页码\s*[:：]?\s*\d+")

_REGEXES = [("DOC_NO", DOC_NO_RE), ("POLICY", POLICY_RE), ("POLICY", POLICY_BARE_RE), ("DATE", DATE_RE),
            ("AMOUNT", AMOUNT_RE), ("PERCENT", PERCENT_RE), ("EVIDENCE", EVIDENCE_RE)]
_NOT_ORG = set("和与及按据照经由将对在为的了、，及并以即见") | {" "}
_LEAD_IN = re.compile(r"依据|根据|按照|参照|对照|印发了?|出台了?|转发了?|下发了?|制定了?|发布了?|颁布了?|文件|通知")
_SENTENCE_END = re.compile(r"(?<=[。！？；;!?\n])")


@dataclass(frozen=True, slots=True)
class Span:
    label: str  # TITLE, PLATFORM, LEVEL, LEVEL1, NOTLEVEL, DOC_NO, POLICY, DATE, AMOUNT, PERCENT, EVIDENCE
    text: str
    start: int  # character offsets into the text given
    end: int


@dataclass(frozen=True, slots=True)
class Claim:
    text: str  # "国家级企业技术中心" — with its level when there is one
    term: str  # "企业技术中心" — the vocabulary entry
    level: str | None
    start: int
    end: int


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The one pipeline per process: blank zh + an EntityRuler for the claim vocabulary."""
    import spacy

    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "TEXT"})
    patterns = [{"label": "TITLE", "pattern": p} for p in _variants(TITLES)]
    patterns += [{"label": "PLATFORM", "pattern": p} for p in _variants(PLATFORMS)]
    patterns += [{"label": "LEVEL", "pattern": p} for p in LEVELS]
    patterns += [{"label": "LEVEL1", "pattern": p} for p in ADJACENT_LEVELS]
    patterns += [{"label": "NOTLEVEL", "pattern": p} for p in NOT_LEVELS]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


@lru_cache(maxsize=16)
def _extra_matcher(vocabulary: tuple[str, ...]):  # -> spacy.matcher.PhraseMatcher
    from spacy.matcher import PhraseMatcher

    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="TEXT")
    matcher.add("TITLE", [nlp.make_doc(p) for p in _variants(list(vocabulary))])
    return matcher


def _variants(phrases: Iterable[str]) -> list[str]:
    """Each phrase with Chinese quotes, straight quotes and none: applicants type all three."""
    out: list[str] = []
    for p in phrases:
        bare = re.sub(r"[“”\"「」『』]", "", p)
        for v in (p, bare, re.sub(r"“([^”]*)”", r'"\1"', p)):
            if v not in out:
                out.append(v)
    return out


def chunks(text: str, size: int = CHUNK) -> Iterable[tuple[int, str]]:
    """(offset, piece) with pieces cut at sentence ends, none longer than `size`."""
    start, piece_start = 0, 0
    parts = [p for p in _SENTENCE_END.split(text) if p]
    for part in parts:
        if start - piece_start + len(part) > size and start > piece_start:
            yield piece_start, text[piece_start:start]
            piece_start = start
        while start + len(part) - piece_start > size:  # one over-long sentence: hard cut
            cut = piece_start + size
            yield piece_start, text[piece_start:cut]
            piece_start = cut
        start += len(part)
    if piece_start < len(text):
        yield piece_start, text[piece_start:]


def spans(text: str, vocabulary: tuple[str, ...] = ()) -> list[Span]:
    """Every labelled span of one paragraph or cell, sorted by position."""
    nlp = pipeline()
    extra = _extra_matcher(vocabulary) if vocabulary else None
    out: list[Span] = []
    for offset, piece in chunks(text):
        doc = nlp(piece)
        found = list(doc.ents)
        if extra is not None:
            found += [doc[s:e] for _, s, e in extra(doc)]
        for label, rx in _REGEXES:
            for m in rx.finditer(piece):
                start = m.start()
                if label == "DOC_NO" and m.group("org"):
                    lead = list(_LEAD_IN.finditer(m.group("org")))
                    start = m.start("org") + (lead[-1].end() if lead else 0)
                    while start < m.end() and piece[start] in _NOT_ORG:
                        start += 1
                sp = doc.char_span(start, m.end(), label=label, alignment_mode="expand")
                if sp is not None:
                    found.append(sp)
        for sp in found:
            label = sp.label_ or "TITLE"
            out.append(Span(label, sp.text, offset + sp.start_char, offset + sp.end_char))
    out.sort(key=lambda s: (s.start, -s.end))
    return _dedupe(out)


def _dedupe(items: list[Span]) -> list[Span]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for s in items:
        key = (s.label, s.start, s.end)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


@lru_cache(maxsize=16)
def _any_of(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for p in sorted(_variants(phrases), key=len, reverse=True)))


def may_claim(text: str, vocabulary: tuple[str, ...] = ()) -> bool:
    """Whether `text` can hold a claim at all — a title, or a platform and a level word — tested
    with plain patterns: most paragraphs cannot, and then the pipeline need not run on them."""
    if _any_of((*TITLES, *vocabulary)).search(text):
        return True
    return bool(_any_of(tuple(PLATFORMS)).search(text) and _any_of((*LEVELS, *ADJACENT_LEVELS)).search(text))


def claims(text: str, vocabulary: tuple[str, ...] = (), found: list[Span] | None = None) -> list[Claim]:
    """Titles, and platforms with a level word at most 6 characters (a short one: 0) before them."""
    found = spans(text, vocabulary) if found is None else found
    levels = [s for s in found if s.label in ("LEVEL", "LEVEL1")]
    out: list[Claim] = []
    for s in found:
        if s.label not in ("TITLE", "PLATFORM"):
            continue
        if any(o is not s and o.label in ("TITLE", "PLATFORM") and o.start <= s.start and s.end <= o.end
               and (o.end - o.start) > (s.end - s.start) for o in found):
            continue  # "制造业单项冠军" already covers "单项冠军"
        level = next((lv for lv in reversed(levels) if lv.end <= s.start
                      and s.start - lv.end <= (6 if lv.label == "LEVEL" else 0)
                      and not re.search(r"[，。；;,!！?？\n]", text[lv.end:s.start])), None)
        if s.label == "PLATFORM" and level is None:
            continue
        start = level.start if level else s.start
        out.append(Claim(text[start:s.end], s.text, level.text if level else None, start, s.end))
    return [c for c in out if not any(o is not c and o.start <= c.start and c.end <= o.end and o != c for o in out)]


def policies(text: str, found: list[Span] | None = None) -> list[Span]:
    """Policy documents cited by title: 《…办法》 or a bare "关于…的意见"."""
    found = spans(text) if found is None else found
    out = []
    for s in found:
        if s.label != "POLICY":
            continue
        if s.text.startswith("《") and not any(w in s.text for w in POLICY_WORDS):
            continue
        if not s.text.startswith("《") and any(o.label == "POLICY" and o.start < s.start < o.end for o in found):
            continue  # the bare pattern inside a 《》 title
        out.append(s)
    return out

