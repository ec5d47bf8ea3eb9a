"""Word submissions exercising each way applicants mark headings, fill tables and tick boxes.

Content follows the seed notices: the 2024 summary-report outline (附件3 of seed 001), the 2023
work-summary outline (附件2 of seed 000), the Hubei assessment handbook's report and tables
(seed 003) and the Hunan competition form (seed 004).
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from samples.builder import heading, new_document, paragraph, prose, prose_text, table, tick, title
from samples.numbering import heading_list, link_style, new_list, numbered_heading, numbered_paragraph
from samples.wordml import (
    checkbox_control,
    form_checkbox,
    grid_before,
    nested_table,
    page_field,
    save,
    symbol,
)

CLUSTER = "武汉东湖新型显示器件省级创新型产业集群"


def styles_sample(out: Path) -> Path:
    """Heading 1 / Heading 2 styles with typed numbers; running header and footer; page breaks."""
    doc = new_document()
    title(doc, f"2024年度{CLUSTER}总结报告")
    p = doc.add_paragraph("武汉东湖高新区管委会")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    section = doc.sections[0]
    section.header.paragraphs[0].text = "2024年度创新型产业集群总结报告"
    page_field(section.footer.paragraphs[0], "1")
    outline = [("一、集群总体情况", 1, 420), ("二、集群发展情况", 1, 120), ("（一）集群产业结构发展情况", 2, 380),
               ("（二）集群创新能力建设情况", 2, 360), ("（三）集群创新服务建设体系", 2, 300), ("（四）集群发展环境", 2, 280),
               ("三、集群发展成效", 1, 520), ("四、存在问题与下一步工作考虑", 1, 400),
               ("五、集群企业典型发展案例", 1, 80), ("案例一：龙头企业带动产业链上下游融通发展", 2, 300),
               ("六、相关要求", 1, 60)]
    for seed, (text, level, words) in enumerate(outline):
        if text.startswith("三、"):
            doc.add_page_break()
        heading(doc, text, level, mode="style")
        prose(doc, words, seed=100 + seed)
    return save(doc, out / "docx_styles.docx")


def bold_numbers_sample(out: Path) -> Path:
    """Typed numbers on bold Normal paragraphs, the 2023 work-summary outline (11 sections)."""
    doc = new_document()
    paragraph(doc, "附件2")
    title(doc, "2023年度十堰商用车及部件创新型产业集群工作总结")
    sections = ["一、集群总体情况", "二、集群企业发展情况", "三、集群产业发展情况", "四、集群创新能力情况",
                "五、集群金融创新发展情况", "六、集群发展环境", "七、集群发展成效", "八、主要做法和经验",
                "九、存在问题与下一步工作考虑", "十、典型案例", "十一、相关附件"]
    for seed, text in enumerate(sections):
        heading(doc, text, 1, mode="bold")
        if text.startswith("二、"):
            for k, sub in enumerate(["（一）主导产业领军企业发展情况", "（二）产业链骨干企业发展情况"]):
                heading(doc, sub, 2, mode="bold")
                prose(doc, 450, seed=200 + k)
        elif text.startswith("八、"):
            paragraph(doc, "1．强化组织领导。成立了由管委会主要负责同志任组长的集群工作领导小组，统筹推进集群建设。")
            paragraph(doc, "2．完善政策体系。出台支持集群企业研发投入、人才引进和金融服务的专项政策。")
            paragraph(doc, "3．搭建服务平台。建设商用车检验检测、工业设计和技术转移公共服务平台。")
        elif text.startswith("十、"):
            heading(doc, "1.集群数字化转型", 2, mode="bold")
            prose(doc, 350, seed=210)
        elif text.startswith("十一、"):
            paragraph(doc, "附件1：十堰市支持商用车产业集群高质量发展的若干政策")
            paragraph(doc, "附件2：集群企业高新技术企业证书复印件")
        else:
            prose(doc, 260, seed=220 + seed)
    return save(doc, out / "docx_bold_numbers.docx")


def autonumber_sample(out: Path) -> Path:
    """Word automatic numbering: 一、 （一） 1. rendered from numbering.xml, a sentence list,
    a restarted （1） list, 甲、乙、 items and numbering inherited from a linked heading style."""
    doc = new_document()
    title(doc, f"2024年度{CLUSTER}总结报告")
    numbered_heading(doc, "集群总体情况", 1, style="Heading 1")
    prose(doc, 300, seed=300)
    numbered_heading(doc, "集群发展情况", 1, style="Heading 1")
    numbered_heading(doc, "集群产业结构发展情况", 2)
    prose(doc, 260, seed=301)
    numbered_heading(doc, "集群创新能力建设情况", 2)
    paragraph(doc, "集群创新能力建设主要开展了以下工作：")
    steps = new_list(doc, [("decimal", "%1.")])
    for text in ("加快建设新型显示技术创新中心，联合高校院所开展关键材料和装备攻关。",
                 "支持龙头企业牵头组建创新联合体，推动产业链上下游协同创新。",
                 "完善科技成果转化机制，促进高校科研成果在集群内就地转化。"):
        numbered_paragraph(doc, text, steps)
    numbered_heading(doc, "研发投入情况", 3)
    prose(doc, 200, seed=302)
    numbered_heading(doc, "创新平台体系", 3)
    prose(doc, 200, seed=303)
    link_style(doc, "Heading 2", heading_list(doc), 2)  # Word's "link level to style": no numPr on the paragraph
    doc.add_heading("集群创新服务建设体系", 2)
    prose(doc, 200, seed=309)
    numbered_heading(doc, "集群发展成效", 1, style="Heading 1")
    prose(doc, 300, seed=304)
    numbered_heading(doc, "存在问题与下一步工作考虑", 1, style="Heading 1")
    for k, text in enumerate(("存在的主要问题", "下一步工作考虑")):
        numbered_heading(doc, text, 2)
        items = new_list(doc, [("decimal", "（%1）")])  # a new list each time: both start at （1）
        numbered_paragraph(doc, "产业链关键环节配套能力不足，部分核心材料仍依赖外部供应。", items)
        numbered_paragraph(doc, "集群企业研发投入强度分化明显，中小企业创新能力有待提升。", items)
        prose(doc, 120, seed=305 + k)
    numbered_heading(doc, "集群企业典型发展案例", 1, style="Heading 1")
    cases = new_list(doc, [("ideographTraditional", "%1、")])
    numbered_paragraph(doc, "案例：龙头企业引领产业链高端化发展", cases, bold=True)
    prose(doc, 200, seed=307)
    numbered_paragraph(doc, "案例：关键核心技术突破带动国际竞争力提升", cases, bold=True)
    prose(doc, 200, seed=308)
    numbered_heading(doc, "相关佐证材料", 1, style="Heading 1")
    paragraph(doc, "省级以上创新服务机构、研发机构认定文件及专项政策文件见附件。")
    return save(doc, out / "docx_autonumber.docx")


def _style_with_outline(doc: DocxDocument, name: str, level: int | None, based_on: str | None = None) -> str:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[based_on] if based_on else doc.styles["Normal"]
    if level is not None:
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(level - 1))
        style.element.get_or_add_pPr().append(lvl)
    style.font.bold = True
    return name


def outline_wps_sample(out: Path) -> Path:
    """WPS habits: 标题 1 style names, outline levels on plain paragraphs and inherited through basedOn."""
    doc = new_document()
    title(doc, "2020年度全省重点成长型产业集群发展报告")
    h1 = _style_with_outline(doc, "标题 1", 1)
    h2 = _style_with_outline(doc, "标题 2", 2)
    derived = _style_with_outline(doc, "集群小标题", None, based_on=h2)  # level only via basedOn
    doc.add_paragraph("一、重点成长型产业集群发展报告", style=h1)
    heading(doc, "1、产业集群发展的基本情况及主要特点", 2, mode="outline")
    prose(doc, 600, seed=400)
    doc.add_paragraph("2、培育发展产业集群的主要做法及经验", style=derived)
    prose(doc, 600, seed=401)
    doc.add_paragraph("3、集群发展中存在的问题及下一步措施建议", style=h2)
    prose(doc, 500, seed=402)
    doc.add_paragraph("二、产业集群业绩考核", style=h1)
    paragraph(doc, "表1 ：重点成长型产业集群规模以上企业业绩数据报表")
    table(doc, [["类别项目", "2019年", "2020年", "占区域工业比重（%）", "备注"],
                ["企业总户数\n（家）", "86", "93", "41.2", ""], ["销售收入\n（万元）", "1865200", "2104300", "38.6", ""]])
    heading(doc, "集群发展大事记", 1, mode="outline")  # unnumbered, outline level only
    prose(doc, 200, seed=403)
    return save(doc, out / "docx_outline_wps.docx", application="WPS Office_11.1.0.11664_F1E327BC-269C-435d-A152")


def tables_merged_sample(out: Path) -> Path:
    """Merged headers (gridSpan, vMerge), a gridBefore row, a nested table, captions."""
    doc = new_document()
    heading(doc, "二、产业集群业绩考核", 1, mode="bold")
    paragraph(doc, "表1 ：重点成长型产业集群规模以上企业业绩数据报表")
    paragraph(doc, "集群名称 ：武汉东湖新型显示器件产业集群        填报单位：武汉东湖高新区管委会")
    table(doc, [["类别项目", "2019年", "2020年", "占区域工业比重（%）", "备注"],
                ["企业总户数\n（家）", "86", "93", "41.2", ""],
                ["销售收入\n（万元）", "1865200", "2104300", "38.6", ""],
                ["统计部门意见", "（盖章）\n2021年1月15日", "", "经信部门意见", "（盖章）\n2021年1月18日"]],
          merges=[(3, 1, 1, 2)])
    heading(doc, "2.2集群企业培育情况", 2, mode="bold")
    paragraph(doc, "营业收入排名前十企业发展情况")
    table(doc, [["企业名称", "主要产品", "营业收入（亿元）", "", "国内市场占有率（%）"],
                ["", "", "2021年", "2022年", ""],
                ["武汉华星光电技术有限公司", "中小尺寸显示面板", "312.5", "356.8", "12.4"],
                ["天马微电子（武汉）有限公司", "柔性AMOLED模组", "98.6", "121.3", "6.1"]],
          merges=[(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 1, 2), (0, 4, 2, 1)])
    paragraph(doc, "表3： 工作机构及规划制定实施情况（20分）")
    t = table(doc, [["工作考核指标", "评分细则", "得分", ""], ["", "", "自评", "专家"],
                    ["集群工作组织机构 (5分)", "●由地方政府发文成立集群工作协调组织机构，得5分；", "5", "4"],
                    ["合计", "", "5", "4"],
                    ["", "说明：自评得分由集群所在地填写", "", ""]],
              merges=[(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 1, 2)])
    grid_before(t, 4, 1)
    paragraph(doc, "集群服务平台建设情况")
    t2 = table(doc, [["名称", "级别、服务范围"], ["武汉新型显示产业技术研究院", ""]])
    cell = t2.cell(1, 1)
    cell.paragraphs[0].text = "省级"
    nested_table(cell.paragraphs[0], [["服务范围", "服务企业户数"], ["检验检测、工业设计", "126"]])
    paragraph(doc, "注：考核工作手册中数据指产业集群内规模以上企业，要求真实、准确。")
    return save(doc, out / "docx_tables_merged.docx")


def ticks_sample(out: Path) -> Path:
    """Tick boxes typed as glyphs, Wingdings symbols, checkbox controls and FORMCHECKBOX fields."""
    doc = new_document()
    title(doc, "2021年度省重点成长型产业集群申报表")
    paragraph(doc, f"产业集群名称：仙桃非织造布产业集群    产业集群类型：县域{tick(True)}  其他地区{tick(False)}")
    p = doc.add_paragraph("申请状态：")
    checkbox_control(p, True, "初次申请 ")
    checkbox_control(p, False, "再次申请")
    p = doc.add_paragraph("是否纳入地方发展规划：")
    form_checkbox(p, True, "是  ")
    form_checkbox(p, False, "否")
    p = doc.add_paragraph("申报类别：")
    symbol(p, "Wingdings 2", "F052", "先进制造业集群  ")
    symbol(p, "Wingdings 2", "F0A3", "中小企业特色产业集群")
    paragraph(doc, "■ 重点支持集群企业开展关键核心技术攻关。")
    paragraph(doc, "表10：产业集群质量、安全、环保情况（一票否决）")
    table(doc, [["质量、安全、环保情况",
                 "集群两年内（截止申请日期）是否发生重大质量、安全及环保事故。\n是□             否√"]])
    paragraph(doc, "集群促进组织情况")
    table(doc, [["指标", "国家级", "省级"], ["单项冠军企业", "√", ""], ["专精特新“小巨人”企业", "", "✔"]])
    paragraph(doc, "说明：除“预计2021年”以外，其它填报数据为2020年度数据。")
    return save(doc, out / "docx_ticks.docx")


def list_items_sample(out: Path) -> Path:
    """Numbered lists inside sections (sentences, and runs of short items) next to real 1. headings."""
    doc = new_document()
    heading(doc, "一、集群基本情况", 1, mode="bold")
    heading(doc, "1.集群现状及主要形成过程", 2, mode="bold")
    prose(doc, 300, seed=500)
    paragraph(doc, "1. 加快推进集群公共服务平台建设，完善检验检测和技术转移服务。")
    paragraph(doc, "2. 持续推进产业链上下游协同，提升本地配套率。")
    paragraph(doc, "3. 强化人才引进培育，落实高层次人才住房和子女入学保障。")
    prose(doc, 150, seed=501)
    heading(doc, "2.集群主导产业发展情况", 2, mode="bold")
    prose(doc, 300, seed=502)
    heading(doc, "二、典型案例", 1, mode="bold")
    paragraph(doc, "参考选择以下方向:")
    for text in ("1.集群主导产业四链融合模式", "2.产业链上下游大中小企业融通发展", "3.关键技术突破引领产业创新",
                 "4.集群数字化转型", "5.集群绿色化发展"):
        paragraph(doc, text)
    prose(doc, 300, seed=503)
    heading(doc, "三、考核工作手册填写要求及注意事项", 1, mode="bold")
    heading(doc, "（一）填写要求", 2, mode="bold")
    for text in ("1、考核工作手册统一胶装（A4纸一式两份）。", "2、考核工作手册中数据指产业集群内规模以上企业，要求真实、准确。",
                 "3、考核工作手册中每栏均须按要求填写，空白不得分。"):
        paragraph(doc, text)
    heading(doc, "（二）注意事项", 2, mode="bold")
    items = new_list(doc, [("decimal", "%1、")])
    numbered_paragraph(doc, "考核工作手册中表格可另延伸，要做到美观，便于专家评审。", items)
    numbered_paragraph(doc, "对于非农产品加工类集群无“绿色食品”认证者不扣分。", items)
    return save(doc, out / "docx_list_items.docx")


def frame_table_sample(out: Path) -> Path:
    """A self-assessment report written inside a 1x1 box, with a real table nested in the box."""
    doc = new_document()
    heading(doc, "二、集群发展总体情况", 1, mode="bold")
    paragraph(doc, "2.8  集群发展总体情况自评报告")
    frame = doc.add_table(rows=1, cols=1)
    frame.style = "Table Grid"
    cell = frame.cell(0, 0)
    cell.paragraphs[0].add_run("（一）产业基础").bold = True
    for k, sub in enumerate(("（二）创新能力", "（三）要素集聚")):
        for para in prose_text(350, seed=600 + k):
            cell.add_paragraph(para)
        cell.add_paragraph().add_run(sub).bold = True
    anchor = cell.add_paragraph("集群主要经济指标如下：")
    nested_table(anchor, [["指标名称", "2021年", "2022年"], ["集群总产值（亿元）", "1280", "1465"]])
    cell.add_paragraph("（2500字以内）")
    heading(doc, "三、集群核心承载园区情况", 1, mode="bold")
    prose(doc, 200, seed=610)
    note = doc.add_table(rows=1, cols=1)
    note.cell(0, 0).text = "集群所在地县以上人民政府意见：同意推荐。（盖章）"
    paragraph(doc, "2023年6月30日")
    return save(doc, out / "docx_frame_table.docx")


def generate(out: Path) -> list[Path]:
    return [styles_sample(out), bold_numbers_sample(out), autonumber_sample(out), outline_wps_sample(out),
            tables_merged_sample(out), ticks_sample(out), list_items_sample(out), frame_table_sample(out)]
