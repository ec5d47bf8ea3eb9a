"""Ruled PDF tables: merged cells from cell boxes, tables continued over pages joined."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extractor import ticks
from extractor.base import DEFAULT_LIMITS
from extractor.model import Cell, Document, Location, Table
from extractor.pdf_parser import PdfParser
from extractor.pdf_tables import PlumberPages, continues, find_tables, join, scan_objects
from extractor.sniff import sniff


@pytest.fixture(scope="module")
def report(samples_dir: Path) -> Document:
    path = samples_dir / "pdf_text_report.pdf"
    return PdfParser().convert(sniff(path.read_bytes(), path.name), DEFAULT_LIMITS)


def test_three_tables_found(report: Document) -> None:
    assert [(t.loc.page, t.n_rows, t.n_cols) for t in report.tables()] == [(4, 6, 4), (7, 29, 4), (10, 3, 2)]


def test_merged_cells_rebuilt_from_boxes(report: Document) -> None:
    t = report.tables()[0]
    assert t.caption == "表1 集群主要经济指标"
    assert t.grid()[:3] == [["指标名称", "年度数据", "年度数据", "增幅（%）"],
                            ["指标名称", "2022年", "2023年", "增幅（%）"],
                            ["集群总产值（亿元）", "512.6", "563.9", "10.0"]]
    merges = [(c.row, c.col, c.rowspan, c.colspan) for c in t.anchors() if c.rowspan > 1 or c.colspan > 1]
    assert merges == [(0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1)]
    assert t.rows[1][0] is t.rows[0][0]  # every covered position holds the anchor


def test_table_continued_over_two_page_breaks_is_joined(report: Document) -> None:
    t = report.tables()[1]
    assert t.caption == "表2 集群骨干企业营业收入情况"
    assert t.grid()[0] == ["序号", "企业名称", "主要产品", "营业收入（亿元）"]
    assert [row[0] for row in t.grid()[1:]] == [str(n) for n in range(1, 29)]
    assert t.grid()[9][1] == "十堰正和09汽车零部件有限公司"  # "09" without the gap pdfium reports
    assert all(c.row == r and c.col == k for r, row in enumerate(t.rows) for k, c in enumerate(row))


def test_table_lines_are_not_paragraphs(report: Document) -> None:
    assert not any("有限公司" in p.text for p in report.blocks if not isinstance(p, Table))


def test_edges_from_pdfium_match_pdfplumber(samples_dir: Path) -> None:
    """The cell boxes built from pdfium's paths are pdfplumber's own, on every ruled page."""
    path = samples_dir / "pdf_text_report.pdf"
    pdf = pdfium.PdfDocument(path)
    plumber = PlumberPages(path.read_bytes())
    with pdfplumber.open(path) as ref:
        for index in (3, 6, 7, 8, 9):
            page = pdf[index]
            textpage = page.get_textpage()
            ours = find_tables(page, textpage, scan_objects(page), index + 1, plumber)
            theirs = ref.pages[index].find_tables()
            assert len(ours) == len(theirs) > 0
            for a, b in zip(ours, theirs, strict=True):
                assert a.box == pytest.approx(b.bbox, abs=0.5)
                assert len(a.table.anchors()) == len(b.cells)
                expected = [ticks.normalize("".join(t.split())) for row in b.extract() for t in row if t is not None]
                assert ["".join(c.text.split()) for c in a.table.anchors()] == expected
            assert [len(c) for c in plumber.cells(index)] == [len(t.table.anchors()) for t in ours]
    plumber.close()
    pdf.close()


def test_text_pages_have_no_edges(samples_dir: Path) -> None:
    pdf = pdfium.PdfDocument(samples_dir / "pdf_text_report.pdf")
    objects = scan_objects(pdf[2])
    assert objects.edges == [] and objects.image_area == 0.0 and not objects.has_forms
    pdf.close()


def _table(rows: list[list[str]], page: int) -> Table:
    return Table(rows=[[Cell(t, r, c) for c, t in enumerate(row)] for r, row in enumerate(rows)],
                 loc=Location(page=page))


def test_join_drops_a_repeated_header_row() -> None:
    a = _table([["序号", "名称"], ["1", "甲"]], 3)
    b = _table([["序号", "名称"], ["2", "乙"]], 4)
    assert continues(a, 3, b)
    joined = join(a, b)
    assert joined.grid() == [["序号", "名称"], ["1", "甲"], ["2", "乙"]]
    assert joined.rows[2][1].row == 2 and joined.loc.page == 3


def test_join_glues_a_row_broken_by_the_page() -> None:
    a = _table([["序号", "名称", "产品"], ["1", "十堰汉江汽车零部件有限公", "车桥"]], 3)
    b = _table([["", "司", ""], ["2", "十堰鑫源汽车零部件有限公司", "变速箱"]], 4)
    joined = join(a, b)
    assert joined.grid() == [["序号", "名称", "产品"], ["1", "十堰汉江汽车零部件有限公司", "车桥"],
                             ["2", "十堰鑫源汽车零部件有限公司", "变速箱"]]


def test_join_keeps_rows_with_an_empty_first_cell_of_their_own() -> None:
    a = _table([["指标", "2022年", "2023年"], ["营业收入", "10", "12"]], 3)
    b = _table([["", "其中：出口", "3"], ["利润", "1", "2"]], 4)
    assert join(a, b).n_rows == 4  # "其中" row is a row of its own: its 2022 cell is no continuation


def test_tables_on_far_pages_or_of_other_widths_are_separate() -> None:
    a = _table([["a", "b"]], 3)
    assert not continues(a, 3, _table([["a", "b", "c"]], 4))
    assert not continues(a, 3, _table([["a", "b"]], 5))


def _grid_pdf(style: str) -> bytes:
    """A 3×3 ruled table drawn the ways producers draw them: one path for the whole grid, thin
    filled rectangles (Word), or everything inside a form XObject."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    xs, ys = [72, 200, 330, 460], [700, 670, 640, 610]

    def draw() -> None:
        if style == "rects":
            for y in ys:
                c.rect(xs[0], y - 0.25, xs[-1] - xs[0], 0.5, stroke=0, fill=1)
            for x in xs:
                c.rect(x - 0.25, ys[-1], 0.5, ys[0] - ys[-1], stroke=0, fill=1)
        else:
            p = c.beginPath()
            for y in ys:
                p.moveTo(xs[0], y)
                p.lineTo(xs[-1], y)
            for x in xs:
                p.moveTo(x, ys[0])
                p.lineTo(x, ys[-1])
            c.drawPath(p, stroke=1, fill=0)
        c.setFont("STSong-Light", 12)
        for r, row in enumerate([["指标", "2022年", "2023年"], ["营业收入", "10", "12"], ["利润", "1", "2"]]):
            for k, text in enumerate(row):
                c.drawString(xs[k] + 4, ys[r] - 20, text)

    if style == "form":
        c.beginForm("grid")
        draw()
        c.endForm()
        c.doForm("grid")
    elif style == "rotated":  # drawn sideways on a portrait page that /Rotate 90 turns for reading
        c.translate(595, 0)
        c.rotate(90)
        c.translate(0, -200)
        draw()
    else:
        draw()
    c.save()
    if style != "rotated":
        return buf.getvalue()
    pdf = pdfium.PdfDocument(buf.getvalue())
    pdf[0].set_rotation(90)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("style", ["path", "rects", "form", "rotated"])
def test_ruled_table_however_drawn(style: str) -> None:
    doc = PdfParser().convert(sniff(_grid_pdf(style), "grid.pdf"), DEFAULT_LIMITS)
    [table] = doc.tables()
    assert table.grid() == [["指标", "2022年", "2023年"], ["营业收入", "10", "12"], ["利润", "1", "2"]]
    assert doc.blocks == [table]
