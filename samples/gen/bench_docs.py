"""The benchmark pair: a ~45-page, ~30,000 字 work summary as .docx and as the PDF LibreOffice makes.

The outline is the 2023 work-summary outline of seed 000 (附件2: 十一 sections, subsections, the
indicator, enterprise and platform tables an applicant adds), at the length of the longest real
submissions, so bench/bench_extract.py times extraction on a file of the size that matters.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Mm, Pt

from samples.builder import heading, new_document, paragraph, prose, save, table, title
from samples.soffice import to_pdf

CLUSTER = "十堰商用车及部件创新型产业集群"
DOCX = "bench_45pages.docx"
PDF = "bench_45pages.pdf"

# (section heading, subsections, 字数 of prose per subsection or of the section when it has none)
OUTLINE: list[tuple[str, list[str], int]] = [
    ("一、集群总体情况", ["（一）集群发展总体情况", "（二）各项指标完成情况"], 1150),
    ("二、集群企业发展情况", ["（一）主导产业领军企业发展情况", "（二）产业链骨干企业发展情况",
                      "（三）科技型中小企业培育情况"], 1300),
    ("三、集群产业发展情况", ["（一）主导产业发展情况", "（二）关联产业发展情况", "（三）上中下游产业联动情况",
                      "（四）科技创新与产业创新对接情况"], 900),
    ("四、集群创新能力情况", ["（一）创新投入情况", "（二）创新成果产出情况", "（三）创新体系建设情况",
                      "（四）关键技术攻克情况"], 800),
    ("五、集群金融创新发展情况", ["（一）金融平台建设情况", "（二）产业链金融产品支撑情况"], 900),
    ("六、集群发展环境", ["（一）政策支持情况", "（二）组织保障情况", "（三）科技服务体系建设情况"], 900),
    ("七、集群发展成效", ["（一）科技创新支撑集群发展", "（二）主导产业带动引领", "（三）经济效益和社会效益"], 1000),
    ("八、主要做法和经验", ["（一）强化链长统筹", "（二）突出企业主体", "（三）深化开放合作"], 750),
    ("九、存在问题与下一步工作考虑", ["（一）存在的主要问题", "（二）下一步工作思路", "（三）重点任务和主要举措"], 750),
    ("十、典型案例", ["1.集群主导产业四链融合模式", "2.关键技术突破引领产业创新"], 900),
]
ATTACHMENTS = ["1.十堰市支持商用车产业集群高质量发展若干政策措施", "2.集群促进机构组建文件",
               "3.2023年度集群统计报表", "4.省级以上创新平台认定文件", "5.典型案例佐证材料"]


def generate(out: Path) -> list[Path]:
    docx = save(build(), out / DOCX)
    pdf = out / PDF
    with tempfile.TemporaryDirectory(prefix="bench_docs_") as tmp:
        pdf.write_bytes(to_pdf(docx, Path(tmp)))
    return [docx, pdf]


def build() -> DocxDocument:
    rng = random.Random(45)
    doc = new_document()
    _gongwen_page(doc)
    title(doc, f"{CLUSTER}2023年度工作总结")
    paragraph(doc, "十堰经开区管委会（盖章）    2024年3月")
    seed = 100
    for n, (head, subs, words) in enumerate(OUTLINE):
        heading(doc, head, level=1)
        for k, sub in enumerate(subs):
            heading(doc, sub, level=2)
            seed += 1
            prose(doc, words, seed=seed)
            if k == 0:
                _section_table(doc, n, rng)
    heading(doc, "十一、相关附件", level=1)
    for item in ATTACHMENTS:
        paragraph(doc, item)
    return doc


def _gongwen_page(doc: DocxDocument) -> None:
    """A4 with the 公文 margins, 四号 body on a fixed 23-point line: about 27 lines of 31 字 a page."""
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    fmt = normal.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(23)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(28)


def _section_table(doc: DocxDocument, section: int, rng: random.Random) -> None:
    if section == 0:
        paragraph(doc, "表1  2023年度集群主要指标完成情况")
        rows = [["指标", "单位", "2022年", "2023年", "增幅（%）"]]
        for name, unit in [("集群企业总数", "家"), ("营业收入", "亿元"), ("工业总产值", "亿元"),
                           ("研发投入", "亿元"), ("高新技术企业", "家"), ("有效发明专利", "件"),
                           ("从业人员", "人"), ("出口总额", "亿元")]:
            a = rng.randint(80, 900)
            b = round(a * rng.uniform(1.02, 1.25))
            rows.append([name, unit, str(a), str(b), f"{(b - a) / a * 100:.1f}"])
        table(doc, rows)
    elif section == 1:
        paragraph(doc, "表2  集群领军企业和骨干企业名单")
        rows = [["序号", "企业名称", "所属环节", "营业收入（亿元）", "研发投入（亿元）"]]
        for i in range(1, 13):
            rows.append([str(i), f"十堰{rng.choice(['东风', '华宇', '正和', '恒通', '佳恒', '万向'])}"
                         f"{rng.choice(['汽车零部件', '车桥', '精密铸造', '电气', '智能装备'])}有限公司",
                         rng.choice(["整车", "关键部件", "配套服务"]), f"{rng.uniform(3, 120):.1f}",
                         f"{rng.uniform(0.1, 6):.2f}"])
        table(doc, rows)
    elif section == 3:
        paragraph(doc, "表3  集群创新平台建设情况")
        rows = [["平台类别", "级别", "数量（个）", "2023年新增"],
                ["研发机构", "国家级", "3", "1"], ["", "省级", "17", "4"],
                ["服务机构", "国家级", "2", "0"], ["", "省级", "11", "3"], ["合计", "", "33", "8"]]
        table(doc, rows, merges=[(1, 0, 2, 1), (3, 0, 2, 1), (5, 0, 1, 2)])
