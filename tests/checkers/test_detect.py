"""`--template auto`: the built-in packs recognised from title and outline, with a confidence."""

from __future__ import annotations

from checkers.detect import THRESHOLD, detect_template, ranking
from extractor.model import Document
from tests.checkers.make_doc import H, P, T, make, prose

OUTLINE_2023 = ["集群总体情况", "集群企业发展情况", "集群产业发展情况", "集群创新能力情况", "集群金融创新发展情况",
                "集群发展环境", "集群发展成效", "主要做法和经验", "存在问题与下一步工作考虑", "典型案例", "相关附件"]
NUMS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]


def summary_2023(title: str = "2023年度十堰商用车及部件创新型产业集群工作总结", skip: int = 0) -> Document:
    items: list = [P(title)]
    for n, t in list(zip(NUMS, OUTLINE_2023, strict=True))[skip:]:
        items += [H(f"{n}、{t}"), *prose(30, len(items))]
    return make(*items)


def summary_2024() -> Document:
    return make(
        P("2024年度襄阳新能源汽车关键部件创新型产业集群总结报告"),
        H("一、集群总体情况"), *prose(30), H("二、集群发展情况"),
        H("（一）集群产业结构发展情况", 2), *prose(30, 1), H("（二）集群创新能力建设情况", 2), *prose(30, 2),
        H("（三）集群创新服务建设体系", 2), *prose(30, 3), H("（四）集群发展环境", 2), *prose(30, 4),
        H("三、集群发展成效"), *prose(30, 5), H("四、存在问题与下一步工作考虑"), *prose(30, 6),
        H("五、集群企业典型发展案例"), *prose(30, 7))


def plan_2021() -> Document:
    return make(
        P("十堰商用车及部件创新型产业集群发展规划（2021-2023）"),
        H("一、集群基本情况"), H("1.集群现状及主要形成过程", 2), *prose(30), H("2.集群发展基础及特色", 2), *prose(30, 1),
        H("二、集群产业链、创新链发展状况"), H("1.集群产业国内外发展概况与趋势", 2), *prose(30, 2),
        H("2.集群产业链描述(包括领军企业、核心技术与产品、大中小企业融通发展情况等)", 2), *prose(30, 3),
        H("3.集群创新链描述", 2), *prose(30, 4),
        H("三、集群发展面临的问题与对策"), *prose(30, 5), H("四、集群发展的思路、目标与任务"), *prose(30, 6),
        H("五、集群发展规划的推进机制与保障措施"), *prose(30, 7))


def test_each_outline_template_is_recognised_with_high_confidence() -> None:
    for doc, expected in [(summary_2023(), "hubei-2023-summary"), (summary_2024(), "hubei-2024-summary"),
                          (plan_2021(), "torch-2021-plan")]:
        got = detect_template(doc)
        assert got.id == expected, ranking(doc)[:3]
        assert got.confidence >= 0.9


def test_the_outline_alone_is_enough_when_the_title_is_unusual() -> None:
    got = detect_template(summary_2023(title="十堰商用车及部件创新型产业集群年度材料"))
    assert got.id == "hubei-2023-summary"
    assert THRESHOLD <= got.confidence < 0.9


def test_missing_sections_lower_the_confidence_but_keep_the_call() -> None:
    full, partial = detect_template(summary_2023()), detect_template(summary_2023(skip=4))
    assert partial.id == "hubei-2023-summary"
    assert partial.confidence < full.confidence


def test_exclude_word_on_the_cover_rules_a_template_out() -> None:
    scores = dict((i, s) for s, i in ranking(summary_2023(title="2023年度创新型产业集群统计报表")))
    assert scores["hubei-2023-summary"] < dict((i, s) for s, i in ranking(summary_2023()))["hubei-2023-summary"] * 0.5


def test_unrelated_document_names_no_template() -> None:
    doc = make(P("关于召开安全生产工作会议的通知"), *prose(200), T([["姓名", "单位"], ["张三", "某局"]]))
    got = detect_template(doc)
    assert got.id is None and got.confidence < THRESHOLD
