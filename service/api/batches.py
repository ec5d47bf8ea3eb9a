"""/api/v1/batches — a zip of submissions: progress while it runs, summary and reports when done."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checkers.findings import Report
from service.api import error_codes as ec
from service.api import examples as ex
from service.api import idempotency, upload
from service.api.callbacks import notice_callbacks
from service.api.deps import EngineDep, Reader, RuntimeDep, SessionDep, Submitter
from service.api.errors import AUTH, responses, split_bilingual
from service.api.paging import Cursor, Limit, Offset, page_of
from service.api.reports import XLSX, stem, xlsx_download
from service.api.schemas import BatchList, BatchOut, batch_out, item_out
from service.api.submit import (
    RATE_HEADERS,
    add_check,
    check_callback,
    ensure_room,
    new_id,
    resolve_refs,
    room,
    visible,
)
from service.auth import Principal
from service.db import queries
from service.db.models import FINISHED, QUEUED, Batch, BatchItem, Check, utcnow
from service.jobs import delivery
from service.jobs.base import BATCH, JobEngine
from service.runtime import Runtime
from service.settings import MB
from service.zipinput import Member, ZipRefused, expand

router = APIRouter(prefix="/api/v1/batches", tags=["batches"])

_FORM = {
    "template": {"type": "string", "description": "所有文件使用的模板 id，默认 auto：逐个识别"},
    "roster": {"type": "string", "description": "名单 id，auto 或 none"},
    "callback_url": {"type": "string", "description": "全部完成后以签名的 POST 通知的地址（见 callbacks）",
                     "examples": ["https://portal.example.org/hooks/clustercheck"]},
}
_ZIP_CODES = {415: ec.ARCHIVE_NOT_ZIP, 422: ec.ARCHIVE_EMPTY, 413: ec.ARCHIVE_TOO_LARGE}


@router.post("", status_code=202, response_model=BatchOut, summary="批量提交 zip (submit a zip of files)",
             description="zip 中每个文件各成一个检查；带 `Idempotency-Key` 重试不会重复创建批次。",
             responses={202: {"headers": RATE_HEADERS, **ex.ok(ex.BATCH_QUEUED, "已排队 (queued)")},
                        **responses(ec.MULTIPART_MALFORMED, ec.ONE_FILE_ONLY, ec.FORM_TOO_LARGE,
                                    ec.UPLOAD_INTERRUPTED, *AUTH, ec.FILE_TOO_LARGE, ec.ARCHIVE_TOO_LARGE,
                                    ec.NOT_MULTIPART, ec.ARCHIVE_NOT_ZIP, ec.FILE_MISSING, ec.ARCHIVE_EMPTY,
                                    ec.UNKNOWN_TEMPLATE, ec.UNKNOWN_ROSTER, ec.CALLBACK_URL_INVALID,
                                    ec.IDEMPOTENCY_KEY_REUSED, ec.REQUEST_INVALID, ec.QUEUE_FULL)},
             callbacks=notice_callbacks("submit_batch"),
             openapi_extra=upload.multipart_body(_FORM, "zip 压缩包，内含待检查的文件"))
async def submit_batch(request: Request, who: Submitter, rt: RuntimeDep, engine: EngineDep,
                       key: idempotency.IdempotencyHeader = None) -> JSONResponse:
    s = rt.settings
    if not await run_in_threadpool(idempotency.seen, rt, who, key):
        await run_in_threadpool(ensure_room, engine, s)
    up = await upload.receive(request, rt.store, int(s.max_batch_mb * MB), what="压缩包")
    try:
        claim = idempotency.claim(who, key, "POST /api/v1/batches", file=up.sha256, filename=up.filename,
                                  fields=up.fields)
        earlier = await run_in_threadpool(idempotency.replay, rt, claim) if claim else None
        if earlier is None:
            template, roster = await run_in_threadpool(resolve_refs, up.fields.get("template"),
                                                       up.fields.get("roster"))
            callback_url = await run_in_threadpool(check_callback, up.fields.get("callback_url"), s)
            members = await run_in_threadpool(expand, up.path, rt.store, int(s.max_upload_mb * MB),
                                              s.batch_max_files, int(s.batch_max_unzipped_mb * MB))
    except ZipRefused as e:
        zh, en = split_bilingual(e.message)
        raise _ZIP_CODES.get(e.status, ec.BAD_REQUEST).error(message=zh, message_en=en) from None
    finally:
        up.discard()
    if earlier is not None:
        batch_id, replayed = earlier, True
    else:
        batch_id, replayed = await run_in_threadpool(_accept, rt, engine, up.filename, members, template, roster,
                                                     who, callback_url, claim)
    body = await run_in_threadpool(_view, rt, batch_id, False)
    headers = {"Location": body["links"]["self"], **(await run_in_threadpool(room, engine, s)).headers()}
    if replayed:
        headers[idempotency.REPLAYED] = "true"
    return JSONResponse(body, status_code=202, headers=headers)


def _accept(rt: Runtime, engine: JobEngine, filename: str, members: list[Member], template: str | None,
            roster: str | None, who: Principal, callback_url: str | None,
            claim: idempotency.Claim | None) -> tuple[str, bool]:
    """(batch id, replayed): the batch and its checks in one transaction with the Idempotency-Key."""
    check_ids: list[str] = []

    def create(s: Session) -> str:
        batch_id = new_id()
        check_ids.clear()
        s.add(Batch(id=batch_id, filename=filename, template=template, roster=roster, owner_key_id=who.key_id,
                    total=len(members), callback_url=callback_url, created_at=utcnow()))
        s.flush()
        for m in members:
            check_id = None
            if m.blob is not None:
                check = add_check(s, m.blob, m.filename, template, roster, who, BATCH, batch_id=batch_id)
                check_id = check.id
                check_ids.append(check_id)
            s.add(BatchItem(batch_id=batch_id, position=m.position, name=m.name, check_id=check_id,
                            error_code=m.error_code, error=m.error))
        if not check_ids:  # every member refused at intake: finished now, and its notice is due now
            batch = s.get(Batch, batch_id)
            assert batch is not None
            batch.finished_at = utcnow()
            if (notice := delivery.build(rt.settings, batch)) is not None:
                delivery.add(s, notice)
        return batch_id

    batch_id, replayed = idempotency.create_once(rt, claim, create)
    if not replayed:
        for check_id in check_ids:
            engine.submit(check_id, BATCH)
    return batch_id, replayed


def _view(rt: Runtime, batch_id: str, with_items: bool) -> dict:
    with rt.sessions() as s:
        batch = s.get(Batch, batch_id)
        assert batch is not None
        return describe(s, batch, with_items).model_dump(mode="json")


def describe(s: Session, batch: Batch, with_items: bool) -> BatchOut:
    rows = s.execute(select(Check.status, Check.verdict, func.count()).where(Check.batch_id == batch.id)
                     .group_by(Check.status, Check.verdict)).all()
    rejected = s.scalar(select(func.count()).select_from(BatchItem)
                        .where(BatchItem.batch_id == batch.id, BatchItem.check_id.is_(None))) or 0
    verdicts = {"pass": 0, "warn": 0, "fail": rejected}
    done, failed, started = rejected, rejected, False
    for status, verdict, n in rows:
        if status in FINISHED:
            done += n
            failed += n if status == "failed" else 0
            if verdict in verdicts:
                verdicts[verdict] += n
        started = started or status != QUEUED
    items = [item_out(item, check) for item, check in _members(s, batch)] if with_items else None
    return batch_out(batch, items, done, failed, verdicts, started)


def _members(s: Session, batch: Batch) -> list[tuple[BatchItem, Check | None]]:
    """Every member of the zip in its order, with its check (None for one refused at intake)."""
    q = (select(BatchItem, Check).outerjoin(Check, BatchItem.check_id == Check.id)
         .where(BatchItem.batch_id == batch.id).order_by(BatchItem.position))
    return list(s.execute(q).tuples())


@router.get("", response_model=BatchList, summary="列出批次 (list batches, newest first)",
            description="按创建时间倒序；`total` 为总数。翻页：把 `next_cursor` 作为 `cursor` 传回。",
            responses={200: ex.ok(ex.BATCH_LIST), **responses(*AUTH, ec.CURSOR_INVALID, ec.REQUEST_INVALID)})
def list_batches(who: Reader, db: SessionDep, limit: Limit = 50, offset: Offset = 0, cursor: Cursor = None) -> dict:
    rows, page = page_of(db, queries.owned(Batch, who), Batch, limit, offset, cursor)
    return {"items": [describe(db, b, False) for b in rows], **page}


@router.get("/{batch_id}", response_model=BatchOut, summary="批次进度与汇总 (progress and summary)",
            responses={200: ex.ok(ex.BATCH), **responses(*AUTH, ec.NOT_FOUND, ec.REQUEST_INVALID)})
def get_batch(batch_id: str, who: Reader, db: SessionDep,
              items: Annotated[bool, Query(description="附带每个文件的结果")] = True) -> BatchOut:
    return describe(db, visible(db.get(Batch, batch_id), who, "批次"), items)


def _reports(rt: Runtime, db: Session, batch: Batch) -> list[bytes]:
    if batch.finished_at is None:
        raise ec.NOT_FINISHED.error(what="批次", what_en="batch", status="running")
    from service.pipeline import error_report

    out: list[bytes] = []
    for item, check in _members(db, batch):
        if check is not None and check.report_sha256:
            out.append(rt.store.read(check.report_sha256))
        else:
            msg = item.error or (check.error if check else None) or "未能检查"
            out.append(error_report(item.name, check.sha256 if check else "", item.error_code or "F001", msg)
                       .model_dump_json().encode("utf-8"))
    return out


_NOT_READY = (*AUTH, ec.NOT_FOUND, ec.NOT_FINISHED, ec.REQUEST_INVALID)


@router.get("/{batch_id}/reports.json", response_model=list[Report], summary="每个文件的报告 (all reports)",
            responses={200: ex.ok([ex.REPORT]), **responses(*_NOT_READY)})
def batch_reports(batch_id: str, who: Reader, db: SessionDep, rt: RuntimeDep) -> Response:
    blobs = _reports(rt, db, visible(db.get(Batch, batch_id), who, "批次"))
    return Response(b"[" + b",".join(blobs) + b"]", media_type="application/json")


@router.get("/{batch_id}/summary.xlsx", summary="汇总工作簿 (summary workbook)", response_class=Response,
            responses={200: {"description": "工作簿（附件，文件名为 压缩包名-汇总.xlsx）",
                             "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}},
                       **responses(*_NOT_READY)})
def batch_xlsx(batch_id: str, who: Reader, db: SessionDep, rt: RuntimeDep) -> Response:
    batch = visible(db.get(Batch, batch_id), who, "批次")
    reports = [Report.model_validate_json(b) for b in _reports(rt, db, batch)]
    return xlsx_download(reports, f"{stem(batch.filename)}-汇总.xlsx")
