"""Headings of Word reports: styles, outline levels, automatic numbers, typed numbers, lists."""

from __future__ import annotations

import pytest
from docx import Document as open_docx

from extractor.headings import assign_levels, looks_like_heading_text, number_value, rank_of, split_number
from extractor.model import Document, Heading, Paragraph
from tests.extractor.docx_fixtures import SAMPLES, abstract, convert, docx, heads, load, num, p, style, texts


@pytest.fixture(scope="module")
def autonumber() -> Document:
    return load("docx_autonumber.docx")


def _heading(doc: Document, title: str) -> Heading:
    return next(h for h in doc.headings() if h.title == title)


def test_automatic_number_is_part_of_the_heading(autonumber: Document) -> None:
    h = _heading(autonumber, "集群总体情况")
    assert (h.text, h.value, h.numbering, h.level, h.signal) == ("一、集群总体情况", "一", "chinese", 1, "style")
    # python-docx drops the number, which is why the parser reads numbering.xml itself
    raw = open_docx(str(SAMPLES / "docx_autonumber.docx"))
    assert "集群总体情况" in [para.text for para in raw.paragraphs]


def test_automatic_numbers_give_the_hierarchy(autonumber: Document) -> None:
    sub = _heading(autonumber, "集群产业结构发展情况")
    assert (sub.text, sub.level, sub.numbering, sub.signal) == ("（一）集群产业结构发展情况", 2, "chinese-paren", "numbering")
    third = _heading(autonumber, "研发投入情况")
    assert (third.value, third.level) == ("1", 3)
    assert [h.value for h in autonumber.headings() if h.level == 1] == ["一", "二", "三", "四", "五", "六"]


def test_numbering_inherited_from_a_linked_style_continues_the_list(autonumber: Document) -> None:
    h = _heading(autonumber, "集群创新服务建设体系")
    assert (h.text, h.level) == ("（三）集群创新服务建设体系", 2)


def test_sentence_lists_stay_paragraphs_and_restart(autonumber: Document) -> None:
    items = [t for t in texts(autonumber) if t.startswith("（")]
    assert [t[:3] for t in items if "产业链关键环节" in t or "研发投入强度" in t] == ["（1）", "（2）", "（1）", "（2）"]
    assert "1.加快建设新型显示技术创新中心，联合高校院所开展关键材料和装备攻关。" in texts(autonumber)
    sections = {s.title: s for s in autonumber.sections if s.heading}
    assert sections["集群创新能力建设情况"].end > sections["研发投入情况"].start  # the list did not end the section


def test_numbers_of_no_typed_kind_sit_under_the_heading_before_them(autonumber: Document) -> None:
    cases = [h for h in autonumber.headings() if h.value in ("甲", "乙")]
    assert [(h.level, h.numbering) for h in cases] == [(2, "other"), (2, "other")]
    assert cases[0].text == "甲、案例：龙头企业引领产业链高端化发展"


def test_wps_outline_levels_and_chinese_style_names() -> None:
    doc = load("docx_outline_wps.docx")
    found = {h.title: (h.level, h.value, h.signal) for h in doc.headings()}
    assert found["重点成长型产业集群发展报告"] == (1, "一", "style")  # style named 标题 1
    assert found["产业集群发展的基本情况及主要特点"] == (2, "1", "outline")  # w:outlineLvl on the paragraph
    assert found["培育发展产业集群的主要做法及经验"] == (2, "2", "outline")  # via the basedOn chain
    assert found["集群发展大事记"] == (1, "", "outline")
    assert doc.meta.producer and doc.meta.producer.startswith("WPS Office")


def test_bold_typed_numbers_follow_the_2023_outline() -> None:
    doc = load("docx_bold_numbers.docx")
    top = [h.title for h in doc.headings() if h.level == 1]
    assert top[0] == "集群总体情况" and top[-1] == "相关附件" and len(top) == 11
    assert (doc.meta.title, doc.blocks[1].kind) == ("2023年度十堰商用车及部件创新型产业集群工作总结", "paragraph")
    assert "1．强化组织领导。成立了由管委会主要负责同志任组长的集群工作领导小组，统筹推进集群建设。" in texts(doc)


def test_numbered_lists_inside_sections() -> None:
    doc = load("docx_list_items.docx")
    assert heads(doc) == [(1, "一", "集群基本情况"), (2, "1", "集群现状及主要形成过程"), (2, "2", "集群主导产业发展情况"),
                          (1, "二", "典型案例"), (1, "三", "考核工作手册填写要求及注意事项"), (2, "一", "填写要求"),
                          (2, "二", "注意事项")]
    assert "4.集群数字化转型" in texts(doc)  # a run of short items after "参考选择以下方向:" is a list


def test_report_in_a_frame_nests_under_the_heading_before_it() -> None:
    doc = load("docx_frame_table.docx")
    assert heads(doc)[:5] == [(1, "二", "集群发展总体情况"), (2, "2.8", "集群发展总体情况自评报告"), (3, "一", "产业基础"),
                              (3, "二", "创新能力"), (3, "三", "要素集聚")]
    note = doc.blocks[-2]
    assert isinstance(note, Paragraph) and note.text == "集群所在地县以上人民政府意见：同意推荐。（盖章）"
    assert note.loc.paragraph == 4 and doc.blocks[-1].loc.paragraph == 5


def test_a_plan_numbered_in_parts_inside_a_section_does_not_outrank_it() -> None:
    body = "".join(p(t) for t in ("五、培育发展产业集群实施方案", "第一部分：培育背景", "明确实施范围，分析背景和意义。",
                                  "第二部分：基础条件", "分析集群发展基础。", "六、真实性声明", "本单位承诺所填报内容真实。"))
    assert heads(convert(docx(body))) == [(1, "五", "培育发展产业集群实施方案"), (2, "一", "培育背景"),
                                          (2, "二", "基础条件"), (1, "六", "真实性声明")]


def test_unnumbered_style_headings_take_the_rank_of_their_style_level() -> None:
    styles = style("Heading1", "heading 1", outline=1) + style("Heading2", "heading 2", outline=2)
    body = (p("一、集群总体情况", style="Heading1") + p("正文。") + p("（一）产业结构", style="Heading2") + p("正文。")
            + p("典型案例", style="Heading2") + p("正文。") + p("1.龙头企业带动") + p("正文。"))
    assert heads(convert(docx(body, styles))) == [(1, "一", "集群总体情况"), (2, "一", "产业结构"), (2, "", "典型案例"),
                                                  (3, "1", "龙头企业带动")]


def test_title_line_is_a_paragraph_and_the_document_title() -> None:
    body = (p("附件1") + p("2023年度襄阳新能源汽车创新型产业集群工作总结", bold=True, center=True)
            + p("一、集群总体情况") + p("2023年集群实现营业收入1200亿元。"))
    doc = convert(docx(body))
    assert doc.meta.title == "2023年度襄阳新能源汽车创新型产业集群工作总结"
    assert heads(doc) == [(1, "一", "集群总体情况")] and doc.blocks[1].kind == "paragraph"


def test_table_of_contents_entries_are_not_headings() -> None:
    styles = style("TOC1", "toc 1")
    toc = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
           f'<w:sdtContent>{p("目  录")}{p("一、集群总体情况", runs="<w:r><w:tab/><w:t>1</w:t></w:r>")}</w:sdtContent></w:sdt>')
    body = toc + p("二、集群发展情况", style="TOC1") + p("三、集群发展成效……………………5") + p("一、集群总体情况") + p("正文。")
    doc = convert(docx(body, styles))
    assert heads(doc) == [(1, "一", "集群总体情况")]
    assert doc.headings()[0].loc.paragraph == 5


def test_numbered_sentence_is_a_list_item_but_a_numbered_title_is_a_heading() -> None:
    body = (p("一、集群基本情况") + p("1.集群现状及主要形成过程") + p("集群现状良好。")
            + p("1. 加快推进公共服务平台建设，完善检验检测服务。") + p("2. 持续推进产业链协同。"))
    doc = convert(docx(body))
    assert heads(doc) == [(1, "一", "集群基本情况"), (2, "1", "集群现状及主要形成过程")]
    assert texts(doc)[-1] == "2. 持续推进产业链协同。"


def test_bold_adjacent_numbered_titles_stay_headings() -> None:
    body = p("八、主要做法和经验") + p("1.强化组织领导", bold=True) + p("2.完善政策体系", bold=True) + p("出台专项政策。")
    assert heads(convert(docx(body))) == [(1, "八", "主要做法和经验"), (2, "1", "强化组织领导"), (2, "2", "完善政策体系")]


def test_bullets_add_no_text_and_are_not_headings() -> None:
    numbering = abstract(1, [("bullet", "\uf06c")]) + num(1, 1)
    doc = convert(docx(p("一、集群总体情况") + p("重点企业", num=(1, 0)) + p("正文。"), numbering=numbering))
    assert texts(doc) == ["一、集群总体情况", "重点企业", "正文。"]
    assert len(doc.headings()) == 1


# The shared helpers in extractor/headings.py (also used by the PDF parser).

@pytest.mark.parametrize(("texts_", "levels"), [
    (["一、A", "（一）a", "1.x", "2.y", "（二）b", "1.z", "二、B", "1.w"], [1, 2, 3, 3, 2, 3, 1, 2]),
    (["1.A", "1.1 a", "1.1.1 x", "2.B"], [1, 2, 3, 1]),
    (["第一部分 A", "一、a", "二、b", "第二部分 B", "三、c"], [1, 2, 2, 1, 2]),  # numbering continued across parts
])
def test_assign_levels_nests_by_rank(texts_: list[str], levels: list[int]) -> None:
    numbers = [split_number(t) for t in texts_]
    assert assign_levels([rank_of(n) for n in numbers if n], numbers) == levels


@pytest.mark.parametrize(("number", "value"), [("1", 1), ("12", 12), ("十", 10), ("十二", 12), ("二十一", 21),
                                                ("一百零五", 105), ("②", 2), ("2.1", None), ("甲", None)])
def test_number_value(number: str, value: int | None) -> None:
    assert number_value(number) == value


@pytest.mark.parametrize(("title", "ok"), [("集群总体情况", True), ("加快推进关键核心技术攻关。", False),
                                           ("集群总体情况……………3", False), ("集群总体情况\t3", False),
                                           ("2023年度主要经济指标完成情况", True)])
def test_looks_like_heading_text(title: str, ok: bool) -> None:
    assert looks_like_heading_text(title) is ok


@pytest.mark.parametrize(("text", "expected"), [
    ("3.2023年度集群统计报表", ("arabic", "3", "2023年度集群统计报表")),
    ("3．2023年度集群统计报表", ("arabic", "3", "2023年度集群统计报表")),
    ("1.1999—2001年发展回顾", ("arabic", "1", "1999—2001年发展回顾")),
    ("2.1.2023年工作安排", ("arabic-dotted", "2.1", "2023年工作安排")),
    ("1.1 集群概况", ("arabic-dotted", "1.1", "集群概况")),
    ("1.125亿元", None),  # a decimal: a section number's parts have at most two digits
    ("3.5%", None),
])
def test_split_number_3_2023_is_item_3_titled_with_a_year(text: str, expected: tuple[str, str, str] | None) -> None:
    found = split_number(text)
    assert (None if found is None else (found.numbering, found.number, found.title)) == expected
