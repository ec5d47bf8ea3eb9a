"""`create_app(settings)`: one FastAPI process serving the API and the reviewers' web pages.

Startup migrates the database (`alembic upgrade head`), opens the blob store and starts the job
engine, which picks up every check still queued from a previous run.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from service import web
from service.api import batches, checks, docs, errors, health, keys, rosters, templates
from service.jobs import make_engine
from service.metrics import Metrics, MetricsMiddleware
from service.runtime import Runtime
from service.settings import Settings, get_settings

log = logging.getLogger("clustercheck")

DESCRIPTION = """产业集群评价材料的检查服务 (checks of industrial-cluster evaluation submissions).

所有 /api/v1 接口都需要请求头 `X-API-Key`（`clustercheck keys create --role portal` 生成）。
角色：`reviewer` 查看全部与网页；`portal` 提交并只能查看自己的提交；`admin` 另可管理密钥。
错误一律返回 JSON `{"detail": "…"}`。
"""


ROUTERS = (checks.router, batches.router, templates.router, rosters.router, keys.router, health.router)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    rt = Runtime.open(settings, migrate=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(rt)
        app.state.engine = engine
        await run_in_threadpool(engine.start)
        log.info("clustercheck ready: %s engine, data in %s", engine.name, settings.data_dir)
        try:
            yield
        finally:
            await run_in_threadpool(engine.stop)
            rt.close()

    app = FastAPI(title="clustercheck", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.rt = rt
    app.state.settings = settings
    app.state.metrics = Metrics(rt)
    errors.install(app)
    docs.install(app)
    for router in (*ROUTERS, web.router):
        app.include_router(router)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    return app
