"""2024年度创新型产业集群统计报表 (seed 001 附件2), filled in by a cluster on the roster.

The form as the notice lays it out: a 4-column grid whose top-level indicators span the first two
columns and whose 其中 rows sit indented in the second, a unit column, one 数量 column, the signed
footer line, and the two name lists the (附名单) rows ask for. The figures are consistent: every 其中
row within its parent, disjoint parts within their totals, the name lists as long as the counts.
Applicants also submit the form in Excel, so the correct report and one defect come as .xlsx too.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document as DocxDocument

from samples.builder import (
    FIXED_TIME,
    new_document,
    paragraph,
    pin_package,
    save_variants,
    table,
    title,
)

PACK = "hubei-2024-stats"
CLUSTER = "武汉东湖高新区新型电子元器件及设备制造创新型产业集群"
UNIT = "武汉东湖高新区管委会"
TITLE = "2024年度创新型产业集群统计报表"

# (level, label as the form writes it, unit, key of the value or None for a heading row)
ROWS: list[tuple[int, str, str, str | None]] = [
    (0, "一、集群企业数量", "-", None),
    (0, "集群企业总数", "家", "企业总数"),
    (1, "其中：高新技术企业", "家", "高新"),
    (1, "             科技型中小企业", "家", "科技型"),
    (1, "             规上企业", "家", "规上"),
    (1, "      科创新物种企业", "家", "新物种"),
    (1, "其中：营业收入超过1亿小于10亿元的企业", "家", "亿级"),
    (1, "             营业收入超过10亿元企业", "家", "十亿级"),
    (1, "其中：境外控股企业", "家", "境外"),
    (1, "其中：拥有科技机构的企业", "家", "科技机构"),
    (1, "其中：上市企业（不含“新三板“挂牌企业）", "家", "上市"),
    (1, "      挂牌“新三板”企业", "家", "新三板"),
    (1, "其中：在孵企业数", "家", "在孵"),
    (1, "      毕业企业数", "家", "毕业"),
    (0, "二、集群人员", "-", None),
    (0, "集群人员总数", "人", "人员"),
    (1, "其中：本科及以上", "人", "本科"),
    (1, "            其中：硕士", "人", "硕士"),
    (1, "                         博士", "人", "博士"),
    (1, "其中：留学回国人员", "人", "留学"),
    (1, "其中：集群日常管理机构人员", "人", "管理"),
    (0, "三、集群企业情况", "-", None),
    (0, "（一）经济概况", "-", None),
    (0, "工业总产值", "万元", "产值"),
    (0, "营业收入", "万元", "营收"),
    (0, "其中：主导产业营业收入", "万元", "主导"),
    (0, "出口总额", "万元", "出口"),
    (0, "净利润", "万元", "净利润"),
    (0, "实际上缴税费总额", "万元", "税费"),
    (0, "当年获得的风险投资额", "万元", "风投"),
    (0, "其中：科技企业孵化器在孵企业当年获得风险投资额", "万元", "孵化风投"),
    (0, "当年获得的贷款额", "万元", "贷款"),
    (0, "（二）研究开发活动及相关情况", "-", None),
    (0, "研究开发人员合计", "人", "研发人员"),
    (0, "研究开发费用支出合计", "万元", "研发费用"),
    (0, "当年申请发明专利", "件", "申请发明"),
    (0, "其中：申请国内发明专利", "件", "申请国内"),
    (0, "当年申请欧美日专利", "件", "申请欧美日"),
    (0, "当年授权发明专利", "件", "授权发明"),
    (0, "其中：授权国内发明专利", "件", "授权国内"),
    (0, "当年授权欧美日专利", "件", "授权欧美日"),
    (0, "拥有有效发明专利", "件", "有效发明"),
    (0, "拥有境外授权专利", "件", "境外授权"),
    (0, "当年形成国际标准", "项", "国际标准"),
    (0, "当年形成国家或行业标准", "项", "国家标准"),
    (0, "当年获得省级及以上科技奖励", "项", "科技奖励"),
    (0, "其中：国家级科技奖励", "项", "国家奖励"),
    (0, "认定登记的技术合同项数", "项", "合同项数"),
    (0, "认定登记的技术合同成交金额", "万元", "合同金额"),
    (0, "中国创新创业大赛参赛企业数", "家", "大赛"),
    (0, "其中：获省级以上奖励企业数", "家", "大赛获奖"),
    (0, "当年承担或在研省级及以上科技计划项目数", "项", "计划项目"),
    (0, "其中：国家级科技计划项目数", "项", "国家项目"),
    (0, "四、集群服务机构情况", "-", None),
    (0, "（一）创新服务机构数(附名单)", "个", "创新服务"),
    (0, "省级及以上科技企业孵化器", "个", "孵化器"),
    (0, "其中：国家级科技企业孵化器", "个", "国家孵化器"),
    (0, "省级及以上众创空间", "个", "众创"),
    (0, "其中：科技部备案的众创空间", "个", "备案众创"),
    (0, "生产力促进中心", "个", "生产力"),
    (0, "技术转移机构", "个", "技术转移"),
    (0, "其中：国家技术转移机构", "个", "国家技术转移"),
    (0, "产品检验检测机构", "个", "检测"),
    (0, "其中：具有国家级资质产品检验检测机构", "个", "国家检测"),
    (0, "知识产权服务机构", "个", "知识产权"),
    (0, "（二）研发机构(附名单)", "个", "研发机构"),
    (0, "研究院所", "个", "院所"),
    (0, "省级及以上重点实验室", "个", "实验室"),
    (0, "企业技术中心", "个", "技术中心"),
    (0, "新型产业技术研发机构", "个", "新型研发"),
    (0, "博士后科研工作站", "个", "博士后"),
    (0, "各类大学", "家", "大学"),
    (0, "国家工程研究中心", "个", "工程研究中心"),
    (0, "省级及以上工程技术研究中心", "个", "工程技术中心"),
    (0, "国家工程实验室", "个", "工程实验室"),
    (0, "外资研发机构", "个", "外资研发"),
    (0, "院士工作站", "个", "院士"),
    (0, "（三）金融服务机构", "个", "金融"),
    (0, "创业风险投资机构", "个", "创投"),
    (0, "担保公司", "个", "担保"),
    (0, "小额贷款公司", "个", "小贷"),
    (0, "科技金融服务机构", "个", "科技金融"),
    (0, "五、产业联盟组织数", "个", "联盟"),
]

VALUES: dict[str, str] = {
    "企业总数": "286", "高新": "168", "科技型": "142", "规上": "175", "新物种": "12", "亿级": "58", "十亿级": "9",
    "境外": "6", "科技机构": "132", "上市": "7", "新三板": "5", "在孵": "46", "毕业": "18",
    "人员": "52,800", "本科": "21,600", "硕士": "4,850", "博士": "620", "留学": "310", "管理": "15",
    "产值": "6,852,000", "营收": "7,120,000", "主导": "5,460,000", "出口": "986,000", "净利润": "512,600",
    "税费": "286,400", "风投": "68,500", "孵化风投": "12,300", "贷款": "425,000",
    "研发人员": "8,960", "研发费用": "385,200", "申请发明": "1,286", "申请国内": "1,198", "申请欧美日": "46",
    "授权发明": "612", "授权国内": "586", "授权欧美日": "21", "有效发明": "4,935", "境外授权": "138",
    "国际标准": "2", "国家标准": "27", "科技奖励": "9", "国家奖励": "1", "合同项数": "436", "合同金额": "168,000",
    "大赛": "38", "大赛获奖": "6", "计划项目": "124", "国家项目": "31",
    "创新服务": "8", "孵化器": "3", "国家孵化器": "1", "众创": "2", "备案众创": "1", "生产力": "1", "技术转移": "1",
    "国家技术转移": "0", "检测": "1", "国家检测": "0", "知识产权": "0",
    "研发机构": "19", "院所": "2", "实验室": "3", "技术中心": "4", "新型研发": "2", "博士后": "1", "大学": "1",
    "工程研究中心": "1", "工程技术中心": "3", "工程实验室": "0", "外资研发": "1", "院士": "1",
    "金融": "10", "创投": "5", "担保": "2", "小贷": "1", "科技金融": "2", "联盟": "3",
}

SERVICE_LIST = [
    ("光谷创业街科技企业孵化器", "科技企业孵化器", "国家级"),
    ("武汉光谷电子信息产业孵化器", "科技企业孵化器", "省级"),
    ("东湖高新区电子元器件专业孵化器", "科技企业孵化器", "省级"),
    ("光谷芯创众创空间", "众创空间", "国家备案"),
    ("元器件创客空间", "众创空间", "省级"),
    ("东湖高新区生产力促进中心", "生产力促进中心", "省级"),
    ("武汉光谷技术转移中心", "技术转移机构", "省级"),
    ("湖北省电子元器件质量检验中心", "产品检验检测机构", "省级"),
]
RD_LIST = [
    ("武汉电子元器件研究院", "研究院所", "省级"), ("湖北省微电子研究所", "研究院所", "省级"),
    ("敏感元器件湖北省重点实验室", "重点实验室", "省级"), ("光电子器件湖北省重点实验室", "重点实验室", "省级"),
    ("高端电容器湖北省重点实验室", "重点实验室", "省级"), ("武汉凡谷电子技术股份有限公司技术中心", "企业技术中心", "国家级"),
    ("武汉高德红外股份有限公司技术中心", "企业技术中心", "国家级"), ("武汉光迅科技股份有限公司技术中心", "企业技术中心", "省级"),
    ("武汉精测电子集团股份有限公司技术中心", "企业技术中心", "省级"), ("光谷先进电子材料研究院", "新型产业技术研发机构", "省级"),
    ("湖北九峰山实验室", "新型产业技术研发机构", "省级"), ("武汉光迅科技博士后科研工作站", "博士后科研工作站", "国家级"),
    ("华中科技大学", "各类大学", "—"), ("国家光电器件工程研究中心", "国家工程研究中心", "国家级"),
    ("湖北省电子元器件工程技术研究中心", "工程技术研究中心", "省级"), ("湖北省射频器件工程技术研究中心", "工程技术研究中心", "省级"),
    ("湖北省传感器工程技术研究中心", "工程技术研究中心", "省级"), ("某外资电子研发中心（武汉）", "外资研发机构", "—"),
    ("光谷电子元器件院士工作站", "院士工作站", "省级"),
]


@dataclass(frozen=True)
class Fill:
    """What the cluster wrote; each defect changes one thing."""

    values: dict[str, str] = field(default_factory=dict)  # key -> value overriding VALUES
    units: dict[str, str] = field(default_factory=dict)  # key -> unit written in the 计量单位 column
    name_lists: bool = True
    stats_table: bool = True
    signed: bool = True


DEFECTS: dict[str, Fill] = {
    "blank-field": Fill(values={"规上": ""}),
    "bad-number": Fill(values={"申请发明": "若干"}),
    "bad-unit": Fill(units={"人员": "万元"}),
    "part-exceeds": Fill(values={"高新": "320"}),
    "sum-exceeds": Fill(values={"金融": "8"}),
    "no-name-list": Fill(name_lists=False),
    "missing-table": Fill(stats_table=False),
    "unsigned": Fill(signed=False),
}


def grid(fill: Fill) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The form's grid and merges: top-level labels span the two label columns."""
    rows = [["指标名称", "", "计量单位", "数量"]]
    merges = [(0, 0, 1, 2)]
    values = VALUES | fill.values
    for level, label, unit, key in ROWS:
        value = values[key] if key else ""
        shown_unit = fill.units.get(key, unit) if key else unit
        if level == 0:
            merges.append((len(rows), 0, 1, 2))
            rows.append([label, "", shown_unit, value])
        else:
            rows.append(["", label, shown_unit, value])
    return rows, merges


def footer(fill: Fill) -> str:
    if fill.signed:
        return f"依托单位名称（盖公章）：{UNIT}  填表人：王晓明  电话：027-87896543  填报日期：2025年1月15日"
    return f"依托单位名称（盖公章）：{UNIT}  填表人：______  电话：______  填报日期：_______"


def name_list(name: str, entries: list[tuple[str, str, str]]) -> tuple[str, list[list[str]]]:
    return f"附：{name}", [["序号", "机构名称", "类别", "级别"]] + [[str(i), *e] for i, e in enumerate(entries, 1)]


LISTS = (name_list("创新服务机构名单", SERVICE_LIST), name_list("研发机构名单", RD_LIST))


def build(fill: Fill) -> DocxDocument:
    doc = new_document()
    paragraph(doc, "附件2")
    title(doc, TITLE)
    paragraph(doc, f"集群单位名称：{CLUSTER}")
    if fill.stats_table:
        rows, merges = grid(fill)
        table(doc, rows, merges)
    paragraph(doc, "")
    paragraph(doc, footer(fill))
    if fill.name_lists:
        for caption, rows in LISTS:
            paragraph(doc, caption, bold=True)
            table(doc, rows)
            paragraph(doc, "")
    return doc


def build_xlsx(fill: Fill) -> bytes:
    """The same form as an Excel workbook: the report on one sheet, each name list on its own."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    ws = wb.active
    ws.title = "统计报表"
    ws.append([TITLE])
    ws.merge_cells("A1:D1")
    ws.append([f"集群单位名称：{CLUSTER}"])
    ws.merge_cells("A2:D2")
    rows, merges = grid(fill)
    top = ws.max_row + 1
    for row in rows:
        ws.append([_excel_value(x) for x in row])
    for r, c, rs, cs in merges:
        ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + rs - 1, end_column=c + cs)
    for row in ws.iter_rows(min_row=top, max_row=ws.max_row, min_col=4, max_col=4):
        row[0].number_format = "#,##0"
    ws.append([])
    ws.append([footer(fill)])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
    ws["A1"].alignment = Alignment(horizontal="center")
    if fill.name_lists:
        for caption, list_rows in LISTS:
            sheet = wb.create_sheet(caption.removeprefix("附："))
            sheet.append([caption.removeprefix("附：")])
            for row in list_rows:
                sheet.append([int(x) if x.isdigit() else x for x in row])
    return _pinned(wb)


def _excel_value(text: str) -> str | int:
    plain = text.replace(",", "")
    return int(plain) if plain.isdigit() else text


def _pinned(wb: object) -> bytes:
    """Workbook bytes that are the same on every run (openpyxl stamps the save time)."""
    import datetime as dt

    wb.properties.created = dt.datetime(*FIXED_TIME)  # type: ignore[attr-defined]
    buf = io.BytesIO()
    wb.save(buf)  # type: ignore[attr-defined]
    return pin_package(buf.getvalue())


def generate(out: Path) -> list[Path]:
    made = save_variants(PACK, build, Fill(), DEFECTS, out)
    for name, fill in (("ok", Fill()), ("part-exceeds", DEFECTS["part-exceeds"])):
        path = out / f"{PACK}_{name}.xlsx"
        path.write_bytes(build_xlsx(fill))
        made.append(path)
    return made
