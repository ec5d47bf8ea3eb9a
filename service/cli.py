"""`clustercheck` — one entry point; each subcommand lives in its own module under service/commands.

Exit codes: 0 no errors, 1 errors found (or the command failed), 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = ["extract", "check", "templates", "rosters", "match", "audit", "serve", "worker", "keys"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clustercheck", description="产业集群评价材料的抽取与检查")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"service.commands.{name}_cmd")
        except ModuleNotFoundError as e:
            if e.name != f"service.commands.{name}_cmd":
                raise
            continue
        p = mod.add_parser(sub)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
