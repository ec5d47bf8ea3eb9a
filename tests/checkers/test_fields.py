"""The `fields` kind on tables built from extractor.model objects: grid, pairs and list layouts."""

from __future__ import annotations

import pytest

from checkers.pack import PackError, parse_pack
from extractor.model import Document
from tests.checkers.make_doc import H, P, T, codes, make, pack_of, run

# ---- grid: a 统计报表 with 其中 rows, a unit column and merged label cells --------------------------
STATS = {
    "id": "stats", "kind": "fields", "table": {"label": "统计报表", "header": ["指标名称", "计量单位"]},
    "rows": [
        {"label": "集群企业总数", "unit": "家"},
        {"label": "高新技术企业", "unit": "家", "parent": "集群企业总数"},
        {"label": "规上企业", "unit": "家", "parent": "集群企业总数"},
        {"label": "营业收入", "unit": "万元"},
        {"label": "主导产业营业收入", "unit": "万元", "parent": "营业收入"},
        {"label": "净利润", "unit": "万元", "signed": True},
        {"label": "金融服务机构", "unit": "个"},
        {"label": "担保公司", "unit": "个", "parent": "金融服务机构"},
        {"label": "小额贷款公司", "unit": "个", "parent": "金融服务机构"},
        {"label": "创新服务机构数", "unit": "个", "name_list": True},
    ],
    "sums": [{"total": "金融服务机构", "parts": ["担保公司", "小额贷款公司"], "relation": "le"}],
}


def stats_doc(**values: str) -> Document:
    v = {"总数": "85", "高新": "40", "规上": "52", "营收": "1,250,000", "主导": "980,000", "净利": "-3,500",
         "金融": "6", "担保": "2", "小贷": "3", "创新": "0", "营收单位": "万元"} | values
    rows = [["指标名称", "", "计量单位", "数量"],
            ["一、集群企业数量", "", "-", ""],
            ["集群企业总数", "", "家", v["总数"]],
            ["", "其中：高新技术企业", "家", v["高新"]],
            ["", "             规上企业", "家", v["规上"]],
            ["营业收入", "", v["营收单位"], v["营收"]],
            ["其中：主导产业营业收入", "", "万元", v["主导"]],
            ["净利润", "", "万元", v["净利"]],
            ["（三）金融服务机构", "", "个", v["金融"]],
            ["担保公司", "", "个", v["担保"]],
            ["小额贷款公司", "", "个", v["小贷"]],
            ["（一）创新服务机构数(附名单)", "", "个", v["创新"]]]
    merges = [(r, 0, 1, 2) for r in (0, 1, 2, 5, 6, 7, 8, 9, 10, 11)]
    return make(P("集群单位名称：某某集群"), T(rows, merges))


def test_a_correct_report_passes() -> None:
    assert run(stats_doc(), STATS) == []


def test_blank_field() -> None:
    (f,) = run(stats_doc(规上=""), STATS)
    assert (f.code, f.target, f.location.row, f.location.column) == ("T002", "规上企业", 5, 4)
    assert f.location.table == "统计报表"


def test_zero_and_dash_are_answers() -> None:
    assert run(stats_doc(规上="0", 小贷="—"), STATS) == []


def test_part_exceeds_whole_with_numbers_in_the_message() -> None:
    (f,) = run(stats_doc(高新="120"), STATS)
    assert (f.code, f.target) == ("T004", "高新技术企业")
    assert f.message == "“高新技术企业”为 120 家，大于“集群企业总数” 85 家"


def test_part_compared_after_unit_conversion() -> None:
    # 营业收入 written in 亿元 (a T003 for the changed unit) is still compared in 万元: 125 亿元 > 98 万元 parts
    found = run(stats_doc(营收单位="亿元", 营收="125"), STATS)
    assert codes(found) == [("T003", "营业收入")]
    found = run(stats_doc(营收单位="亿元", 营收="50"), STATS)
    assert codes(found) == [("T003", "营业收入"), ("T004", "主导产业营业收入")]


def test_wrong_unit_and_invalid_numbers() -> None:
    found = run(stats_doc(营收单位="家"), STATS)
    assert codes(found) == [("T003", "营业收入")]
    assert "模板要求“万元”" in found[0].message
    found = run(stats_doc(总数="若干"), STATS)
    assert codes(found) == [("T003", "集群企业总数")]
    found = run(stats_doc(规上="52%"), STATS)
    assert codes(found) == [("T003", "规上企业")]


def test_negative_only_where_signed() -> None:
    assert codes(run(stats_doc(规上="-2"), STATS)) == [("T003", "规上企业")]
    assert run(stats_doc(净利="(3,500)"), STATS) == []


def test_approximate_value_is_a_warning() -> None:
    (f,) = run(stats_doc(总数="约85家"), STATS)
    assert (f.code, f.severity, f.target) == ("T003", "warning", "集群企业总数")


def test_sum_of_disjoint_parts() -> None:
    (f,) = run(stats_doc(金融="4"), STATS)
    assert (f.code, f.target) == ("T007", "金融服务机构")
    assert "5 个" in f.message


def test_name_list_needed_only_for_a_non_zero_value() -> None:
    (f,) = run(stats_doc(创新="8"), STATS)
    assert (f.code, f.target) == ("E001", "创新服务机构数")
    assert "未附名单" in f.message
    with_list = stats_doc(创新="8")
    with_list.blocks += [P("附：创新服务机构名单"), T([["序号", "机构名称"], ["1", "某某孵化器"]])]
    assert run(with_list, STATS) == []
    referenced = stats_doc(创新="8（名单见附件1）")
    assert run(referenced, STATS) == []


def test_missing_table_and_missing_row() -> None:
    (f,) = run(make(P("没有表格")), STATS)
    assert (f.code, f.target) == ("T001", "统计报表")
    doc = stats_doc()
    table = doc.blocks[1]
    table.rows = [r for r in table.rows if "规上" not in r[1].text]  # type: ignore[union-attr]
    assert codes(run(doc, STATS)) == [("T002", "规上企业")]


# ---- grid with a two-row header, growth and ratios ----------------------------------------------
GROWTH = {
    "id": "econ", "kind": "fields", "table": {"label": "2.1集群主要经济指标", "caption": ["集群主要经济指标"]},
    "columns": ["2021年", "2022年", "增幅（%）"],
    "growth": {"column": "增幅（%）", "new": "2022年", "old": "2021年"},
    "rows": [
        {"label": "集群总产值", "unit": "亿元"},
        {"label": "利润总额", "unit": "亿元", "signed": True},
        {"label": "集群企业营业收入", "unit": "亿元"},
        {"label": "销售利润率", "unit": "%", "required": False},
        {"label": "上市和挂牌企业数量", "unit": "个", "evidence": True},
    ],
    "ratios": [{"target": "销售利润率", "numerator": "利润总额", "denominator": "集群企业营业收入"}],
}


def growth_doc(**v: str) -> Document:
    d = {"产值21": "100", "产值22": "112", "产值增幅": "12", "利润21": "8", "利润22": "9", "利润增幅": "12.5",
         "营收21": "95", "营收22": "100", "营收增幅": "5.26", "率21": "8.42", "率22": "9", "率增幅": "0.58",
         "上市21": "2", "上市22": "3（P23）", "上市增幅": "50"} | v
    rows = [["2.1集群主要经济指标", "", "", ""],
            ["近2年情况\n指标名称", "2021年", "2022年", "增幅（%）"],
            ["集群总产值（亿元）", d["产值21"], d["产值22"], d["产值增幅"]],
            ["利润总额（亿元）", d["利润21"], d["利润22"], d["利润增幅"]],
            ["集群企业营业收入（亿元）", d["营收21"], d["营收22"], d["营收增幅"]],
            ["销售利润率（%）", d["率21"], d["率22"], d["率增幅"]],
            ["上市和挂牌企业数量（个，需提供佐证材料，并标注所在页码，下同）", d["上市21"], d["上市22"], d["上市增幅"]]]
    return make(H("二、集群发展总体情况"), T(rows, [(0, 0, 1, 4)]))


def test_growth_and_ratio_consistent_passes() -> None:
    assert run(growth_doc(), GROWTH) == []


def test_growth_inconsistent() -> None:
    (f,) = run(growth_doc(产值增幅="21"), GROWTH)
    assert (f.code, f.target, f.location.row, f.location.column) == ("T005", "集群总产值", 3, 4)
    assert f.expected == 12.0 and f.actual == 21.0


def test_growth_of_a_percentage_row_may_be_in_points() -> None:
    assert run(growth_doc(率增幅="6.89"), GROWTH) == []  # (9 − 8.42) / 8.42 relative


def test_ratio_inconsistent() -> None:
    (f,) = run(growth_doc(率22="12.5", 率增幅="4.08"), GROWTH)
    assert (f.code, f.target) == ("T005", "销售利润率")
    assert "应为 9%" in f.message


def test_evidence_reference_in_the_row() -> None:
    (f,) = run(growth_doc(上市22="3"), GROWTH)
    assert (f.code, f.target) == ("E001", "上市和挂牌企业数量")
    assert run(growth_doc(上市21="0", 上市22="0", 上市增幅="0"), GROWTH) == []


def test_t004_growth_column_takes_no_part_in_part_of_whole() -> None:
    """Bug T004: the 增幅 column listed in `columns` was compared like the years, so a 其中 row growing
    faster than its total (利润 +12.5% against 产值 +12%) was reported as 其中 > total."""
    rows = [r | {"parent": "集群总产值"} if r["label"] == "利润总额" else r for r in GROWTH["rows"]]
    with_growth = GROWTH | {"rows": rows}
    listed_only = {k: v for k, v in with_growth.items() if k != "growth"}  # a rate column without a growth rule
    for rule in (with_growth, listed_only):
        assert run(growth_doc(), rule) == []
        assert run(growth_doc(产值增幅="12%"), rule) == []  # a rate written with its sign is no wrong unit
        part = [f for f in run(growth_doc(利润22="120", 利润增幅="1400"), rule) if f.code == "T004"]
        assert [(f.target, f.location.column) for f in part] == [("利润总额", 3)]  # the figures still are


def test_t002_blank_growth_cell_is_reported() -> None:
    (f,) = run(growth_doc(利润增幅=""), GROWTH)
    assert (f.code, f.target, f.location.row, f.location.column) == ("T002", "利润总额", 4, 4)
    assert f.message == "“利润总额”的“增幅（%）”未填写"


def test_column_parents_may_not_name_a_rate_column() -> None:
    rule = GROWTH | {"column_parents": {"增幅（%）": "2022年"}}
    with pytest.raises(ValueError, match="增幅或比率列"):
        pack_of(rule)


def test_missing_column() -> None:
    rule = GROWTH | {"columns": ["2021年", "2022年", "增幅（%）", "2023年"]}
    rule.pop("growth")
    assert ("T001", "2.1集群主要经济指标·2023年") in codes(run(growth_doc(), rule))


# ---- column parents through a merged two-row header ----------------------------------------------
PARK = {
    "id": "park", "kind": "fields", "table": {"label": "3.1园区主要经济指标", "header": ["园区总额"]},
    "columns": ["2021年 园区总额", "2021年 其中：集群产业", "2022年 园区总额", "2022年 其中：集群产业"],
    "column_parents": {"2021年 其中：集群产业": "2021年 园区总额", "2022年 其中：集群产业": "2022年 园区总额"},
    "rows": [{"label": "园区生产总值", "unit": "亿元"}],
}


def test_column_parents() -> None:
    rows = [["近2年情况\n指标名称", "2021年", "", "2022年", ""],
            ["", "园区总额", "其中：\n集群产业", "园区总额", "其中：\n集群产业"],
            ["园区生产总值（亿元）", "300", "120", "330", "400"]]
    doc = make(T(rows, [(0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 1, 2)]))
    (f,) = run(doc, PARK)
    assert (f.code, f.target, f.location.column) == ("T004", "园区生产总值", 5)
    assert "400 亿元" in f.message and "330 亿元" in f.message


# ---- pairs: a form where labels sit left of their values ---------------------------------------
PAIRS = {
    "id": "basic", "kind": "fields", "layout": "pairs", "table": {"label": "表一", "header": ["集群名称", "建设单位"]},
    "rows": [{"label": "集群名称", "type": "text"}, {"label": "姓名", "type": "text"},
             {"label": "手机", "type": "text", "pattern": r"^1\d{10}$"},
             {"label": "E-mail", "type": "text", "pattern": r"^[^@\s]+@[^@\s]+\.[a-z]+$"},
             {"label": "邮编", "type": "text", "pattern": r"^\d{6}$"}],
}


def form_doc(phone: str = "13807101234", name2: str = "李四", mail: str = "E-mail：li@example.cn") -> Document:
    rows = [["集群名称", "某某集群", "", "", ""],
            ["建设单位", "联系人", "姓名", "张三", "邮编"],
            ["", "", "手机", phone, "430074"],
            ["平台机构联系人", "姓名", name2, mail, ""]]
    return make(T(rows, [(0, 1, 1, 4), (1, 0, 2, 1), (1, 1, 2, 1), (3, 3, 1, 2)]))


def test_pairs_complete() -> None:
    assert run(form_doc(), PAIRS) == []


def test_pairs_every_occurrence_is_checked() -> None:
    (f,) = run(form_doc(name2=""), PAIRS)
    assert (f.code, f.target, f.location.row) == ("T002", "姓名", 4)
    assert f.message.startswith("“平台机构联系人/姓名”")


def test_pairs_patterns_and_inline_values() -> None:
    found = run(form_doc(phone="138-0710", mail="E-mail："), PAIRS)
    assert codes(found) == [("T002", "E-mail"), ("T003", "手机")]
    assert "建设单位/联系人/手机" in next(f.message for f in found if f.code == "T003")


# ---- list: records under a header ---------------------------------------------------------------
LIST = {
    "id": "leaders", "kind": "fields", "layout": "list", "min_rows": 2,
    "table": {"label": "表三", "caption": ["集群领军企业"]},
    "columns": ["企业名称", "主要产品", "2020年营业收入"], "column_units": {"2020年营业收入": "千元"},
}


def leaders(*records: list[str]) -> Document:
    return make(P("创新型产业集群评价申请表（表三 集群领军企业）"),
                T([["企业名称", "主要产品", "2020年营业收入（千元）"], *records, ["", "", ""]]))


def test_list_complete() -> None:
    assert run(leaders(["甲公司", "光纤", "1,200,000"], ["乙公司", "芯片", "860,000"]), LIST) == []


def test_list_too_few_and_incomplete_records() -> None:
    found = run(leaders(["甲公司", "", "12亿元"]), LIST)
    assert codes(found) == [("T002", "主要产品"), ("T002", "表三")]
    found = run(leaders(["甲公司", "光纤", "很多"], ["乙公司", "芯片", "1"]), LIST)
    assert codes(found) == [("T003", "2020年营业收入")]
    assert found[0].message.startswith("表三第1行“2020年营业收入”")


# ---- the pack is validated on load ---------------------------------------------------------------
def test_unknown_labels_are_pack_errors() -> None:
    bad = STATS | {"rows": [{"label": "其中：高新技术企业", "parent": "企业总数"}]}
    with pytest.raises(Exception, match="企业总数"):
        pack_of(bad)
    text = """
[pack]
id = "x"
title = "x"
seed = "x"
version = "1"
[[rules]]
id = "f"
kind = "fields"
table = { label = "表" }
columns = ["2021年"]
growth = { column = "增幅", new = "2022年", old = "2021年" }
rows = [{ label = "产值" }]
"""
    with pytest.raises(PackError, match="2022年"):
        parse_pack(text)


def test_list_under_a_two_row_header() -> None:
    rule = {"id": "top10", "kind": "fields", "layout": "list", "min_rows": 2,
            "table": {"label": "营业收入排名前十企业发展情况", "header": ["营业收入排名前十企业发展情况"]},
            "columns": ["企业名称", "主要产品", "营业收入（亿元）|2021年", "营业收入（亿元）|2022年", "国内市场占有率"],
            "column_units": {"营业收入（亿元）|2021年": "亿元", "营业收入（亿元）|2022年": "亿元",
                             "国内市场占有率": "%"}}
    rows = [["营业收入排名前十企业发展情况", "", "", "", ""],
            ["企业名称", "主要产品", "营业收入（亿元）", "", "国内市场占有率（%）"],
            ["", "", "2021年", "2022年", ""],
            ["甲公司", "功率器件", "35.2", "41.8", "12.5"],
            ["乙公司", "变流器", "20.1", "家", "8"]]
    doc = make(T(rows, [(0, 0, 1, 5), (1, 0, 2, 1), (1, 1, 2, 1), (1, 2, 1, 2), (1, 4, 2, 1)]))
    (f,) = run(doc, rule)
    assert (f.code, f.target, f.location.row, f.location.column) == ("T003", "营业收入（亿元）|2022年", 5, 4)
    assert f.message.startswith("营业收入排名前十企业发展情况第2行")
