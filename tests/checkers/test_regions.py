"""Where a form answers a label: its own cell, the cell beside it, the box below a question, or the
paragraphs after a label line."""

from __future__ import annotations

from checkers import check
from checkers.context import Context
from checkers.regions import Region
from extractor.model import Document
from tests.checkers.make_doc import P, T, make, toml_pack

QUESTION = ("简述产业集群所在地政府为促进产业集群发展出台的政策措施（注明文件名称、文号、发文时间和发文机关等）；"
            "产业集群所在地政府在扶持集群企业发展壮大等方面，落实相关政策措施的工作情况。")
ANSWER = "市政府出台《关于加快纺织服装产业集群发展的若干意见》（汉政发〔2020〕6号），设立专项资金。"


def regions(doc: Document, label: str) -> list[Region]:
    return Context(doc=doc).regions(label)


def test_long_question_cell_is_answered_in_the_box_below() -> None:
    """Bug: a question cell much longer than its label was taken to answer itself, so the box below
    it was never read (the 表4 policy rule had to name the whole question to get at its answer)."""
    doc = make(T([[QUESTION, ""], [ANSWER, ""], ["工作考核指标", "自评"]], merges=[(0, 0, 1, 2), (1, 0, 1, 2)]))
    (region,) = regions(doc, "简述产业集群所在地政府为促进产业集群发展出台的政策措施")
    assert (region.answer, region.beside, region.unit.row) == (ANSWER, True, 1)
    (blank,) = regions(make(T([[QUESTION], [""], ["合计"]])), "简述产业集群所在地政府为促进产业集群发展出台的政策措施")
    assert blank.answer == ""  # a box left blank is blank, not the question


def test_a_bracketed_note_under_the_label_line_is_still_the_question() -> None:
    cell = "1、产业集群“两化融合”建设情况\n（企业数字化研发设计工具普及状况，关键工序制造装备数控化程度）"
    (region,) = regions(make(T([[cell], ["集群推进两化融合贯标，企业上云比例达到65%。"]])), "产业集群“两化融合”建设情况")
    assert region.answer == "集群推进两化融合贯标，企业上云比例达到65%。"


def test_a_long_cell_answering_itself_keeps_its_own_text() -> None:
    own = "统计部门意见：\n数据经核实，情况属实。\n（盖章）\n2021年3月12日"
    typed_under = "2.8集群发展总体情况自评报告\n集群持续推进关键核心技术攻关，创新能力显著增强。"
    for cell, label in ((own, "统计部门意见"), (typed_under, "2.8集群发展总体情况自评报告")):
        (region,) = regions(make(T([[cell], ["经信部门意见：\n（盖章）\n年 月 日"]])), label)
        assert (region.answer, region.beside) == (cell, False)


def test_cell_scoped_length_counts_the_box_below_a_long_question() -> None:
    pack = toml_pack('[[rules]]\nid = "len"\nkind = "length"\nscope = "cell"\n'
                     'cell_label = "简述产业集群所在地政府为促进产业集群发展出台的政策措施"\nmax = 500\n')
    (f,) = check(make(T([[QUESTION], ["集" * 600]])), pack).findings
    assert (f.code, f.actual, f.location.row) == ("L002", 600, 1)


def test_paragraph_label_is_answered_by_the_lines_after_it() -> None:
    doc = make(P("集群促进组织负责人签字："), P("（单位盖章）"), P("2023年5月10日"), T([["表"]]), P("不属于它"))
    (region,) = regions(doc, "集群促进组织负责人签字")
    assert region.text == "集群促进组织负责人签字：\n（单位盖章）\n2023年5月10日"
