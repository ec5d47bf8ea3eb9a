"""How fast is `clustercheck audit` on a 1,000-file archive, and does a resume redo nothing?

    .venv/bin/python bench/bench_audit.py [--n 1000] [--repeat N] [--only local-1|local-2|celery-2|resume ...]

Builds the archive with samples.archive into bench/out/ (gitignored; kept between runs), then runs
the real CLI, each time into a fresh output folder (an empty cache):
  local engine with 1 and with 2 workers; Celery with 2 `clustercheck worker` processes (one child
  each) on the local Redis; and a resume: a 2-worker run SIGKILLed once half the files are in the
  cache (a crash, not a polite Ctrl-C), then run again — the second run must take from the cache
  every file finished before the kill and check only the rest.
Prints files/s (files checked ÷ time the engine ran), the whole command's wall time, the speed-up
from 1 to 2 workers, and the peak resident memory of each worker and of its parse sandboxes. The
machine's load average is printed with each run: other work on a 2-core machine (a test suite)
takes a worker's core away; --repeat N keeps the fastest of N runs.
Target on the 2-core machine: ≤ 5 minutes with 2 workers, ≥ 1.8x from 1 to 2 workers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
CLI = Path(sys.executable).with_name("clustercheck")
BROKER = "redis://127.0.0.1:6379/0"
RUNS = ["local-1", "local-2", "celery-2", "resume"]


def archive(n: int) -> Path:
    from samples.archive import make_archive

    folder = OUT / f"archive{n}"
    root = folder / "材料"
    if not (folder / "manifest.json").is_file():
        t0 = time.monotonic()
        make_archive(folder, n)
        print(f"archive of {n} files built in {time.monotonic() - t0:.0f}s", file=sys.stderr)
    return root


def audit(root: Path, out: Path, workers: int, engine: str = "local", env: dict[str, str] | None = None,
          fresh: bool = True) -> dict[str, Any]:
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    cmd = [str(CLI), "audit", str(root), "--out", str(out), "--workers", str(workers), "--engine", engine, "--quiet"]
    t0 = time.monotonic()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"audit failed ({done.returncode}):\n{done.stderr[-3000:]}")
    stats = json.loads((out / "run.json").read_text(encoding="utf-8"))
    stats["command_seconds"] = round(time.monotonic() - t0, 1)
    return stats


def cached(out: Path) -> int:
    path = out / ".cache.sqlite"
    if not path.is_file():
        return 0
    try:
        with sqlite3.connect(path, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.Error:
        return 0


def resume(root: Path, out: Path, distinct: int) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [str(CLI), "audit", str(root), "--out", str(out), "--workers", "2", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while cached(out) < distinct // 2 and proc.poll() is None:
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)  # a crash: nothing gets to tidy up
    proc.wait()
    before = cached(out)
    second = audit(root, out, 2, fresh=False)
    redone = second["checked_now"] - (second["distinct"] - before)
    return {"finished_before_kill": before, "rerun_from_cache": second["from_cache"],
            "rerun_checked": second["checked_now"], "redone": redone}


def celery(root: Path, out: Path) -> dict[str, Any]:
    queue = f"cc-bench-{uuid.uuid4().hex[:8]}"
    data = OUT / "celery-data"
    shutil.rmtree(data, ignore_errors=True)
    env = {**os.environ, "CLUSTERCHECK_BROKER_URL": BROKER, "CLUSTERCHECK_CELERY_QUEUE": queue}
    data.mkdir(parents=True)
    # a data folder each: audit tasks need no shared database
    workers = [subprocess.Popen([str(CLI), "worker", "--concurrency", "1", "--loglevel", "warning",
                                 "--hostname", f"w{k}-{queue}@%h"],
                                env={**env, "CLUSTERCHECK_DATA_DIR": str(data / f"w{k}")}, stdout=subprocess.DEVNULL,
                                stderr=(data / f"worker{k}.log").open("wb")) for k in (1, 2)]
    try:
        return audit(root, out, 2, "celery", env)
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
        for w in workers:
            try:
                w.wait(timeout=30)
            except subprocess.TimeoutExpired:
                w.kill()
        import redis

        r = redis.Redis.from_url(BROKER)
        keys = r.keys(f"{queue}*")
        if keys:
            r.delete(*keys)


def peaks(stats: dict[str, Any]) -> str:
    p = stats.get("worker_peaks_mb") or {}
    if not p:
        return "-"
    w = max(v.get("worker_rss_mb", 0) for v in p.values())
    c = max(v.get("parse_rss_mb", 0) for v in p.values())
    return f"worker {w:.0f} MB, parse sandbox {c:.0f} MB ({len(p)} workers)"


def line(name: str, s: dict[str, Any]) -> str:
    return (f"{name:<20} {s['checked_now']:>5} files  {s['files_per_second'] or 0:>6.2f} files/s  "
            f"engine {s['run_seconds']:>6.1f}s  command {s['command_seconds']:>6.1f}s  peak: {peaks(s)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--only", action="append", choices=RUNS, help="run only these (repeatable)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each engine setting; the fastest counts")
    args = ap.parse_args(argv)
    runs = args.only or RUNS
    root = archive(args.n)
    saved = OUT / "bench_audit.json"
    results: dict[str, Any] = json.loads(saved.read_text()) if saved.is_file() and args.only else {}
    for name in runs:
        if name == "resume":
            distinct = results.get("local-2", {}).get("distinct") or audit(root, OUT / "audit-local-2", 2)["distinct"]
            results[name] = r = resume(root, OUT / "audit-resume", distinct)
            print(f"resume after SIGKILL at ~50%: {r['finished_before_kill']} finished before the kill, rerun took "
                  f"{r['rerun_from_cache']} from the cache and checked {r['rerun_checked']}; redone: {r['redone']}")
            continue
        workers, out = int(name[-1]), OUT / f"audit-{name}"
        for _ in range(args.repeat):  # best of N: other work on the machine only ever slows a run down
            s = celery(root, out) if name.startswith("celery") else audit(root, out, workers)
            print(line(name, s) + f"  (load {os.getloadavg()[0]:.1f})", flush=True)
            if name not in results or s["run_seconds"] < results[name]["run_seconds"]:
                results[name] = s
    if "local-1" in results and "local-2" in results:
        one, two = results["local-1"], results["local-2"]
        print(f"inputs {two['inputs']}: distinct {two['distinct']}, duplicates {two['duplicates']}, "
              f"failed {two['failed']}, ignored {two['ignored']}; cross checks {two.get('cross')}")
        print(f"speed-up 1 -> 2 workers: {one['run_seconds'] / two['run_seconds']:.2f}x (engine time), "
              f"{one['command_seconds'] / two['command_seconds']:.2f}x (whole command)")
    saved.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
