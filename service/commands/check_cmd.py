"""`clustercheck check FILE... [--template ID|auto] [--roster ID|auto|none|PATH] [--format ...] [-o PATH]`

json prints JSON Lines, one report per file, as each file is done; text is the reviewer's summary
grouped by section; html and xlsx come from service.render. Exit codes: 0 no errors, 1 a file has
errors, 2 usage (unknown template or roster, an output the format needs and was not given).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

FORMATS = ["text", "json", "html", "xlsx"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser("check", help="按模板检查材料：章节、字数、表格、佐证、声明、名单",
                       description="按模板检查一个或多个材料文件。退出码：0 无错误，1 有文件存在错误，2 用法错误。")
    p.add_argument("files", nargs="+", metavar="FILE", help="材料文件（Word/WPS、PDF 或 Excel）")
    p.add_argument("--template", default="auto",
                   help="模板 id（clustercheck templates 列出）、规则包 .toml 文件，或 auto 自动识别（默认）")
    p.add_argument("--roster", default="auto",
                   help="名单 id（clustercheck rosters 列出）、.csv/.xlsx 文件、auto 用模板指定的名单（默认）或 none")
    p.add_argument("--format", choices=FORMATS, default="text", help="输出格式（默认 text）")
    p.add_argument("-o", "--output", type=Path, help="输出文件（xlsx 必填；html 多个文件时为目录）")
    return p


def run(args: argparse.Namespace) -> int:
    from service.pipeline import reference_problem

    problem = reference_problem(args.template, args.roster)
    if problem:
        return _usage(problem)
    render = _renderer(args)
    if isinstance(render, int):
        return render
    return render(args)


def _usage(message: str) -> int:
    print(f"clustercheck check: {message}", file=sys.stderr)
    return 2


def _renderer(args: argparse.Namespace) -> Callable[[argparse.Namespace], int] | int:
    """The writer for --format, or exit code 2 when the output it needs was not given (before any
    file is checked: a long run must not end in a usage error)."""
    if args.format in ("text", "json"):
        return _stream
    if args.format == "xlsx":
        if args.output is None:
            return _usage("--format xlsx 需要用 -o 指定输出文件")
        return _xlsx
    if len(args.files) > 1 and args.output is None:
        return _usage("多个文件输出 html 时需要用 -o 指定输出目录")
    return _html


def _reports(args: argparse.Namespace):
    import dataclasses

    from extractor import DEFAULT_LIMITS
    from service.pipeline import check_source

    for name in args.files:
        bar = _page_bar(Path(name).name) if sys.stderr.isatty() else None
        limits = dataclasses.replace(DEFAULT_LIMITS, progress=bar) if bar else DEFAULT_LIMITS
        try:
            yield check_source(name, Path(name).name, template=args.template, roster=args.roster, limits=limits)
        finally:
            if bar:
                print("\r\033[K", end="", file=sys.stderr, flush=True)


def _page_bar(name: str) -> Callable[[int, int], None]:
    """One line on the terminal while a long file is read: "总结.pdf  ████████░░░░  8/16 页"."""

    def show(done: int, total: int) -> None:
        filled = round(20 * done / max(total, 1))
        print(f"\r\033[K{name}  {'█' * filled}{'░' * (20 - filled)}  {done}/{total} 页", end="", file=sys.stderr,
              flush=True)

    return show


def _stream(args: argparse.Namespace) -> int:
    from service.render_text import render_summary, render_text

    out: IO[str] = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    color = out is sys.stdout and sys.stdout.isatty()
    failed = False
    done = []
    try:
        for n, report in enumerate(_reports(args)):
            failed |= report.verdict == "fail"
            if args.format == "json":
                out.write(json.dumps(report.model_dump(mode="json"), ensure_ascii=False) + "\n")
            else:
                out.write(("\n" if n else "") + render_text(report, color=color))
                done.append(report)
            out.flush()
        if args.format == "text" and len(done) > 1:
            out.write("\n" + render_summary(done))
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0


def _html(args: argparse.Namespace) -> int:
    from service.render import render_html

    reports = list(_reports(args))
    if len(reports) == 1 and (args.output is None or args.output.suffix.lower() in (".html", ".htm")):
        page = render_html(reports[0])
        if args.output is None:
            sys.stdout.write(page)
        else:
            args.output.write_text(page, encoding="utf-8")
    else:
        args.output.mkdir(parents=True, exist_ok=True)
        for r, name in zip(reports, args.files, strict=True):
            (args.output / f"{Path(name).stem}.html").write_text(render_html(r), encoding="utf-8")
    return 1 if any(r.verdict == "fail" for r in reports) else 0


def _xlsx(args: argparse.Namespace) -> int:
    from service.render import render_xlsx

    reports = list(_reports(args))
    render_xlsx(reports, args.output)
    return 1 if any(r.verdict == "fail" for r in reports) else 0
