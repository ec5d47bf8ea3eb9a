"""Declarations (D001, D002), the one-vote veto (D003, D004) and choice fields (T008), on the form
shapes of the seeds: opinion cells, signature cells, a 盖公章 line, tick boxes in cells and lines."""

from __future__ import annotations

import pytest

from checkers import check
from checkers.findings import Finding
from tests.checkers.make_doc import P, T, make, toml_pack

GOV = '{ label = "集群所在地县以上人民政府意见", needs = ["seal", "date"] }'
SIGN = '{ label = "集群促进组织负责人签字", needs = ["signature", "date"] }'
PARK = '{ label = "集群核心承载园区负责人签字", needs = ["signature", "date"] }'
UNIT = '{ label = "依托单位名称", needs = ["seal", "date"] }'
OPINION = '{ label = "经信部门意见", needs = ["text", "date"] }'


def declaration(*blocks: str) -> str:
    return f'[[rules]]\nid = "decl"\nkind = "declaration"\nclause = "真实性声明"\nblocks = [{", ".join(blocks)}]\n'


def run(rules: str, *items: object) -> list[Finding]:
    return check(make(*items), toml_pack(rules)).findings


def got(findings: list[Finding]) -> list[tuple[str, str, object]]:
    return [(f.code, f.target, f.actual) for f in findings]


def test_blank_opinion_cell_date_is_d002() -> None:
    cell = "集群所在地县以上人民政府意见：\n\n（盖章）\n                    年   月   日"
    f = run(declaration(GOV), T([[cell, cell]], merges=[(0, 0, 1, 2)]))
    assert got(f) == [("D002", "集群所在地县以上人民政府意见", "年 月 日")]
    assert f[0].message == "“集群所在地县以上人民政府意见”的日期未填写（仍为“年 月 日”）"
    assert (f[0].location.row, f[0].location.column) == (1, 1)


@pytest.mark.parametrize("date", ["2023年5月10日", "二〇二三年五月十日", "2023.5.10", "2023-05-10"])
def test_filled_dates_pass(date: str) -> None:
    cell = f"集群所在地县以上人民政府意见：\n同意推荐。\n（盖章）\n{date}"
    assert run(declaration(GOV), T([[cell]])) == []


def test_signature_cells_side_by_side() -> None:
    left = "集群促进组织负责人签字：\n（单位盖章）\n\n               年    月    日"
    right = "集群核心承载园区负责人签字：王建国\n（单位盖章）\n2023年5月10日"
    f = run(declaration(SIGN, PARK), T([["6.1 集群符合参赛条件的真实性声明", ""], [left, right]], merges=[(0, 0, 1, 2)]))
    assert sorted(got(f), key=str) == [("D002", "集群促进组织负责人签字", "年 月 日"),
                                       ("D002", "集群促进组织负责人签字", None)]
    assert {x.message for x in f} >= {"“集群促进组织负责人签字”的签字未填写"}


def test_signature_blocks_as_paragraphs_end_at_their_date() -> None:
    items = [P("集群促进组织负责人签字："), P("（单位盖章）"), P("年    月    日"),
             P("集群核心承载园区负责人签字：张三"), P("（单位盖章）"), P("2023年5月10日")]
    f = run(declaration(SIGN, PARK), *items)
    assert sorted(got(f), key=str) == [("D002", "集群促进组织负责人签字", "年 月 日"),
                                       ("D002", "集群促进组织负责人签字", None)]


def test_signature_on_the_next_line_counts() -> None:
    items = [P("集群促进组织负责人签字："), P("李明"), P("（单位盖章）"), P("2023年5月10日")]
    assert run(declaration(SIGN), *items) == []


def test_sealing_unit_left_blank_on_a_form_line() -> None:
    line = "依托单位名称（盖公章）：_______  填表人：______  电话：______  填报日期：_______"
    f = run(declaration(UNIT), P(line))
    assert sorted(x.message for x in f) == ["“依托单位名称”的日期未填写（仍为“日期：_______”）",
                                            "“依托单位名称”的盖章单位未填写（仍为“（盖公章）：_______”）"]


def test_sealing_unit_and_date_filled() -> None:
    line = "依托单位名称（盖公章）：十堰经开区管委会  填表人：王五  电话：0719-8888888  填报日期：2025年1月10日"
    assert run(declaration(UNIT), P(line)) == []


def test_opinion_text_is_needed_where_the_pack_says_so() -> None:
    blank = T([["经信部门意见", "（盖章）\n\n年  月  日"]])
    f = run(declaration(OPINION), blank)
    assert sorted(x.message for x in f) == ["“经信部门意见”的意见内容未填写", "“经信部门意见”的日期未填写（仍为“年 月 日”）"]
    filled = T([["经信部门意见", "同意推荐，情况属实。\n（盖章）\n2021年3月1日"]])
    assert run(declaration(OPINION), filled) == []


def test_missing_declaration_is_d001_unless_optional() -> None:
    f = run(declaration(GOV), P("正文"))
    assert got(f) == [("D001", "集群所在地县以上人民政府意见", None)]
    optional = '{ label = "集群所在地县以上人民政府意见", required = false }'
    assert run(declaration(optional), P("正文")) == []


# ---- one-vote veto -----------------------------------------------------------------------------

VETO = """[[rules]]
id = "veto"
kind = "veto"
clause = "表10：产业集群质量、安全、环保情况（一票否决）"
label = "质量、安全、环保情况"
question = "集群两年内（截止申请日期）是否发生重大质量、安全及环保事故"
"""
Q = "集群两年内（截止申请日期）是否发生重大质量、安全及环保事故。\n\n"


@pytest.mark.parametrize(("answer", "expected"), [
    ("是☐             否☑", []),
    ("是☐             否☐", [("D003", "质量、安全、环保情况", None)]),
    ("是☑             否☐", [("D004", "质量、安全、环保情况", "是")]),
    ("是☑             否☑", [("D003", "质量、安全、环保情况", ["是", "否"])]),
    ("☐是  ☑否", []),
    ("否", []),
    ("是", [("D004", "质量、安全、环保情况", "是")]),
    ("", [("D003", "质量、安全、环保情况", None)]),
])
def test_veto_in_a_table_row(answer: str, expected: list) -> None:
    f = run(VETO, T([["表10：产业集群质量、安全、环保情况（一票否决）", ""], ["质量、安全、环保情况", Q + answer]],
                    merges=[(0, 0, 1, 2)]))
    assert got(f) == expected
    if expected and expected[0][0] == "D004":
        assert f[0].message.startswith("“质量、安全、环保情况”（一票否决）勾选了“是”") and f[0].severity == "error"


def test_veto_absent_is_unanswered() -> None:
    assert [x.code for x in run(VETO, P("正文"))] == ["D003"]


def test_veto_as_paragraphs() -> None:
    f = run(VETO, P("质量、安全、环保情况"), P(Q.strip()), P("是☐ 否☑"))
    assert f == []


# ---- choice fields -----------------------------------------------------------------------------

def choice(label: str, options: list[str], multiple: bool = False) -> str:
    opts = ", ".join(f'"{o}"' for o in options)
    return (f'[[rules]]\nid = "choice"\nkind = "choice"\nclause = "{label}"\nlabel = "{label}"\n'
                   f'options = [{opts}]\nmultiple = {str(multiple).lower()}\n')


TYPE = choice("产业集群类型", ["县域", "其他地区"])
CATEGORY = choice("申报类别", ["先进制造业集群", "中小企业特色产业集群"])
STATUS = choice("申请状态", ["初次申请", "再次申请"])


@pytest.mark.parametrize(("line", "expected"), [
    ("产业集群类型：县域☐  其他地区☑", []),
    ("产业集群类型：县域☐  其他地区☐", [("T008", "产业集群类型", [])]),
    ("产业集群类型：县域☑  其他地区☑", [("T008", "产业集群类型", ["县域", "其他地区"])]),
    ("产业集群名称：十堰商用车产业集群      产业集群类型：县域☑  其他地区☐", []),
])
def test_choice_on_a_line(line: str, expected: list) -> None:
    assert got(run(TYPE, P(line))) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("（先进制造业集群或中小企业特色产业集群）", [("T008", "申报类别", [])]),
    ("先进制造业集群", []),
    ("☑先进制造业集群 ☐中小企业特色产业集群", []),
    ("", [("T008", "申报类别", [])]),
])
def test_choice_in_a_form_cell(value: str, expected: list) -> None:
    f = run(CATEGORY, T([["集群名称", "十堰商用车及部件创新型产业集群"], ["申报类别", value]]))
    assert got(f) == expected
    if expected:
        assert f[0].message == "“申报类别”未选择（可选：先进制造业集群、中小企业特色产业集群）"
        assert (f[0].location.row, f[0].location.column) == (2, 1)


def test_choice_ticks_before_labels_with_a_seal_note() -> None:
    cell = "集群建设单位:\n☐ 初次申请\n\n☑ 再次申请 (印章)\n年 月 日"
    assert run(STATUS, T([["申请状态", cell]])) == []
    many = "集群建设单位:\n☑ 初次申请\n\n☑ 再次申请 (印章)\n年 月 日"
    f = run(STATUS, T([["申请状态", many]]))
    assert got(f) == [("T008", "申请状态", ["初次申请", "再次申请"])]
    assert f[0].message == "“申请状态”选择了 2 项（初次申请、再次申请），只能选一项"
