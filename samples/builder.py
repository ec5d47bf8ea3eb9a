"""Build realistic submissions with python-docx: Chinese prose of a chosen 字数, headings in each
style applicants really use, and tables with merged cells.

    doc = new_document()
    heading(doc, "一、集群总体情况", level=1, mode="style")
    prose(doc, words=2100, seed=7, topic="集群企业")
    doc.save("out.docx")

Heading modes: "style" (Heading N / 标题 N), "bold" (Normal paragraph, bold typed number),
"outline" (plain paragraph with w:outlineLvl in its pPr, as WPS writes it), "numbering" (Word
automatic numbering: the number is not in the text; see samples.numbering).
"""

from __future__ import annotations

import io
import os
import random
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from extractor.counting import word_count

_SUBJECTS = ["集群", "园区", "主导产业", "龙头企业", "骨干企业", "产业链", "创新平台", "科技型中小企业",
             "高新技术企业", "公共服务平台", "产业联盟", "集群促进机构", "孵化器", "众创空间", "研发机构"]
_VERBS = ["持续推进", "加快推动", "着力提升", "不断完善", "深入实施", "积极培育", "全面加强", "统筹推进",
          "大力发展", "稳步扩大", "有效带动", "重点支持"]
_OBJECTS = ["关键核心技术攻关", "产业链上下游协同", "数字化转型", "绿色化改造", "产学研合作", "科技成果转化",
            "人才引进培育", "金融服务供给", "品牌建设", "标准体系建设", "对外开放合作", "营商环境优化",
            "大中小企业融通发展", "专精特新企业培育", "公共技术服务能力", "知识产权保护"]
_RESULTS = ["取得明显成效", "形成了较强的带动效应", "集聚效应进一步显现", "综合竞争力稳步提升",
            "创新能力显著增强", "发展质量和效益持续改善", "产业规模不断壮大", "为高质量发展提供了有力支撑"]
_FIGURES = ["全年实现营业收入{a}亿元，同比增长{p}%", "新增高新技术企业{n}家，总数达到{m}家",
            "研发投入强度达到{q}%，较上年提高{r}个百分点", "新增授权发明专利{n}件，累计拥有有效发明专利{m}件",
            "引进各类人才{m}人，其中博士{n}人", "实施重点项目{n}个，完成投资{a}亿元",
            "规上工业企业达到{m}家，实现产值{a}亿元"]


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.35:
        fig = rng.choice(_FIGURES).format(a=rng.randint(12, 980), p=f"{rng.uniform(2, 30):.1f}",
                                          n=rng.randint(3, 60), m=rng.randint(60, 900),
                                          q=f"{rng.uniform(1.5, 6):.1f}", r=f"{rng.uniform(0.1, 1):.1f}")
        return f"{rng.choice(_SUBJECTS)}{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，{fig}。"
    return (f"{rng.choice(_SUBJECTS)}{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，"
            f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，{rng.choice(_RESULTS)}。")


def prose_text(words: int, seed: int = 0) -> list[str]:
    """Paragraphs of Chinese prose totalling about `words` 字 (Word's count), never fewer."""
    rng = random.Random(seed)
    paras: list[str] = []
    total = 0
    while total < words:
        para = "".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        paras.append(para)
        total += word_count(para)
    return paras


def new_document() -> DocxDocument:
    doc = new_docx()
    style = doc.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    return doc


def title(doc: DocxDocument, text: str) -> DocxParagraph:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(22)
    return p


def paragraph(doc: DocxDocument, text: str, bold: bool = False) -> DocxParagraph:
    p = doc.add_paragraph()
    p.add_run(text).bold = bold
    return p


def prose(doc: DocxDocument, words: int, seed: int = 0) -> int:
    """Append prose paragraphs; return the 字数 written."""
    n = 0
    for para in prose_text(words, seed):
        doc.add_paragraph(para)
        n += word_count(para)
    return n


def heading(doc: DocxDocument, text: str, level: int = 1, mode: str = "style") -> DocxParagraph:
    if mode == "style":
        return doc.add_heading(text, level=level)
    p = doc.add_paragraph()
    run = p.add_run(text)
    if mode == "bold":
        run.bold = True
        run.font.name = "黑体"
        run._element.rPr.rFonts.set(qn("w:eastAsia"), "黑体" if level == 1 else "楷体")
    elif mode == "outline":
        ppr = p._p.get_or_add_pPr()
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(level - 1))
        ppr.append(lvl)
    else:
        raise ValueError(f"unknown heading mode {mode!r} (numbering mode: see samples.numbering)")
    return p


def table(doc: DocxDocument, rows: Sequence[Sequence[str]],
          merges: Sequence[tuple[int, int, int, int]] = ()) -> DocxTable:
    """A table from a grid; merges are (row, col, rowspan, colspan) — the anchor keeps its text."""
    n_cols = max(len(r) for r in rows)
    t = doc.add_table(rows=len(rows), cols=n_cols)
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).text = text
    for r, c, rs, cs in merges:
        anchor = t.cell(r, c)
        keep = anchor.text
        merged = anchor.merge(t.cell(r + rs - 1, c + cs - 1))
        merged.text = keep
    return t


def tick(checked: bool) -> str:
    return "☑" if checked else "□"


FIXED_TIME = (2024, 1, 1, 0, 0, 0)
F = TypeVar("F")


def save(doc: DocxDocument, path: str | os.PathLike[str]) -> Path:
    """Save so that the same code writes the same bytes (see `pin_package`)."""
    props = doc.core_properties
    props.created = props.modified = datetime(*FIXED_TIME)
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    out = Path(path)
    out.write_bytes(pin_package(buf.getvalue()))
    return out


def save_variants(pack: str, build: Callable[[F], DocxDocument], ok: F, variants: Mapping[str, F],
                  out: Path) -> list[Path]:
    """`<pack>_ok.docx` built from `ok`, then one `<pack>_<name>.docx` per variant (a planted defect)."""
    return [save(build(fill), out / f"{pack}_{name}.docx") for name, fill in {"ok": ok, **variants}.items()]


def pin_package(data: bytes) -> bytes:
    """An OOXML package (.docx, .xlsx) with every zip member and the core-property dates stamped
    FIXED_TIME: python-docx and openpyxl stamp both with the time of saving."""
    stamp = datetime(*FIXED_TIME).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, body)
            dst.writestr(fixed, body)
    return out.getvalue()
