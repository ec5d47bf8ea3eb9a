"""2021年度省重点成长型产业集群申报表 (seed 003 附件2): one dense form table under a name/type line.

The figures are 2020 data (the form's 说明), in 亿元 where the form says so; 就业人数 has no unit in
the form and is filled in persons. The 经信部门意见 is signed off with a seal line and a date, the
experts' row is left blank. One complete and correct form, and one file per planted defect.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument

from samples.builder import new_document, paragraph, save_variants, table, tick, title
from samples.gen.tpl_hunan_2023_prelim import put

PACK = "hubei-growth-2021-application"
CLUSTER = "汉川纺织服装产业集群"


@dataclass(frozen=True)
class Fill:
    """What the county wrote. The correct form is Fill(); each defect replaces one field."""

    name: str = CLUSTER
    cluster_type: tuple[bool, bool] = (True, False)  # 县域, 其他地区
    veto: tuple[bool, bool] = (False, True)  # 是, 否
    firms: str = "203"
    opinion_signed: bool = True


DEFECTS: dict[str, Fill] = {
    "veto-yes": Fill(veto=(True, False)),
    "veto-blank": Fill(veto=(False, False)),
    "no-type": Fill(cluster_type=(False, False)),
    "blank-field": Fill(firms=""),
    "unsigned": Fill(opinion_signed=False),
    "no-name": Fill(name=""),
}


def build(fill: Fill) -> DocxDocument:
    doc = new_document()
    title(doc, "2021年度省重点成长型产业集群申报表")
    county, other = fill.cluster_type
    paragraph(doc, f"产业集群名称：{fill.name}                    产业集群类型：县域{tick(county)}  其他地区{tick(other)}")
    yes, no = fill.veto
    grid = [
        ["销售额\n（亿元）", "312.6", "上交工商税收（亿元）", "", "9.12", "企业数（个）", fill.firms],
        ["就业人数", "66200", "规模\n企业", "销售额（亿元）", "304.7", "主导产品及产量", ""],
        ["", "", "", "税  金（亿元）", "8.86", "", ""],
        ["产业链情况", "", "", "", "", "", ""],
        ["集群分布区域", "汉川经济开发区、新河镇、马口镇、脉旺镇纺织服装工业园", "", "", "", "", ""],
        ["质量、安全、环保情况", "", "", "", "", "", ""],
        ["集群服务平台建设情况", "名称", "级别", "服务范围", "建立\n时间", "主要负责人", ""],
        ["", "汉川纺织服装产品质量检验中心", "省级", "检验检测", "2013年", "周海波", ""],
        ["", "汉川纺织服装技术研发中心", "省级", "共性技术研发推广", "2015年", "黄志强", ""],
        ["自律组织\n建设情况", "名称", "负责人", "联系电话", "邮编", "传真", ""],
        ["", "汉川市纺织服装行业协会", "刘德胜", "0712-8426688", "431600", "0712-8426689", ""],
        ["集群指\n导机构", "负责人", "联系人", "联系电话", "邮编", "传真", ""],
        ["", "张卫东", "李建国", "0712-8412365", "431600", "0712-8412366", ""],
        ["市、州、县（市、区）经信部门意见", "", "", "", "", "", ""],
        ["专家\n评审意见", "签名：                     年    月    日", "", "", "", "", ""],
    ]
    merges = [(0, 2, 1, 2), (1, 0, 2, 1), (1, 1, 2, 1), (1, 2, 2, 1), (1, 5, 2, 1), (1, 6, 2, 1),
              (3, 1, 1, 6), (4, 1, 1, 6), (5, 1, 1, 6), (6, 0, 3, 1), (6, 5, 1, 2), (7, 5, 1, 2), (8, 5, 1, 2),
              (9, 0, 2, 1), (9, 5, 1, 2), (10, 5, 1, 2), (11, 0, 2, 1), (11, 5, 1, 2), (12, 5, 1, 2),
              (13, 1, 1, 6), (14, 1, 1, 6)]
    t = table(doc, grid, merges)
    put(t, 1, 6, ["精梳棉纱42万吨", "针织面料18万吨", "服装1.2亿件"])
    put(t, 3, 1, ["上游：棉纺、化纤纺纱企业32家；中游：织造、印染企业86家；下游：服装、家纺企业85家，",
                  "形成了“纺纱—织造—印染—服装”较为完整的产业链，本地配套率达到65%。"])
    put(t, 5, 1, ["集群两年内（截止申请日期）是否发生重大质量、安全及环保事故。", f"是{tick(yes)}             否{tick(no)}"])
    opinion = ["同意推荐汉川纺织服装产业集群申报2021年度省重点成长型产业集群。", "孝感市经济和信息化局（盖章）",
               "2021年3月20日"] if fill.opinion_signed else ["（盖章）      ", "年    月    日     "]
    put(t, 13, 1, opinion)
    paragraph(doc, "说明：除“预计2021年”以外，其它填报数据为2020年度数据。")
    return doc


def generate(out: Path) -> list[Path]:
    return save_variants(PACK, build, Fill(), DEFECTS, out)
