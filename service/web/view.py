"""One Jinja2 environment for the web pages and the printable report, with the words a reviewer reads.

The labels (通过 / 不通过, 错误 / 警告, 与名单一致 …) are the text summary's own, so the terminal,
the page, the printout and the workbook never name the same thing two ways.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from checkers import CODES
from checkers.findings import ClusterResult, Report
from service.render_text import MATCH, SEVERITY, VERDICT, group_by_section, where
from service.web.bars import checklist

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"
VERDICT_SHORT = {"pass": "通过", "warn": "有警告", "fail": "不通过"}
STATUS = {"queued": "排队中", "running": "检查中", "done": "已完成", "failed": "失败"}
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
           "Referrer-Policy": "same-origin",
           "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"}
MATCH_TONE = {"exact": "ok", "fuzzy": "warn", "ambiguous": "warn", "unmatched": "bad", "absent": "bad"}


def show(value: Any) -> str:
    """expected/actual as a reviewer reads them: lists joined, 12.0 as 12, nothing as 无."""
    if value is None:
        return "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(show(v) for v in value) if value else "无"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "；".join(f"{k}：{show(v)}" for k, v in value.items())
    return str(value)


def code_title(code: str) -> str:
    c = CODES.get(code)
    return c.title if c else code


def others(cluster: ClusterResult) -> list:
    """The candidates other than the one matched: what a reviewer weighs when the match is close."""
    name = cluster.matched.name if cluster.matched else None
    return [c for c in cluster.candidates if c.name != name][:4]


def when(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def number(value: int | float | None) -> str:
    return "" if value is None else f"{value:,}"


@lru_cache(maxsize=8)
def css(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def report_context(report: Report, printable: bool = False) -> dict[str, Any]:
    return {"r": report, "groups": group_by_section(report.findings), "outline": checklist(report),
            "printable": printable}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(where=where, show=show, when=when, number=number)
    env.globals.update(VERDICT=VERDICT, VERDICT_SHORT=VERDICT_SHORT, SEVERITY=SEVERITY, MATCH=MATCH,
                       MATCH_TONE=MATCH_TONE, STATUS=STATUS, code_title=code_title, others=others, css=css)
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
