"""`clustercheck audit PATH... [--out DIR] [--template ID|auto] [--roster ID|auto|PATH] [--workers N]
[--engine local|celery]` — check a whole archive (folders, zips, nested zips) in one run.

Exit codes: 0 no file with errors, 1 some file has errors or could not be checked, 2 usage,
130 interrupted (what was done is kept: run the same command again to finish).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser("audit", help="批量审核：文件夹、压缩包（含嵌套）中的全部材料，输出汇总表",
                       description="批量审核一批材料（文件夹递归、zip 压缩包含嵌套及 GBK 文件名），每个文件都有结果；"
                                   "输出 summary.xlsx、summary.csv、findings.jsonl 和逐个文件的报告。"
                                   "中断后重新运行同一命令，只做未完成的部分。")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="材料文件、文件夹或 zip 压缩包")
    p.add_argument("--out", type=Path, default=Path("audit-out"), help="输出文件夹（默认 audit-out）")
    p.add_argument("--template", default="auto", help="模板 id、规则包 .toml 文件，或 auto 逐个自动识别（默认）")
    p.add_argument("--roster", default="auto", help="名单 id、.csv/.xlsx 文件、auto 用模板指定的名单（默认）或 none")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                   help="并行检查进程数（默认：CPU 核数）；celery 时决定同时排队的文件数（8 倍，至少 16）")
    p.add_argument("--engine", choices=["local", "celery"], default="local",
                   help="local 本机进程池（默认）；celery 交给 clustercheck worker（经 Redis）")
    p.add_argument("--report-format", choices=["html", "json", "text", "none"], default="html",
                   help="逐个文件报告的格式（默认 html）")
    p.add_argument("--timeout", type=float, default=120.0, help="单个文件的处理时限，秒（默认 120）")
    p.add_argument("--memory", type=int, default=2048, help="单个文件解析的内存上限，MB（默认 2048）")
    p.add_argument("--no-ocr", action="store_true", help="不对扫描页做 OCR（扫描件报 F004）")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    return p


def run(args: argparse.Namespace) -> int:
    from checkers import PackError, RosterError, load_pack, load_roster
    from extractor import Limits
    from service.audit.batch import EngineError, Options, audit
    from service.audit.progress import make_progress

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        return _usage(f"找不到：{'、'.join(missing)}")
    if args.workers < 1:
        return _usage("--workers 至少为 1")
    try:
        if args.template != "auto":
            load_pack(args.template)
        if args.roster not in ("auto", "none"):
            load_roster(args.roster)
    except (PackError, RosterError) as e:
        return _usage(str(e))
    out: Path = args.out
    inside = [p for p in args.paths if p.is_dir() and out.resolve().is_relative_to(p.resolve())]
    if inside:
        return _usage(f"输出文件夹不能位于被审核的文件夹 {inside[0]} 之内")
    limits = Limits(seconds=args.timeout, memory_mb=args.memory, ocr=not args.no_ocr)
    opts = Options(paths=list(args.paths), out=out, template=_ref(args.template), roster=_ref(args.roster),
                   workers=args.workers, engine=args.engine, limits=limits, report_format=args.report_format)
    try:
        result = audit(opts, make_progress(sys.stderr, quiet=args.quiet))
    except EngineError as e:
        return _usage(str(e))
    s = result.stats
    if result.interrupted:
        print(f"已中断：本次完成 {s['checked_now']} 个，累计完成 {s['checked_now'] + s['from_cache']}/{s['distinct']} 个，"
              f"进度已保存。重新运行同一命令即可继续。", file=sys.stderr)
        return 130
    print(summary_text(result, out))
    return 1 if any(r.report and r.report.verdict == "fail" for r in result.rows) else 0


def _ref(value: str) -> str:
    """A pack or roster given as a file: absolute, so a worker elsewhere in the tree finds it."""
    p = Path(value)
    return str(p.resolve()) if value not in ("auto", "none") and p.is_file() else value


def summary_text(result: Any, out: Path) -> str:
    s = result.stats
    verdicts = {v: sum(1 for r in result.rows if r.status == "checked" and r.report and r.report.verdict == v)
                for v in ("fail", "warn", "pass")}
    cross = s.get("cross", {})
    rate = f"，{s['files_per_second']:.2f} 个/秒" if s.get("files_per_second") else ""
    return "\n".join([
        f"审核完成：共 {s['inputs']} 个文件。已检查 {sum(verdicts.values())} 个（不通过 {verdicts['fail']}，"
        f"有警告 {verdicts['warn']}，通过 {verdicts['pass']}），无法检查 {s['failed']} 个，"
        f"重复文件 {s['duplicates']} 个，已忽略 {s['ignored']} 个。",
        f"本次检查 {s['checked_now']} 个，沿用缓存 {s['from_cache']} 个；用时 {s['run_seconds']:.1f} 秒{rate}。",
        f"跨材料检查：同一集群重复提交涉及 {cross.get('same_cluster_files', 0)} 个文件，"
        f"段落雷同 {cross.get('copied_paragraph_pairs', 0)} 处。",
        f"输出：{out / 'summary.xlsx'}、{out / 'summary.csv'}、{out / 'findings.jsonl'}",
    ])


def _usage(message: str) -> int:
    print(f"clustercheck audit: {message}", file=sys.stderr)
    return 2
