"""湖南省产业集群竞赛参赛报告（决赛） (seed 004 附件2): the preliminary form's family without the
implementation plan. 四 is one operations report (1500字以内) typed into the box below the
promoter's name, 五 the truthfulness declaration (still numbered 6.1 inside, as the form has it),
六 the evidence list; 2.4's 每万人发明专利拥有量 needs evidence here.

One complete and correct report and one file per planted defect; the form builders are shared
with the preliminary report (tpl_hunan_2023_prelim).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from docx.document import Document as DocxDocument

from samples.builder import heading, new_document, prose_text, save_variants, table, title
from samples.gen.tpl_hunan_2023_prelim import (
    CATEGORY_GUIDANCE,
    HEADING_MODE,
    Fill,
    basic_info,
    declaration,
    evidence,
    gap,
    overall,
    park,
    put,
)
from samples.gen.tpl_hunan_2023_prelim import SELF_REPORT_GUIDANCE as PRELIM_SELF_REPORT_GUIDANCE

PACK = "hunan-2023-final"
# The final asks the same as the preliminary 2.8, about the time since the preliminary round.
SELF_REPORT_GUIDANCE = [PRELIM_SELF_REPORT_GUIDANCE[0].replace("简要介绍集群总体情况", "简要介绍集群在初赛胜出后的总体情况"),
                        *PRELIM_SELF_REPORT_GUIDANCE[1:]]
PARK_GUIDANCE = ("承载园区基本情况，重点阐述从集群初赛胜出后为推进产业集群发展在项目建设、规模工业企业培育、招商引资、"
                 "要素保障、营商环境改善、企业服务、体制机制创新等方面所开展的工作和取得的成效，以及下一步推进集群发展的"
                 "工作思路。2500字以内。")
ORG_GUIDANCE = "重点介绍集群初赛胜出后集群发展促进组织为推动集群发展所做的工作，取得的成效。（1500字以内）"
PER_10K = ("集群从业人员每万人发明专利拥有量", "发明专利授权统计表及从业人员统计报表", "89—90")

BASE = Fill(org_report_words=1200)
DEFECTS: dict[str, Fill] = {
    "long-org-report": replace(BASE, org_report_words=1700),
    "long-self-report": replace(BASE, self_report_words=2700),
    "growth-wrong": replace(BASE, growth_typed={"集群研发经费（亿元）": "2.04"}),
    "growth-blank": replace(BASE, growth_typed={"进口额（亿元）": ""}),
    "evidence-missing": replace(BASE, evidence_dropped=("集群从业人员每万人发明专利拥有量",)),
    "no-category": replace(BASE, category=CATEGORY_GUIDANCE),
    "unsigned": replace(BASE, promoter_signed=False),
    "instructions-left": replace(BASE, guidance_left=True),
}


def operations(doc: DocxDocument, fill: Fill) -> None:
    heading(doc, "四、集群发展促进组织运营情况", level=1, mode=HEADING_MODE)
    t = table(doc, [["集群促进组织名称", "株洲市电力电子产业促进会"], ["", ""]], [(1, 0, 1, 2)])
    put(t, 1, 0, [*([ORG_GUIDANCE] if fill.guidance_left else []), *prose_text(fill.org_report_words, 4401)])
    gap(doc)


def build(fill: Fill) -> DocxDocument:
    doc = new_document()
    title(doc, "湖南省产业集群竞赛参赛报告（决赛）")
    basic_info(doc, fill)
    overall(doc, fill, final=True, self_guidance=SELF_REPORT_GUIDANCE)
    park(doc, fill, PARK_GUIDANCE)
    operations(doc, fill)
    declaration(doc, fill, "五")
    evidence(doc, fill, "六", extra=[PER_10K])
    return doc


def generate(out: Path) -> list[Path]:
    return save_variants(PACK, build, BASE, DEFECTS, out)
