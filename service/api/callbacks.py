"""Callbacks as the API shows them: the notice a portal receives (the OpenAPI `callbacks` entry of
both submissions), the delivery log of a check or batch, and "send it again".

How the notice is signed and retried: service/jobs/callback.py and service/jobs/delivery.py.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Header
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy import func, select
from starlette.routing import BaseRoute

from service.api import error_codes as ec
from service.api import examples as ex
from service.api import idempotency
from service.api.deps import Reader, RuntimeDep, Submitter
from service.api.errors import AUTH, responses
from service.api.schemas import CallbackNotice, DeliveryList, DeliveryOut, delivery_out
from service.api.submit import visible
from service.auth import Principal
from service.db.models import FINISHED, Batch, CallbackDelivery, Check
from service.jobs import delivery
from service.runtime import Runtime

# --- what the portal receives (documentation of the portal's endpoint, never routed here) -------
_SIGNATURE_DOC = ("`t=<unix 秒>,v1=<hex>`：v1 = HMAC-SHA256(该 API 密钥的 callback_secret, f\"{t}.{原始请求体}\")。"
                  "请用常量时间比较，并拒绝 t 与当前时间相差超过 5 分钟的通知 "
                  "(clustercheck_client.webhook.verify does both)")


def notice_callbacks(submission: str) -> list[BaseRoute]:
    """The OpenAPI `callbacks` entry of one submission endpoint (each its own, for unique operation ids)."""
    notice = APIRouter()

    @notice.post("{$request.body#/callback_url}", summary="检查或批次完成的通知 (the notice a portal receives)",
                 operation_id=f"{submission}_notice",
                 description="clustercheck 在检查或批次完成时 POST 此 JSON。除 2xx 以外的应答（或无应答）会按 "
                             "10 秒、1 分、5 分、30 分、2 小时、6 小时重试；同一次投递的 X-Clustercheck-Delivery 不变。",
                 responses={200: {"description": "任何 2xx：已收到，不再重试 (any 2xx acknowledges)"}})
    def notice_received(
        body: Annotated[CallbackNotice, Body(openapi_examples={"check.finished": {
            "summary": "一个检查完成 (a check finished)", "value": ex.NOTICE}})],
        x_clustercheck_signature: Annotated[str, Header(
            description=_SIGNATURE_DOC, examples=["t=1796632202,v1=5d41402abc4b2a76b9719d911017c592"])],
        x_clustercheck_delivery: Annotated[str, Header(description="投递 id：重试时不变，可用于去重")],
        x_clustercheck_event: Annotated[str, Header(description="check.finished 或 batch.finished")],
        x_clustercheck_attempt: Annotated[int, Header(description="第几次尝试，从 1 起")],
    ) -> None:
        """The portal's side of the exchange, shown in /docs; this app never serves this path."""

    return notice.routes


# --- the delivery log ---------------------------------------------------------------------------
router = APIRouter(prefix="/api/v1", tags=["callbacks"])
_SUBJECTS = {"checks": (Check, "检查", "check"), "batches": (Batch, "批次", "batch")}


def _subject(rt: Runtime, kind: str, subject_id: str, who: Principal) -> Check | Batch:
    model, what, _ = _SUBJECTS[kind]
    with rt.sessions() as s:
        return visible(s.get(model, subject_id), who, what)  # type: ignore[arg-type]


def _log(rt: Runtime, subject_id: str) -> dict:
    with rt.sessions() as s:
        rows = s.scalars(select(CallbackDelivery).where(CallbackDelivery.subject_id == subject_id)
                         .order_by(CallbackDelivery.created_at.desc(), CallbackDelivery.id)).all()
        total = s.scalar(select(func.count()).select_from(CallbackDelivery)
                         .where(CallbackDelivery.subject_id == subject_id)) or 0
        return {"items": [delivery_out(d).model_dump(mode="json") for d in rows], "total": total}


def _resend(rt: Runtime, kind: str, subject_id: str, who: Principal, key: str | None) -> tuple[dict, bool]:
    subject = _subject(rt, kind, subject_id, who)
    _, what, what_en = _SUBJECTS[kind]
    if not subject.callback_url:
        raise ec.CALLBACK_URL_MISSING.error(what=what, what_en=what_en)
    finished = subject.status in FINISHED if isinstance(subject, Check) else subject.finished_at is not None
    if not finished:
        raise ec.NOT_FINISHED.error(what=what, what_en=what_en,
                                    status=subject.status if isinstance(subject, Check) else "running")
    claim = idempotency.claim(who, key, f"POST /api/v1/{kind}/{subject_id}/deliveries")
    d = delivery.build(rt.settings, subject, reason="resend")
    assert d is not None
    delivery_id, replayed = idempotency.create_once(rt, claim, lambda s: delivery.add(s, d))
    with rt.sessions() as s:
        row = s.get(CallbackDelivery, delivery_id)
        assert row is not None
        return delivery_out(row).model_dump(mode="json"), replayed


_READ = responses(*AUTH, ec.NOT_FOUND, ec.REQUEST_INVALID)
_RESEND = responses(*AUTH, ec.NOT_FOUND, ec.NOT_FINISHED, ec.CALLBACK_URL_MISSING, ec.IDEMPOTENCY_KEY_REUSED,
                    ec.REQUEST_INVALID)


_LOG_DOC = "每次投递及其每次尝试：时间、耗时、对方的 HTTP 状态或错误，最新的在前。"
_RESEND_DOC = "以新的投递 id 把完成通知再发一次到提交时的 callback_url（同样签名、同样重试）。"
_LOG_OK = {200: ex.ok(ex.DELIVERY_LIST), **_READ}
_RESEND_OK = {202: ex.ok(ex.DELIVERY_PENDING, "已排队发送 (queued for sending)"), **_RESEND}


async def _list(rt: Runtime, kind: str, subject_id: str, who: Principal) -> JSONResponse:
    await run_in_threadpool(_subject, rt, kind, subject_id, who)
    return JSONResponse(await run_in_threadpool(_log, rt, subject_id))


async def _queue(rt: Runtime, kind: str, subject_id: str, who: Principal, key: str | None) -> JSONResponse:
    body, replayed = await run_in_threadpool(_resend, rt, kind, subject_id, who, key)
    return JSONResponse(body, status_code=202, headers={idempotency.REPLAYED: "true"} if replayed else None)


@router.get("/checks/{check_id}/deliveries", response_model=DeliveryList, responses=_LOG_OK,
            summary="检查的回调投递记录 (a check's callback delivery log)", description=_LOG_DOC)
async def check_deliveries(check_id: str, who: Reader, rt: RuntimeDep) -> JSONResponse:
    return await _list(rt, "checks", check_id, who)


@router.post("/checks/{check_id}/deliveries", status_code=202, response_model=DeliveryOut, responses=_RESEND_OK,
             summary="重发检查的完成通知 (resend a check's callback)", description=_RESEND_DOC)
async def resend_check_callback(check_id: str, who: Submitter, rt: RuntimeDep,
                                key: idempotency.IdempotencyHeader = None) -> JSONResponse:
    return await _queue(rt, "checks", check_id, who, key)


@router.get("/batches/{batch_id}/deliveries", response_model=DeliveryList, responses=_LOG_OK,
            summary="批次的回调投递记录 (a batch's callback delivery log)", description=_LOG_DOC)
async def batch_deliveries(batch_id: str, who: Reader, rt: RuntimeDep) -> JSONResponse:
    return await _list(rt, "batches", batch_id, who)


@router.post("/batches/{batch_id}/deliveries", status_code=202, response_model=DeliveryOut, responses=_RESEND_OK,
             summary="重发批次的完成通知 (resend a batch's callback)", description=_RESEND_DOC)
async def resend_batch_callback(batch_id: str, who: Submitter, rt: RuntimeDep,
                                key: idempotency.IdempotencyHeader = None) -> JSONResponse:
    return await _queue(rt, "batches", batch_id, who, key)
