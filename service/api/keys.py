"""/api/v1/keys — admin: create (the key is shown once), list and revoke API keys; any submitting key:
a new secret for signing its own callbacks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from service.api import error_codes as ec
from service.api import examples as ex
from service.api import idempotency
from service.api.deps import Admin, RuntimeDep, SessionDep, Submitter
from service.api.errors import AUTH, responses
from service.api.schemas import CallbackSecret, KeyCreated, KeyIn, KeyOut
from service.auth import Principal, create_key, list_keys, revoke_key
from service.db.models import ApiKey, new_callback_secret
from service.runtime import Runtime

router = APIRouter(prefix="/api/v1/keys", tags=["keys"])


def _create(rt: Runtime, body: KeyIn, who: Principal, key: str | None) -> tuple[dict, bool]:
    made: dict[str, str] = {}

    def create(s: Session) -> str:
        row, plain = create_key(s, body.role, body.name)
        made.update(key=plain, callback_secret=row.callback_secret)
        return str(row.id)

    claim = idempotency.claim(who, key, "POST /api/v1/keys", **body.model_dump())
    key_id, replayed = idempotency.create_once(rt, claim, create)
    with rt.sessions() as s:
        row = s.get(ApiKey, int(key_id))
        out = KeyOut.model_validate(row, from_attributes=True).model_dump()
    return KeyCreated(**out, key=made.get("key"), callback_secret=made.get("callback_secret")
                      ).model_dump(mode="json"), replayed


@router.post("", status_code=201, response_model=KeyCreated, summary="新建密钥 (create a key; shown once)",
             description="密钥与其回调签名密钥只在此显示一次。带同一 `Idempotency-Key` 重试返回同一密钥的记录，"
                         "但 key 与 callback_secret 为 null（不再显示）。",
             openapi_extra={"requestBody": {"content": {"application/json": {"example": ex.KEY_IN}}}},
             responses={201: ex.ok(ex.KEY_CREATED, "已创建 (created)"),
                        **responses(*AUTH, ec.IDEMPOTENCY_KEY_REUSED, ec.REQUEST_INVALID)})
async def create(body: KeyIn, who: Admin, rt: RuntimeDep, key: idempotency.IdempotencyHeader = None) -> JSONResponse:
    out, replayed = await run_in_threadpool(_create, rt, body, who, key)
    return JSONResponse(out, status_code=201, headers={idempotency.REPLAYED: "true"} if replayed else None)


@router.get("", response_model=list[KeyOut], summary="密钥列表 (list keys)",
            responses={200: ex.ok([ex.KEY]), **responses(*AUTH)})
def list_all(who: Admin, db: SessionDep) -> list[KeyOut]:
    return [KeyOut.model_validate(r, from_attributes=True) for r in list_keys(db)]


@router.delete("/{key_id}", status_code=204, summary="吊销密钥 (revoke a key)",
               responses={204: {"description": "已吊销 (revoked)"},
                          **responses(*AUTH, ec.NOT_FOUND, ec.KEY_IN_USE, ec.REQUEST_INVALID)})
def revoke(key_id: Annotated[int, Path(ge=1, le=2**31 - 1)], who: Admin, db: SessionDep) -> Response:
    if key_id == who.key_id:
        raise ec.KEY_IN_USE.error()
    if revoke_key(db, key_id) is None:
        raise ec.NOT_FOUND.error(what="密钥", what_en="key")
    db.commit()
    return Response(status_code=204)


def _rotate(rt: Runtime, who: Principal, key: str | None) -> tuple[dict, bool]:
    assert who.key_id is not None  # an API key: Submitter always has one

    def rotate(s: Session) -> str:
        row = s.get(ApiKey, who.key_id)
        assert row is not None
        row.callback_secret = new_callback_secret()
        return str(row.id)

    claim = idempotency.claim(who, key, "POST /api/v1/keys/me/callback-secret")
    _, replayed = idempotency.create_once(rt, claim, rotate)
    with rt.sessions() as s:
        row = s.get(ApiKey, who.key_id)
        assert row is not None
        return CallbackSecret(key_id=row.id, callback_secret=row.callback_secret).model_dump(), replayed


@router.post("/me/callback-secret", response_model=CallbackSecret,
             summary="换一个回调签名密钥 (new secret for this key's callbacks)",
             description="为发出请求的这个 API 密钥生成新的 callback_secret 并返回；此后（包括尚在重试中的）"
                         "回调都用它签名，旧的立即失效。",
             responses={200: ex.ok(ex.SECRET), **responses(*AUTH, ec.IDEMPOTENCY_KEY_REUSED, ec.REQUEST_INVALID)})
async def rotate_callback_secret(who: Submitter, rt: RuntimeDep,
                                 key: idempotency.IdempotencyHeader = None) -> JSONResponse:
    out, replayed = await run_in_threadpool(_rotate, rt, who, key)
    return JSONResponse(out, headers={idempotency.REPLAYED: "true"} if replayed else None)
