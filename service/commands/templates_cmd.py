"""`clustercheck templates [ID] [--format text|json]`: the built-in templates (rule packs), or the
rules of one with the seed clause each enforces — what a reviewer reads before writing next year's pack."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser("templates", help="列出内置模板（规则包），或一个模板的规则",
                       description="列出内置模板；给出模板 id（或 .toml 文件）时列出它的规则及所依据的通知条款。")
    p.add_argument("template", nargs="?", help="模板 id 或规则包 .toml 文件")
    p.add_argument("--format", choices=["text", "json"], default="text")
    return p


def run(args: argparse.Namespace) -> int:
    from checkers.pack import PackError, all_packs, load_pack

    try:
        packs = [load_pack(args.template)] if args.template else all_packs()
    except PackError as e:
        print(f"clustercheck templates: {e}", file=sys.stderr)
        return 2
    if args.format == "json":
        for p in packs:
            data = p.model_dump(mode="json") if args.template else {
                "id": p.id, "title": p.pack.title, "seed": p.pack.seed, "version": p.pack.version,
                "roster": p.pack.roster, "rules": len(p.rules)}
            print(json.dumps(data, ensure_ascii=False))
        return 0
    if args.template:
        print(_details(packs[0]))
        return 0
    width = max(len(p.id) for p in packs)
    for p in packs:
        print(f"{p.id:<{width}}  {p.pack.title}（{p.pack.seed}；名单 {p.pack.roster or '无'}；{len(p.rules)} 条规则）")
    return 0


def _details(pack: Any) -> str:
    m = pack.pack
    lines = [f"{pack.id}  {m.title}", f"来源：{m.seed}  版本：{m.version}  名单：{m.roster or '无'}"]
    d = pack.detect
    if d.title or d.headings:
        lines.append(f"自动识别：标题词 {'、'.join(d.title) or '无'}；章节 {len(d.headings)} 个"
                     + (f"；排除 {'、'.join(d.exclude)}" if d.exclude else ""))
    lines.append("")
    for r in pack.rules:
        lines.append(f"  {r.id:<20} {r.kind:<15} {r.clause}")
    if m.notes:
        lines += ["", "说明："] + [f"  - {n}" for n in m.notes]
    return "\n".join(lines)
