"""Outlines laid out the ways other hands lay them out (issue 15, classes 3–7), on the samples of
samples/gen/outline_cases.py: the same report as Word, as PDF, scanned; cover titles that wrap;
headings that end with 。; cases opened by 案例一：; a plan's parts inside a numbered section; forms
whose narrative items are typed into table boxes; lists between headings."""

from __future__ import annotations

from functools import cache

import pytest

from checkers.kinds.identity import name_in_line
from extractor import Document, extract, word_count
from extractor.headings import split_number
from samples.builder import prose_text
from samples.gen import outline_cases as cases
from tests.conftest import SAMPLES
from tests.golden import assert_golden


@cache
def load(name: str) -> Document:
    return extract(SAMPLES / name)


def heads(doc: Document) -> list[tuple[int, str, str]]:
    return [(h.level, h.number, h.title) for h in doc.headings()]


SUMMARY_OUTLINE = [
    (1, "一、", "集群发展情况"),
    (2, "（一）", cases.LONG_HEADING[3:]),  # ends with 。 and wraps over two lines in the PDF
    (2, "（二）", "集群创新能力持续增强"),
    (1, "二、", "典型案例"),
    (2, "案例一", "集群数字化转型"),
    (2, "案例二", "龙头企业带动产业链协同发展"),
    (1, "三、", "下一步工作计划"),
    (2, "第一部分", "发展目标"),
    (2, "第二部分", "保障措施"),  # its letters spread apart by character spacing
    (1, "四、", "参考资料"),
]


@pytest.mark.parametrize("name", ["outline_cover-wrapped.docx", "outline_cover-split.docx", "outline_cover-wrapped.pdf"])
def test_summary_outline_is_the_same_however_it_was_laid_out(name: str) -> None:
    doc = load(name)
    assert heads(doc) == SUMMARY_OUTLINE
    text = [b.text for b in doc.blocks if not hasattr(b, "rows")]
    assert cases.FORMULA in text and cases.QUOTATION in text  # paragraphs, not headings
    refs = doc.section_blocks(doc.sections[-1])
    assert all(b.kind == "paragraph" for b in refs) and len(refs) == len(cases.REFERENCES)  # wrapped, still one each


@pytest.mark.parametrize("name", ["outline_cover-wrapped.docx", "outline_cover-split.docx", "outline_cover-wrapped.pdf",
                                  "outline_cover-scanned.pdf"])
def test_cover_title_lines_are_one_title_block(name: str) -> None:
    doc = load(name)
    titles = [b for b in doc.blocks if getattr(b, "role", None) == "title"]
    assert len(titles) == 1 and doc.title == titles[0].text == cases.TITLE
    assert name_in_line(doc.title) == cases.CLUSTER  # what the identity check searches the cover for
    assert doc.meta.title == cases.TITLE


def test_case_headings_count_their_own_words() -> None:
    doc = load("outline_cover-wrapped.pdf")
    case = next(s for s in doc.sections if s.number == "案例一")
    assert case.level == 2 and case.heading is not None and case.heading.numbering == "case"
    assert case.words == sum(word_count(p) for p in prose_text(260, seed=904))  # what the generator wrote


def test_hunan_form_printed_to_pdf_keeps_its_hierarchy_and_its_boxes() -> None:
    pdf, docx = load("outline_hunan-prelim.pdf"), load("hunan-2023-prelim_ok.docx")
    assert heads(pdf) == heads(docx)  # 第一部分…第五部分 under 五、; 六、 七、 stay at level 1
    assert [(h[0], h[1]) for h in heads(pdf) if h[1] in ("六、", "七、")] == [(1, "六、"), (1, "七、")]
    items = {o["number"]: o for o in pdf.outline() if "cell" in o}
    expected = {o["number"]: o for o in docx.outline() if "cell" in o}
    assert {"2.8", "3.2", "4.1", "4.2", "5.2"} <= set(items) and set(items) >= set(expected)
    for number, item in expected.items():  # the box runs over two or three pages and is read whole
        assert items[number]["level"] == item["level"] == 2
        assert abs(items[number]["words"] - item["words"]) <= 0.02 * item["words"] + 2, number
    assert [s.words for s in pdf.sections] == pytest.approx([s.words for s in docx.sections], rel=0.01, abs=2)
    assert pdf.title == docx.title == "湖南省产业集群竞赛参赛报告（初赛）"


def test_table_items_sit_under_their_section_and_keep_section_words() -> None:
    doc = load("hunan-2023-prelim_ok.docx")
    outline = doc.outline()
    sections = [o for o in outline if "cell" not in o]
    assert [(o["number"], o["words"]) for o in sections] == [(s.number, s.words) for s in doc.sections if s.heading]
    after = {o["number"]: outline[i - 1]["number"] for i, o in enumerate(outline) if "cell" in o and i}
    assert after["2.8"] == "二、" and after["3.2"] == "三、" and after["4.1"] == "四、" and after["5.2"] == "五、"
    assert next(o for o in outline if o["number"] == "2.8")["words"] == pytest.approx(cases.hunan.Fill().self_report_words, rel=0.1)


def test_handbook_boxes_are_in_the_outline() -> None:
    doc = load("hubei-growth-2020-handbook_ok.docx")
    boxes = [o for o in doc.outline() if "cell" in o]
    assert len(boxes) == 6 and all(o["level"] == 2 and o["words"] > 150 for o in boxes)
    assert any(o["title"].startswith("简述产业集群所在地政府") for o in boxes)
    assert [o["number"] for o in boxes if o["number"]] == ["1、", "2、"]


@pytest.mark.parametrize("name", ["outline_list-numbering.docx", "outline_list-numbering.pdf"])
def test_list_items_between_numbered_headings_are_no_headings(name: str) -> None:
    doc = load(name)
    assert [(h[0], h[2]) for h in heads(doc)] == [(1, "集群基本情况"), (2, "集群规模与结构"), (2, "集群创新情况"),
                                                  (1, "集群发展成效")]


def test_numbers_keep_their_brackets() -> None:
    assert [(n.number, n.label) for n in map(split_number, ["（一）产业", "一、产业", "(一)产业", "1.产业", "第五部分 保障"])
            if n] == [("一", "（一）"), ("一", "一、"), ("一", "(一)"), ("1", "1."), ("五", "第五部分")]
    n = split_number("第五部分保 障措施")  # letters a PDF set apart, read as the words they spell
    assert n is not None and n.title == "保障措施"


@pytest.mark.parametrize("name", ["outline_cover-wrapped.docx", "outline_cover-split.docx", "outline_cover-wrapped.pdf",
                                  "outline_list-numbering.docx", "outline_list-numbering.pdf",
                                  "outline_hunan-prelim.pdf"])
def test_outline_golden(name: str, regen_golden: bool) -> None:
    assert_golden(name.replace(".", "_").replace("-", "_") + "_outline", load(name).outline(), regen_golden)
