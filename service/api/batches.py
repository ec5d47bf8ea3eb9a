"""/api/v1/batches — a zip of submissions: progress while it runs, summary and reports when done."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checkers.findings import Report
from service.api import upload
from service.api.deps import EngineDep, Reader, RuntimeDep, SessionDep, Submitter
from service.api.errors import AUTH, responses
from service.api.reports import XLSX, stem, xlsx_download
from service.api.schemas import BatchOut, batch_out, item_out
from service.api.submit import add_check, check_callback, ensure_room, new_id, resolve_refs, visible
from service.auth import Principal
from service.db import queries
from service.db.models import FINISHED, QUEUED, Batch, BatchItem, Check, utcnow
from service.jobs.base import BATCH, JobEngine
from service.runtime import Runtime
from service.settings import MB
from service.zipinput import Member, ZipRefused, expand

router = APIRouter(prefix="/api/v1/batches", tags=["batches"])

_FORM = {
    "template": {"type": "string", "description": "所有文件使用的模板 id，默认 auto：逐个识别"},
    "roster": {"type": "string", "description": "名单 id，auto 或 none"},
    "callback_url": {"type": "string", "description": "全部完成后以 POST 通知的地址"},
}


@router.post("", status_code=202, response_model=BatchOut, summary="批量提交 zip (submit a zip of files)",
             responses=responses(400, *AUTH, 413, 415, 422, 429),
             openapi_extra=upload.multipart_body(_FORM, "zip 压缩包，内含待检查的文件"))
async def submit_batch(request: Request, who: Submitter, rt: RuntimeDep, engine: EngineDep) -> JSONResponse:
    s = rt.settings
    await run_in_threadpool(ensure_room, engine, s)
    up = await upload.receive(request, rt.store, int(s.max_batch_mb * MB), what="压缩包")
    try:
        template, roster = await run_in_threadpool(resolve_refs, up.fields.get("template"), up.fields.get("roster"))
        callback_url = await run_in_threadpool(check_callback, up.fields.get("callback_url"), s)
        members = await run_in_threadpool(expand, up.path, rt.store, int(s.max_upload_mb * MB),
                                          s.batch_max_files, int(s.batch_max_unzipped_mb * MB))
    except ZipRefused as e:
        raise HTTPException(e.status, e.message) from None
    finally:
        up.discard()
    batch_id = await run_in_threadpool(_accept, rt, engine, up.filename, members, template, roster, who,
                                       callback_url)
    body = await run_in_threadpool(_view, rt, batch_id, False)
    return JSONResponse(body, status_code=202, headers={"Location": body["links"]["self"]})


def _accept(rt: Runtime, engine: JobEngine, filename: str, members: list[Member], template: str | None,
            roster: str | None, who: Principal, callback_url: str | None) -> str:
    batch_id = new_id()
    check_ids: list[str] = []
    with rt.sessions.begin() as s:
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
        if not check_ids:
            s.get(Batch, batch_id).finished_at = utcnow()  # type: ignore[union-attr]
    for check_id in check_ids:
        engine.submit(check_id, BATCH)
    return batch_id


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


@router.get("", response_model=list[BatchOut], summary="列出批次 (list batches, newest first)",
            responses=responses(*AUTH))
def list_batches(who: Reader, db: SessionDep, limit: Annotated[int, Query(ge=1, le=200)] = 50,
                 offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> list[BatchOut]:
    return [describe(db, b, False) for b in queries.newest_first(db, queries.owned(Batch, who), Batch, limit, offset)]


@router.get("/{batch_id}", response_model=BatchOut, summary="批次进度与汇总 (progress and summary)",
            responses=responses(*AUTH, 404))
def get_batch(batch_id: str, who: Reader, db: SessionDep,
              items: Annotated[bool, Query(description="附带每个文件的结果")] = True) -> BatchOut:
    return describe(db, visible(db.get(Batch, batch_id), who, "批次"), items)


def _reports(rt: Runtime, db: Session, batch: Batch) -> list[bytes]:
    if batch.finished_at is None:
        raise HTTPException(409, "批次尚未完成 (batch not finished yet)")
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


@router.get("/{batch_id}/reports.json", response_model=list[Report], summary="每个文件的报告 (all reports)",
            responses=responses(*AUTH, 404, 409))
def batch_reports(batch_id: str, who: Reader, db: SessionDep, rt: RuntimeDep) -> Response:
    blobs = _reports(rt, db, visible(db.get(Batch, batch_id), who, "批次"))
    return Response(b"[" + b",".join(blobs) + b"]", media_type="application/json")


@router.get("/{batch_id}/summary.xlsx", summary="汇总工作簿 (summary workbook)",
            responses={200: {"content": {XLSX: {}}, "description": "工作簿"}, **responses(*AUTH, 404, 409)})
def batch_xlsx(batch_id: str, who: Reader, db: SessionDep, rt: RuntimeDep) -> Response:
    batch = visible(db.get(Batch, batch_id), who, "批次")
    reports = [Report.model_validate_json(b) for b in _reports(rt, db, batch)]
    return xlsx_download(reports, f"{stem(batch.filename)}-汇总.xlsx")
