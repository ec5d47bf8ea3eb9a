"""Load on the embedded default: 8 clients posting a typical .docx to `POST /api/v1/checks` at once.

    .venv/bin/python bench/bench_load.py [--clients 8] [--requests 240] [--seconds 120] [--workers 2]

Starts `clustercheck serve` on a free loopback port with a fresh data folder and a portal key,
lets each client post the file synchronously (the answer carries the report) until the request
count or the time bound is reached, and prints requests/s, p50/p95/max latency and errors.
Target on the 2-core machine with 2 workers: 0 errors, p95 ≤ 2 s. Requests are sent back to back
by every client, so each one waits behind the others' checks: the figure is the worst steady case.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "files"
CLI = Path(sys.executable).with_name("clustercheck")


def sample() -> Path:
    preferred = SAMPLES / "hubei-2023-summary_ok.docx"
    if preferred.exists():
        return preferred
    found = sorted(SAMPLES.glob("*.docx"))
    if not found:
        sys.exit("no .docx in samples/files: run `python -m samples.make` first")
    return found[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(data: Path, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "CLUSTERCHECK_DATA_DIR": str(data)}
    proc = subprocess.Popen([str(CLI), "serve", "--port", str(port), "--workers", str(workers),
                             "--log-level", "warning"], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
            if ready.status_code == 200 and ready.json()["checks"]["jobs"].get("processes") == workers:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            sys.exit("server exited during startup")
        time.sleep(0.2)
    proc.kill()
    sys.exit("server did not become ready")


def client(base: str, key: str, data: bytes, name: str, stop: threading.Event, budget: list[int],
           lock: threading.Lock, latencies: list[float], errors: list[str]) -> None:
    with httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=120) as c:
        while not stop.is_set():
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            t0 = time.perf_counter()
            try:
                r = c.post("/api/v1/checks", files={"file": (name, data)})
                ok = r.status_code == 200 and r.json().get("status") == "done"
                problem = None if ok else f"{r.status_code}: {r.text[:120]}"
            except httpx.HTTPError as e:
                problem = f"{type(e).__name__}: {e}"
            elapsed = time.perf_counter() - t0
            with lock:
                latencies.append(elapsed)
                if problem:
                    errors.append(problem)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=240, help="total requests (bound)")
    ap.add_argument("--seconds", type=float, default=120, help="time bound")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--file", type=Path, default=None)
    args = ap.parse_args()
    path = args.file or sample()
    data = path.read_bytes()
    with tempfile.TemporaryDirectory(prefix="cc-bench-") as tmp:
        env = {**os.environ, "CLUSTERCHECK_DATA_DIR": tmp}
        key = subprocess.run([str(CLI), "keys", "create", "--role", "portal", "--name", "bench"], env=env,
                             capture_output=True, text=True, check=True).stdout.strip()
        port = free_port()
        server = start(Path(tmp), port, args.workers)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=120) as warm:
                warm.post("/api/v1/checks", files={"file": (path.name, data)})  # not counted
            stop, lock = threading.Event(), threading.Lock()
            budget, latencies, errors = [args.requests], [], []
            threads = [threading.Thread(target=client, args=(base, key, data, path.name, stop, budget, lock,
                                                             latencies, errors)) for _ in range(args.clients)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            timer = threading.Timer(args.seconds, stop.set)
            timer.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
            timer.cancel()
            metrics = httpx.get(f"{base}/metrics", timeout=10).text
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    lat = sorted(latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else lat * 99
    print(f"file: {path.name} ({len(data) / 1024:.0f} KB); {args.clients} clients, {args.workers} workers, "
          f"{os.cpu_count()} cores")
    print(f"requests: {len(lat)} in {wall:.1f} s = {len(lat) / wall:.2f} req/s")
    print(f"latency: p50 {q[49]:.2f} s, p95 {q[94]:.2f} s, max {lat[-1]:.2f} s")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    figures = dict(ln.rsplit(" ", 1) for ln in metrics.splitlines()
                   if ln.startswith(("clustercheck_check_duration_seconds_sum", "clustercheck_check_duration_seconds_count")))
    count = float(figures.get("clustercheck_check_duration_seconds_count", 0))
    if count:
        mean = float(figures["clustercheck_check_duration_seconds_sum"]) / count
        print(f"server-side check time (worker, per file): mean {mean:.2f} s over {count:.0f} checks")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
