"""/healthz (the process answers), /readyz (database, storage and job engine usable), /metrics."""

from __future__ import annotations

import os
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text

from service.api import error_codes as ec
from service.api import examples as ex
from service.api.deps import EngineDep, RuntimeDep, web_user
from service.api.errors import responses

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="进程存活 (liveness)", responses={200: ex.ok(ex.HEALTH)})
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="可以接收检查 (readiness)",
            responses={200: ex.ok(ex.READY, "就绪 (ready)"),
                       503: {**ex.ok(ex.NOT_READY, "未就绪：数据库、存储或任务引擎不可用 (not ready)"),
                             "headers": {"Retry-After": {"description": "建议的重试等待秒数", "required": True,
                                                         "schema": {"type": "integer"}}}}})
async def readyz(rt: RuntimeDep, engine: EngineDep) -> JSONResponse:
    checks: dict[str, Any] = {}
    try:
        def ping() -> None:
            with rt.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        await run_in_threadpool(ping)
        checks["database"] = "ok"
    except Exception as e:
        checks["database"] = f"error: {type(e).__name__}"
    checks["storage"] = "ok" if os.access(rt.store.root, os.W_OK) else "not writable"
    checks["jobs"] = await run_in_threadpool(engine.health)
    ok = checks["database"] == "ok" and checks["storage"] == "ok" and bool(checks["jobs"].get("ok"))
    body = {"status": "ready" if ok else "not ready", "checks": checks}
    return JSONResponse(body, status_code=200 if ok else 503,
                        headers=None if ok else {"Retry-After": "5"})


@router.get("/metrics", summary="Prometheus 指标 (metrics)", response_class=Response,
            dependencies=[Depends(web_user)],  # the pages' rule: open on the embedded default
            responses={200: ex.ok("# TYPE clustercheck_checks_total counter\n"
                                  'clustercheck_checks_total{status="done",verdict="fail"} 3.0\n',
                                  "Prometheus text format", "text/plain"),
                       **responses(ec.KEY_MISSING, ec.KEY_INVALID, ec.PAGES_FORBIDDEN)})
def metrics(request: Request) -> Response:
    body, content_type = request.app.state.metrics.exposition()
    return Response(body, media_type=content_type)
