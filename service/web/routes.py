"""The reviewers' pages: upload (one file or many), the report, downloads, results of an upload, history.

Server-rendered with Jinja2; the only script (static/app.js) adds drag-and-drop and refreshes
the status of checks still running. Every page works without it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from checkers.findings import Report
from extractor import SUPPORTED
from service.api.deps import EngineDep, RuntimeDep, SameOrigin, SessionDep, Viewer
from service.api.reports import download, finished_report, report_bytes, stem, xlsx_download
from service.api.submit import accept, ensure_room, resolve_refs, visible
from service.api.upload import Upload
from service.auth import Principal
from service.db.models import FINISHED, Check
from service.jobs.base import ASYNC, WAITING, JobEngine
from service.render import render_html
from service.runtime import Runtime
from service.settings import MB
from service.web import catalog, intake
from service.web.history import Filters, find_checks, templates_used
from service.web.view import HEADERS, render

router = APIRouter(include_in_schema=False)
RECENT = 8


def page(request: Request, who: Principal, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    settings = request.app.state.settings
    html = render(name, who=who, keyless=who.key_id is None, open_locally=settings.open_locally,
                  path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status_code, headers=HEADERS)


def upload_page(request: Request, who: Principal, db: Session, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    recent = find_checks(db, who, Filters()).rows[:RECENT]
    s = request.app.state.settings
    ctx.setdefault("error", None)
    ctx.setdefault("template", "auto")
    ctx.setdefault("roster", "auto")
    return page(request, who, "upload.html", status_code, supported=SUPPORTED, templates=catalog.templates(), rosters=catalog.rosters(),
                recent=recent, max_mb=s.max_upload_mb, **ctx)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, who: Viewer, db: SessionDep) -> HTMLResponse:
    return upload_page(request, who, db)


@router.post("/web/checks", dependencies=[SameOrigin])
async def submit(request: Request, who: Viewer, rt: RuntimeDep, engine: EngineDep) -> Response:
    settings = rt.settings
    try:
        form = await intake.read_form(request, settings)
    except HTTPException as e:
        return await run_in_threadpool(_form_error, request, who, rt, e, "auto", "auto")
    try:
        return await _check_files(request, who, rt, engine, form)
    finally:
        await form.close()


async def _check_files(request: Request, who: Principal, rt: Runtime, engine: JobEngine, form: FormData
                       ) -> Response:
    settings = rt.settings
    template, roster = str(form.get("template") or "auto"), str(form.get("roster") or "auto")
    try:
        await run_in_threadpool(ensure_room, engine, settings)
        await run_in_threadpool(resolve_refs, template, roster)
        files = intake.chosen_files(form)
        if not files:
            raise HTTPException(422, "请选择至少一个文件 (no file chosen)")
    except HTTPException as e:
        return await run_in_threadpool(_form_error, request, who, rt, e, template, roster)
    staged: list[Upload] = []
    rejected: list[intake.Rejected] = []
    for part in files:
        done = await run_in_threadpool(intake.stage, rt.store, part, int(settings.max_upload_mb * MB))
        (staged if isinstance(done, Upload) else rejected).append(done)  # type: ignore[arg-type]
    if not staged:
        message = "；".join(f"{r.filename}：{r.message}" for r in rejected)
        statuses = {r.status for r in rejected}
        status = statuses.pop() if len(statuses) == 1 else 422
        return await run_in_threadpool(_form_error, request, who, rt, HTTPException(status, message), template, roster)
    single = len(staged) == 1 and not rejected
    wait = single and staged[0].size <= settings.sync_max_mb * MB
    ids = await run_in_threadpool(accept, rt, engine, staged, template, roster, who, WAITING if wait else ASYNC)
    if single:
        if wait:
            await engine.wait(ids[0], settings.sync_wait_seconds)
        return RedirectResponse(f"/web/checks/{ids[0]}", status_code=303)
    if not rejected:
        return RedirectResponse(f"/web/results?ids={','.join(ids)}", status_code=303)
    return await run_in_threadpool(_results, request, who, rt, ids, rejected)


def _form_error(request: Request, who: Principal, rt: Runtime, e: HTTPException, template: str, roster: str
                ) -> HTMLResponse:
    with rt.sessions() as db:
        resp = upload_page(request, who, db, e.status_code, error=str(e.detail), template=template, roster=roster)
    if e.headers:
        resp.headers.update(e.headers)
    return resp


def _results(request: Request, who: Principal, rt: Runtime, ids: list[str], rejected: list[intake.Rejected]
             ) -> HTMLResponse:
    with rt.sessions() as db:
        found = find_checks(db, who, Filters(ids=tuple(ids)))
    pending = any(r.status not in FINISHED for r in found.rows)
    return page(request, who, "results.html", rows=found.rows, rejected=rejected, ids=",".join(ids), pending=pending)


@router.get("/web/results", response_class=HTMLResponse)
def results(request: Request, who: Viewer, rt: RuntimeDep, ids: str = "") -> HTMLResponse:
    return _results(request, who, rt, list(Filters.clean(ids=ids).ids), [])


@router.get("/web/checks/{check_id}", response_class=HTMLResponse)
def check_page(request: Request, check_id: str, who: Viewer, db: SessionDep, rt: RuntimeDep) -> HTMLResponse:
    row = db.get(Check, check_id)
    if row is None or not who.may_see(row.owner_key_id):
        return page(request, who, "error.html", 404, title="检查不存在", message="没有这条检查记录，或无权查看。")
    if row.status not in FINISHED:
        return page(request, who, "pending.html", row=row)
    if not row.report_sha256:
        return page(request, who, "error.html", 500, title="检查未能完成",
                    message=f"{row.filename}：{row.error or '没有生成报告'}")
    report = finished_report(rt, row)
    return page(request, who, "check.html", row=row, report=report, body=render_html(report, standalone=False))


@router.get("/web/checks/{check_id}/report.{fmt}")
def check_download(check_id: str, fmt: Literal["json", "html", "xlsx"], who: Viewer, db: SessionDep,
                   rt: RuntimeDep) -> Response:
    row = visible(db.get(Check, check_id), who)
    data = report_bytes(rt, row)
    name = f"{stem(row.filename)}-检查报告"
    if fmt == "json":
        return download(data, "application/json", f"{name}.json")
    report = Report.model_validate_json(data)
    if fmt == "xlsx":
        return xlsx_download([report], f"{name}.xlsx")
    return HTMLResponse(render_html(report), headers={"X-Content-Type-Options": "nosniff"})


@router.get("/history", response_class=HTMLResponse)
def history(request: Request, who: Viewer, db: SessionDep,
            verdict: str | None = None, template: str | None = None, cluster: str | None = None,
            page_no: Annotated[int, Query(alias="page", ge=1, le=100000)] = 1) -> HTMLResponse:
    f = Filters.clean(verdict, template, cluster, page_no)
    found = find_checks(db, who, f)
    shipped = [t.id for t in catalog.templates()]
    choices = shipped + [t for t in templates_used(db) if t not in shipped]
    return page(request, who, "history.html", found=found, f=f, template_choices=choices,
                titles={t.id: t.title for t in catalog.templates()})
