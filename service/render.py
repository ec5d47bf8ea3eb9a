"""Reports for people: a printable HTML page and an Excel workbook, both in Chinese.

    render_html(report)                 # a self-contained page (inline CSS, prints on A4)
    render_html(report, standalone=False)  # the report body the web page embeds
    render_xlsx(reports)                # workbook bytes: 报告 (a row per file) + 问题清单 (a row per finding)

A workbook is opened by people who double-click it, so every text cell that Excel would read as a
formula (= + - @, and a leading tab or CR) is written as text with a leading apostrophe.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from checkers.findings import Finding, Measure, Report
from service.render_text import MATCH, SEVERITY, VERDICT
from service.web.view import render, report_context, show

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TOP_FINDINGS = 3

REPORT_COLUMNS: list[tuple[str, int]] = [
    ("文件", 34), ("集群名称（材料所写）", 34), ("名单正式名称", 34), ("名单匹配", 14), ("账号", 14),
    ("模板", 26), ("结论", 12), ("错误", 7), ("警告", 7), ("提示", 7), ("字数", 9), ("主要问题", 80),
]
FINDING_COLUMNS: list[tuple[str, int]] = [
    ("文件", 30), ("代码", 8), ("级别", 7), ("对象", 24), ("问题", 60), ("章节", 28), ("页", 5),
    ("表格", 20), ("行", 5), ("列", 5), ("要求", 18), ("实际", 18), ("规则", 18),
]
MEASURE_COLUMNS: list[tuple[str, int]] = [
    ("文件", 30), ("对象", 30), ("范围", 7), ("章节", 28), ("实际", 9), ("单位", 5), ("要求", 26), ("下限", 8),
    ("上限", 8), ("结果", 8), ("规则", 16), ("依据", 60),
]
SCOPE_ZH = {"section": "章节", "document": "全文", "cell": "表内"}
MEASURE_ZH = {"ok": "符合", "short": "不足", "long": "超出", "unmeasured": "未计"}


def render_html(report: Report, *, standalone: bool = True) -> str:
    ctx = report_context(report, printable=standalone)
    return render("report.html" if standalone else "_report.html", **ctx)


def safe_cell(value: Any) -> Any:
    """Numbers stay numbers; text that Excel would evaluate is defused with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return value
    text = value if isinstance(value, str) else show(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _top(report: Report) -> str:
    shown = [f"[{f.code}] {f.target}：{f.message}" for f in report.findings[:TOP_FINDINGS]]
    more = len(report.findings) - TOP_FINDINGS
    return "\n".join(shown) + (f"\n……另有 {more} 条" if more > 0 else "")


def report_row(r: Report) -> list[Any]:
    cl = r.cluster
    matched = cl.matched
    return [r.file, cl.found, matched.name if matched else None, MATCH.get(cl.status, cl.status),
            matched.account if matched else None, r.template or "未识别", VERDICT[r.verdict],
            r.counts.error, r.counts.warning, r.counts.info, r.stats.words, _top(r)]


def finding_row(r: Report, f: Finding) -> list[Any]:
    loc = f.location
    table = loc.table or (f"工作表 {loc.sheet}" if loc.sheet else None)
    return [r.file, f.code, SEVERITY.get(f.severity, f.severity), f.target, f.message, loc.section, loc.page,
            table, loc.row, loc.column, f.expected, f.actual, f.rule]


def measure_row(r: Report, m: Measure) -> list[Any]:
    """What a length or item-count rule counted, from the report (the workbook never recounts)."""
    return [r.file, m.target, SCOPE_ZH[m.scope], m.section, m.value, m.unit, m.wording, m.lo, m.hi,
            MEASURE_ZH[m.status], m.rule, m.clause]


def render_xlsx(reports: Sequence[Report], path: str | Path | None = None) -> bytes:
    """The workbook as bytes (also written to `path` when given, for the CLI's -o)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_urls": False, "strings_to_numbers": False})
    fmt = _formats(wb)
    _sheet(wb, fmt, "报告", REPORT_COLUMNS, [report_row(r) for r in reports], verdict_col=6, wrap_cols={11})
    rows = [finding_row(r, f) for r in reports for f in r.findings]
    _sheet(wb, fmt, "问题清单", FINDING_COLUMNS, rows, severity_col=2, wrap_cols={4})
    _sheet(wb, fmt, "字数与条目", MEASURE_COLUMNS, [measure_row(r, m) for r in reports for m in r.measures],
           wrap_cols={11})
    wb.set_properties({"title": "产业集群材料检查报告", "subject": "clustercheck", "author": "clustercheck"})
    wb.close()
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def _formats(wb: Any) -> dict[str, Any]:
    base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "top"}
    return {
        "head": wb.add_format({**base, "bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF",
                               "border": 1, "valign": "vcenter", "text_wrap": True}),
        "cell": wb.add_format(base),
        "wrap": wb.add_format({**base, "text_wrap": True}),
        "fail": wb.add_format({**base, "bold": True, "font_color": "#B3261E", "bg_color": "#FDECEA"}),
        "warn": wb.add_format({**base, "bold": True, "font_color": "#8A5A00", "bg_color": "#FFF4E0"}),
        "pass": wb.add_format({**base, "bold": True, "font_color": "#1E6B34", "bg_color": "#E8F5E9"}),
    }


_TONE = {VERDICT["fail"]: "fail", VERDICT["warn"]: "warn", VERDICT["pass"]: "pass",
         SEVERITY["error"]: "fail", SEVERITY["warning"]: "warn", SEVERITY["info"]: "pass"}


def _sheet(wb: Any, fmt: dict[str, Any], name: str, columns: list[tuple[str, int]], rows: list[list[Any]],
           verdict_col: int | None = None, severity_col: int | None = None, wrap_cols: set[int] | None = None
           ) -> None:
    ws = wb.add_worksheet(name)
    wrap_cols = wrap_cols or set()
    for c, (title, width) in enumerate(columns):
        ws.write_string(0, c, title, fmt["head"])
        ws.set_column(c, c, width, fmt["wrap"] if c in wrap_cols else fmt["cell"])
    ws.set_row(0, 22)
    tone_col = verdict_col if verdict_col is not None else severity_col
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            v = safe_cell(value)
            if v == "":
                continue
            style = fmt[_TONE[v]] if c == tone_col and v in _TONE else None
            if isinstance(v, (int, float)):
                ws.write_number(r, c, v, style)
            else:
                ws.write_string(r, c, v, style or (fmt["wrap"] if c in wrap_cols else None))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    ws.set_paper(9)  # A4, landscape, as wide as one page, the header row on every page
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
