"""/api/v1/checks — submit one file, follow its job (or wait for it), fetch its report as JSON, HTML or XLSX."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from checkers.findings import Report
from service.api import error_codes as ec
from service.api import examples as ex
from service.api import idempotency, upload
from service.api.callbacks import notice_callbacks
from service.api.deps import EngineDep, Reader, RuntimeDep, SessionDep, Submitter
from service.api.errors import AUTH, responses
from service.api.paging import Cursor, Limit, Offset, page_of
from service.api.reports import XLSX, finished_report, report_bytes, report_dict, stem, xlsx_download
from service.api.schemas import CheckList, CheckOut, Status, Verdict, check_out
from service.api.submit import (
    RATE_HEADERS,
    accept_once,
    check_callback,
    ensure_room,
    resolve_refs,
    room,
    unsupported_reason,
    visible,
)
from service.auth import Principal
from service.db import queries
from service.db.models import FINISHED, Check
from service.jobs.base import ASYNC, WAITING
from service.render import render_html
from service.runtime import Runtime
from service.settings import MB

router = APIRouter(prefix="/api/v1/checks", tags=["checks"])
MAX_WAIT = 60

_FORM = {
    "template": {"type": "string", "description": "模板 id（GET /api/v1/templates），默认 auto：自动识别",
                 "examples": ["auto", "hubei-2023-summary"]},
    "roster": {"type": "string", "description": "名单 id（GET /api/v1/rosters），auto（随模板）或 none",
               "examples": ["auto"]},
    "callback_url": {"type": "string", "description": "完成后以签名的 POST 通知的地址（见 callbacks）(POSTed to when done)",
                     "examples": ["https://portal.example.org/hooks/clustercheck"]},
}
_SUBMIT_ERRORS = (ec.MULTIPART_MALFORMED, ec.ONE_FILE_ONLY, ec.FORM_TOO_LARGE, ec.UPLOAD_INTERRUPTED, *AUTH,
                  ec.FILE_TOO_LARGE, ec.NOT_MULTIPART, ec.FILE_UNSUPPORTED, ec.FILE_MISSING, ec.FILE_EMPTY,
                  ec.UNKNOWN_TEMPLATE, ec.UNKNOWN_ROSTER, ec.CALLBACK_URL_INVALID, ec.IDEMPOTENCY_KEY_REUSED,
                  ec.REQUEST_INVALID, ec.QUEUE_FULL)


def _answer(body: dict, status: int, headers: dict[str, str]) -> JSONResponse:
    if status == 202:
        headers = {**headers, "Location": body["links"]["self"]}
    return JSONResponse(body, status_code=status, headers=headers)


@router.post("", response_model=CheckOut, summary="提交一个文件检查 (check one file)",
             description="小文件直接返回报告（200）；`async=true` 或超过同步大小上限的文件返回 202 与任务 id。"
                         "带 `Idempotency-Key` 重试不会重复创建检查。完成后向 `callback_url` 发送签名通知。",
             responses={200: ex.ok(ex.CHECK_DONE, "已完成，附报告 (done, with its report)") | {"headers": RATE_HEADERS},
                        202: {"model": CheckOut, "headers": RATE_HEADERS,
                              **ex.ok(ex.CHECK_QUEUED, "已排队：按 links.self 查询进度，或 GET ?wait=30 等待 (queued)")},
                        **responses(*_SUBMIT_ERRORS)},
             callbacks=notice_callbacks("submit_check"),
             openapi_extra=upload.multipart_body(_FORM, "一个材料文件（Word/WPS、PDF 或 Excel）"))
async def submit_check(request: Request, who: Submitter, rt: RuntimeDep, engine: EngineDep,
                       key: idempotency.IdempotencyHeader = None,
                       run_async: Annotated[bool, Query(alias="async", description="总是返回 202")] = False,
                       ) -> JSONResponse:
    settings = rt.settings
    if not await run_in_threadpool(idempotency.seen, rt, who, key):  # a retry is answered even when full
        await run_in_threadpool(ensure_room, engine, settings)
    up = await upload.receive(request, rt.store, int(settings.max_upload_mb * MB))
    wait = not run_async and up.size <= settings.sync_max_mb * MB
    try:
        claim = idempotency.claim(who, key, "POST /api/v1/checks", run_async=run_async, file=up.sha256,
                                  filename=up.filename, fields=up.fields)
        earlier = await run_in_threadpool(idempotency.replay, rt, claim) if claim else None
        if earlier is None:
            template, roster = await run_in_threadpool(resolve_refs, up.fields.get("template"),
                                                       up.fields.get("roster"))
            callback_url = await run_in_threadpool(check_callback, up.fields.get("callback_url"), settings)
            problem = await run_in_threadpool(unsupported_reason, up.path, up.filename)
            if problem:
                raise problem
    except BaseException:
        up.discard()
        raise
    if earlier is not None:
        up.discard()
        check_id, replayed = earlier, True
    else:
        check_id, replayed = await run_in_threadpool(accept_once, rt, engine, up, template, roster, who,
                                                     WAITING if wait else ASYNC, callback_url, claim)
    headers = (await run_in_threadpool(room, engine, settings)).headers()
    if replayed:
        headers[idempotency.REPLAYED] = "true"
    if wait and await engine.wait(check_id, settings.sync_wait_seconds):
        return _answer(await run_in_threadpool(_view, rt, check_id, True), 200, headers)
    return _answer(await run_in_threadpool(_view, rt, check_id, False), 202, headers)


def _view(rt: Runtime, check_id: str, with_report: bool) -> dict:
    with rt.sessions() as s:
        row = s.get(Check, check_id)
        assert row is not None
        return check_out(row, report_dict(rt, row) if with_report else None)


def _visible(rt: Runtime, check_id: str, who: Principal) -> Check:
    with rt.sessions() as s:
        return visible(s.get(Check, check_id), who)


@router.get("", response_model=CheckList, summary="列出检查 (list checks, newest first)",
            description="按创建时间倒序；`total` 为符合条件的总数。翻页：把 `next_cursor` 作为 `cursor` 传回。",
            responses={200: ex.ok(ex.CHECK_LIST), **responses(*AUTH, ec.CURSOR_INVALID, ec.REQUEST_INVALID)})
def list_checks(who: Reader, db: SessionDep, limit: Limit = 50, offset: Offset = 0, cursor: Cursor = None,
                status: Status | None = None, verdict: Verdict | None = None) -> dict:
    q = queries.checks(who, status=status, verdict=verdict)
    rows, page = page_of(db, q, Check, limit, offset, cursor)
    return {"items": [check_out(r) for r in rows], **page}


@router.get("/{check_id}", response_model=CheckOut, summary="查询检查状态与报告 (status and report)",
            description=f"`wait=N`（至多 {MAX_WAIT} 秒）：检查未完成时等待，完成即返回；到时仍未完成则返回当前状态。"
                        "用于代替轮询 (long poll: returns as soon as the job ends)。",
            responses={200: ex.ok(ex.CHECK_DONE), **responses(*AUTH, ec.NOT_FOUND, ec.REQUEST_INVALID)})
async def get_check(check_id: str, who: Reader, rt: RuntimeDep, engine: EngineDep,
                    report: Annotated[bool, Query(description="完成后附带完整报告")] = True,
                    wait: Annotated[float, Query(ge=0, le=MAX_WAIT, description="最多等待的秒数 (long poll)",
                                                 examples=[30])] = 0) -> JSONResponse:
    row = await run_in_threadpool(_visible, rt, check_id, who)
    if wait and row.status not in FINISHED:
        await engine.wait(check_id, wait)
    return JSONResponse(await run_in_threadpool(_view, rt, check_id, report))


_NOT_READY = (*AUTH, ec.NOT_FOUND, ec.NOT_FINISHED, ec.REQUEST_INVALID)


@router.get("/{check_id}/report.json", response_model=Report, summary="报告 JSON (report as JSON)",
            responses={200: ex.ok(ex.REPORT), **responses(*_NOT_READY)})
def report_json(check_id: str, who: Reader, db: SessionDep, rt: RuntimeDep) -> Response:
    row = visible(db.get(Check, check_id), who)
    return Response(report_bytes(rt, row), media_type="application/json")


@router.get("/{check_id}/report.html", summary="报告网页 (report as HTML)", response_class=HTMLResponse,
            responses={200: ex.ok("<!doctype html><html lang=\"zh-CN\">…<h1>检查报告</h1>…</html>", "报告网页",
                                  "text/html"), **responses(*_NOT_READY)})
def report_html(check_id: str, who: Reader, db: SessionDep, rt: RuntimeDep) -> HTMLResponse:
    return HTMLResponse(render_html(finished_report(rt, visible(db.get(Check, check_id), who))))


@router.get("/{check_id}/report.xlsx", summary="报告工作簿 (report as XLSX)", response_class=Response,
            responses={200: {"description": "工作簿（附件，文件名为 原文件名-检查报告.xlsx）",
                             "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}},
                       **responses(*_NOT_READY)})
def report_xlsx(check_id: str, who: Reader, db: SessionDep, rt: RuntimeDep) -> Response:
    row = visible(db.get(Check, check_id), who)
    return xlsx_download([finished_report(rt, row)], f"{stem(row.filename)}-检查报告.xlsx")
