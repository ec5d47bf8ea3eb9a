"""Outlines laid out the ways other hands lay them out (issue 15, classes 3–7), as Word and as PDF.

- `outline_hunan-prelim.pdf`: the complete Hunan preliminary report printed by LibreOffice: the plan's
  第一部分…第五部分 inside 五、, the 2.8/3.2/4.x/5.2 reports typed into table boxes that run over pages.
- `outline_cover-wrapped.docx/.pdf`: a summary whose long cluster name, centred on the cover, wraps
  over lines with the document type on the last one; a level-2 heading that ends with 。 and wraps;
  案例一：/案例二： opening the cases on their own lines; a plan part whose title is letter-spaced;
  a numbered reference list whose entries wrap, a formula on a line of its own, a numbered quotation.
- `outline_cover-split.docx`: the same cover with the name broken by the applicant into two
  centred paragraphs.
- `outline_cover-scanned.pdf`: the cover of that PDF, scanned.
- `outline_list-numbering.docx/.pdf`: Word automatic numbering for the headings and for list items
  between them, blank paragraphs between the items, a)/b) items, numbers set off by a tab.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from samples.builder import heading, paragraph, prose, save
from samples.gen import tpl_hunan_2023_prelim as hunan
from samples.gen.pdf_samples import _gongwen, _to_pdf, scan
from samples.numbering import new_list, numbered_paragraph

CLUSTER = "湖北省十堰市商用车及零部件先进制造业创新型产业集群"
TITLE = f"{CLUSTER}2024年度工作总结报告"
LONG_HEADING = "（一）推动整车企业与零部件企业协同创新，构建自主可控、安全高效的产业链供应链体系。"
REFERENCES = [
    "《高测股份（688556）：光伏金刚线及硅片切割代工业务推动公司22Q1业绩大超预期》，2022.4.29",
    "《光伏设备：光伏高效电池扩产提速，关键设备商各领风骚》，2022.4.10",
    "《商用车行业深度报告：重卡周期底部回升，零部件国产替代加速推进》，2022.3.9",
]
FORMULA = "V P = (t2f + f2t) / (t2t + t2f + f2t + f2f)"
QUOTATION = "（3）“物都有内在的长处，这种长处在任何地方都具有同样的性质。”"


def generate(out: Path) -> list[Path]:
    made = [save(_cover_docx(split=False), out / "outline_cover-wrapped.docx"),
            save(_cover_docx(split=True), out / "outline_cover-split.docx"),
            save(_list_numbering_docx(), out / "outline_list-numbering.docx")]
    with tempfile.TemporaryDirectory(prefix="outline_cases_") as tmp:
        work = Path(tmp)
        cover = _to_pdf(_cover_docx(split=False), work, "outline_cover-wrapped")
        made.append(_put(out / "outline_cover-wrapped.pdf", cover))
        made.append(_put(out / "outline_list-numbering.pdf", _to_pdf(_list_numbering_docx(), work, "list")))
        made.append(_put(out / "outline_hunan-prelim.pdf", _to_pdf(hunan.build(hunan.Fill()), work, "hunan")))
    made.append(_put(out / "outline_cover-scanned.pdf", scan(_pages(cover, [0]))))
    return made


def _put(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _pages(pdf: bytes, pages: list[int]) -> bytes:
    """Some pages of a PDF, as a new one."""
    src = pdfium.PdfDocument(pdf)
    dst = pdfium.PdfDocument.new()
    dst.import_pages(src, pages)
    buf = io.BytesIO()
    dst.save(buf)
    return buf.getvalue()


def _centred(doc: DocxDocument, text: str, size: int, bold: bool = True) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    run = p.add_run(text)
    run.bold, run.font.size = bold, Pt(size)


def _spaced(doc: DocxDocument, text: str, twips: int) -> None:
    """A heading in 黑体 with its letters spread apart (character spacing), as covers and plans set them."""
    p = heading(doc, text, 2, "bold")
    for run in p.runs:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(twips))
        run._element.get_or_add_rPr().append(spacing)


def _cover_docx(split: bool) -> DocxDocument:
    doc = _gongwen()
    paragraph(doc, "附件2")
    if split:  # the applicant broke the long name to balance the lines
        _centred(doc, "湖北省十堰市商用车及零部件", 26)
        _centred(doc, "先进制造业创新型产业集群2024年度工作总结报告", 26)
    else:
        _centred(doc, TITLE, 26)
    _centred(doc, "十堰经济技术开发区管理委员会", 16, bold=False)
    _centred(doc, "2025年1月", 16, bold=False)
    doc.add_page_break()

    heading(doc, "一、集群发展情况", 1, "bold")
    prose(doc, 300, seed=901)
    heading(doc, LONG_HEADING, 2, "bold")
    prose(doc, 300, seed=902)
    heading(doc, "（二）集群创新能力持续增强", 2, "bold")
    prose(doc, 250, seed=903)
    heading(doc, "二、典型案例", 1, "bold")
    paragraph(doc, "案例一：集群数字化转型")
    prose(doc, 260, seed=904)
    paragraph(doc, "案例二：龙头企业带动产业链协同发展")
    prose(doc, 240, seed=905)
    heading(doc, "三、下一步工作计划", 1, "bold")
    heading(doc, "第一部分 发展目标", 2, "bold")
    prose(doc, 200, seed=906)
    _spaced(doc, "第二部分 保障措施", 120)
    prose(doc, 200, seed=907)
    paragraph(doc, FORMULA)
    paragraph(doc, QUOTATION)
    prose(doc, 120, seed=908)
    heading(doc, "四、参考资料", 1, "bold")
    for n, ref in enumerate(REFERENCES, 1):
        p = paragraph(doc, f"{n}.{ref}")
        for run in p.runs:
            run.font.size = Pt(12)
    return doc


def _list_numbering_docx() -> DocxDocument:
    doc = _gongwen()
    headings = new_list(doc, [("decimal", "%1"), ("decimal", "%1.%2")])
    items = new_list(doc, [("decimal", "%1.")])
    letters = new_list(doc, [("lowerLetter", "%1)")])

    def head(text: str, level: int) -> None:
        p = numbered_paragraph(doc, text, headings, level, bold=True)
        p.runs[0].font.size = Pt(18 if level == 1 else 16)

    head("集群基本情况", 1)
    head("集群规模与结构", 2)
    prose(doc, 200, seed=951)
    for k, text in enumerate(["和文本在一起的带下划线的空格", "单独的带下划线的空格", "单独的带删除线的空格",
                              "带删除线和下划线的空格"]):
        numbered_paragraph(doc, text, items)
        if k % 2:
            doc.add_paragraph("    ")  # a paragraph of spaces between items
    head("集群创新情况", 2)
    prose(doc, 200, seed=952)
    paragraph(doc, "集群创新平台包括：")
    for text in ["国家级企业技术中心", "省级工程研究中心", "省级制造业创新中心"]:
        numbered_paragraph(doc, text, letters)
    head("集群发展成效", 1)
    prose(doc, 250, seed=953)
    return doc
