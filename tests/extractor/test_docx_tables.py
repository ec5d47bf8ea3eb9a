"""Word tables on their grid: merged cells once, gridBefore, nested tables, frames, tick boxes."""

from __future__ import annotations

import pytest
from docx import Document as open_docx

from extractor.model import Document, Paragraph, Table
from tests.extractor.docx_fixtures import SAMPLES, convert, docx, load, p


@pytest.fixture(scope="module")
def merged() -> Document:
    return load("docx_tables_merged.docx")


def _table(doc: Document, caption_start: str) -> Table:
    return next(t for t in doc.tables() if (t.caption or "").startswith(caption_start))


def test_horizontal_merge_is_one_anchor_cell(merged: Document) -> None:
    t = _table(merged, "表1")
    assert t.caption == "表1 ：重点成长型产业集群规模以上企业业绩数据报表"  # two paragraphs back, past 集群名称
    seal = t.rows[3][1]
    assert (seal.text, seal.row, seal.col, seal.rowspan, seal.colspan) == ("（盖章）\n2021年1月15日", 3, 1, 1, 2)
    assert t.rows[3][2] is seal
    assert t.grid()[3] == ["统计部门意见", "（盖章）\n2021年1月15日", "（盖章）\n2021年1月15日", "经信部门意见",
                           "（盖章）\n2021年1月18日"]
    assert [c.text for c in t.anchors() if c.row == 3] == ["统计部门意见", "（盖章）\n2021年1月15日", "经信部门意见",
                                                         "（盖章）\n2021年1月18日"]


def test_vertical_and_horizontal_header_merges(merged: Document) -> None:
    t = _table(merged, "营业收入排名前十")
    assert t.grid()[:2] == [["企业名称", "主要产品", "营业收入（亿元）", "营业收入（亿元）", "国内市场占有率（%）"],
                            ["企业名称", "主要产品", "2021年", "2022年", "国内市场占有率（%）"]]
    name = t.rows[1][0]
    assert name is t.rows[0][0] and (name.rowspan, name.colspan) == (2, 1)
    assert t.rows[0][2].colspan == 2 and t.rows[3][3].text == "121.3"
    # python-docx's row.cells repeats the merged cells without saying so; the grid says which is which
    raw = open_docx(str(SAMPLES / "docx_tables_merged.docx")).tables[1]
    assert [c.text for c in raw.rows[1].cells][:2] == ["企业名称", "主要产品"]


def test_grid_before_shifts_the_row(merged: Document) -> None:
    t = _table(merged, "表3")
    assert t.n_cols == 4
    assert t.grid()[4] == ["", "说明：自评得分由集群所在地填写", "", ""]
    assert t.rows[4][1].col == 1
    assert t.grid()[1] == ["工作考核指标", "评分细则", "自评", "专家"]


def test_nested_table_is_flattened_into_the_cell(merged: Document) -> None:
    t = _table(merged, "集群服务平台建设情况")
    assert t.rows[1][1].text == "省级\n服务范围\t服务企业户数\n检验检测、工业设计\t126"


def test_table_location_is_the_paragraph_before_it(merged: Document) -> None:
    t = _table(merged, "表1")
    assert t.loc.paragraph == 3  # 集群名称 … line is body paragraph 3


def test_one_by_one_frame_is_text_and_a_table_inside_it_is_a_table() -> None:
    doc = load("docx_frame_table.docx")
    inner = doc.tables()
    assert len(inner) == 1 and inner[0].grid() == [["指标名称", "2021年", "2022年"], ["集群总产值（亿元）", "1280", "1465"]]
    assert inner[0].caption == "集群主要经济指标如下："
    frame_text = [b for b in doc.blocks if isinstance(b, Paragraph) and b.text == "（2500字以内）"]
    assert frame_text and frame_text[0].loc.paragraph == 2


def test_tick_boxes_in_cells_and_paragraphs() -> None:
    doc = load("docx_ticks.docx")
    lines = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "产业集群名称：仙桃非织造布产业集群    产业集群类型：县域☑  其他地区☐" in lines
    assert "申请状态：☑初次申请 ☐再次申请" in lines  # w14:checkbox content controls
    assert "是否纳入地方发展规划：☑是  ☐否" in lines  # legacy FORMCHECKBOX fields
    assert "申报类别：☑先进制造业集群  ☐中小企业特色产业集群" in lines  # Wingdings 2 symbols
    assert "■ 重点支持集群企业开展关键核心技术攻关。" in lines  # a bullet, not a tick
    veto = _table(doc, "表10")
    assert veto.rows[0][1].text.endswith("是☐             否☑")
    awards = _table(doc, "集群促进组织情况")
    assert awards.grid()[1:] == [["单项冠军企业", "☑", ""], ["专精特新“小巨人”企业", "", "☑"]]


def test_vertical_merge_that_does_not_line_up_starts_a_new_cell() -> None:
    rows = ('<w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>'
            '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr>')
    tbl = f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>"
    t = convert(docx(p("表") + tbl)).tables()[0]
    assert t.grid() == [["A", "B"], ["C", "C"]] and t.rows[1][0].colspan == 2


def test_legacy_hmerge_and_short_rows_are_padded() -> None:
    rows = ('<w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc>'
            '<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>19</w:t></w:r></w:p></w:tc></w:tr>'
            '<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>')
    t = convert(docx(f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>")).tables()[0]
    assert t.grid() == [["合计", "合计", "19"], ["x", "", ""]]
    assert t.rows[0][0].colspan == 2 and t.loc.paragraph is None


def test_checkbox_control_inside_a_cell() -> None:
    box = ('<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr>'
           '<w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt>')
    cell = f'<w:tc><w:p><w:r><w:t xml:space="preserve">是</w:t></w:r>{box}<w:r><w:t xml:space="preserve"> 否☐</w:t></w:r></w:p></w:tc>'
    tbl = f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>一票否决</w:t></w:r></w:p></w:tc>{cell}</w:tr></w:tbl>"
    assert convert(docx(tbl)).tables()[0].grid() == [["一票否决", "是☑ 否☐"]]
