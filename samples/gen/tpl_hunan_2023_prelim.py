"""湖南省产业集群竞赛参赛报告（初赛） (seed 004 附件1), filled in the way applicants fill the form.

The official form is a run of tables under the headings 一…七: the 2.x/3.x/4.x/5.x items are title
rows of those tables, indicator tables carry 2021年/2022年/增幅（%）, and the self-assessment reports
are typed into the cell below their label, replacing the guidance text. The 5.2 implementation
plan follows the 五 table as its own headed text (第一部分…第五部分).

One complete and correct report (株洲先进电力电子器件及应用产业集群, on the hunan-2023 roster) and
one file per planted defect, each a `Fill` that differs from the correct one in a single place.
The form builders here are shared with the final-round form (tpl_hunan_2023_final).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Cm
from docx.table import Table as DocxTable

from samples.builder import heading, new_document, paragraph, prose_text, save_variants, table, title
from samples.pictures import certificate_png

PACK = "hunan-2023-prelim"
CLUSTER = "株洲先进电力电子器件及应用产业集群"
DATE = "2023年5月18日"
HEADING_MODE = "bold"  # the official form's headings are bold body text, not Word heading styles

# ---- the template's own guidance (kept in the defect that leaves it in) ----------------------------

CATEGORY_GUIDANCE = "（先进制造业集群或中小企业特色产业集群）"
LEAD_GUIDANCE = "（集群所在地县以上人民政府）"
SELF_REPORT_GUIDANCE = [
    "从产业基础、规模工业培育、创新能力、要素集聚、绿色发展、数字化、集群公共服务、开放合作、组织保障等方面"
    "简要介绍集群总体情况。",
    "产业基础主要包括集群主导产业规模实力、产品市场竞争力、品牌建设等情况；创新能力主要包括研发投入强度、发明专利、"
    "行业标准建设、从业人员（高技术人才及专家团队）情况；",
    "要素集聚包括产业链上下游协作、人才、金融等集群发展的各类要素集聚情况；",
    "绿色发展主要包括绿色产品、绿色工厂、绿色园区、绿色供应链等情况；",
    "集群公共服务主要包括集群促进组织建设及运行情况，各类中介机构建设情况；",
    "开放合作主要包括集群国际化合作、区域合作、品牌打造、吸引外资、进出口额等情况；",
    "组织保障主要包括集群领导及工作推进机制，相关规划、政策的制定落实等情况。",
    "2500字以内。",
]
PLAN_GUIDANCE = [
    "《实施方案》由集群所在地地方政府牵头，根据产业集群发展实际进行编制，具有科学性、前瞻性和可操作性，提出目标、"
    "任务和政策措施可衡量、可考核，提出的重点项目要聚焦“锻长板”和“补短板”，对集群发展具有较强促进作用，"
    "采用的数据真实可靠。本提纲仅作为参考，编制主体可根据实际情况做相应调整。",
    "参考提纲如下。",
]
DECLARATION_TEXT = [
    "本单位承诺此次参加省级产业集群竞赛所填报的信息真实、合法。承诺：",
    "1、集群主导产业不属于国家规定的禁止、限制和淘汰类产业；",
    "2、近三年未发生重大安全生产、产品质量安全、环境污染事故；",
    "3、集群企业不存在偷税漏税、违法违规、严重失信和其他重大问题的行为。",
    "如有不实之处，本单位愿意负相应法律责任，并承担由此产生的一切后果。",
]

# ---- indicator data: (label as the form writes it, 2021, 2022) ---------------------------------------

Row = tuple[str, float | None, float | None]

ROWS_2_1: list[Row] = [
    ("集群总产值（亿元）", 1286.4, 1452.7),
    ("集群内中小企业产值占集群总产值的比重（%，仅中小企业特色产业集群填报）", None, None),
    ("集群主导产业产值（亿元）", 986.2, 1120.5),
    ("集群主导产业产值占全省该产业的比重（%）", 38.6, 40.2),
    ("主导产品国内市场占有率（%）", 26.5, 28.1),
    ("集群企业营业收入（亿元）", 1235.8, 1398.6),
    ("集群规上工业企业营业收入（亿元）", 1102.4, 1257.9),
    ("利润总额（亿元）", 86.3, 97.5),
    ("税金总额（亿元）", 42.1, 46.8),
    ("进口额（亿元）", 18.6, 20.3),
    ("出口额（亿元）", 65.2, 78.9),
    ("利用外资规模（亿元）", 3.2, 3.6),
    ("集群项目投资总额（亿元）", 156.8, 182.4),
    ("集群从业人员数量（人）", 68520, 74860),
]


def rows_2_2(final: bool) -> list[Row]:
    listed = "上市和挂牌企业数量（个，需提供佐证材料）" if final else \
        "上市和挂牌企业数量（个，需提供佐证材料，并标注所在页码，下同）"
    return [
        ("企业数量（个）", 426, 468),
        ("规上工业企业数量（个）", 138, 152),
        ("高新技术企业数量（个）", 186, 214),
        (listed, 9, 11),
        ("国家级单项冠军数量（个，需提供佐证材料）", 3, 4),
        ("省级单项冠军数量（个，需提供佐证材料）", 8, 11),
        ("国家级专精特新“小巨人”企业数量（个，需提供佐证材料）", 12, 17),
        ("省级专精特新企业数量（个，需提供佐证材料）", 46, 63),
        ("获得两化融合管理体系贯标证书企业数量（个，需提供佐证材料）", 21, 28),
        ("企业上云比例（%）", 62.5, 71.8),
        ("集群企业工业互联网平台普及率（%）", 35.2, 42.6),
    ]


def rows_2_4(final: bool) -> list[Row]:
    per_10k = "集群从业人员每万人发明专利拥有量（个，需提供佐证材料）" if final else "集群从业人员每万人发明专利拥有量（个）"
    return [
        ("集群研发经费（亿元）", 42.6, 51.3),
        ("集群主导产业规上企业R&D经费支出占集群主导产业营业收入比重（%）", 4.3, 4.6),
        ("集群研发经费增速（%）", 15.2, 20.4),
        ("集群研发人员占集群从业人员的比例（%）", 16.8, 17.5),
        ("发明专利数量（个）", 1862, 2245),
        ("参与制定国际、国家、行业、团体标准（个，需提供佐证材料）", 58, 73),
        (per_10k, 271.7, 299.9),
        ("获得国家科技进步奖数量（个，需提供佐证材料）", 1, 2),
        ("获得省级科技进步奖数量（个，需提供佐证材料）", 6, 9),
        ("国家级技术创新载体数量（个，需提供佐证材料）", 5, 6),
        ("省级技术创新载体数量（个，需提供佐证材料）", 38, 45),
        ("国家级工业设计中心数量（个，需提供佐证材料）", 1, 2),
        ("省级工业设计中心数量（个，需提供佐证材料）", 7, 9),
    ]


ROWS_2_5: list[Row] = [
    ("省级及以上绿色工厂、绿色产品、绿色园区、绿色供应链数量（个，需提供佐证材料）", 14, 19),
    ("集群单位产值二氧化碳排放量（吨/万元）", 0.42, 0.38),
    ("大宗工业固废综合利用率（%）", 91.5, 93.2),
    ("工业用水重复利用率（%）", 88.6, 90.1),
]
ROWS_2_6: list[Row] = [
    ("获得质量、环境、职业健康安全三体系贯标认证企业数量（个，需提供佐证材料）", 162, 188),
    ("落实产品合格证管理制度，产品合格证覆盖率（%）", 100, 100),
]
ROWS_2_7: list[Row] = [("省级及以上公共服务平台数量（个，需提供佐证材料）", 12, 15)]

# 3.1: (label, 2021 园区总额, 2021 其中：集群产业, 2022 园区总额, 2022 其中：集群产业)
PARK_ROWS: list[tuple[str, float, float, float, float]] = [
    ("园区生产总值（亿元）", 1012.5, 486.3, 1106.8, 542.7),
    ("园区规上工业企业数（个）", 612, 118, 668, 131),
    ("园区规上工业企业营业收入（亿元）", 2350.6, 905.4, 2612.3, 1038.2),
    ("上交税金总额（亿元）", 98.4, 35.6, 106.2, 39.8),
    ("进口总额（亿元）", 42.3, 14.2, 45.1, 15.6),
    ("出口总额（亿元）", 128.6, 52.4, 152.3, 63.7),
    ("固定资产投资（亿元）", 286.5, 98.2, 312.8, 118.6),
    ("园区招商引资总额（亿元）", 356.2, 120.5, 402.8, 146.3),
    ("园区实际使用外资（亿元）", 6.8, 2.1, 7.5, 2.6),
]
PARK_LAND: list[Row] = [
    ("园区开发面积（亩）", 52600, 54800),
    ("投资强度（万元/亩）", 486.5, 512.3),
    ("亩均税收（万元/亩）", 18.7, 19.4),
]
TARGETS: list[tuple[str, float, float, float, float]] = [
    ("集群总产值（亿元）", 1452.7, 1620, 1810, 2000),
    ("集群主导产业营业收入（亿元）", 1085.6, 1215, 1360, 1520),
    ("集群主导产业规模工业企业数（个）", 118, 130, 145, 160),
    ("集群主导产业利润（亿元）", 78.3, 88, 99, 112),
    ("集群主导产业上交税金（亿元）", 37.5, 41.5, 46, 51),
]

TOP_FIRMS = [
    ("株洲芯源电力电子股份有限公司", "IGBT模块、SiC器件", 186.4, 212.8, 21.5),
    ("湖南恒晟变流技术有限公司", "轨道交通牵引变流器", 142.3, 158.6, 18.2),
    ("株洲华能电驱动系统有限公司", "新能源汽车电驱系统", 96.8, 131.2, 6.4),
    ("湖南中科功率半导体有限公司", "功率半导体芯片", 72.5, 88.9, 4.8),
    ("株洲联诚电气集团有限公司", "变压器、电抗器", 58.6, 63.4, 5.6),
    ("湖南明阳储能科技有限公司", "储能变流器", 41.2, 66.7, 3.9),
    ("株洲精工磁电科技有限公司", "功率电感、磁性元件", 35.8, 39.6, 7.1),
    ("湖南睿控电子科技有限公司", "电力电子控制器", 28.4, 33.5, 2.7),
    ("株洲光辉电容器有限公司", "薄膜电容器", 24.9, 28.2, 6.3),
    ("湖南铭瑞散热技术有限公司", "功率器件散热器", 18.6, 21.9, 4.2),
]
PROJECTS = [
    ("株洲芯源电力电子股份有限公司", "8英寸IGBT芯片二期扩产项目", 268000, "2022—2024年"),
    ("株洲芯源电力电子股份有限公司", "SiC功率模块封装测试线", 95000, "2022—2023年"),
    ("湖南恒晟变流技术有限公司", "轨道交通变流装备智能制造基地", 126000, "2021—2023年"),
    ("株洲华能电驱动系统有限公司", "年产60万台新能源汽车电驱系统项目", 158000, "2022—2024年"),
    ("湖南中科功率半导体有限公司", "功率半导体芯片研发中心", 42000, "2022—2023年"),
    ("湖南明阳储能科技有限公司", "储能变流器及系统集成产业化项目", 67000, "2022—2023年"),
    ("株洲联诚电气集团有限公司", "智能电网装备技术改造项目", 23500, "2022—2023年"),
    ("株洲高新区管委会", "电力电子检验检测公共服务平台", 18600, "2022—2023年"),
    ("株洲精工磁电科技有限公司", "高频磁性元件数字化车间", 15800, "2022—2023年"),
    ("株洲市电力电子产业促进会", "电力电子产业创新服务综合体", 9800, "2022—2023年"),
]
CARRIERS = [
    ("新型功率半导体器件国家重点实验室", "国家级", "2010年12月", "科学技术部"),
    ("国家能源大功率电力电子器件研发中心", "国家级", "2011年1月", "国家能源局"),
    ("株洲芯源国家企业技术中心", "国家级", "2014年11月", "国家发展改革委等"),
    ("湖南省功率半导体制造业创新中心", "省级", "2019年8月", "湖南省工业和信息化厅"),
    ("湖南省轨道交通变流技术工程研究中心", "省级", "2018年6月", "湖南省发展和改革委员会"),
    ("湖南省电力电子工业设计中心", "省级", "2020年11月", "湖南省工业和信息化厅"),
]
RD_FIRMS = [(name, round(r21 * 320), round(r22 * 325), "") for name, _, r21, r22, _ in TOP_FIRMS]
GREEN = [
    ("株洲芯源电力电子股份有限公司", "国家级绿色工厂", "工业和信息化部", "2021年11月"),
    ("湖南恒晟变流技术有限公司", "省级绿色工厂", "湖南省工业和信息化厅", "2022年9月"),
    ("株洲高新区电力电子产业园", "省级绿色园区", "湖南省工业和信息化厅", "2022年9月"),
]
QUALITY_SITES = [
    ("株洲芯源电力电子股份有限公司", "省级产品质量安全示范工厂", "湖南省市场监督管理局", "2022年6月"),
    ("株洲高新区电力电子产业园", "省级质量示范园区", "湖南省市场监督管理局", "2021年12月"),
]
QUALITY_AWARDS = [
    ("株洲芯源电力电子股份有限公司", "湖南省省长质量奖", "湖南省人民政府", "2021年10月"),
    ("湖南恒晟变流技术有限公司", "株洲市市长质量奖", "株洲市人民政府", "2022年9月"),
]
PLATFORMS = [
    ("湖南省电力电子器件检验检测公共服务平台", "省级", "湖南省工业和信息化厅", "2020年9月"),
    ("株洲电力电子产业技术创新服务平台", "省级", "湖南省科学技术厅", "2021年6月"),
    ("国家中小企业公共服务示范平台（株洲）", "国家级", "工业和信息化部", "2022年1月"),
]
PLAN_PARTS = ["培育背景", "基础条件", "发展思路和目标", "培育发展路径", "保障措施"]


@dataclass(frozen=True)
class Fill:
    """What the applicant wrote. The correct report is Fill(); each defect replaces one field."""

    name: str = CLUSTER
    category: str = "先进制造业集群"
    self_report_words: int = 2000  # 2.8, limit 2500
    park_report_words: int = 1900  # 3.2, limit 2500
    org_report_words: int = 850  # 4.2, limit 1000
    guidance_left: bool = False
    growth_typed: dict[str, str] = field(default_factory=dict)  # row label -> 增幅 as (mis)typed
    values: dict[str, tuple[float, float]] = field(default_factory=dict)  # row label -> (2021, 2022)
    evidence_dropped: tuple[str, ...] = ()  # evidence rows left out of 七、佐证材料
    promoter_signed: bool = True
    plan_parts: tuple[str, ...] = tuple(PLAN_PARTS)
    park_contact: str = "赵敏  产业发展局局长"
    evidence_scans: int = 0  # 4.3 filled with this many scanned certificates instead of a typed list


DEFECTS: dict[str, Fill] = {
    "long-self-report": Fill(self_report_words=2700),
    "long-org-report": Fill(org_report_words=1150),
    "growth-wrong": Fill(growth_typed={"利润总额（亿元）": "21.30"}),
    "growth-blank": Fill(growth_typed={"税金总额（亿元）": ""}),
    "part-exceeds-whole": Fill(values={"规上工业企业数量（个）": (438, 482)}),
    "evidence-missing": Fill(evidence_dropped=("国家级单项冠军数量",)),
    "no-category": Fill(category=""),
    "category-guidance": Fill(category=CATEGORY_GUIDANCE),
    "unsigned": Fill(promoter_signed=False),
    "instructions-left": Fill(guidance_left=True),
    "name-differs": Fill(name="株洲市先进电力电子器件及应用省级产业集群"),
    "not-on-roster": Fill(name="株洲轨道交通装备产业集群"),
    "contact-blank": Fill(park_contact=""),
    "plan-part-missing": Fill(plan_parts=("培育背景", "基础条件", "发展思路和目标", "保障措施")),
}
# Filled another way applicants do, and as correct as the complete report: they must pass clean too.
CLEAN: dict[str, Fill] = {
    "scanned-evidence-cell": Fill(evidence_scans=3),  # 4.3 holds only pasted scans, no text at all
}


# ---- numbers as applicants write them ------------------------------------------------------------------

def num(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def growth(old: float, new: float) -> str:
    return f"{(new - old) / old * 100:.2f}"


def plain_label(label: str) -> str:
    """"国家级单项冠军数量（个，需提供佐证材料）" -> "国家级单项冠军数量"."""
    return label.split("（")[0]


# ---- table helpers -----------------------------------------------------------------------------------

def put(t: DocxTable, r: int, c: int, paras: Sequence[str]) -> None:
    """Several paragraphs in one cell, as a report typed into the form's box."""
    cell = t.cell(r, c)
    cell.text = paras[0] if paras else ""
    for p in paras[1:]:
        cell.add_paragraph(p)


def gap(doc: DocxDocument) -> None:
    """The empty paragraph Word keeps between two tables (without it they would fuse into one)."""
    doc.add_paragraph()


def indicator_table(doc: DocxDocument, caption: str, rows: list[Row], fill: Fill, with_growth: bool) -> None:
    head = ["近2年情况\n指标名称", "2021年", "2022年"] + (["增幅（%）"] if with_growth else [])
    n = len(head)
    grid = [[caption] + [""] * (n - 1), head]
    for label, v21, v22 in rows:
        v21, v22 = fill.values.get(label, (v21, v22))
        cells = [label, num(v21), num(v22)]
        if with_growth:
            typed = fill.growth_typed.get(label)
            cells.append(typed if typed is not None else (growth(v21, v22) if v21 and v22 is not None else ""))
        grid.append(cells)
    table(doc, grid, [(0, 0, 1, n)])
    gap(doc)


def list_table(doc: DocxDocument, caption: Sequence[str], head: list[str], rows: Sequence[Sequence[object]]) -> None:
    n = len(head)
    grid = [[""] * n, head, *[[num(x) if isinstance(x, (int, float)) else str(x) for x in r] for r in rows]]
    t = table(doc, grid, [(0, 0, 1, n)])
    put(t, 0, 0, caption)
    gap(doc)


def text_box(doc: DocxDocument, label: str, paras: Sequence[str]) -> None:
    """A form item whose answer is typed into the cell below its label (2.8, 3.2)."""
    t = table(doc, [[label], [""]])
    put(t, 1, 0, paras)
    gap(doc)


def report_paras(words: int, seed: int, guidance: Sequence[str], fill: Fill) -> list[str]:
    return [*(guidance if fill.guidance_left else []), *prose_text(words, seed)]


# ---- the sections shared by both rounds ---------------------------------------------------------------

def basic_info(doc: DocxDocument, fill: Fill) -> None:
    heading(doc, "一、集群基本信息", level=1, mode=HEADING_MODE)
    grid = [
        ["集群名称", fill.name, "", "", ""],
        ["产业领域", "新一代信息技术（功率半导体及电力电子装备）", "", "", ""],
        ["申报类别", fill.category, "", "", ""],
        ["集群主导产业", "IGBT、SiC功率器件及轨道交通、新能源、电网用电力电子装备", "", "", ""],
        ["集群地域范围", "株洲市天元区、石峰区、荷塘区、芦淞区、渌口区及醴陵市", "", "", ""],
        ["集群促进组织", "单位名称", "株洲市电力电子产业促进会", "", ""],
        ["", "负责人姓名、职务", "刘振华  会长", "电话", "0731-22881306"],
        ["", "联系人姓名、职务", "陈思远  秘书长", "电话", "13873312658"],
        ["集群核心\n承载园区", "单位名称", "株洲高新技术产业开发区管理委员会", "", ""],
        ["", "负责人姓名、职务", "王立新  管委会主任", "电话", "0731-28828001"],
        ["", "联系人姓名、职务", fill.park_contact, "电话", "0731-28828136"],
        ["", "", "", "", ""],
    ]
    merges = [(r, 1, 1, 4) for r in range(5)] + [
        (5, 0, 3, 1), (5, 2, 1, 3), (8, 0, 3, 1), (8, 2, 1, 3), (11, 0, 1, 5)]
    t = table(doc, grid, merges)
    put(t, 11, 0, ["集群所在地县以上人民政府意见：", "情况属实，同意推荐参加湖南省产业集群竞赛。",
                   "株洲市人民政府（盖章）", DATE])


def overall(doc: DocxDocument, fill: Fill, final: bool, self_guidance: Sequence[str]) -> None:
    heading(doc, "二、集群发展总体情况", level=1, mode=HEADING_MODE)
    indicator_table(doc, "2.1集群主要经济指标", ROWS_2_1, fill, True)
    indicator_table(doc, "2.2集群企业培育情况", rows_2_2(final), fill, True)
    n = len(TOP_FIRMS)
    grid = [["营业收入排名前十企业发展情况", "", "", "", ""],
            ["企业名称", "主要产品", "营业收入（亿元）", "", "国内市场占有率（%）"],
            ["", "", "2021年", "2022年", ""],
            *[[a, b, num(c), num(d), num(e)] for a, b, c, d, e in TOP_FIRMS]]
    table(doc, grid, [(0, 0, 1, 5), (1, 0, 2, 1), (1, 1, 2, 1), (1, 2, 1, 2), (1, 4, 2, 1)])
    gap(doc)
    assert n == 10
    list_table(doc, ["2.3   集群重点项目建设情况", "含研发、技术改造、公共服务平台等在建及新建项目等（10个左右）。"],
               ["建设单位名称", "项目名称", "总投资\n（万元）", "建设期"], PROJECTS)
    indicator_table(doc, "2.4集群创新情况", rows_2_4(final), fill, True)
    list_table(doc, ["集群技术创新载体（国家级、省级）",
                     "省级以上技术创新载体主要包括省级以上制造业创新中心、技术创新中心、产业创新中心、重点实验室、"
                     "工程研究中心、工业设计中心、企业技术中心等。"],
               ["技术创新载体名称", "级别", "批准时间", "批准单位"], CARRIERS)
    grid = [["集群研发投入前十位企业", "", "", ""], ["企业名称\n近2年情况", "研发投入（万元）", "", "备注"],
            ["", "2021年", "2022年", ""], *[[a, num(b), num(c), d] for a, b, c, d in RD_FIRMS]]
    table(doc, grid, [(0, 0, 1, 4), (1, 0, 2, 1), (1, 1, 1, 2), (1, 3, 2, 1)])
    gap(doc)
    indicator_table(doc, "2.5  集群绿色发展情况", ROWS_2_5, fill, False)
    list_table(doc, ["省级及以上绿色工厂、绿色产品、绿色园区、绿色供应链（国家级、省级）"],
               ["名称", "级别", "批准单位", "批准时间"], GREEN)
    indicator_table(doc, "2.6 集群产品质量发展情况", ROWS_2_6, fill, False)
    list_table(doc, [" 省级及以上产品质量安全示范工厂、示范园区、示范集群（国家级、省级）"],
               ["名称", "级别", "批准单位", "批准时间"], QUALITY_SITES)
    list_table(doc, ["省级及以上质量奖（国家级、省级）"], ["企业", "级别", "批准单位", "批准时间"], QUALITY_AWARDS)
    indicator_table(doc, "2.7集群公共服务情况", ROWS_2_7, fill, False)
    list_table(doc, ["省级及以上公共服务平台（国家级、省级）",
                     "省级以上公共服务平台主要包括为集群提供研发设计、试验分析、检验检测、质量认证、创业孵化、管理咨询、"
                     "人力资源及政策法律服务等共性需求的公共服务机构。"],
               ["名称", "级别", "批准单位", "批准时间"], PLATFORMS)
    text_box(doc, "2.8  集群发展总体情况自评报告",
             report_paras(fill.self_report_words, 2801, self_guidance, fill))


def park(doc: DocxDocument, fill: Fill, park_guidance: str) -> None:
    heading(doc, "三、集群核心承载园区情况", level=1, mode=HEADING_MODE)
    grid = [["3.1园区主要经济指标", "", "", "", "", ""],
            ["园区名称", "株洲高新技术产业开发区", "", "", "", ""],
            ["园区主导产业", "轨道交通装备、电力电子、新能源汽车及关键零部件", "", "", "", ""],
            ["               近2年情况\n指标名称", "2021年", "", "2022年", "", "总额增幅\n（%）"],
            ["", "园区总额", "其中：\n集群产业", "园区总额", "其中：\n集群产业", ""]]
    for label, a, b, c, d in PARK_ROWS:
        grid.append([label, num(a), num(b), num(c), num(d), growth(a, c)])
    first_land = len(grid)
    for label, a, c in PARK_LAND:
        grid.append([label, num(a), "", num(c), "", ""])
    merges = [(0, 0, 1, 6), (1, 1, 1, 5), (2, 1, 1, 5), (3, 0, 2, 1), (3, 1, 1, 2), (3, 3, 1, 2), (3, 5, 2, 1)]
    merges += [(r, 1, 1, 2) for r in range(first_land, len(grid))]
    merges += [(r, 3, 1, 3) for r in range(first_land, len(grid))]
    table(doc, grid, merges)
    gap(doc)
    guidance = [park_guidance] if fill.guidance_left else []
    text_box(doc, "3.2  集群核心承载园区推进集群发展自评报告", [*guidance, *prose_text(fill.park_report_words, 3201)])


def declaration(doc: DocxDocument, fill: Fill, number: str) -> None:
    heading(doc, f"{number}、真实性声明", level=1, mode=HEADING_MODE)
    promoter = ["集群促进组织负责人签字：刘振华", "（单位盖章）", DATE] if fill.promoter_signed else \
        ["集群促进组织负责人签字：", "（单位盖章）", "               年    月    日"]
    t = table(doc, [["6.1  集群符合参赛条件的真实性声明", ""], ["", ""], ["", ""]], [(0, 0, 1, 2), (1, 0, 1, 2)])
    put(t, 1, 0, DECLARATION_TEXT)
    put(t, 2, 0, promoter)
    put(t, 2, 1, ["集群核心承载园区负责人签字：王立新", "（单位盖章）", DATE])


EVIDENCE_PAGES: list[tuple[str, str, str]] = [
    ("上市和挂牌企业数量", "上市公告、新三板挂牌函", "3—8"),
    ("国家级单项冠军数量", "工业和信息化部制造业单项冠军认定公告", "9—11"),
    ("省级单项冠军数量", "湖南省制造业单项冠军认定文件", "12—15"),
    ("国家级专精特新“小巨人”企业数量", "工业和信息化部专精特新“小巨人”企业名单", "16—19"),
    ("省级专精特新企业数量", "湖南省专精特新中小企业认定文件", "20—24"),
    ("获得两化融合管理体系贯标证书企业数量", "两化融合管理体系评定证书", "25—31"),
    ("参与制定国际、国家、行业、团体标准", "标准发布公告及起草单位页", "32—41"),
    ("获得国家科技进步奖数量", "国家科学技术进步奖证书", "42—43"),
    ("获得省级科技进步奖数量", "湖南省科学技术进步奖证书", "44—48"),
    ("国家级技术创新载体数量", "国家重点实验室、工程研究中心等批复文件", "49—53"),
    ("省级技术创新载体数量", "省级技术创新载体认定文件", "54—60"),
    ("国家级工业设计中心数量", "国家级工业设计中心认定公告", "61—62"),
    ("省级工业设计中心数量", "湖南省省级工业设计中心认定文件", "63—66"),
    ("省级及以上绿色工厂、绿色产品、绿色园区、绿色供应链数量", "绿色制造名单公告", "67—70"),
    ("获得质量、环境、职业健康安全三体系贯标认证企业数量", "三体系认证证书汇总", "71—76"),
    ("省级及以上公共服务平台数量", "公共服务平台认定文件", "77—80"),
]


def evidence(doc: DocxDocument, fill: Fill, number: str, extra: Sequence[tuple[str, str, str]] = ()) -> None:
    heading(doc, f"{number}、佐证材料", level=1, mode=HEADING_MODE)
    paragraph(doc, "佐证材料目录（正文后附复印件，页码为佐证材料汇编页码）：")
    rows = [row for row in [*EVIDENCE_PAGES, *extra] if row[0] not in fill.evidence_dropped]
    for n, (label, what, pages) in enumerate(rows, start=1):
        paragraph(doc, f"{n}. {label}：{what}，见第{pages}页。")


# ---- the preliminary report ----------------------------------------------------------------------------

def organisation(doc: DocxDocument, fill: Fill) -> None:
    heading(doc, "四、集群发展促进组织情况", level=1, mode=HEADING_MODE)
    guide = fill.guidance_left
    grid = [["集群促进组织名称", "株洲市电力电子产业促进会"], ["4.1基本情况", ""], ["", ""],
            ["4.2集群发展促进组织运营情况", ""], ["", ""], ["4.3相关佐证资料", ""], ["", ""]]
    t = table(doc, grid, [(r, 0, 1, 2) for r in range(1, 7)])
    put(t, 2, 0, [*(["重点介绍集群促进组织组建方式及组织架构、主要负责人简历和工作业绩及其他专业技术人员情况等。"]
                    if guide else []), *prose_text(520, 4101)])
    put(t, 4, 0, [*(["重点介绍集群促进组织在推进集群发展方面已开展的工作等，1000字以内。"] if guide else []),
                  *prose_text(fill.org_report_words, 4201)])
    if fill.evidence_scans:
        scans(t, 6, 0, fill.evidence_scans)
    else:
        put(t, 6, 0, ["1. 株洲市民政局关于同意成立株洲市电力电子产业促进会的批复（株民函〔2020〕36号），见佐证材料第81页；",
                      "2. 社会团体法人登记证书（统一社会信用代码51430200MJJ1234567），见第82页；",
                      "3. 办公场所租赁合同及产权证明，见第83—85页；",
                      "4. 会长、秘书长任职文件及高级工程师资格证书，见第86—88页。"])
    gap(doc)


def scans(t: DocxTable, r: int, c: int, n: int) -> None:
    """Scanned certificates pasted into a cell, one picture per paragraph and not a word of text."""
    cell = t.cell(r, c)
    for k in range(n):
        para = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        para.add_run().add_picture(io.BytesIO(certificate_png(lines=4 + k % 3)), width=Cm(10))


def plan(doc: DocxDocument, fill: Fill) -> None:
    heading(doc, "五、培育发展产业集群实施方案", level=1, mode=HEADING_MODE)
    lead = LEAD_GUIDANCE if fill.guidance_left else "株洲市人民政府"
    grid = [["编制牵头单位", lead, "", "", ""], ["5.1  未来三年集群主要经济指标发展目标", "", "", "", ""],
            ["指标名称", "上一年\n实际值", "2023年\n发展目标", "2024年\n发展目标", "2025年\n发展目标"],
            *[[label, num(a), num(b), num(c), num(d)] for label, a, b, c, d in TARGETS],
            ["5.2  培育发展省级产业集群实施方案", "", "", "", ""], ["", "", "", "", ""]]
    last = len(grid) - 1
    t = table(doc, grid, [(0, 1, 1, 4), (1, 0, 1, 5), (last - 1, 0, 1, 5), (last, 0, 1, 5)])
    put(t, last, 0, [*(PLAN_GUIDANCE if fill.guidance_left else []),
                     f"《{CLUSTER}培育发展实施方案》由株洲市人民政府牵头编制，经市政府常务会议审议通过，全文如下。"])
    paragraph(doc, f"{CLUSTER}培育发展实施方案（2023—2025年）", bold=True)
    numerals = "一二三四五"
    for n, part in enumerate(PLAN_PARTS):
        if part not in fill.plan_parts:
            continue
        heading(doc, f"第{numerals[n]}部分：{part}", level=2, mode=HEADING_MODE)
        for para in prose_text(320, 5200 + n):
            paragraph(doc, para)


def build(fill: Fill) -> DocxDocument:
    doc = new_document()
    title(doc, "湖南省产业集群竞赛参赛报告（初赛）")
    basic_info(doc, fill)
    overall(doc, fill, final=False, self_guidance=SELF_REPORT_GUIDANCE)
    park(doc, fill, "承载园区基本情况，重点阐述为推进产业集群发展在项目建设、规模工业企业培育、招商引资、要素保障、"
                    "营商环境改善、企业服务、体制机制创新等方面所开展的工作和取得的成效，以及下一步推进集群发展的工作思路。"
                    "2500字以内。")
    organisation(doc, fill)
    plan(doc, fill)
    declaration(doc, fill, "六")
    evidence(doc, fill, "七")
    return doc


def generate(out: Path) -> list[Path]:
    return save_variants(PACK, build, Fill(), {**DEFECTS, **CLEAN}, out)
