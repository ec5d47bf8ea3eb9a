"""Workbooks: a Heading per visible sheet, the form's text rows as Paragraphs, the grid as a Table."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from extractor import Document, ExtractError, Heading, Paragraph, Table, extract
from extractor.sniff import sniff
from extractor.xlsx_parser import XlsxParser, display_text
from samples.wordml import repack


@pytest.fixture(scope="module")
def stats(samples_dir: Path) -> Document:
    return extract(samples_dir / "stats_table.xlsx")


def _xlsx(build) -> bytes:
    wb = Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _edit_member(data: bytes, name: str, edit: Callable[[bytes], bytes]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read(name)
    return repack(data, replace={name: edit(body)})


def test_parser_accepts_sniffed_xlsx_only(samples_dir: Path) -> None:
    parser = XlsxParser()
    assert parser.accepts(sniff((samples_dir / "stats_table.xlsx").read_bytes(), "a.xlsx"))
    assert not parser.accepts(sniff((samples_dir / "legacy_report.docx").read_bytes(), "a.xlsx"))


def test_visible_sheets_with_content_become_sections(stats: Document) -> None:
    heads = stats.headings()
    assert [(h.text, h.level, h.signal) for h in heads] == [("统计报表", 1, "sheet"), ("附：创新服务机构名单", 1, "sheet")]
    assert [s.title for s in stats.sections] == ["统计报表", "附：创新服务机构名单"]  # hidden and empty sheets skipped
    assert stats.meta.format == "xlsx"
    assert stats.meta.title == "2024年度创新型产业集群统计报表"


def test_form_rows_around_the_grid_are_paragraphs(stats: Document) -> None:
    kinds = [(type(b).__name__, b.loc.sheet, b.loc.cell) for b in stats.blocks[:5]]
    assert kinds == [("Heading", "统计报表", None), ("Paragraph", "统计报表", "A1"), ("Paragraph", "统计报表", "A2"),
                     ("Table", "统计报表", "A3"), ("Paragraph", "统计报表", "A29")]
    title, unit, table, sign = stats.blocks[1:5]
    assert isinstance(title, Paragraph) and title.text == "2024年度创新型产业集群统计报表"
    assert isinstance(unit, Paragraph) and unit.text == "集群单位名称：十堰商用车及部件创新型产业集群"
    assert isinstance(table, Table) and table.caption == "2024年度创新型产业集群统计报表"
    assert isinstance(sign, Paragraph) and sign.text.startswith("依托单位名称（盖公章）")


def test_grid_resolves_merges_and_shows_values_as_excel_does(stats: Document) -> None:
    table = stats.tables()[0]
    grid = table.grid()
    assert grid[0] == ["指标名称", "指标名称", "计量单位", "数量"]
    assert table.rows[0][0] is table.rows[0][1]
    assert (table.rows[0][0].rowspan, table.rows[0][0].colspan) == (1, 2)
    assert grid[1] == ["一、集群企业数量", "一、集群企业数量", "-", ""]
    assert grid[2] == ["集群企业总数", "集群企业总数", "家", "386"]
    assert grid[3] == ["", "其中：高新技术企业", "家", "142"]
    rows = {r[1]: r[3] for r in grid}
    assert rows["工业总产值"] == "13,586,420.50"
    assert rows["博士"] == "318"
    assert table.n_rows == 26 and table.n_cols == 4


def test_formula_without_a_saved_result_shows_the_formula(stats: Document) -> None:
    names = stats.tables()[1]
    assert names.grid()[0] == ["序号", "机构名称", "类别", "级别"]
    assert names.grid()[-1] == ["合计", "", "", "=COUNTA(B2:B9)"]


def test_cached_formula_results_are_used() -> None:
    data = _xlsx(lambda wb: (wb.active.append(["a", "b"]), wb.active.append([1, 2]), wb.active.append([3, "=A2+B2"])))
    # Put a cached value in the sheet XML the way Excel saves it.
    data = _edit_member(data, "xl/worksheets/sheet1.xml",
                        lambda b: b.replace(b"<f>A2+B2</f><v></v>", b"<f>A2+B2</f><v>3</v>"))
    doc = extract(data, "cached.xlsx")
    assert doc.tables()[0].grid()[-1] == ["3", "3"]


def test_a_one_column_list_stays_a_table() -> None:
    doc = extract(_xlsx(lambda wb: [wb.active.append([n]) for n in ("集群名称", "十堰", "襄阳", "荆门")]), "名单.xlsx")
    assert [type(b) for b in doc.blocks] == [Heading, Table]
    assert doc.tables()[0].grid() == [["集群名称"], ["十堰"], ["襄阳"], ["荆门"]]


def test_title_wider_than_the_grid_leaves_no_empty_columns() -> None:
    def build(wb: Workbook) -> None:
        ws = wb.active
        ws["A1"] = "表1 绩效数据"
        ws.merge_cells("A1:F1")
        ws.append(["指标", "2022年"])
        ws.append(["营业收入", 12.5])
        ws.append(["增幅", 0.125])
        ws["B4"].number_format = "0.0%"

    doc = extract(_xlsx(build), "表1.xlsx")
    table = doc.tables()[0]
    assert table.caption == "表1 绩效数据"
    assert table.grid() == [["指标", "2022年"], ["营业收入", "12.5"], ["增幅", "12.5%"]]
    assert table.loc.cell == "A2"


@pytest.mark.parametrize(("value", "fmt", "text"), [
    (None, "General", ""),
    ("  其中：规上企业 ", "General", "其中：规上企业"),
    (386, "General", "386"),
    (12.0, "General", "12"),
    (0.1 + 0.2, "General", "0.3"),
    (0.125, "0.0%", "12.5%"),
    (0.5, "0%", "50%"),
    (1234567.891, "#,##0.00", "1,234,567.89"),
    (3.14159, "0.00", "3.14"),
    (-2.5, '0.00_);[Red](0.00)', "-2.50"),
    (True, "General", "TRUE"),
    (dt.datetime(2024, 3, 15), "yyyy-mm-dd", "2024-03-15"),
    (dt.datetime(2024, 3, 15, 9, 30), "yyyy-mm-dd hh:mm", "2024-03-15 09:30"),
    (dt.date(2024, 3, 15), "yyyy-mm-dd", "2024-03-15"),
])
def test_display_text(value: object, fmt: str, text: str) -> None:
    assert display_text(value, fmt) == text


def test_empty_workbook_has_no_blocks() -> None:
    doc = extract(_xlsx(lambda wb: None), "空.xlsx")
    assert doc.blocks == []


def test_dtd_in_a_part_is_refused(samples_dir: Path) -> None:
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
    data = _edit_member((samples_dir / "stats_table.xlsx").read_bytes(), "xl/worksheets/sheet1.xml", lambda b: dtd + b)
    with pytest.raises(ExtractError) as err:
        extract(data, "laughs.xlsx")
    assert err.value.code == "F001"
    assert "实体" in err.value.message


def test_zip_bomb_sheet_is_refused_before_inflating() -> None:
    data = _edit_member(_xlsx(lambda wb: wb.active.append(["x"])), "xl/worksheets/sheet1.xml",
                        lambda b: b.replace(b"</sheetData>", b"</sheetData>" + b" " * (8 << 20)))
    with pytest.raises(ExtractError) as err:
        extract(data, "bomb.xlsx")
    assert err.value.code == "F005"


def test_stray_cell_far_away_is_over_limit() -> None:
    def build(wb: Workbook) -> None:
        wb.active["A1"] = "指标"
        wb.active["ZZ9000"] = "x"

    with pytest.raises(ExtractError) as err:
        extract(_xlsx(build), "远.xlsx")
    assert err.value.code == "F005"


def test_damaged_workbook_is_f001(samples_dir: Path) -> None:
    data = _edit_member((samples_dir / "stats_table.xlsx").read_bytes(), "xl/workbook.xml", lambda b: b[: len(b) // 2])
    with pytest.raises(ExtractError) as err:
        extract(data, "坏.xlsx")
    assert err.value.code == "F001"
