"""summary.xlsx: 文件汇总 (a row per input file), 问题清单 (a row per finding), 统计 (by code, by cluster),
字数与条目 (what each length and item-count rule counted, from the reports).

The columns of the first two sheets are the ones service.render gives a single check's workbook,
with the batch's own in front (path, status) and behind (other paths, duplicate of, report); cells
are escaped the same way (service.render.safe_cell), so a name beginning with = is text, not a
formula. Every sheet has Chinese headers, a frozen header row, filters and set widths.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter

from checkers import CODES
from service.render import (
    FINDING_COLUMNS,
    MEASURE_COLUMNS,
    REPORT_COLUMNS,
    finding_row,
    measure_row,
    report_row,
    safe_cell,
)
from service.render_text import SEVERITY

if TYPE_CHECKING:
    from service.audit.rows import Row

SUMMARY_COLUMNS: list[tuple[str, int]] = [
    ("序号", 6), ("路径", 48), ("状态", 10), *REPORT_COLUMNS[1:],
    ("同一文件的其他路径", 40), ("重复于", 40), ("SHA-256", 20), ("报告", 36),
]
BY_CODE = [("代码", 8), ("问题", 34), ("级别", 7), ("出现次数", 10), ("涉及文件数", 11)]
BY_CLUSTER = [("集群", 40), ("文件数", 8), ("不通过", 8), ("有警告", 8), ("通过", 8), ("错误", 7), ("警告", 7)]
_TOP = REPORT_COLUMNS[-1][0]  # 主要问题


def summary_rows(rows: list[Row]) -> list[list[Any]]:
    from service.audit.rows import STATUS_ZH

    out = []
    for k, r in enumerate(rows, start=1):
        middle: list[Any] = report_row(r.report)[1:] if r.report and r.status != "duplicate" else \
            [None] * (len(REPORT_COLUMNS) - 1)
        if r.status == "ignored":
            middle[[t for t, _ in REPORT_COLUMNS[1:]].index(_TOP)] = r.item.ignored
        dup = rows[r.primary].item.display if r.primary is not None else None
        out.append([k, r.item.display, STATUS_ZH[r.status], *middle, "\n".join(r.paths[1:]) or None, dup,
                    r.item.sha256 or None, r.report_file])
    return out


def write_workbook(path: Path, rows: list[Row]) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "top"}
    head = wb.add_format({**base, "bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF", "border": 1,
                          "text_wrap": True, "valign": "vcenter"})
    wrap = wb.add_format({**base, "text_wrap": True})
    cell = wb.add_format(base)
    summary = summary_rows(rows)
    wide = {i for i, (t, _) in enumerate(SUMMARY_COLUMNS) if t in (_TOP, "同一文件的其他路径")}
    ws = wb.add_worksheet("文件汇总")
    _sheet(ws, SUMMARY_COLUMNS, summary, head, cell, wrap, wide)
    link = len(SUMMARY_COLUMNS) - 1  # 报告: a link a reviewer clicks to open the file's report
    for r, row in enumerate(summary, start=1):
        if row[link]:
            ws.write_url(r, link, f"external:{row[link]}", string=row[link])
    findings = [finding_row(r.report, f) for r in rows if r.report and r.status != "duplicate"
                for f in r.report.findings]
    _sheet(wb.add_worksheet("问题清单"), FINDING_COLUMNS, findings, head, cell, wrap, {4})
    _counts(wb.add_worksheet("统计"), rows, head, cell)
    measures = [measure_row(r.report, m) for r in rows if r.report and r.status != "duplicate"
                for m in r.report.measures]
    _sheet(wb.add_worksheet("字数与条目"), MEASURE_COLUMNS, measures, head, cell, wrap, {11})
    wb.set_properties({"title": "产业集群材料批量审核汇总", "author": "clustercheck"})
    wb.close()


def _sheet(ws: Any, columns: list[tuple[str, int]], rows: list[list[Any]], head: Any, cell: Any, wrap: Any,
           wrap_cols: set[int]) -> None:
    for c, (title, width) in enumerate(columns):
        ws.write_string(0, c, title, head)
        ws.set_column(c, c, width, wrap if c in wrap_cols else cell)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            _write(ws, r, c, value)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)


def _write(ws: Any, r: int, c: int, value: Any) -> None:
    v = safe_cell(value)
    if isinstance(v, (int, float)):
        ws.write_number(r, c, v)
    else:
        ws.write_string(r, c, v)


def _counts(ws: Any, rows: list[Row], head: Any, cell: Any) -> None:
    """Two tables side by side, each with its own filter buttons (a sheet has only one autofilter)."""
    reports = [r.report for r in rows if r.report and r.status != "duplicate"]
    times: Counter[str] = Counter()
    files: dict[str, set[int]] = defaultdict(set)
    for k, rep in enumerate(reports):
        for f in rep.findings:
            times[f.code] += 1
            files[f.code].add(k)
    by_code = [[code, CODES[code].title if code in CODES else code,
                SEVERITY.get(CODES[code].severity, "") if code in CODES else "", n, len(files[code])]
               for code, n in sorted(times.items())]
    clusters: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for rep in reports:
        c = rep.cluster
        name = (c.matched.name if c.matched and c.status in ("exact", "fuzzy") else c.found) or "（未识别集群名称）"
        v = clusters[name]
        v[0] += 1
        v[{"fail": 1, "warn": 2, "pass": 3}[rep.verdict]] += 1
        v[4] += rep.counts.error
        v[5] += rep.counts.warning
    by_cluster = [[name, *v] for name, v in sorted(clusters.items(), key=lambda x: (-x[1][0], x[0]))]
    for first, columns, data in ((0, BY_CODE, by_code), (len(BY_CODE) + 1, BY_CLUSTER, by_cluster)):
        for c, (_, width) in enumerate(columns):
            ws.set_column(first + c, first + c, width, cell)
        ws.add_table(0, first, max(len(data), 1), first + len(columns) - 1, {
            "columns": [{"header": t, "header_format": head} for t, _ in columns],
            "style": "Table Style Light 9", "autofilter": True,
            "data": [[safe_cell(x) for x in row] for row in data] or None})
    ws.freeze_panes(1, 0)

