"""2020年度全省重点成长型产业集群考核工作手册 (seed 003), filled in by a county cluster.

The handbook is a cover, a development report (3000字以内, three parts), 表1 performance data
with the statistics and 经信 departments' opinions, the scored work tables 表3–表9 (each one table:
the 简述 box, the listing where the form has one, and the 工作考核指标 | 评分细则 | 得分（自评/专家）
rows), the one-vote veto 表10, the score summary 表11, the experts' 表12 left blank, and the
form's own 填写要求. One complete and correct handbook, and one file per planted defect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document as DocxDocument

from samples.builder import (
    heading,
    new_document,
    paragraph,
    prose_text,
    save_variants,
    table,
    tick,
    title,
)
from samples.gen.tpl_hunan_2023_prelim import gap, put

PACK = "hubei-growth-2020-handbook"
CLUSTER = "汉川纺织服装产业集群"
UNIT = "汉川市经济和信息化局"
HEADING_MODE = "style"

# (label as the form writes it, 评分细则, 满分)
Item = tuple[str, str, int]

TABLE3: list[Item] = [
    ("集群工作组织机构 (5分)", "●由地方政府发文成立集群工作协调组织机构，得5分；\n●由经信部门协调组织集群工作，得2分。", 5),
    ("产业集群发展规划编制（5分）", "●由地方政府发文明确实施产业集群发展规划，得5分；\n●由经信部门发文实施产业集群发展规划，得2分。", 5),
    ("集群发展规划实施（5分）", "●完成年度规划目标，得5分；\n●没有完成年度规划目标，酌情减分。", 5),
    ("工作机构开展的情况（5分）", "●机构工作开展规范，运行正常，效果明显，得5分；\n· 工作有开展，但效果不明显，酌情减分。", 5),
]
TABLE4: list[Item] = [
    ("制定集群政策措施（5分）", "●地方政府出台促进集群发展的政策措施文件，得5分；\n●由经信部门出台促进集群发展的政策措施文件，得2分。。", 5),
    ("落实集群政策措施（5分）", "●落实政策措施成效显著，得5分；\n●仅在部分工作上落实政策措施，酌情减分。", 5),
]
TABLE5: list[Item] = [
    ("产业集群“两化融合”建设基础良好（5分）", "集群企业数字化研发设计工具普及率超过40%，得1分；关键工序制造装备数控化率达到30%以上，"
     "得2分；智能工厂（数字化车间）占比超过20%，得2分。", 5),
    ("“互联网+产业集群”发展势头良好（5分）", "园区宽带接入率、无线网覆盖率达到70%，得2分；拥有特色产业电子商务交易平台，得3分。", 5),
]
TABLE6: list[Item] = [
    ("公共服务机构设立（10分）", "在行业协会/商会、技术研发推广、检验检测、人才培训、专业市场、集群网站等公共服务机构中，"
     "设立一个机构得2分。", 10),
    ("公共服务机构运转（10分）", "在行业协会/商会、技术研发推广、检验检测、人才培训、专业市场、集群网站等公共服务机构中，"
     "正常运转的有一个得2分。", 10),
]
TABLE7: list[Item] = [
    ("集群企业在园区的集聚度（4分）", "80%的集群企业集聚在园区，得4分；\n仅有部分集群企业在园区集聚，酌情减分。", 4),
    ("集群企业所在园区规划编制及实施（2分）", "编制、实施集群企业所在园区发展规划，得2分；\n部分实施规划，酌情减分。", 2),
    ("集群企业所在园区基础设施建设（4分）", "集群企业所在园区水、电、道路、通信等基础设施基本建成，得4分；部分建成，酌情减分。", 4),
]
TABLE8: list[Item] = [
    ("国家级或驰名商标（8分）", "集群企业产品获国家级名牌产品或驰名商标（有效期内）1件或1件以上，得8分", 8),
    ("省级名牌产品或著名商标（4分）", "集群企业产品获省级名牌产品或著名商标（有效期内）1件或1件以上，得4分", 4),
    ("行业特色区域荣誉称号（4分）", "产业集群整体获国家级行业协会认定的行业特色区域荣誉称号（如“中国**之乡、**之都、**名城、**名镇”）"
     " 1件或1件以上，得4分", 4),
    ("绿色食品、无公害食品、有机食品认证\n（1分）", "集群企业产品获绿色食品、无公害食品、有机食品认证（有效期内）总数在5件或5件以上，得2分", 2),
    ("集体商标、证明商标、原产地/地理标志产品（1分）", "产业集群整体品牌获准注册集体商标、证明商标、原产地/地理标志产品1件或1件以上，得2分", 2),
]
TABLE9: list[Item] = [
    ("产学研合作（3分））", "集群企业产学研合作项目签约数总计5项或5项以上，且合作项目有效实施，得3分；项目签约数在1项以上、"
     "5项以下者，酌情减分。", 3),
    ("专利（2分）", "集群企业获准的有效专利数总计3项或3项以上，得2分；有效专利数在1项以上、3项以下者，得1分。", 2),
    ("企业技术创新平台\n（2分）", "集群企业获准成立的技术创新平台数总计2个或2个以上，得2分；技术创新平台数1个，得1分。", 2),
    ("高新技术企业（2分）", "集群内认定的高新技术企（有效期内）数总计2家或2家以上，得2分；高新技术企数1家，得1分。", 2),
    ("科技进步奖（1分）", "集群企业获国家级/省级科技进步奖奖项数1项或1项以上，得1分。", 1),
]
SCORES: dict[str, list[str]] = {
    "表3": ["5", "5", "5", "4"], "表4": ["5", "4"], "表5": ["4", "5"], "表6": ["10", "8"],
    "表7": ["4", "2", "3"], "表8": ["8", "4", "4", "2", "2"], "表9": ["3", "2", "2", "2", "1"],
}
CATEGORIES = [("组织机构\n与规划引导", "表3"), ("政策\n环境", "表4"), ("“智慧集群”建设", "表5"),
              ("公共服务平台建设", "表6"), ("载体\n建设", "表7"), ("集群\n品牌", "表8"), ("集群\n创新", "表9")]

POLICIES = [
    "《汉川市人民政府关于加快纺织服装产业集群发展的若干意见》（川政发〔2019〕12号），2019年5月20日由汉川市人民政府印发；",
    "《汉川市纺织服装产业集群发展规划（2019—2023年）》（川政办发〔2019〕28号），2019年8月6日由汉川市人民政府办公室印发；",
    "《汉川市支持纺织服装企业技术改造和品牌建设的奖励办法》（川经信发〔2020〕5号），2020年3月18日由汉川市经济和信息化局印发。",
]
POLICIES_UNREFERENCED = [
    "市政府出台了《汉川市人民政府关于加快纺织服装产业集群发展的若干意见》，明确了土地、资金和人才方面的扶持措施；",
    "市政府办公室印发了《汉川市纺织服装产业集群发展规划（2019—2023年）》，提出了集群发展目标和重点任务；",
    "市经信局制定了《汉川市支持纺织服装企业技术改造和品牌建设的奖励办法》。",
]


@dataclass(frozen=True)
class Fill:
    """What the county wrote. The correct handbook is Fill(); each defect replaces one field."""

    cluster_type: tuple[bool, bool] = (True, False)  # 县域, 其他地区
    report_words: tuple[int, int, int] = (850, 950, 750)
    scores: dict[tuple[str, int], str] = field(default_factory=dict)  # (表, item index) -> self-score typed
    totals: dict[str, str] = field(default_factory=dict)  # 表 -> 合计 typed
    summary: dict[str, str] = field(default_factory=dict)  # 表 -> its 表11 自评得分 typed
    veto: tuple[bool, bool] = (False, True)  # 是, 否
    stats_signed: bool = True
    table1_blank: tuple[str, ...] = ()  # row labels whose 2020年 value is left blank
    policies_referenced: bool = True
    blank_box: str = ""  # the 简述 box (by the start of its question) left unanswered


DEFECTS: dict[str, Fill] = {
    "self-score-over": Fill(scores={("表7", 1): "3"}),
    "total-wrong": Fill(totals={"表4": "10"}),
    "summary-mismatch": Fill(summary={"表8": "18"}),
    "blank-score": Fill(scores={("表9", 1): ""}),
    "veto-yes": Fill(veto=(True, False)),
    "veto-blank": Fill(veto=(False, False)),
    "report-too-long": Fill(report_words=(1150, 1250, 1000)),
    "unsigned": Fill(stats_signed=False),
    "no-type": Fill(cluster_type=(False, False)),
    "blank-field": Fill(table1_blank=("就业人数",)),
    "policy-no-number": Fill(policies_referenced=False),
    "blank-box": Fill(blank_box="2、“互联网+产业集群”发展情况"),
}


def self_scores(fill: Fill, key: str) -> list[str]:
    return [fill.scores.get((key, i), s) for i, s in enumerate(SCORES[key])]


def total(fill: Fill, key: str) -> str:
    if key in fill.totals:
        return fill.totals[key]
    return str(sum(int(s) for s in self_scores(fill, key) if s))


# ---- cover and report --------------------------------------------------------------------------------

def cover(doc: DocxDocument, fill: Fill) -> None:
    title(doc, "2020年度全省重点成长型")
    title(doc, "产业集群考核工作手册")
    county, other = fill.cluster_type
    paragraph(doc, f"产业集群名称：{CLUSTER}")
    paragraph(doc, f"产业集群类型：县域{tick(county)}  其他地区{tick(other)}")
    paragraph(doc, f"主管单位（盖章）：{UNIT}")
    paragraph(doc, "联     系    人：李建国")
    paragraph(doc, "联   系  电  话：0712-8412365")


def report(doc: DocxDocument, fill: Fill) -> None:
    heading(doc, "一、重点成长型产业集群发展报告（3000字以内）", level=1, mode=HEADING_MODE)
    parts = ["1、产业集群发展的基本情况及主要特点", "2、培育发展产业集群的主要做法及经验",
             "3、集群发展中存在的问题及下一步措施建议"]
    for n, (part, words) in enumerate(zip(parts, fill.report_words, strict=True)):
        heading(doc, part, level=2, mode=HEADING_MODE)
        for para in prose_text(words, 300 + n):
            paragraph(doc, para)


# ---- 二、表1 ------------------------------------------------------------------------------------------

TABLE1 = [  # (label, unit, 2019, 2020, 占区域工业比重)
    ("企业总户数", "家", "186", "203", "32.6"),
    ("销售收入", "万元", "3285600", "3046800", "28.4"),
    ("固定资产投入", "万元", "425800", "398600", "24.1"),
    ("就业人数", "人", "68500", "66200", "35.2"),
    ("工商税收", "万元", "98600", "91200", "26.8"),
]


def performance(doc: DocxDocument, fill: Fill) -> None:
    heading(doc, "二、产业集群业绩考核", level=1, mode=HEADING_MODE)
    paragraph(doc, "表1 ：重点成长型产业集群规模以上企业业绩数据报表")
    paragraph(doc, f"集群名称 ：{CLUSTER}                填报单位：{UNIT}")
    grid = [["        类别项目", "2019年", "2020年", "占区域工业比重（%）", "备注"]]
    for label, unit, v19, v20, share in TABLE1:
        grid.append([f"{label}\n（{unit}）", v19, "" if label in fill.table1_blank else v20, share, ""])
    grid.append(["统计部门意见", "", "", "经信部\n门意见", ""])
    last = len(grid) - 1
    t = table(doc, grid, [(last, 1, 1, 2)])
    stats = ["数据经核实，情况属实。", "汉川市统计局（盖章）", "2021年3月12日"] if fill.stats_signed else \
        ["", "（盖章）", " 年  月  日"]
    put(t, last, 1, stats)
    put(t, last, 4, ["同意上报。", f"{UNIT}（盖章）", "2021年3月15日"])
    paragraph(doc, "表2 重点成长型产业集群骨干企业业绩数据（分户）报表")
    paragraph(doc, "备注：填写集群内2020年销售收入前10强或20强骨干企业情况（此表用Excel表格填写上报，表格在省经信厅网站下载）。"
                   "本集群骨干企业分户报表已按要求另行报送。")


# ---- 三、表3–表11 --------------------------------------------------------------------------------------

def score_rows(items: Sequence[Item], scores: Sequence[str], tot: str, width: int) -> tuple[list[list[str]], list]:
    """The scoring block of a work table on a grid `width` columns wide: indicator and rules get the
    spare columns, 自评 and 专家 the last two."""
    rule_span = width - 3
    head = ["工作考核指标", "评分细则"] + [""] * (rule_span - 1) + ["得分", ""]
    sub = ["", ""] + [""] * (rule_span - 1) + ["自评", "专家"]
    rows = [head, sub]
    for (label, rules, _max), score in zip(items, scores, strict=True):
        rows.append([label, rules] + [""] * (rule_span - 1) + [score, ""])
    rows.append(["合计", ""] + [""] * (rule_span - 1) + [tot, ""])
    return rows, [(0, 0, 2, 1), (0, 1, 2, rule_span), (0, width - 2, 1, 2)] + \
        [(r, 1, 1, rule_span) for r in range(2, len(rows))]


def work_table(doc: DocxDocument, caption: str, boxes: Sequence[tuple[str, Sequence[str]]],
               items: Sequence[Item], key: str, fill: Fill) -> None:
    """表3/4/5/7: question boxes answered below them, then the scoring block, all one table."""
    paragraph(doc, caption)
    grid: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []
    for question, _answer in boxes:
        merges += [(len(grid), 0, 1, 4), (len(grid) + 1, 0, 1, 4)]
        grid += [[question, "", "", ""], ["", "", "", ""]]
    rows, score_merges = score_rows(items, self_scores(fill, key), total(fill, key), 4)
    offset = len(grid)
    grid += rows
    merges += [(r + offset, c, rs, cs) for r, c, rs, cs in score_merges if cs > 1 or rs > 1]
    t = table(doc, grid, merges)
    for n, (question, answer) in enumerate(boxes):
        put(t, 2 * n + 1, 0, [""] if fill.blank_box and question.startswith(fill.blank_box) else answer)
    gap(doc)


def listing_score_table(doc: DocxDocument, caption: str, intro: Sequence[tuple[str, Sequence[str]]],
                        listing: Sequence[Sequence[str]], items: Sequence[Item], key: str, fill: Fill,
                        listing_merges: Sequence[tuple[int, int, int, int]] = ()) -> None:
    """表6/8/9: intro boxes, a listing with its own columns, then the scoring block, one table."""
    paragraph(doc, caption)
    width = max(len(r) for r in listing)
    grid: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []
    for question, _answer in intro:
        merges += [(len(grid), 0, 1, width), (len(grid) + 1, 0, 1, width)]
        grid += [[question] + [""] * (width - 1), [""] * width]
    offset = len(grid)
    grid += [list(r) + [""] * (width - len(r)) for r in listing]
    merges += [(r + offset, c, rs, cs) for r, c, rs, cs in listing_merges]
    rows, score_merges = score_rows(items, self_scores(fill, key), total(fill, key), width)
    offset = len(grid)
    grid += rows
    merges += [(r + offset, c, rs, cs) for r, c, rs, cs in score_merges if cs > 1 or rs > 1]
    t = table(doc, grid, merges)
    for n, (_question, answer) in enumerate(intro):
        put(t, 2 * n + 1, 0, answer)
    gap(doc)


def work(doc: DocxDocument, fill: Fill) -> None:
    heading(doc, "三、产业集群工作指标考核（总分100分）", level=1, mode=HEADING_MODE)
    work_table(doc, "表3： 工作机构及规划制定实施情况（20分）", [
        ("简述产业集群所在地政府为促进产业集群发展，成立的产业集群工作组织机构及其工作开展情况",
         prose_text(180, 31))], TABLE3, "表3", fill)
    work_table(doc, "表4：产业集群政策环境（10分）", [
        ("简述产业集群所在地政府为促进产业集群发展出台的政策措施（注明文件名称、文号、发文时间和发文机关等）；产业集群所在地"
         "政府在扶持集群企业发展壮大、开展产业招商引资、延伸产业链、扶持集群企业参展、开展集群产品推介等方面，落实相关政策"
         "措施的工作情况。",
         [*(POLICIES if fill.policies_referenced else POLICIES_UNREFERENCED), *prose_text(150, 41)])],
        TABLE4, "表4", fill)
    work_table(doc, "表5：“智慧集群”建设情况（10分）", [
        ("1、产业集群“两化融合”建设情况（企业数字化研发设计工具普及状况，关键工序制造装备数控化程度，智能工厂（数字化车间）"
         "建设情况）", prose_text(150, 51)),
        ("2、“互联网+产业集群”发展情况（产业集群所在园区宽带接入、无线网覆盖情况，特色产业电子商务交易平台建设与使用情况。）",
         prose_text(150, 52))], TABLE5, "表5", fill)
    platforms = [
        ["序号", "服务集群组织/\n机构名称", "设立时间", "资产\n总额", "批准、建立或认可的机构", "主要服务内容", "服务企业户数"],
        ["1", "汉川市纺织服装行业协会", "2009年", "320万元", "汉川市民政局", "行业自律、信息服务", "186"],
        ["2", "汉川纺织服装产品质量检验中心", "2013年", "2860万元", "湖北省市场监督管理局", "检验检测", "203"],
        ["3", "汉川纺织服装技术研发中心", "2015年", "1560万元", "湖北省经济和信息化厅", "共性技术研发推广", "92"],
        ["4", "汉川纺织服装人才培训基地", "2016年", "680万元", "汉川市人力资源和社会保障局", "人才培训", "145"],
        ["5", "汉川纺织服装网", "2018年", "120万元", "汉川市经济和信息化局", "信息服务、电子商务", "203"],
    ]
    listing_score_table(doc, "表6：产业集群公共服务平台建设情况（20分）", [
        ("公共服务平台建设基本情况（公共服务平台指为集群企业提供研发、设计、试验、检测、质量认证、管理咨询、人才培训、物流配送等"
         "共享性公共服务的法人单位或社团组织。如：集群行业协会/商会、集群共性技术研发推广机构、集群产品检验检测机构、集群人才培训"
         "机构、以专业市场为载体的集群产品交易服务平台、以产业集群网站、网页为载体的集群信息服务平台）。",
         prose_text(150, 61))], platforms, TABLE6, "表6", fill)
    work_table(doc, "表7 ：产业集群载体建设情况（10分）", [
        ("简述集群企业所在园区的基本情况、园区发展规划编制及实施情况、园区发展的主要经济数据和集群在园区集聚度等情况。",
         prose_text(180, 71))], TABLE7, "表7", fill)
    brand(doc, fill)
    innovation(doc, fill)
    veto(doc, fill)
    summary(doc, fill)
    paragraph(doc, "表12：工作指标专家点评意见表（由考核评审专家评点）")
    t = table(doc, [[""]])
    put(t, 0, 0, ["点评内容：主要对所填写的业绩指标、工作指标情况，成长性建议，集群是否保留等方面进行点评。", "", "",
                  "评审专家签名：", "2020年    月    日"])
    gap(doc)


def brand(doc: DocxDocument, fill: Fill) -> None:
    kinds = [
        ("集群企业商标获\n“中国驰名商标”称号", "1", "1、“汉纺”牌棉纱", "国家工商行政管理总局商标局", "2012年", "长期"),
        ("集群企业产品获\n“省级名牌产品”称号", "3", "1、汉纺牌精梳棉纱\n2、楚丰牌针织面料\n3、川绣牌服装",
         "湖北省质量技术监督局", "2018年", "2018—2021年"),
        ("集群企业商标获\n“省级著名商标”称号", "2", "1、“楚丰”\n2、“川绣”", "湖北省工商行政管理局", "2016年", "2016—2021年"),
        ("集群集体获国家级行业特色区域荣誉称号", "1", "1、中国纺织产业基地市", "中国纺织工业联合会", "2015年", "2015—2021年"),
        ("集群集体品牌获准注册集体商标、证明商标", "0", "无", "—", "—", "—"),
        ("农业产业集群企业产品获“绿色食品”认证", "0", "无（非涉农类产业集群）", "—", "—", "—"),
        ("农业产业集群企业产品获“无公害食品”认证", "0", "无（非涉农类产业集群）", "—", "—", "—"),
        ("农业产业集群企业产品获“有机食品”认证", "0", "无（非涉农类产业集群）", "—", "—", "—"),
        ("农业产业集群产品获“原产地域保护/地理标志产品保护”称号", "0", "无（非涉农类产业集群）", "—", "—", "—"),
        ("其它", "1", "1、湖北省纺织服装产业示范基地", "湖北省经济和信息化厅", "2017年", "长期"),
    ]
    listing = [["类型", "数量", "具体商标和产品", "认定机构", "认定年份", "有效期限"], *[list(k) for k in kinds]]
    paragraph(doc, "表8： 产业集群品牌建设情况（20分）")
    width = 6
    grid = [list(r) for r in listing]
    scores = self_scores(fill, "表8")
    start = len(grid)
    grid += [["工作考核指标", "", "评分细则", "", "得分", ""], ["", "", "", "", "自评", "专家"]]
    merges = [(start, 0, 2, 2), (start, 2, 2, 2), (start, 4, 1, 2)]
    for n, (label, rules, _max) in enumerate(TABLE8):
        r = len(grid)
        if n == 3:
            grid.append(["农业类产业集群/加工类产业集群品牌建设（4分）", label, rules, "", scores[n], ""])
            merges += [(r, 0, 2, 1), (r, 2, 1, 2)]
        elif n == 4:
            grid.append(["", label, rules, "", scores[n], ""])
            merges += [(r, 2, 1, 2)]
        else:
            grid.append([label, "", rules, "", scores[n], ""])
            merges += [(r, 0, 1, 2), (r, 2, 1, 2)]
    grid.append(["合计", "", "", "", total(fill, "表8"), ""])
    merges += [(len(grid) - 1, 0, 1, 2), (len(grid) - 1, 2, 1, 2)]
    assert all(len(r) == width for r in grid)
    table(doc, grid, merges)
    paragraph(doc, "注：考虑到产业的特殊性，对于非涉农类产业集群无“绿色食品”、“无公害食品”、“有机食品”认证者不扣分；对于不能注册"
                   "“集体商标”、“证明商标”、“原产地/地理标志产品”保护的非涉农类行业不扣分。")


def innovation(doc: DocxDocument, fill: Fill) -> None:
    coop = [
        ["1", "湖北汉纺纺织集团有限公司", "武汉纺织大学", "高支紧密纺纱线关键技术研发，2019年3月—2021年12月"],
        ["2", "湖北楚丰针织有限公司", "湖北工业大学", "功能性针织面料开发，2020年1月—2021年6月"],
        ["3", "汉川川绣服饰有限公司", "武汉纺织大学", "服装智能裁剪生产线改造，2020年5月—2021年10月"],
        ["4", "湖北福星纺织有限公司", "东华大学", "再生纤维混纺工艺研究，2020年3月—2022年3月"],
        ["5", "汉川佳纺新材料有限公司", "华中科技大学", "非织造新材料应用开发，2020年7月—2022年6月"],
    ]
    tech = [
        ["国家科技进步奖励", "0", "无", "—"],
        ["湖北科技进步奖励", "1", "1、高效节能纺纱成套技术", "2019年"],
        ["国家级高新技术企业", "12", "1、湖北汉纺纺织集团有限公司\n2、湖北楚丰针织有限公司\n3、汉川佳纺新材料有限公司", "2019—2022年"],
        ["省级高新技术企业", "—", "（以国家级高新技术企业认定为准）", "—"],
        ["省级以上技术中心", "4", "1、汉纺省级企业技术中心\n2、楚丰省级企业技术中心\n3、佳纺省级企业技术中心", "2016—2020年"],
        ["专 利", "236", "1、发明专利18件\n2、实用新型专利172件\n3、外观设计专利46件", "有效期内"],
    ]
    listing = [["1.2020年集群企业产学研合作情况", "", "", ""], ["序号", "项目承担单位", "合作单位", "合作项目名称、项目实施起止时间"],
               *coop, ["2.产业集群技术创新情况", "", "", ""], ["类型", "数量", "名 称", "获奖年份；获批年份及有效期限"], *tech]
    merges = [(0, 0, 1, 4), (2 + len(coop), 0, 1, 4)]
    listing_score_table(doc, "表9：产业集群技术创新情况（10分）", [], listing, TABLE9, "表9", fill, merges)


def veto(doc: DocxDocument, fill: Fill) -> None:
    yes, no = fill.veto
    paragraph(doc, "表10：产业集群质量、安全、环保情况（一票否决）")
    t = table(doc, [["质量、安全、环保情况", ""]])
    put(t, 0, 1, ["集群两年内（截止申请日期）是否发生重大质量、安全及环保事故。", f"是{tick(yes)}             否{tick(no)}"])
    gap(doc)


def summary(doc: DocxDocument, fill: Fill) -> None:
    paragraph(doc, "表11：产业集群工作指标考核得分汇总表")
    values = [fill.summary.get(key, total(fill, key)) for _, key in CATEGORIES]
    grand = str(sum(int(v) for v in values if v))
    grid = [["指标分类", *[name for name, _ in CATEGORIES], "合计"],
            ["自评得分", *values, grand],
            ["专家打分", *[""] * (len(CATEGORIES) + 1)]]
    table(doc, grid)
    gap(doc)


def notes(doc: DocxDocument) -> None:
    heading(doc, "四、考核工作手册填写要求及注意事项", level=1, mode=HEADING_MODE)
    for line in ["（一）填写要求", "1、考核工作手册统一胶装（A4纸一式两份）。",
                 "2、考核工作手册中数据指产业集群内规模以上企业，要求真实、准确。",
                 "3、考核工作手册中每栏均须按要求填写，空白不得分。表1由考核对象填写；表3-8由考核对象填写后自评打分、专家组专家对"
                 "考核对象提供的情况进行打分；表9由考核对象和专家组专家分别汇总；表10由专家组专家单独填写。",
                 "（二）注意事项", "1、考核工作手册中表格可另延伸，要做到美观，便于专家评审。",
                 "2、“表9 产业集群品牌建设情况”栏，对于非农产品加工类集群无“绿色食品”、“无公害食品”、“有机食品”认证者不扣分；"
                 "对于不能注册“集体商标”、“证明商标”、“原产地/地理标志产品”保护的医药、机械、汽车等行业不扣分。"]:
        paragraph(doc, line)


def build(fill: Fill) -> DocxDocument:
    doc = new_document()
    cover(doc, fill)
    report(doc, fill)
    performance(doc, fill)
    work(doc, fill)
    notes(doc)
    return doc


def generate(out: Path) -> list[Path]:
    return save_variants(PACK, build, Fill(), DEFECTS, out)
