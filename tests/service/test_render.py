"""service.render and service.web.bars on real sample reports: the printable page, the workbook, the bars."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest

from checkers.findings import ClusterResult, Finding, FindingLocation, Report
from service.pipeline import check_source
from service.render import render_html, render_xlsx, safe_cell
from service.web.bars import checklist, length_bars

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "files"
NAMES = ["hubei-2023-summary_short-section.docx", "hunan-2023-final_growth-wrong.docx",
         "hubei-2024-summary_too-long.docx", "hubei-2023-summary_missing-section.docx",
         "hubei-2024-summary_ok.docx", "hunan-2023-final_long-self-report.docx"]


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {n.split(".")[0]: check_source(SAMPLES / n, n, isolated=False) for n in NAMES}


def hostile() -> Report:
    """A report whose text a spreadsheet or a browser would execute if it were not escaped."""
    f = Finding(code="T004", severity="error", target="=1+2", message="<script>alert(1)</script>",
                location=FindingLocation(section="二、集群情况", table="表1", row=3, column=2, page=4),
                expected="+86 10", actual="-5", rule="@rule")
    return Report(file="=HYPERLINK(\"http://x\")", sha256="0" * 64, template=None, findings=[f],
                  cluster=ClusterResult(found="@集群", status="unmatched")).finalise()


def test_html_has_verdict_cluster_card_and_findings_with_locations(reports: dict[str, Report]) -> None:
    r = reports["hunan-2023-final_growth-wrong"]
    html = render_html(r)
    assert html.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in html
    assert "结论：通过（有警告）" in html and 'class="cc-banner cc-warn"' in html
    matched = r.cluster.matched
    assert matched is not None
    assert "集群名单核对" in html and r.cluster.found in html and matched.name in html
    f = r.findings[0]
    assert f.code == "T005" and f.message in html
    assert "表 2.4集群创新情况" in html and "第3行 第4列" in html
    assert f"<h3 class=\"cc-group-title\">{f.location.section}</h3>" in html
    assert "要求 <b>20.42</b> · 实际 <b>2.04</b>" in html


def test_standalone_is_self_contained_and_printable(reports: dict[str, Report]) -> None:
    html = render_html(reports["hubei-2023-summary_short-section"])
    assert "<style>" in html and "@media print" in html and "@page" in html
    assert '"Noto Sans CJK SC"' in html and '"WenQuanYi Zen Hei"' in html
    assert not re.search(r"<(link|script|img)\b", html)  # nothing fetched: it opens from a mail attachment


def test_fragment_is_only_the_report_body(reports: dict[str, Report]) -> None:
    body = render_html(reports["hubei-2023-summary_short-section"], standalone=False)
    assert body.lstrip().startswith("<article") and "<html" not in body and "<style" not in body


def test_html_escapes_submitted_text() -> None:
    html = render_html(hostile())
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "结论：不通过" in html and "第4页" in html


def test_missing_section_is_listed_in_the_outline_checklist(reports: dict[str, Report]) -> None:
    r = reports["hubei-2023-summary_missing-section"]
    c = checklist(r)
    assert [f.code for f in c.missing] == ["O001"]
    assert "缺少：集群金融创新发展情况" in render_html(r)


def test_section_bar_carries_limit_and_status(reports: dict[str, Report]) -> None:
    bars = {b.label: b for b in length_bars(reports["hubei-2023-summary_short-section"])}
    short = bars["二、集群企业发展情况"]
    assert (short.words, short.lo, short.hi, short.status, short.tone) == (1610, 2000, None, "short", "bad")
    assert short.requirement == "不少于2000字" and 0 < short.fill_pct < short.lo_pct < 100
    passed = bars["三、集群产业发展情况"]
    assert passed.status == "ok" and passed.words is not None and passed.words >= 2000
    plain = bars["一、集群总体情况"]
    assert plain.status == "none" and not plain.has_limit and plain.words == 738


def test_document_bar_draws_what_the_checker_counted(reports: dict[str, Report]) -> None:
    """The bar is the report's measure: the same 字数 the finding names, never a recount."""
    r = reports["hubei-2024-summary_too-long"]
    fired = next(f for f in r.findings if f.code == "L003")
    measured = next(m for m in r.measures if m.rule == fired.rule)
    assert measured.value == fired.actual and measured.status == "long"
    bar = next(b for b in length_bars(r) if b.scope == "document")
    assert (bar.words, bar.lo, bar.hi, bar.status, bar.tone) == (fired.actual, 2800, 4200, "long", "warn")
    ok = next(b for b in length_bars(reports["hubei-2024-summary_ok"]) if b.scope == "document")
    assert ok.status == "ok" and ok.words is not None and 2800 <= ok.words <= 4200


def test_cell_limits_show_what_was_counted_passing_or_not(reports: dict[str, Report]) -> None:
    cells = [b for b in length_bars(reports["hunan-2023-final_long-self-report"]) if b.scope == "cell"]
    over = next(b for b in cells if b.label.startswith("2.8"))
    assert over.status == "long" and over.words is not None and over.words > 2500 and over.hi == 2500
    passed = next(b for b in cells if b.label.startswith("3.2"))
    assert passed.status == "ok" and passed.words is not None and 0 < passed.words <= passed.hi  # type: ignore[operator]


def test_report_without_template_has_no_limits() -> None:
    assert all(not b.has_limit for b in length_bars(hostile()))


def test_xlsx_sheets_headers_freeze_filter_and_widths(reports: dict[str, Report]) -> None:
    data = render_xlsx(list(reports.values()))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["报告", "问题清单", "字数与条目"]
    summary, issues = wb["报告"], wb["问题清单"]
    assert [c.value for c in summary[1]][:7] == ["文件", "集群名称（材料所写）", "名单正式名称", "名单匹配", "账号",
                                                 "模板", "结论"]
    assert [c.value for c in issues[1]] == ["文件", "代码", "级别", "对象", "问题", "章节", "页", "表格", "行", "列",
                                            "要求", "实际", "规则"]
    for ws, rows in ((summary, len(reports)), (issues, sum(len(r.findings) for r in reports.values()))):
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{rows + 1}"
        assert ws.max_row == rows + 1
        assert ws.column_dimensions["A"].width > 20
    row = next(r for r in summary.iter_rows(min_row=2, values_only=True) if r[0] == "hunan-2023-final_growth-wrong.docx")
    assert row[6] == "通过（有警告）"
    assert isinstance(row[8], int) and row[8] == 1 and "T005" in row[11]
    t005 = next(r for r in issues.iter_rows(min_row=2, values_only=True) if r[1] == "T005")
    assert t005[7] == "2.4集群创新情况" and (t005[8], t005[9]) == (3, 4) and t005[10] == 20.42
    measured = wb["字数与条目"]
    assert [c.value for c in measured[1]] == ["文件", "对象", "范围", "章节", "实际", "单位", "要求", "下限", "上限",
                                              "结果", "规则", "依据"]
    short = next(r for r in measured.iter_rows(min_row=2, values_only=True)
                 if r[0] == "hubei-2023-summary_short-section.docx" and r[1] == "集群企业发展情况")
    assert short[2:10] == ("章节", "二、集群企业发展情况", 1610, "字", "不少于2000字", 2000, None, "不足")
    assert measured.max_row == 1 + sum(len(r.measures) for r in reports.values())


def test_xlsx_escapes_formula_injection() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx([hostile()])))
    summary, issues = wb["报告"], wb["问题清单"]
    assert summary["A2"].value == "'=HYPERLINK(\"http://x\")" and summary["B2"].value == "'@集群"
    values = [c.value for c in issues[2]]
    assert values[3] == "'=1+2" and values[10] == "'+86 10" and values[11] == "'-5" and values[12] == "'@rule"
    for ws in wb:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"


def test_safe_cell_keeps_numbers_and_defuses_text() -> None:
    assert safe_cell(-5) == -5 and safe_cell(2.5) == 2.5 and safe_cell(None) == ""
    assert safe_cell("=SUM(A1)") == "'=SUM(A1)" and safe_cell("\t=1") == "'\t=1" and safe_cell("正常") == "正常"
    assert safe_cell(["a", "b"]) == "a、b" and safe_cell(True) == "是"


def test_xlsx_written_to_path_for_the_cli(tmp_path: Path, reports: dict[str, Report]) -> None:
    out = tmp_path / "r.xlsx"
    data = render_xlsx([reports["hubei-2024-summary_ok"]], out)
    assert out.read_bytes() == data
    assert openpyxl.load_workbook(out)["报告"]["G2"].value == "通过"
