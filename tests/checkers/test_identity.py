"""The identity rule on documents built from extractor.model objects: where the name is found,
which code fires, and what the report's cluster block says."""

from __future__ import annotations

import pytest

from checkers.api import check
from checkers.findings import Report
from checkers.kinds.identity import clean_value, name_in_line
from checkers.pack import RulePack
from checkers.roster import Roster, load_roster
from extractor.model import Cell, Document, Heading, Location, Meta, Paragraph, Table

H24 = load_roster("hubei-2024")
PACK = RulePack.model_validate({
    "pack": {"id": "identity-test", "title": "测试", "seed": "000", "version": "1"},
    "rules": [{"id": "cluster", "kind": "identity", "clause": "附件1 名单"}],
})


def para(text: str, n: int) -> Paragraph:
    return Paragraph(text, Location(page=1, paragraph=n))


def form(*rows: tuple[str, str]) -> Table:
    return Table([[Cell(a, r, 0), Cell(b, r, 1)] for r, (a, b) in enumerate(rows)], Location(page=1),
                 caption="表一基本信息")


def doc(*blocks: Paragraph | Heading | Table, filename: str = "submission.docx", title: str | None = None
        ) -> Document:
    return Document(list(blocks), Meta("docx", filename, title=title))


def run(d: Document, roster: Roster | None = H24) -> Report:
    return check(d, PACK, roster)


def codes(r: Report) -> list[str]:
    return [f.code for f in r.findings]


def test_exact_name_in_form_field() -> None:
    r = run(doc(para("创新型产业集群评价申请表", 1),
                form(("集群名称", "十堰商用车及部件创新型产业集群"), ("集群建设单位", "十堰经开区管委会"))))
    assert codes(r) == []
    assert r.cluster.status == "exact" and r.cluster.score == 100
    assert r.cluster.matched is not None and r.cluster.matched.account == "sysyccyjq"
    assert r.roster == "hubei-2024" and r.verdict == "pass"


def test_title_line_with_ocr_misread_gives_c003_with_official_name() -> None:
    r = run(doc(para("2023年度十堪商用车及部件创新型产业集群工作总结", 1), para("一、集群总体情况", 2)))
    assert codes(r) == ["C003"]
    f = r.findings[0]
    assert f.severity == "warning" and f.target == "封面标题" and f.rule == "cluster"
    assert f.expected == "十堰商用车及部件创新型产业集群" and f.actual == "十堪商用车及部件创新型产业集群"
    assert "名单正式名称“十堰商用车及部件创新型产业集群”" in f.message and "十堪≈十堰" in f.message
    assert f.location.paragraph == 1 and f.location.page == 1
    assert f.fix == "请使用名单中的正式名称"
    assert r.cluster.status == "fuzzy" and r.cluster.found == "十堪商用车及部件创新型产业集群"


def test_field_wins_over_title() -> None:
    r = run(doc(para("2023年度宜城生物医药产业集群工作总结", 1),
                form(("集群名称", "天门生物医药创新型产业集群"))))
    assert codes(r) == [] and r.cluster.status == "exact"


def test_title_lines_that_are_template_titles_are_not_names() -> None:
    d = doc(para("附件1", 1), para("创新型产业集群评价申请表(表一基本信息)", 2), para("2024年度创新型产业集群统计报表", 3))
    r = run(d)
    assert codes(r) == ["C001"] and r.cluster.status == "absent"


def test_c005_when_the_unit_differs_and_not_when_it_agrees() -> None:
    r = run(doc(form(("集群名称", "咸宁高新区智能机电创新型产业集群"), ("依托单位", "咸宁经开区管委会"))))
    assert codes(r) == ["C005"]
    f = r.findings[0]
    assert f.expected == "咸宁高新区管委会" and f.actual == "咸宁经开区管委会"
    assert f.target == "依托单位" and f.location.row == 2 and f.location.column == 2
    joint = run(doc(form(("集群名称", "黄石市西塞山区特钢精深加工省级创新型产业集群"), ("依托单位", "西塞山区人民政府"))))
    assert codes(joint) == []
    long_form = run(doc(form(("集群名称", "咸宁高新区智能机电创新型产业集群"),
                             ("依托单位", "咸宁高新技术产业开发区管理委员会"))))
    assert codes(long_form) == []


def test_paragraph_field_with_more_fields_on_the_line() -> None:
    r = run(doc(para("集群单位名称：咸宁智能机电创新型产业集群", 1),
                para("依托单位名称（盖公章）：咸宁高新区管委会  填表人：张三  电话：123", 9)))
    assert codes(r) == ["C003"]
    assert r.findings[0].target == "集群单位名称"


def test_c004_ambiguous_lists_the_candidates() -> None:
    r = run(doc(para("集群名称：黄石高新区产业集群", 1)))
    assert codes(r) == ["C004"]
    f = r.findings[0]
    assert isinstance(f.expected, list) and len(f.expected) >= 2
    assert all(name.startswith("黄石") for name in f.expected)
    assert r.cluster.status == "ambiguous" and r.cluster.matched is None


def test_c002_unmatched_names_the_nearest() -> None:
    r = run(doc(para("集群名称：宜城生物医药产业集群", 1)))
    assert codes(r) == ["C002"]
    f = r.findings[0]
    assert f.severity == "error" and "最接近的是" in f.message and "宜城≠" in f.message
    assert r.cluster.status == "unmatched" and r.cluster.candidates and r.verdict == "fail"


def test_c001_with_file_name_hint() -> None:
    d = doc(para("2023年度工作总结", 1), filename="十堰商用车及部件创新型产业集群-2023总结.docx")
    r = run(d)
    assert codes(r) == ["C001"]
    assert "文件名显示为“十堰商用车及部件创新型产业集群”" in r.findings[0].message
    assert r.cluster.status == "absent" and r.cluster.found is None
    assert r.cluster.candidates[0].name == "十堰商用车及部件创新型产业集群"


def test_c001_plain() -> None:
    r = run(doc(para("工作总结", 1), filename="summary.docx"))
    assert codes(r) == ["C001"] and "文件名" not in r.findings[0].message
    assert r.findings[0].target == "集群名称"


def test_account_field_is_used() -> None:
    r = run(doc(form(("集群名称", "十堰集群"), ("账号", "sysyccyjq"))))
    assert codes(r) == ["C003"]
    assert r.cluster.matched is not None and r.cluster.matched.name == "十堰商用车及部件创新型产业集群"
    assert "账号一致" in r.findings[0].message


def test_body_text_is_not_a_title() -> None:
    body = "十堰商用车及部件创新型产业集群2023年实现营业收入1200亿元，同比增长8.5%，带动宜城生物医药产业集群等周边集群协同发展。"
    r = run(doc(para("2023年度工作总结", 1), Heading("一、集群总体情况", 1, "一", "集群总体情况", Location(paragraph=2)),
                para("宜城生物医药产业集群工作总结", 3), para(body, 4)))
    assert codes(r) == ["C001"]


def test_document_title_property_is_a_title_line() -> None:
    r = run(doc(para("正文从这里开始。", 1), title="天门生物医药产业集群发展规划（2021-2023）"))
    assert codes(r) == ["C003"] and r.findings[0].target == "文档标题属性"


def test_without_roster_only_absence_is_reported() -> None:
    r = run(doc(para("2023年度十堪商用车及部件创新型产业集群工作总结", 1)), roster=None)
    assert codes(r) == [] and r.cluster.found == "十堪商用车及部件创新型产业集群"
    assert r.roster is None
    assert codes(run(doc(para("工作总结", 1)), roster=None)) == ["C001"]


def test_ocr_alias_of_the_national_roster() -> None:
    r = run(doc(para("即郭现代装备制造创新型产业集群发展规划(2021-2023)", 1)), roster=load_roster("torch-2021"))
    assert codes(r) == ["C003"] and r.findings[0].expected == "邯郸现代装备制造创新型产业集群"


@pytest.mark.parametrize(("line", "name"), [
    ("2023年度十堰商用车及部件创新型产业集群工作总结", "十堰商用车及部件创新型产业集群"),
    ("附件3：关于报送2024年度 天门生物医药创新型产业集群 总结报告", "天门生物医药创新型产业集群"),
    ("《十堰商用车及部件创新型产业集群发展规划（2021-2023）》", "十堰商用车及部件创新型产业集群"),
    ("集群", None),
    ("一、集群总体情况", None),
])
def test_name_in_line(line: str, name: str | None) -> None:
    got = name_in_line(line)
    assert got == name or (name is None and got is not None and len(got) < 8)


def test_clean_value() -> None:
    assert clean_value("咸宁高新区管委会  填表人：张三") == "咸宁高新区管委会"
    assert clean_value("_______") == ""
    assert clean_value("产业集群类型：县域☑  其他地区☐") == ""
    assert clean_value("十堰商用车及部件\n创新型产业集群") == "十堰商用车及部件创新型产业集群"
    assert clean_value("武汉东湖高新区管委会（盖章）") == "武汉东湖高新区管委会"
