"""`clustercheck serve` — the API and the reviewers' web pages in one process (uvicorn).

Bound to loopback (the default) the web pages work without a key; bound to any other address,
every endpoint needs an API key, so create one first: `clustercheck keys create --role reviewer`.
"""

from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("serve", help="启动检查服务（API 与网页）",
                       description="启动检查服务：API（/docs）与评审网页。默认 127.0.0.1:8000，数据在 ./data。")
    p.add_argument("--host", help="监听地址（默认 127.0.0.1；非本机地址时所有接口都需要密钥）")
    p.add_argument("--port", type=int, help="端口（默认 8000）")
    p.add_argument("--workers", type=int, help="并行检查的工作进程数（默认 2）")
    p.add_argument("--data-dir", help="数据目录（默认 ./data）")
    p.add_argument("--engine", choices=["local", "celery"], help="任务引擎（默认 local）")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    return p


def run(args: argparse.Namespace) -> int:
    import logging

    import uvicorn

    from service.app import create_app
    from service.settings import get_settings

    overrides = {k: v for k, v in {"host": args.host, "port": args.port, "workers": args.workers,
                                   "data_dir": args.data_dir, "job_engine": args.engine}.items() if v is not None}
    settings = get_settings(**overrides)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = create_app(settings)
    if not settings.open_locally:
        print(f"监听 {settings.host}：所有接口（含网页）都需要 API 密钥。", file=sys.stderr)
        if not _any_key(app):
            print("尚无密钥：请先运行 clustercheck keys create --role reviewer", file=sys.stderr)
    print(f"clustercheck: http://{settings.host}:{settings.port}/  (API 文档 /docs，数据 {settings.data_dir})",
          file=sys.stderr)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level,
                timeout_graceful_shutdown=10)
    return 0


def _any_key(app) -> bool:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from service.db.models import ApiKey

    with app.state.rt.sessions() as s:
        return bool(s.scalar(select(func.count()).select_from(ApiKey).where(ApiKey.revoked_at.is_(None))))
