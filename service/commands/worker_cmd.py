"""`clustercheck worker` — a Celery worker for `job_engine = celery` (Redis broker).

It reads the same CLUSTERCHECK_* environment as the server (database URL, data folder, broker),
so run it with the server's environment; the data folder must be shared with the server.
"""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("worker", help="启动 Celery 检查工作进程",
                       description="启动 Celery 工作进程，从 Redis 队列领取检查任务（需 CLUSTERCHECK_JOB_ENGINE=celery 的服务端）。")
    p.add_argument("--concurrency", type=int, default=None, help="并行子进程数（默认：设置中的 workers）")
    p.add_argument("--loglevel", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--hostname", default=None, help="Celery 节点名（默认 clustercheck@主机名）")
    return p


def run(args: argparse.Namespace) -> int:
    from service.jobs.celery_app import create_celery
    from service.runtime import Runtime
    from service.settings import get_settings

    settings = get_settings()
    Runtime.open(settings, migrate=True).close()  # a worker started before the server finds the tables too
    app = create_celery(settings)
    argv = ["worker", "--queues", settings.celery_queue, "--loglevel", args.loglevel.upper(),
            "--concurrency", str(args.concurrency or settings.workers), "--pool", "prefork",
            "--hostname", args.hostname or "clustercheck@%h", "--without-gossip", "--without-mingle"]
    app.worker_main(argv)
    return 0
