"""/api/v1/checks — submit one file, follow its job, fetch its report as JSON, HTML or XLSX."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from checkers.findings import Report
from service.api import upload
from service.api.deps import EngineDep, Reader, RuntimeDep, SessionDep, Submitter
from service.api.errors import AUTH, responses
from service.api.reports import XLSX, finished_report, report_bytes, report_dict, stem, xlsx_download
from service.api.schemas import CheckList, CheckOut, Status, check_out
from service.api.submit import accept, check_callback, ensure_room, resolve_refs, unsupported_reason, visible
from service.db import queries
from service.db.models import Check
from service.jobs.base import ASYNC, WAITING
from service.render import render_html
from service.runtime import Runtime
from service.settings import MB

router = APIRouter(prefix="/api/v1/checks", tags=["checks"])

_FORM = {
    "template": {"type": "string", "description": "模板 id（GET /api/v1/templates），默认 auto：自动识别"},
    "roster": {"type": "string", "description": "名单 id（GET /api/v1/rosters），auto（随模板）或 none"},
    "callback_url": {"type": "string", "description": "完成后以 POST 通知的地址 (POSTed to when done)"},
}
_ACCEPTED = {202: {"model": CheckOut, "description": "已排队：按 links.self 查询进度 (queued; poll links.self)"}}


@router.post("", response_model=CheckOut, summary="提交一个文件检查 (check one file)",
             description="小文件直接返回报告（200）；`async=true` 或超过同步大小上限的文件返回 202 与任务 id。",
             responses={**_ACCEPTED, **responses(400, *AUTH, 413, 415, 422, 429)},
             openapi_extra=upload.multipart_body(_FORM, "一个材料文件（Word/WPS、PDF 或 Excel）"))
async def submit_check(request: Request, who: Submitter, rt: RuntimeDep, engine: EngineDep,
                       run_async: Annotated[bool, Query(alias="async", description="总是返回 202")] = False,
                       ) -> JSONResponse:
    settings = rt.settings
    await run_in_threadpool(ensure_room, engine, settings)
    up = await upload.receive(request, rt.store, int(settings.max_upload_mb * MB))
    try:
        template, roster = await run_in_threadpool(resolve_refs, up.fields.get("template"), up.fields.get("roster"))
        callback_url = await run_in_threadpool(check_callback, up.fields.get("callback_url"), settings)
        problem = await run_in_threadpool(unsupported_reason, up.path, up.filename)
        if problem:
            raise HTTPException(*problem)
    except BaseException:
        up.discard()
        raise
    wait = not run_async and up.size <= settings.sync_max_mb * MB
    [check_id] = await run_in_threadpool(accept, rt, engine, [up], template, roster, who,
                                         WAITING if wait else ASYNC, callback_url)
    if wait and await engine.wait(check_id, settings.sync_wait_seconds):
        return JSONResponse(await run_in_threadpool(_view, rt, check_id, True))
    body = await run_in_threadpool(_view, rt, check_id, False)
    return JSONResponse(body, status_code=202, headers={"Location": body["links"]["self"]})


def _view(rt: Runtime, check_id: str, with_report: bool) -> dict:
    with rt.sessions() as s:
        row = s.get(Check, check_id)
        assert row is not None
        return check_out(row, report_dict(rt, row) if with_report else None)


@router.get("", response_model=CheckList, summary="列出检查 (list checks, newest first)",
            responses=responses(*AUTH))
def list_checks(who: Reader, db: SessionDep, limit: Annotated[int, Query(ge=1, le=200)] = 50,
                offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0, status: Status | None = None,
                verdict: Literal["pass", "warn", "fail"] | None = None) -> dict:
    q = queries.checks(who, status=status, verdict=verdict)
    rows = queries.newest_first(db, q, Check, limit, offset)
    return {"items": [check_out(r) for r in rows], "total": queries.count(db, q), "limit": limit, "offset": offset}


@router.get("/{check_id}", response_model=CheckOut, summary="查询检查状态与报告 (status and report)",
            responses=responses(*AUTH, 404))
def get_check(check_id: str, who: Reader, db: SessionDep, rt: RuntimeDep,
              report: Annotated[bool, Query(description="完成后附带完整报告")] = True) -> JSONResponse:
    row = visible(db.get(Check, check_id), who)
    return JSONResponse(check_out(row, report_dict(rt, row) if report else None))


@router.get("/{check_id}/report.json", response_model=Report, summary="报告 JSON (report as JSON)",
            responses=responses(*AUTH, 404, 409))
def report_json(check_id: str, who: Reader, db: SessionDep, rt: RuntimeDep) -> Response:
    row = visible(db.get(Check, check_id), who)
    return Response(report_bytes(rt, row), media_type="application/json")


@router.get("/{check_id}/report.html", summary="报告网页 (report as HTML)",
            responses={200: {"content": {"text/html": {}}, "description": "报告网页"}, **responses(*AUTH, 404, 409)})
def report_html(check_id: str, who: Reader, db: SessionDep, rt: RuntimeDep) -> HTMLResponse:
    return HTMLResponse(render_html(finished_report(rt, visible(db.get(Check, check_id), who))))


@router.get("/{check_id}/report.xlsx", summary="报告工作簿 (report as XLSX)",
            responses={200: {"content": {XLSX: {}}, "description": "工作簿"}, **responses(*AUTH, 404, 409)})
def report_xlsx(check_id: str, who: Reader, db: SessionDep, rt: RuntimeDep) -> Response:
    row = visible(db.get(Check, check_id), who)
    return xlsx_download([finished_report(rt, row)], f"{stem(row.filename)}-检查报告.xlsx")
