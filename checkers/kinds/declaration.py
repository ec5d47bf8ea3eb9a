"""Declarations and opinion blocks present, and signed, sealed and dated (D001, D002).

A seal is an image the text layer does not carry, so what the text can show is the sealing unit
named or not ("依托单位名称（盖公章）：_______"). Where the extractor could look — a scanned page,
whose red seals it finds, and the seal pictures of a Word or PDF file — a seal found at the 盖章
place satisfies it, and on a scan a 盖章 place without one is reported; in typed text without seal
pictures a bare "（盖章）" mark is not judged (the printed copy is stamped later). A signature line
left blank is signed where the extractor saw pen strokes after its label on the scan. Dates count
as filled only with all three parts ("2023年3月15日", "二〇二三年三月十五日", "2023.3.15").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from checkers.findings import Finding
from checkers.kinds.base import RuleBase
from checkers.regions import Region, after_label
from checkers.violations.declarations import PARTS, DeclarationBlank, DeclarationMissing, SealNotSeen

if TYPE_CHECKING:
    from checkers.context import Context
    from extractor.model import Document

_CN = "〇零○Ｏ一二三四五六七八九十"
DATE_FILLED = re.compile(rf"(?:\d{{4}}|[{_CN}]{{4}})\s*年\s*[\d{_CN}]{{1,3}}\s*月\s*[\d{_CN}]{{1,3}}\s*日"
                         r"|\d{4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{1,2}")
DATE_BLANK = re.compile(r"(?:\d{4}\s*|[_＿]+\s*)?年[\s_＿]*(?:\d{1,2})?[\s_＿]*月[\s_＿]*日|日期\s*[:：][\s_＿]*(?=\s{2}|$)",
                        re.M)
_DATE_ANY = re.compile(f"{DATE_FILLED.pattern}|{DATE_BLANK.pattern}", re.M)
_SEAL_FIELD = re.compile(r"[（(]?\s*(?:盖(?:公)?章|印章)\s*[)）]?\s*[:：]([^\n]*)")
_PLACEHOLDERS = re.compile(r"[（(][^（）()\n]*(?:盖|印|章|签)[^（）()\n]*[)）]|[（(]?\s*(?:单位)?盖(?:公)?章\s*[)）]?")
_NEXT_LABEL = re.compile(r"\s{2,}|[\u4e00-\u9fff]{2,8}[:：]")
_BLANK = re.compile(r"^[\s_＿\-—.·…:：,，。、]*$")
_HAN = re.compile(r"[\u4e00-\u9fffA-Za-z]")


class Block(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str  # "集群所在地县以上人民政府意见", "真实性声明"
    needs: list[Literal["signature", "seal", "date", "text"]] = Field(default_factory=lambda: ["seal", "date"])
    signature_labels: list[str] = Field(default_factory=lambda: ["签字", "签名"])
    required: bool = True


class Declaration(RuleBase):
    kind: Literal["declaration"]
    blocks: list[Block]

    def check(self, ctx: Context) -> Iterator[Finding]:
        for block in self.blocks:
            regions = ctx.regions(block.label)
            if not regions:
                if block.required:
                    yield self.finding(DeclarationMissing(block.label), expected=block.label, actual=None)
                continue
            region = _pick(regions)
            where = ctx.locate(region.unit.index, row=region.unit.row, column=region.unit.column)
            for part, shown in blank_parts(block, region, seal_seen(ctx.doc, region)):
                if part == "signature" and signed_by_hand(ctx.doc, region):
                    continue
                if part == "stamp":
                    yield self.finding(SealNotSeen(block.label, shown, where.page), location=where,
                                       expected="加盖印章", actual="未见印章")
                    continue
                yield self.finding(DeclarationBlank(block.label, part, shown), location=where,
                                   expected=f"填写{PARTS[part]}", actual=shown or None)


def _pick(regions: list[Region]) -> Region:
    """The place that looks like the block (signature, seal or date marks), else the first mention."""
    return next((r for r in regions if _DATE_ANY.search(r.text) or "签" in r.text or "章" in r.text), regions[0])


def blank_parts(block: Block, region: Region, sealed: bool | None = None) -> list[tuple[str, str]]:
    """[(part, what stands there)] for every needed part left blank. `sealed`: whether a seal was
    seen at the place (None: the file cannot show it); "stamp" is a scanned place with no seal."""
    text = until_date(region.text)
    out: list[tuple[str, str]] = []
    for part in block.needs:
        if part == "date" and not DATE_FILLED.search(text):
            m = DATE_BLANK.search(text)
            out.append(("date", re.sub(r"\s+", " ", m.group(0)).strip() if m else ""))
        elif part == "signature" and _signature_blank(text, block.signature_labels):
            out.append(("signature", ""))
        elif part == "seal" and sealed is not True:
            m = _SEAL_FIELD.search(text)
            value = _NEXT_LABEL.split(m.group(1).strip(), maxsplit=1)[0] if m else ""
            if m and _BLANK.match(value):
                out.append(("seal", (text[m.start():m.start(1)] + value).strip()))
            elif sealed is False:
                out.append(("stamp", _mark_line(text)))
        elif part == "text" and not _has_opinion(text, block.label):
            out.append(("text", ""))
    return out


_MARK = re.compile(r"盖(?:公)?章|印章")


def _mark_line(text: str) -> str:
    return next((ln.strip() for ln in text.splitlines() if _MARK.search(ln)), "")


def seal_seen(doc: Document, region: Region) -> bool | None:
    """Whether a seal was found at the region's 盖章 place: True, False (on a scanned page, none
    there), or None when the file cannot show one (typed text, no seal picture near the place)."""
    mark = _mark_line(until_date(region.text))
    if not mark:
        return None
    units = [region.unit, *region.answers]
    scanned = {doc.blocks[u.index].loc.page for u in units} & set(doc.meta.ocr_pages)
    if scanned:
        key = _norm(_MARK.split(mark)[0]) or _norm(mark)
        for s in doc.seals:
            if s.loc.page in scanned and s.source == "scan" and any(_shares(key, _norm(t)) for t in s.near):
                return True
        return False
    paragraphs = {doc.blocks[u.index].loc.paragraph for u in units} - {None}
    pages = {doc.blocks[u.index].loc.page for u in units} - {None}
    near = any(doc.seals_near(None, p) for p in paragraphs) or \
        any(s.source == "picture" and s.loc.page in pages and s.loc.paragraph is None for s in doc.seals)
    return True if near else None


def signed_by_hand(doc: Document, region: Region) -> bool:
    """Pen strokes the extractor saw after a signature label of this region, on a scan."""
    pages = {doc.blocks[u.index].loc.page for u in (region.unit, *region.answers)}
    text = _norm(region.text)
    return any(g.loc.page in pages and _norm(g.label) and _norm(g.label) in text for g in doc.signatures)


def _norm(text: str) -> str:
    return re.sub(r"[\s（）()：:]", "", text)


def _shares(key: str, text: str) -> bool:
    """The place's words (the unit before "（盖章）", or the mark itself) under the seal."""
    if not key or not text:
        return False
    return key in text or text in key or (len(key) >= 4 and key[-4:] in text)


def until_date(text: str) -> str:
    """A declaration ends with its date line: what follows belongs to the next block."""
    m = _DATE_ANY.search(text)
    if not m:
        return text
    end = text.find("\n", m.end())
    return text if end < 0 else text[:end]


def _signature_blank(text: str, labels: list[str]) -> bool:
    lines = text.splitlines()
    for n, line in enumerate(lines):
        at = next((line.find(lab) for lab in labels if lab in line), -1)
        if at < 0:
            continue
        value = _clean(_NEXT_LABEL.split(line[at:].split("：", 1)[-1].split(":", 1)[-1].strip(), maxsplit=1)[0])
        if value:
            return False
        following = next((x.strip() for x in lines[n + 1:] if x.strip()), "")
        return not following or bool(_PLACEHOLDERS.search(following) or DATE_BLANK.search(following)
                                      or DATE_FILLED.search(following) or "：" in following)
    return False  # no signature line at all: the template's wording was changed, nothing to judge


def _clean(value: str) -> str:
    v = _PLACEHOLDERS.sub("", value)
    v = v.lstrip("）)").strip()
    return "" if _BLANK.match(v) else v


def _has_opinion(text: str, label: str) -> bool:
    rest = after_label(text, label)
    rest = _PLACEHOLDERS.sub("", DATE_FILLED.sub("", DATE_BLANK.sub("", rest)))
    for lab in ("签字", "签名", "负责人", "意见"):
        rest = rest.replace(lab, "")
    return len(_HAN.findall(rest)) >= 2
