"""/api/v1/keys — admin: create (the key is shown once), list and revoke API keys."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Response

from service.api.deps import Admin, SessionDep
from service.api.errors import AUTH, responses
from service.api.schemas import KeyCreated, KeyIn, KeyOut
from service.auth import create_key, list_keys, revoke_key

router = APIRouter(prefix="/api/v1/keys", tags=["keys"])


@router.post("", status_code=201, response_model=KeyCreated, summary="新建密钥 (create a key; shown once)",
             responses=responses(*AUTH, 422))
def create(body: KeyIn, who: Admin, db: SessionDep) -> KeyCreated:
    row, key = create_key(db, body.role, body.name)
    db.commit()
    return KeyCreated(**KeyOut.model_validate(row, from_attributes=True).model_dump(), key=key)


@router.get("", response_model=list[KeyOut], summary="密钥列表 (list keys)", responses=responses(*AUTH))
def list_all(who: Admin, db: SessionDep) -> list[KeyOut]:
    return [KeyOut.model_validate(r, from_attributes=True) for r in list_keys(db)]


@router.delete("/{key_id}", status_code=204, summary="吊销密钥 (revoke a key)",
               responses=responses(*AUTH, 404, 409))
def revoke(key_id: Annotated[int, Path(ge=1, le=2**31 - 1)], who: Admin, db: SessionDep) -> Response:
    if key_id == who.key_id:
        raise HTTPException(409, "不能吊销正在使用的密钥 (cannot revoke the key making this request)")
    if revoke_key(db, key_id) is None:
        raise HTTPException(404, "密钥不存在 (no such key)")
    db.commit()
    return Response(status_code=204)
