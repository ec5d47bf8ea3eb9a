"""The reviewer's text summary of a report: verdict banner, the cluster against the roster, then
the findings grouped by the section they concern, in document order, each with its code, the
template's label, the message, where it is, expected vs actual and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from checkers.findings import Finding, Report

VERDICT = {"pass": "通过", "warn": "通过（有警告）", "fail": "不通过"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
MATCH = {"exact": "与名单一致", "fuzzy": "与名单近似", "ambiguous": "可对应名单中多个集群",
         "unmatched": "不在名单中", "absent": "未找到集群名称"}
WHOLE = "（全文）"
_COLOR = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "pass": "\033[32m",
          "warn": "\033[33m", "fail": "\033[31m"}
_RESET = "\033[0m"


def render_text(report: Report, color: bool = False) -> str:
    def paint(key: str, text: str) -> str:
        return f"{_COLOR[key]}{text}{_RESET}" if color and key in _COLOR else text

    c = report.counts
    lines = [
        f"━━ {report.file or '（未命名文件）'} ━━",
        paint(report.verdict, f"结论：{VERDICT[report.verdict]}") + f"（错误 {c.error}，警告 {c.warning}，提示 {c.info}）",
        _template_line(report),
        _cluster_line(report),
        _stats_line(report),
    ]
    for section, findings in group_by_section(report.findings):
        lines.append("")
        lines.append(f"【{section}】")
        for f in findings:
            lines.append(f"  {paint(f.severity, '[' + SEVERITY[f.severity] + ']')} {f.code} {f.target}：{f.message}")
            detail = [x for x in (_where(f), _expected_actual(f)) if x]
            if detail:
                lines.append("      " + "；".join(detail))
            if f.fix:
                lines.append(f"      处理：{f.fix}")
    if not report.findings:
        lines += ["", "未发现问题。"]
    return "\n".join(lines) + "\n"


def render_summary(reports: Iterable[Report]) -> str:
    """One closing line for a run over several files."""
    rs = list(reports)
    n = {v: sum(r.verdict == v for r in rs) for v in VERDICT}
    return f"共 {len(rs)} 个文件：通过 {n['pass']}，有警告 {n['warn']}，不通过 {n['fail']}\n"


def group_by_section(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings by location.section, the sections in document order (by the earliest paragraph or
    page any of their findings points at), the findings without a place under （全文） first."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.location.section or WHOLE, []).append(f)

    def where(item: tuple[str, list[Finding]]) -> tuple[int, float, float]:
        name, fs = item
        paras = [f.location.paragraph for f in fs if f.location.paragraph is not None]
        pages = [f.location.page for f in fs if f.location.page is not None]
        return (0 if name == WHOLE else 1, min(paras, default=float("inf")), min(pages, default=float("inf")))

    return sorted(groups.items(), key=where)


def _template_line(r: Report) -> str:
    d = r.template_detected
    if not r.template:
        guess = f"，最接近 {d.id}" if d.id else ""
        return f"模板：未识别（置信度 {d.confidence:.2f}{guess}）"
    return f"模板：{r.template}（置信度 {d.confidence:.2f}）  名单：{r.roster or '未指定'}"


def _cluster_line(r: Report) -> str:
    cl = r.cluster
    if not r.roster and cl.status == "absent" and not cl.found:
        return "集群：未核对名单"
    found = cl.found or "（未找到）"
    line = f"集群：{found} → {MATCH.get(cl.status, cl.status)}"
    if cl.matched:
        extra = "，".join(x for x in (cl.matched.unit, cl.matched.account, cl.matched.level) if x)
        line += f"：{cl.matched.name}" + (f"（{extra}）" if extra else "")
        if cl.status != "exact":
            line += f"，相似度 {cl.score:.0f}"
    elif cl.candidates:
        line += "；候选：" + "、".join(f"{c.name}（{c.score:.0f}）" for c in cl.candidates[:3])
    return line


def _stats_line(r: Report) -> str:
    s = r.stats
    pages = f"，{s.pages} 页" if s.pages else ""
    fmt = f"{r.format}，" if r.format else ""
    return f"文件：{fmt}字数 {s.words:,}{pages}"


def where(f: Finding) -> list[str]:
    """The finding's place as short chips, the same on the terminal, the page and the printout:
    第3页 · 表 2.4集群创新情况 · 第3行 第4列."""
    loc = f.location
    chips = []
    if loc.page:
        chips.append(f"第{loc.page}页")
    if loc.sheet:
        chips.append(f"工作表 {loc.sheet}")
    if loc.table:
        chips.append(f"表 {loc.table}")
    if loc.row or loc.column:
        chips.append(" ".join(x for x in (f"第{loc.row}行" if loc.row else "", f"第{loc.column}列" if loc.column else "")
                              if x))
    if loc.cell:
        chips.append(f"单元格 {loc.cell}")
    if loc.paragraph and not loc.row:
        chips.append(f"第{loc.paragraph}段")
    return chips


def _where(f: Finding) -> str:
    chips = where(f)
    return "位置：" + " ".join(chips) if chips else ""


def _expected_actual(f: Finding) -> str:
    if f.expected is None and f.actual is None:
        return ""
    return f"要求：{_show(f.expected)}，实际：{_show(f.actual)}"


def _show(value: Any) -> str:
    if value is None:
        return "无"
    if isinstance(value, list):
        return "、".join(_show(v) for v in value) if value else "无"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
