"""Regenerate the sample submissions: `python -m samples.make [NAME ...]`.

Every module in samples/gen/ exposes `generate(out: Path) -> list[Path]`; with no NAME all of them
run. Files go to samples/files/ (ASCII names; the Chinese lives inside them) and are committed, so
tests read the same bytes on every machine. Generation is deterministic (fixed seeds and dates).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path

import samples.gen

OUT = Path(__file__).parent / "files"


def generators() -> list[str]:
    """Every generator, those that read other generators' samples (RUNS_AFTER_TEMPLATES) last."""
    names = sorted(m.name for m in pkgutil.iter_modules(samples.gen.__path__) if not m.name.startswith("_"))
    return sorted(names, key=lambda n: getattr(importlib.import_module(f"samples.gen.{n}"), "RUNS_AFTER_TEMPLATES", False))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m samples.make", description=__doc__)
    ap.add_argument("names", nargs="*", help=f"generators to run (default all): {', '.join(generators())}")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    names = sorted(args.names, key=generators().index) if args.names and not set(args.names) - set(generators()) \
        else args.names or generators()
    unknown = sorted(set(names) - set(generators()))
    if unknown:
        ap.error(f"unknown generator(s): {', '.join(unknown)}")
    args.out.mkdir(parents=True, exist_ok=True)
    for name in names:
        t0 = time.perf_counter()
        made = importlib.import_module(f"samples.gen.{name}").generate(args.out)
        print(f"{name}: {len(made)} files in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
