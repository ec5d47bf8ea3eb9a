"""`clustercheck rosters [ID|PATH]`: the built-in rosters with their sizes, or one roster's entries
(also a way to see how a user's CSV/XLSX roster is read before checking against it)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checkers import Roster

FIELDS = ("name", "unit", "account", "level", "region", "type", "note")
LABELS = {"name": "名称", "unit": "依托（建设）单位", "account": "账号", "level": "级别", "region": "地区",
          "type": "类型", "note": "备注"}


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser("rosters", help="列出内置集群名单，或显示一个名单的全部条目",
                       description="不带参数：列出内置名单（id、条数、标题、来源）；带 id 或文件路径：显示该名单。")
    p.add_argument("roster", nargs="?", help="名单 id（如 hubei-2024）或 .csv/.xlsx 文件")
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p.add_argument("--notes", action="store_true", help="文本格式下也显示备注（如 OCR 更正）")
    return p


def load_rosters(ref: str | None) -> list[Roster] | None:
    """The roster named (an id or a user's file), or every built-in one when none is named; None,
    with the reason printed, when it does not load (the caller exits 2)."""
    from checkers import RosterError, load_roster, roster_ids

    try:
        return [load_roster(ref)] if ref else [load_roster(i) for i in roster_ids()]
    except RosterError as e:
        print(f"错误：{e}", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    rosters = load_rosters(args.roster)
    if rosters is None:
        return 2
    out = sys.stdout
    if not args.roster:
        rows = [{"id": r.id, "count": len(r.entries), "title": r.title, "source": r.source} for r in rosters]
        if args.format == "json":
            json.dump(rows, out, ensure_ascii=False, indent=1)
            out.write("\n")
        elif args.format == "csv":
            w = csv.DictWriter(out, ["id", "count", "title", "source"], lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        else:
            out.write(table([["id", "条数", "标题", "来源"],
                             *[[r["id"], str(r["count"]), r["title"], r["source"]] for r in rows]]))
        return 0
    r = rosters[0]
    entries = [{f: getattr(e, f) for f in FIELDS} for e in r.entries]
    if args.format == "json":
        json.dump({"id": r.id, "title": r.title, "source": r.source, "count": len(entries), "entries": entries},
                  out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif args.format == "csv":
        w = csv.DictWriter(out, list(FIELDS), lineterminator="\n")
        w.writeheader()
        w.writerows(entries)
    else:
        cols = [f for f in FIELDS if any(e[f] for e in entries) and (f != "note" or args.notes)]
        out.write(f"{r.id}  {r.title or r.source}（{len(entries)}个）\n")
        out.write(table([["序号", *[LABELS[f] for f in cols]],
                         *[[str(n), *[e[f] or "" for f in cols]] for n, e in enumerate(entries, 1)]]))
    return 0


def width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: list[list[str]]) -> str:
    """Plain aligned columns (the last column is not padded)."""
    widths = [max(width(r[k]) for r in rows if k < len(r)) for k in range(max(map(len, rows)))]
    lines = []
    for r in rows:
        cells = [c + " " * (widths[k] - width(c)) if k < len(r) - 1 else c for k, c in enumerate(r)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
