"""The `score_table` kind: 表3–表9 of seed 003 (自评 ≤ 分值, 合计 = Σ, 空白不得分) and 表11 across."""

from __future__ import annotations

from extractor.model import Document
from tests.checkers.make_doc import P, T, codes, make, run

T3 = {"id": "t3", "kind": "score_table", "total_max": 20,
      "table": {"label": "表3", "header": ["工作考核指标", "集群工作组织机构"]}}
T3_ITEMS = T3 | {"items": [{"label": "集群工作组织机构", "max": 5}, {"label": "产业集群发展规划编制", "max": 5},
                          {"label": "集群发展规划实施", "max": 5}, {"label": "工作机构开展的情况", "max": 5}]}


def table3(scores: tuple[str, str, str, str] = ("5", "5", "4", "5"), total: str = "19") -> Document:
    rows = [["简述产业集群所在地政府为促进产业集群发展，成立的产业集群工作组织机构及其工作开展情况", "", "", ""],
            ["市政府成立了产业集群发展领导小组。", "", "", ""],
            ["工作考核指标", "评分细则", "得分", ""],
            ["", "", "自评", "专家"],
            ["集群工作组织机构 (5分)", "●由地方政府发文成立集群工作协调组织机构，得5分；", scores[0], ""],
            ["产业集群发展规划编制（5分）", "●由地方政府发文明确实施产业集群发展规划，得5分；", scores[1], ""],
            ["集群发展规划实施（5分）", "●完成年度规划目标，得5分；", scores[2], ""],
            ["工作机构开展的情况（5分）", "●机构工作开展规范，运行正常，效果明显，得5分；", scores[3], ""],
            ["合计", "", total, ""]]
    merges = [(0, 0, 1, 4), (1, 0, 1, 4), (2, 0, 2, 1), (2, 1, 2, 1), (2, 2, 1, 2)]
    return make(P("表3： 工作机构及规划制定实施情况（20分）"), T(rows, merges))


def test_a_correct_table_passes_with_items_listed_or_read_from_labels() -> None:
    assert run(table3(), T3) == []
    assert run(table3(), T3_ITEMS) == []


def test_self_score_above_max() -> None:
    (f,) = run(table3(("6", "5", "4", "5"), "20"), T3)
    assert (f.code, f.target, f.location.row, f.location.column) == ("T006", "集群工作组织机构", 5, 3)
    assert f.message == "“集群工作组织机构”自评 6 分，超过该项分值 5 分"


def test_blank_self_score_is_not_scored() -> None:
    (f,) = run(table3(("5", "", "4", "5"), "14"), T3_ITEMS)
    assert (f.code, f.target) == ("T002", "产业集群发展规划编制")
    assert "空白不得分" in f.message


def test_total_not_sum_and_total_above_max() -> None:
    (f,) = run(table3(total="18"), T3)
    assert (f.code, f.target, f.expected, f.actual) == ("T007", "合计", 19.0, 18.0)
    found = run(table3(("5", "5", "5", "5"), "21"), T3)
    assert codes(found) == [("T006", "合计"), ("T007", "合计")]


def test_invalid_score() -> None:
    assert codes(run(table3(("五分", "5", "4", "好"), "14"), T3)) == [("T003", "工作机构开展的情况")]


def test_missing_item_and_missing_table() -> None:
    rule = T3_ITEMS | {"items": [*T3_ITEMS["items"], {"label": "集群考核", "max": 5}]}
    assert codes(run(table3(), rule)) == [("T002", "集群考核")]
    assert codes(run(make(P("无表")), T3)) == [("T001", "表3")]


def test_group_points_cap_their_sub_items() -> None:
    rows = [["工作考核指标", "", "评分细则", "得分", ""],
            ["", "", "", "自评", "专家"],
            ["国家级或驰名商标（8分）", "", "……得8分", "8", ""],
            ["农业类产业集群/加工类产业集群品牌建设（4分）", "绿色食品、无公害食品、有机食品认证\n（3分）", "……", "3", ""],
            ["", "集体商标、证明商标、原产地/地理标志产品（3分）", "……", "2", ""],
            ["合计", "", "", "13", ""]]
    merges = [(0, 0, 2, 2), (0, 2, 2, 1), (0, 3, 1, 2), (2, 0, 1, 2), (3, 0, 2, 1), (5, 0, 1, 3)]
    doc = make(T(rows, merges))
    rule = {"id": "t8", "kind": "score_table", "table": {"label": "表8", "header": ["国家级或驰名商标"]}}
    (f,) = run(doc, rule)
    assert (f.code, f.target) == ("T006", "农业类产业集群/加工类产业集群品牌建设")
    assert "5 分" in f.message and "4 分" in f.message


T11 = {"id": "t11", "kind": "score_table", "layout": "columns", "score_column": "自评得分", "total_max": 100,
       "table": {"label": "表11", "header": ["指标分类", "自评得分"]},
       "items": [{"label": "组织机构与规划引导", "max": 20, "total_of": "t3"}, {"label": "政策环境", "max": 10}]}


def summary(first: str = "19", second: str = "8", total: str = "27") -> Document:
    rows = [["指标分类", "组织机构\n与规划引导", "政策\n环境", "合计"],
            ["自评得分", first, second, total],
            ["专家打分", "", "", ""]]
    return make(T(rows))


def test_summary_across_columns() -> None:
    doc = table3()
    doc.blocks += summary().blocks
    assert run(doc, T3, T11) == []


def test_summary_must_match_the_table_it_sums() -> None:
    doc = table3()
    doc.blocks += summary(first="20", total="28").blocks
    (f,) = run(doc, T3, T11)
    assert (f.code, f.target, f.location.row, f.location.column) == ("T007", "组织机构与规划引导", 2, 2)
    assert "与“表3”合计 19 分不一致" in f.message


def test_summary_total_and_max_across_columns() -> None:
    doc = table3()
    doc.blocks += summary(second="12", total="30").blocks
    found = run(doc, T3, T11)
    assert codes(found) == [("T006", "政策环境"), ("T007", "合计")]
    t006 = next(f for f in found if f.code == "T006")
    assert (t006.location.row, t006.location.column) == (2, 3)
