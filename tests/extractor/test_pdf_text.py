"""PDFs with a text layer: headings by number, typeface and bookmark; paragraphs; furniture; errors."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractor import extract
from extractor.base import DEFAULT_LIMITS, ExtractError, Limits
from extractor.counting import count
from extractor.model import Document, Heading, Paragraph, Table
from extractor.pdf_layout import Bookmark, PageContent, build_blocks
from extractor.pdf_lines import Line, is_page_number, is_toc_line, join_text, mark_furniture, read_lines
from extractor.pdf_parser import PdfParser, page_ranges
from extractor.sniff import sniff
from samples.builder import prose_text

CLUSTER = "十堰商用车及部件创新型产业集群"
RUNNING_HEADER = f"{CLUSTER}2023年度绩效评价工作总结"


def convert(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    return PdfParser().convert(sniff(path.read_bytes(), path.name), limits)


@pytest.fixture(scope="module")
def report(samples_dir: Path) -> Document:
    return convert(samples_dir / "pdf_text_report.pdf")


@pytest.fixture(scope="module")
def bookmarked(samples_dir: Path) -> Document:
    return convert(samples_dir / "pdf_bookmarks.pdf")


def test_accepts_only_pdf(samples_dir: Path) -> None:
    parser = PdfParser()
    assert parser.accepts(sniff((samples_dir / "pdf_text_report.pdf").read_bytes(), "a.pdf"))
    assert not parser.accepts(sniff(b"PK\x03\x04junk", "a.pdf"))


def test_meta(report: Document) -> None:
    m = report.meta
    assert (m.format, m.pages, m.scanned, m.ocr_engine) == ("pdf", 10, False, None)
    assert m.producer and m.producer.startswith("LibreOffice")
    assert report.notices == []


def test_gongwen_headings_found_by_number_and_typeface(report: Document) -> None:
    heads = [(h.level, h.value, h.title) for h in report.headings()]
    assert heads[:3] == [(1, "一", "集群基本情况"), (2, "一", "发展现状"), (2, "二", "主要经济指标")]
    assert [h.title for h in report.headings() if h.level == 1] == [
        "集群基本情况", "主要做法与成效", "骨干企业情况", "存在问题及下一步工作", "申报承诺"]
    assert all(h.signal == "font" for h in report.headings())  # 黑体/楷体 against the 仿宋 body
    assert report.headings()[0].loc.page == 3


def test_heading_wrapped_over_two_lines_is_joined(report: Document) -> None:
    long = [h for h in report.headings() if h.title.startswith("推动整车企业")]
    assert len(long) == 1
    assert long[0].title == "推动整车企业与零部件企业协同创新，构建自主可控的商用车产业链供应链体系"
    assert long[0].level == 2 and long[0].numbering == "chinese-paren"


def test_numbered_list_items_stay_inside_their_section(report: Document) -> None:
    section = next(s for s in report.sections if s.title == "主要做法与成效")
    items = [b for b in report.section_blocks(section) if isinstance(b, Paragraph) and b.text[:2] in ("1.", "2.", "3.")]
    assert [b.text[:2] for b in items] == ["1.", "2.", "3."]
    assert items[0].text.endswith("协调解决企业发展中的实际困难。")  # wrapped item joined, no break
    assert not any(isinstance(b, Heading) and b.numbering == "arabic" for b in report.blocks)


def test_furniture_is_not_body_text(report: Document) -> None:
    furniture = [p.text for p in report.furniture]
    assert furniture.count(RUNNING_HEADER) == 9  # every page but the cover
    assert [t for t in furniture if t.startswith("- ")] == [f"- {n} -" for n in range(2, 11)]
    assert "目 录" in furniture and sum(is_toc_line(t) for t in furniture) == 5
    body = report.text()
    # the running header repeats the cover's title, which is read once, as the title block
    assert body.count(RUNNING_HEADER) == 1 and "......" not in body and "- 3 -" not in body


def test_paragraphs_rebuilt_from_lines(report: Document) -> None:
    paras = [b for b in report.blocks if isinstance(b, Paragraph)]
    assert all("\n" not in p.text for p in paras)
    # the cover's two title lines are one title block, with no space invented before 年
    assert (paras[0].text, paras[0].role) == (f"{CLUSTER}2023年度绩效评价工作总结", "title")
    assert report.title == report.meta.title == f"{CLUSTER}2023年度绩效评价工作总结"
    first_body = report.section_blocks(report.sections[2])[0]
    assert isinstance(first_body, Paragraph) and len(first_body.text) > 150  # 8 lines, one paragraph
    assert first_body.loc.page == 3 and first_body.loc.line == 4


def test_text_and_word_count_match_the_source(report: Document) -> None:
    section = next(s for s in report.sections if s.title == "发展现状")
    written = prose_text(500, seed=11)  # what samples/gen/pdf_samples.py put under this heading
    assert [b.text for b in report.section_blocks(section)] == written
    assert section.counts == count("".join(written))


def test_tick_boxes_normalised(report: Document) -> None:
    veto = report.tables()[-1]
    assert veto.grid()[1] == ["重大安全生产事故", "☐是 ☑否"]


def test_bookmarks_make_unnumbered_headings(bookmarked: Document) -> None:
    heads = [(h.level, h.title, h.signal) for h in bookmarked.headings()]
    assert heads == [(1, "集群发展基础", "bookmark"), (2, "产业规模", "bookmark"), (2, "创新资源", "bookmark"),
                     (1, "发展目标", "bookmark"), (1, "重点任务", "bookmark"), (2, "强链补链", "bookmark"),
                     (2, "数字化转型", "bookmark"), (1, "保障措施", "bookmark")]
    assert isinstance(bookmarked.blocks[0], Paragraph)  # the document title is not a section


def test_line_fonts_tell_heading_from_body(samples_dir: Path) -> None:
    pdf = pdfium.PdfDocument(samples_dir / "pdf_text_report.pdf")
    page = pdf[2]
    lines = read_lines(page, page.get_textpage(), 3)
    by_text = {ln.text: ln for ln in lines}
    h1, h2 = by_text["一、集群基本情况"], by_text["（一）发展现状"]
    body = lines[4]
    assert len({h1.font, h2.font, body.font}) == 3
    assert h1.size == body.size == 14.0 and not body.bold
    assert [ln.number for ln in lines] == list(range(1, len(lines) + 1))
    pdf.close()


def test_encrypted_pdf_is_f002(samples_dir: Path) -> None:
    with pytest.raises(ExtractError) as e:
        convert(samples_dir / "pdf_encrypted.pdf")
    assert e.value.code == "F002" and "加密" in e.value.message


def test_owner_password_only_is_read(samples_dir: Path) -> None:
    doc = convert(samples_dir / "pdf_owner_locked.pdf")
    assert [h.title for h in doc.headings()] == ["集群基本情况"]


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj garbage", b"%PDF-1.7\n" + b"\x00" * 500])
def test_damaged_pdf_is_f001(data: bytes) -> None:
    with pytest.raises(ExtractError) as e:
        PdfParser().convert(sniff(data, "bad.pdf"), DEFAULT_LIMITS)
    assert e.value.code == "F001"


def test_truncated_pdf_is_read_or_f001(samples_dir: Path) -> None:
    data = (samples_dir / "pdf_text_report.pdf").read_bytes()
    try:
        doc = PdfParser().convert(sniff(data[: len(data) // 2], "half.pdf"), DEFAULT_LIMITS)
    except ExtractError as e:
        assert e.code in ("F001", "F004")
    else:
        assert doc.meta.pages is not None


def test_too_many_pages_is_f005(samples_dir: Path) -> None:
    with pytest.raises(ExtractError) as e:
        convert(samples_dir / "pdf_text_report.pdf", Limits(max_pages=5))
    assert e.value.code == "F005" and e.value.detail == {"limit": "max_pages", "actual": 10, "expected": 5}


@pytest.mark.parametrize("name", ["pdf_scanned_report.pdf", "pdf_garbage_text.pdf"])
def test_no_text_layer_and_ocr_off_is_f004_error(samples_dir: Path, name: str) -> None:
    with pytest.raises(ExtractError) as e:
        convert(samples_dir / name, Limits(ocr=False))
    assert e.value.code == "F004" and "OCR 已关闭" in e.value.message


@pytest.mark.parametrize("text", ["- 3 -", "—12—", "第3页", "第 3 页 共 46 页", "3/46", "7", "Page 2 of 9"])
def test_page_number_patterns(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2023年", "3.5亿元", "一、集群基本情况", "第三部分"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def _line(text: str, page: int, top: float, x0: float = 80, x1: float = 515, font: str = "FangSong",
          size: float = 16, number: int = 0) -> Line:
    return Line(text=text, page=page, x0=x0, top=top, x1=x1, bottom=top + size, font=font, size=size,
                number=number)


def test_repeated_header_and_page_footer_marked() -> None:
    pages = [[_line("某某集群工作总结", p, 40, size=9), _line("正文" * 12, p, 120), _line(f"第{p}页", p, 800)]
             for p in (1, 2, 3)]
    mark_furniture(pages, [842.0] * 3)
    assert [[ln.furniture for ln in page] for page in pages] == [[True, False, True]] * 3


def test_body_lines_in_the_band_are_kept_when_they_do_not_repeat() -> None:
    pages = [[_line(f"正文第{p}段开头" * 3, p, 60), _line("正文" * 12, p, 120)] for p in (1, 2, 3)]
    pages[1][0].text = "完全不同的一行文字内容"
    mark_furniture(pages, [842.0] * 3)
    assert not pages[1][0].furniture


def test_build_blocks_indent_starts_paragraph_and_list_items_do_not_break_sections() -> None:
    lines = [
        _line("一、总体情况", 1, 100, x0=112, x1=220, font="SimHei"),
        _line("集群持续推进关键核心技术攻关，取得明显成效。全年实现营业收入", 1, 128, x0=112),
        _line("五百亿元，同比增长百分之十二。", 1, 156, x1=320),
        _line("1.建立集群工作专班，由管委会主要负责同志牵头，每月召开一次", 1, 184, x0=112),
        _line("调度会议。", 1, 212, x1=160),
        _line("2.设立集群发展专项资金。", 1, 240, x0=112, x1=330),
        _line("（一）推动整车企业与零部件企业协同创新，构建自主可控的商用", 1, 268, x0=112, font="KaiTi"),
        _line("车产业链供应链体系", 1, 296, x1=260, font="KaiTi"),
        _line("园区重点支持知识产权保护。", 1, 324, x0=112, x1=330),
    ]
    for k, ln in enumerate(lines, 1):
        ln.number = k
    blocks = build_blocks([PageContent(1, lines)], [])
    kinds = [(type(b).__name__, b.text) for b in blocks if not isinstance(b, Table)]
    assert kinds == [
        ("Heading", "一、总体情况"),
        ("Paragraph", "集群持续推进关键核心技术攻关，取得明显成效。全年实现营业收入五百亿元，同比增长百分之十二。"),
        ("Paragraph", "1.建立集群工作专班，由管委会主要负责同志牵头，每月召开一次调度会议。"),
        ("Paragraph", "2.设立集群发展专项资金。"),
        ("Heading", "（一）推动整车企业与零部件企业协同创新，构建自主可控的商用车产业链供应链体系"),
        ("Paragraph", "园区重点支持知识产权保护。"),
    ]
    assert [b.level for b in blocks if isinstance(b, Heading)] == [1, 2]
    assert blocks[2].loc.line == 4


def _attachment_list(font: str) -> list[Line]:
    items = ["1.集群促进机构组建文件", "2.2023年度集群统计报表", "3.典型案例佐证材料"]
    lines = [_line("十一、相关附件", 1, 100, x0=112, x1=240, font="SimHei")]
    lines += [_line(t, 1, 128 + 28 * k, x0=112, x1=330, font=font) for k, t in enumerate(items)]
    lines.append(_line("十二、真实性声明", 1, 240, x0=112, x1=260, font="SimHei"))
    return lines


def test_pdf_one_line_numbered_list_items_are_not_headings() -> None:
    """Short 1. 2. 3. lines in the body typeface, one after another, are a list (as in Word); the
    same lines in a heading typeface stay headings."""
    body = [_line("集群持续推进关键核心技术攻关，取得明显成效。全年实现营业收入", 1, 268 + 28 * k, x0=112 if k == 0 else 80)
            for k in range(5)]
    listed = build_blocks([PageContent(1, [*_attachment_list("FangSong"), *body])], [])
    assert [(type(b).__name__, b.text) for b in listed][:5] == [
        ("Heading", "十一、相关附件"), ("Paragraph", "1.集群促进机构组建文件"),
        ("Paragraph", "2.2023年度集群统计报表"), ("Paragraph", "3.典型案例佐证材料"), ("Heading", "十二、真实性声明")]
    headed = build_blocks([PageContent(1, [*_attachment_list("KaiTi"), *body])], [])
    assert [(b.level, b.value) for b in headed if isinstance(b, Heading)] == [(1, "十一"), (2, "1"), (2, "2"), (2, "3"), (1, "十二")]


def test_pdf_outline_agrees_with_the_docx_it_was_printed_from(samples_dir: Path) -> None:
    pdf = convert(samples_dir / "bench_45pages.pdf")
    docx = extract(samples_dir / "bench_45pages.docx")

    def heads(d: Document) -> list[tuple[int, str, str]]:
        return [(h.level, h.value, h.title) for h in d.headings()]

    assert heads(pdf) == heads(docx)
    assert (2, "1", "集群主导产业四链融合模式") in heads(pdf)  # a heading typeface keeps 1. a heading
    assert heads(pdf)[-1] == (1, "十一", "相关附件")


def test_paragraph_continues_on_next_page_without_indent() -> None:
    lines = [[_line("集群持续推进关键核心技术攻关，取得明显成效。全年实现营业收入", 1, 700, x0=112, number=1)],
             [_line("五百亿元，同比增长百分之十二。", 2, 100, x1=320, number=1),
              _line("园区重点支持知识产权保护。", 2, 128, x0=112, x1=330, number=2)]]
    blocks = build_blocks([PageContent(1, lines[0]), PageContent(2, lines[1])], [])
    assert [b.text for b in blocks] == ["集群持续推进关键核心技术攻关，取得明显成效。全年实现营业收入五百亿元，同比增长百分之十二。",
                                        "园区重点支持知识产权保护。"]


def test_bold_run_in_lead_is_not_a_heading() -> None:
    # read_lines takes a line's typeface from its last Chinese glyph: the 黑体 lead does not show
    first = _line("一是加强组织领导。成立由管委会主任任组长的工作专班，统筹推", 1, 100, x0=112)
    lines = [_line("一、总体情况", 1, 72, x0=112, x1=220, font="SimHei"), first,
             _line("进集群建设各项工作。", 1, 128, x1=250)]
    blocks = build_blocks([PageContent(1, lines)], [])
    assert [type(b).__name__ for b in blocks] == ["Heading", "Paragraph"]


def test_bookmark_titles_on_their_page() -> None:
    lines = [_line("发展目标", 1, 100, x0=112, x1=200), _line("到2026年集群营业收入突破千亿元。", 1, 128, x0=112, x1=400)]
    blocks = build_blocks([PageContent(1, lines)], [Bookmark("发展目标", 0, 1), Bookmark("保障措施", 0, 2)])
    assert isinstance(blocks[0], Heading) and blocks[0].signal == "bookmark" and blocks[0].level == 1


def test_join_text_and_page_ranges() -> None:
    assert join_text("营业收入", "五百亿元") == "营业收入五百亿元"
    assert join_text("annual", "report") == "annual report"
    assert page_ranges([1, 2, 3, 5, 7, 8]) == "1–3、5、7–8"


def _mixed_pdf(samples_dir: Path) -> bytes:
    """A text report with one scanned page added at the end, as applicants attach a signed page."""
    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(samples_dir / "pdf_text_report.pdf"), [2, 3])
    out.import_pages(pdfium.PdfDocument(samples_dir / "pdf_scanned_report.pdf"), [1])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def test_scanned_page_with_ocr_off_is_a_warning_when_other_pages_have_text(samples_dir: Path) -> None:
    doc = PdfParser().convert(sniff(_mixed_pdf(samples_dir), "mixed.pdf"), Limits(ocr=False))
    assert doc.meta.scanned and doc.meta.ocr_pages == [] and doc.meta.ocr_engine is None
    [notice] = doc.notices
    assert (notice.code, notice.severity, notice.detail["pages"]) == ("F004", "warning", [3])
    assert "第3页无可用文字层" in notice.message and "OCR 已关闭" in notice.message
    assert doc.headings()[0].title == "集群基本情况"
