"""创新型产业集群评价申请表 (seed 002 附件1), filled in by a cluster of the Torch Center's roster.

表一 is a dense form (labels left of their values, 建设单位 and its 联系人 merged down the rows, the
申请状态 boxes and the 建设单位's seal and date), 表二 the indicator data with a unit column and two
value columns (2020年实际数 / 2023年目标数) whose derived ratios agree with their parts, 表三 the
leading firms. The correct form uses the corrected wording of the OCR'd seed; a second correct
form keeps the seed's OCR spellings (千兀, 二三10亿兀, 各案) as an applicant copying it would, and
must pass too. Then one file per planted defect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.table import Table as DocxTable

from samples.builder import new_document, paragraph, save_variants, table, tick, title

PACK = "torch-2021-application"
CLUSTER = "襄阳新能源汽车关键部件创新型产业集群"
UNIT = "襄阳高新区管委会"

# (label as corrected, label as the OCR'd seed has it, unit, OCR unit, 2020, 2023)
INDICATORS: list[tuple[str, str, str, str, str, str]] = [
    ("营业收入", "营业收入", "千元", "千兀", "45,820,000", "68,000,000"),
    ("净利润", "净利润", "千元", "千兀", "3,665,600", "5,780,000"),
    ("实际上缴税费总额", "实际上缴税费总额", "千元", "千兀", "1,832,800", "2,720,000"),
    ("集群企业总数", "集群企业总数", "家", "家", "326", "420"),
    ("其中高新技术企业数", "其中高新技术企业数", "家", "家", "148", "210"),
    ("其中营业收入≥10亿元人民币企业数", "其中营业收入二三10亿兀人民币企业数", "家", "家", "8", "12"),
    ("其中1亿元≤营业收入<10亿元人民币企业数", "其中营业收入二三1<10亿兀人民币企业数", "家", "家", "46", "60"),
    ("集群人员总数", "集群人员总数", "人", "人", "38,500", "52,000"),
    ("营业收入净利润率", "营业收入净利润率", "%", "%", "8.00", "8.50"),
    ("营业收入平均增长率", "营业收入平均增长率", "%", "%", "12.6", "14.0"),
    ("高新技术企业占比", "高新技术企业占比", "%", "%", "45.40", "50.00"),
    ("企业研发经费支出占比", "企业研发经费支出占比", "%", "%", "4.8", "5.5"),
    ("万人拥有有效发明专利数", "万人拥有有效发明专利数", "项", "项", "68.3", "85.0"),
    ("当年形成标准数", "当年形成标准数", "项", "项", "12", "18"),
    ("国家级孵化器和国家备案众创空间数", "国家级孵化器和国家各案众创空间数", "个", "个", "3", "5"),
    ("在孵企业数", "在孵企业数", "家", "家", "186", "260"),
    ("研发机构数", "研发机构数", "个", "个", "42", "55"),
    ("创新服务机构数", "创新服务机构数", "个", "个", "25", "32"),
    ("产业联盟组织数", "产业联盟组织数", "个", "个", "3", "4"),
    ("金融服务机构数", "金融服务机构数", "个", "个", "16", "22"),
    ("当年获得的风险投资额", "当年获得的风险投资额", "千元", "千兀", "1,250,000", "2,000,000"),
]

LEADERS = [
    ("东风汽车股份有限公司", "轻型商用车、新能源汽车", "12,860,000"),
    ("襄阳达安汽车检测中心有限公司", "汽车检测服务", "1,120,000"),
    ("湖北骆驼蓄电池研究院有限公司", "动力电池、启停电池", "9,630,000"),
    ("襄阳中车电机技术有限公司", "新能源汽车驱动电机", "860,000"),
    ("湖北追日电气股份有限公司", "充电桩、电力电子设备", "720,000"),
]

SUMMARY = [
    "集群现有企业326家，其中高新技术企业148家，2020年实现营业收入458.2亿元，形成了整车、动力电池、"
    "驱动电机、电控系统和检验检测较为完整的新能源汽车关键部件产业链。",
    "规划到2023年，集群营业收入达到680亿元，高新技术企业达到210家，建成国家级新能源汽车关键部件创新"
    "平台2个以上，打造具有全国影响力的新能源汽车关键部件创新型产业集群。",
]


@dataclass(frozen=True)
class Fill:
    """What the cluster wrote; each defect changes one thing."""

    ocr_labels: bool = False  # the seed's OCR spellings instead of the corrected ones
    values: dict[tuple[str, int], str] = field(default_factory=dict)  # (label, 0=2020 / 1=2023) -> value
    units: dict[str, str] = field(default_factory=dict)  # label -> unit written in 数据单位
    phone: str = "13907101234"
    status: tuple[bool, bool] = (False, True)  # 初次申请, 再次申请
    dated: bool = True
    leaders_table: bool = True


DEFECTS: dict[str, Fill] = {
    "blank-field": Fill(phone=""),
    "bad-unit": Fill(units={"营业收入": "万元"},
                     values={("营业收入", 0): "4,582,000", ("营业收入", 1): "6,800,000"}),
    "bad-number": Fill(values={("集群人员总数", 0): "待统计"}),
    "part-exceeds": Fill(values={("其中高新技术企业数", 0): "350", ("高新技术企业占比", 0): "107.36"}),
    "wrong-ratio": Fill(values={("营业收入净利润率", 0): "12.50"}),
    "missing-table": Fill(leaders_table=False),
    "no-choice": Fill(status=(False, False)),
    "blank-date": Fill(dated=False),
}


def put(t: DocxTable, r: int, c: int, paras: list[str]) -> None:
    """Several paragraphs typed into one (merged) cell."""
    cell = t.cell(r, c)
    cell.text = paras[0]
    for p in paras[1:]:
        cell.add_paragraph(p)


def table_one(doc: DocxDocument, fill: Fill) -> None:
    first, again = fill.status
    seal = ["集群建设单位：", "（印章）", "2021年3月20日" if fill.dated else "年    月    日"]
    rows = [
        ["集群名称", CLUSTER, "", "", "", "", "", ""],
        ["建设单位", "名称", UNIT, "", "分管领导姓名", "王建华", "职务", "管委会副主任"],
        ["", "地址", "湖北省襄阳市高新区追日路2号", "", "", "", "邮编", "441004"],
        ["", "联系人", "部门", "科技局", "姓名", "李明", "职务", "副局长"],
        ["", "", "手机", fill.phone, "传真", "0710-3333456", "E-mail", "liming@xyhitech.cn"],
        ["集群专业化服务平台机构联系人", "单位", "襄阳汽车产业技术研究院", "", "姓名", "赵刚", "职务", "主任"],
        ["", "手机", "13807105678", "", "传真", "0710-3336789", "E-mail", "zhaogang@xyqcy.cn"],
        ["", "", "", "", "", "", "", ""],
        ["申请状态", f"{tick(first)} 初次申请    {tick(again)} 再次申请", "", "", "", "", "", ""],
    ]
    merges = [(0, 1, 1, 7), (1, 0, 4, 1), (1, 2, 1, 2), (2, 2, 1, 4), (3, 1, 2, 1), (5, 0, 2, 1), (5, 2, 1, 2),
              (6, 2, 1, 2), (7, 0, 1, 8), (8, 1, 1, 3), (8, 4, 1, 4)]
    t = table(doc, rows, merges)
    put(t, 7, 0, ["集群发展现状和规划目标概述：", *SUMMARY])
    put(t, 8, 4, seal)


def table_two(doc: DocxDocument, fill: Fill) -> None:
    rows = [["指标数据", "数据单位", "2020年实际数", "2023年目标数"]]
    for label, ocr_label, unit, ocr_unit, v2020, v2023 in INDICATORS:
        shown_label, shown_unit = (ocr_label, ocr_unit) if fill.ocr_labels else (label, unit)
        rows.append([shown_label, fill.units.get(label, shown_unit),
                     fill.values.get((label, 0), v2020), fill.values.get((label, 1), v2023)])
    table(doc, rows)


def build(fill: Fill) -> DocxDocument:
    doc = new_document()
    paragraph(doc, "附件1")
    title(doc, "创新型产业集群评价申请表（表一 基本信息）")
    table_one(doc, fill)
    paragraph(doc, "")
    title(doc, "创新型产业集群评价申请表（表二 指标数据）")
    guide = "《创新型产业集群评价指引(试行) >>" if fill.ocr_labels else "《创新型产业集群评价指引（试行）》"
    paragraph(doc, f"注：指标说明详见{guide}。")
    table_two(doc, fill)
    paragraph(doc, "")
    if fill.leaders_table:
        title(doc, "创新型产业集群评价申请表（表三 集群领军企业）")
        head = "2020年营业收入（千兀）" if fill.ocr_labels else "2020年营业收入（千元）"
        table(doc, [["企业名称", "主要产品", head], *[list(x) for x in LEADERS], ["", "", ""], ["", "", ""]])
    return doc


def generate(out: Path) -> list[Path]:
    return save_variants(PACK, build, Fill(), {"ok-ocr-spellings": Fill(ocr_labels=True), **DEFECTS}, out)
