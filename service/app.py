"""`create_app(settings)`: one FastAPI process serving the API and the reviewers' web pages.

Startup migrates the database (`alembic upgrade head`), opens the blob store, starts the job
engine, which picks up every check still queued from a previous run, and the callback sender, which
picks up every notice still due.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from service import web
from service.api import batches, callbacks, checks, docs, errors, health, keys, rosters, templates
from service.jobs import make_engine
from service.jobs.delivery import Sender
from service.metrics import Metrics, MetricsMiddleware
from service.runtime import Runtime
from service.settings import Settings, get_settings

log = logging.getLogger("clustercheck")

DESCRIPTION = """产业集群评价材料的检查服务 (checks of industrial-cluster evaluation submissions).

**密钥**：所有 /api/v1 接口都需要请求头 `X-API-Key`（`clustercheck keys create --role portal` 生成）。
角色：`reviewer` 查看全部与网页；`portal` 提交并只能查看自己的提交；`admin` 另可管理密钥。

**一个门户的完整流程**：`POST /api/v1/checks`（文件 + `callback_url`，带 `Idempotency-Key` 可安全重试）→
`GET /api/v1/checks/{id}?wait=30`（完成即返回）或等待回调 → 校验回调的 `X-Clustercheck-Signature` →
读取 `verdict` 与 `report.findings`。Python 客户端：`clustercheck_client`（README「十行接入」）。

**回调签名**：`X-Clustercheck-Signature: t=<unix 秒>,v1=<hex>`，v1 = HMAC-SHA256(callback_secret,
`f"{t}.{body}"`)；callback_secret 在创建密钥时显示，或 `POST /api/v1/keys/me/callback-secret` 换新。
非 2xx 应答会重试；投递记录：`GET /api/v1/checks/{id}/deliveries`，重发：`POST` 同一地址。

**限流**：每次提交的应答带 `RateLimit-Limit` / `RateLimit-Remaining` / `RateLimit-Reset`（共享检查队列）；
队列满时 429 与 `Retry-After`。列表接口返回 `total` 与 `next_cursor`（作为 `cursor` 传回翻页）。

**错误**：一律为 JSON `{"code", "message", "message_en", "detail"}`；按 `code` 分支（见下表与
docs/api-errors.md），`detail` 为 v0.1 兼容字段。
"""


ROUTERS = (checks.router, batches.router, callbacks.router, templates.router, rosters.router, keys.router,
           health.router)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    rt = Runtime.open(settings, migrate=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(rt)
        app.state.engine = engine
        sender = Sender(rt)
        await run_in_threadpool(engine.start)
        sender.start()
        log.info("clustercheck ready: %s engine, data in %s", engine.name, settings.data_dir)
        try:
            yield
        finally:
            await run_in_threadpool(sender.stop)
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
