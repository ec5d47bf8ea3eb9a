"""`clustercheck match NAME`: which roster entry a cluster name stands for, ranked with scores and
the reasons, like a reconciliation service.

Exit codes: 0 the name matches an entry (exact or fuzzy), 1 it does not (ambiguous or unmatched),
2 usage (no name, unknown roster, unreadable roster file).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

STATUS = {"exact": "完全一致", "fuzzy": "近似匹配", "ambiguous": "有歧义（可对应多个集群）",
          "unmatched": "未匹配", "absent": "名称为空"}


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser("match", help="把集群名称与名单比对：排序的候选、分数与理由",
                       description="把集群名称与名单比对，列出候选集群、0–100 的分数和理由（地名、产业、通用词）。"
                                   "退出码：0 匹配（完全一致或近似），1 有歧义或未匹配，2 用法错误。")
    p.add_argument("name", help="集群名称，如“十堪商用车及部件创新型产业集群”")
    p.add_argument("--roster", help="名单 id（clustercheck rosters 列出）或 .csv/.xlsx 文件；默认比对全部内置名单")
    p.add_argument("--account", help="账号；与名单账号一致的集群优先")
    p.add_argument("--top", type=int, default=5, help="每个名单显示的候选数（默认 5）")
    p.add_argument("--format", choices=["text", "json"], default="text")
    return p


def run(args: argparse.Namespace) -> int:
    from checkers import PLAUSIBLE
    from checkers import match_name as match
    from service.commands.rosters_cmd import load_rosters, table

    if not args.name.strip():
        print("错误：集群名称为空", file=sys.stderr)
        return 2
    if args.top < 1:
        print("错误：--top 须为正整数", file=sys.stderr)
        return 2
    rosters = load_rosters(args.roster)
    if rosters is None:
        return 2
    results = [(r, match(args.name, r, account=args.account, top=args.top)) for r in rosters]
    results.sort(key=lambda p: -(p[1].candidates[0].score if p[1].candidates else 0))
    matched = any(m.status in ("exact", "fuzzy") for _, m in results)
    if args.format == "json":
        data = {"query": args.name, "account": args.account, "matched": matched,
                "results": [m.to_dict() | {"roster_title": r.title, "roster_size": len(r.entries)}
                            for r, m in results]}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0 if matched else 1
    out = sys.stdout
    out.write(f"名称：{args.name}\n")
    for r, m in results:
        top = m.candidates[0] if m.candidates else None
        head = f"\n名单 {r.id}（{r.title or r.source}，{len(r.entries)}个）：{STATUS[m.status]}"
        if m.best:
            head += f" → {m.best.entry.name}"
        out.write(head + "\n")
        if args.roster is None and m.status == "unmatched" and (top is None or top.score < PLAUSIBLE):
            out.write(f"  无接近的名称（最高 {top.score if top else 0:.0f} 分）\n")
            continue
        rows = [["", "分数", "名称", "账号", "理由"]]
        rows += [[str(n), f"{c.score:.1f}", c.entry.name, c.entry.account or "", c.why]
                 for n, c in enumerate(m.candidates, 1)]
        out.write("".join(f"  {line}\n" for line in table(rows).splitlines()))
    return 0 if matched else 1
