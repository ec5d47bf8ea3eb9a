"""The heading rules every format shares (extractor/headings.py, table_items.py, pdf_headings.py),
one case each, on Word paragraphs built in the test and on tables built from the model."""

from __future__ import annotations

import pytest

from extractor.counting import count
from extractor.headings import SequenceEntry, looks_like_heading_text, out_of_sequence, split_spaced_number
from extractor.model import Cell, Document, Heading, Location, Meta, Paragraph, Table
from extractor.pdf_headings import has_words
from tests.extractor.docx_fixtures import abstract, convert, docx, heads, num, p


def _e(value: int | None, *, weak: bool = True, candidate: bool = True, listed: bool = False, key: str = "arabic",
       rank: int = 3) -> SequenceEntry:
    return SequenceEntry(key, rank, value, weak, candidate=candidate, listed=listed)


@pytest.mark.parametrize(("entries", "dropped"), [
    ([_e(1), _e(2), _e(3)], set()),  # a sequence
    ([_e(3)], {0}),  # "3 单独的……" with no 1 and 2 before it
    ([_e(1, candidate=False, listed=True), _e(2, candidate=False, listed=True), _e(3), _e(4)], {2, 3}),  # 1, 2 a list
    ([_e(1), _e(2), _e(3, candidate=False), _e(4)], set()),  # a sentence in the sequence breaks nothing
    ([_e(3, key="arabic-paren", rank=4)], {0}),  # a quotation numbered （3）
    ([_e(1, key="chinese", rank=1), _e(2, key="chinese", rank=1), _e(4, key="chinese", rank=1)], set()),  # 三 left out
    ([_e(1), _e(2), _e(1, key="chinese", rank=1, weak=False), _e(3)], {3}),  # 一、 restarts 1. 2. 3. under it
    ([_e(1), _e(2, candidate=False)], {0}),  # a "1)" whose 2) is a sentence opens a list
    ([_e(5, weak=False)], set()),  # bold or styled: its typeface makes it a heading
])
def test_sequence_rule(entries: list[SequenceEntry], dropped: set[int]) -> None:
    assert out_of_sequence(entries) == dropped


def test_word_list_items_after_their_list_are_not_headings() -> None:
    numbering = abstract(1, [("decimal", "%1.")]) + num(1, 1)
    body = (p("一、集群基本情况", bold=True) + p("正文。") + p("集群规模", num=(1, 0)) + p("集群结构", num=(1, 0))
            + p("    ") + p("单独的带删除线的空格", num=(1, 0)) + p("带删除线和下划线的空格", num=(1, 0)) + p("正文。"))
    assert heads(convert(docx(body, numbering=numbering))) == [(1, "一", "集群基本情况")]


def test_cover_lines_above_styled_headings_are_not_headings() -> None:
    from tests.extractor.docx_fixtures import style

    styles = style("Heading1", "heading 1", outline=1)
    body = (p("核电厂定期安全评价", center=True) + p("第1部分：通用要求", center=True)
            + p("范围", style="Heading1") + p("本文件规定了定期安全评价的要求。"))
    assert heads(convert(docx(body, styles))) == [(1, "", "范围")]


@pytest.mark.parametrize(("text", "expected"), [
    ("1 这是第一章标题", ("arabic", "1", "这是第一章标题")),
    ("3\t复杂嵌套多级列表", ("arabic", "3", "复杂嵌套多级列表")),
    ("2集群发展成效", ("arabic", "2", "集群发展成效")),
    ("5.5 Comparison of TABLEFORMER", ("arabic-dotted", "5.5", "Comparison of TABLEFORMER")),
    ("2023 年度", None), ("3 %", None),
])
def test_numbers_set_off_by_a_space(text: str, expected: tuple[str, str, str] | None) -> None:
    n = split_spaced_number(text)
    assert (None if n is None else (n.numbering, n.number, n.title)) == expected


@pytest.mark.parametrize(("title", "ok"), [
    ("一般而言，核电厂定期安全评价的范围应包括以下14个安全要素：", False),  # opens a list
    ("“物都有内在的长处。”", False),  # a quotation
    ("“十四五”规划实施情况", True),
    ("推动整车企业协同创新，构建自主可控的产业链体系。", False),
])
def test_heading_text(title: str, ok: bool) -> None:
    assert looks_like_heading_text(title) is ok
    assert looks_like_heading_text("推动整车企业协同创新，构建自主可控的产业链体系。", full_stop=True)
    assert not looks_like_heading_text("第一句。第二句。", full_stop=True)


@pytest.mark.parametrize(("text", "ok"), [("投资要点", True), ("Experiments and Results", True), ("V P =", False),
                                          ("(t2f + f2t)", False), (", zrank2", False), ("ij , (7)", False),
                                          ("a ⋅ b = ∣a∣ ∣b∣ cosα", False), ("☑", False)])
def test_a_heading_has_words(text: str, ok: bool) -> None:
    assert has_words(text) is ok


def _table(rows: list[list[str]]) -> Table:
    """Rows of one cell spanning all the columns, or of one cell per column."""
    width = max(len(r) for r in rows)
    grid = []
    for r, row in enumerate(rows):
        if len(row) == 1:
            cell = Cell(row[0], r, 0, 1, width)
            grid.append([cell] * width)
        else:
            grid.append([Cell(t, r, c) for c, t in enumerate(row)])
    return Table(rows=grid, loc=Location(page=1))


def _doc(*blocks: object) -> Document:
    return Document(blocks=list(blocks), meta=Meta(format="docx"))  # type: ignore[arg-type]


def test_form_items_in_table_boxes_are_outline_entries_without_changing_section_words() -> None:
    report = "集群龙头企业持续推进关键核心技术攻关，新增授权发明专利58件。" * 20
    form = _table([["4.1基本情况"], [report], ["4.2集群发展促进组织运营情况"], [""], ["指标", "2021年", "2022年"],
                   ["产值（亿元）", "10", "12"]])
    head = Heading("四、集群发展促进组织情况", 1, "四、", "集群发展促进组织情况", Location(page=1), "chinese", "style")
    doc = _doc(head, form, Paragraph("附：说明。", Location(page=2)))
    outline = doc.outline()
    assert [(o["level"], o["number"], o["title"], o.get("cell")) for o in outline] == [
        (1, "四、", "集群发展促进组织情况", None), (2, "4.1", "基本情况", [1, 1, 1]),
        (2, "4.2", "集群发展促进组织运营情况", [1, 3, 1])]
    assert outline[1]["words"] == count(report).words
    assert outline[2]["words"] == 0  # a box left blank is listed with its 0 字
    assert outline[0]["words"] == doc.sections[0].words  # the section still counts its table whole


def test_a_caption_row_over_a_grid_is_no_item() -> None:
    grid = _table([["2.1集群主要经济指标"], ["指标名称", "2021年", "2022年"], ["集群总产值（亿元）", "1286.4", "1452.7"]])
    assert _doc(grid).cell_items == []


def test_prompt_boxes_and_items_beside_their_label() -> None:
    answer = "本地政府成立了产业集群工作领导小组，由分管副市长任组长，定期召开联席会议研究集群发展重大事项。" * 3
    boxes = _table([["简述产业集群所在地政府为促进产业集群发展，成立的产业集群工作组织机构及其工作开展情况"], [answer]])
    beside = Table(rows=[[Cell("4.1 基本情况", 0, 0), Cell(answer, 0, 1, 1, 2), Cell(answer, 0, 1, 1, 2)]],
                   loc=Location(page=1))
    beside.rows[0][2] = beside.rows[0][1]
    items = _doc(boxes, beside).cell_items
    assert [(i.number, i.title) for i in items] == [
        ("", "简述产业集群所在地政府为促进产业集群发展，成立的产业集群工作组织机构及其工作开展情况"), ("4.1", "基本情况")]
