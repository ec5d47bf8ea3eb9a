"""Ruled PDF tables: merged cells from cell boxes, tables continued over pages joined."""

from __future__ import annotations

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
