"""`Idempotency-Key` on every POST of the API: a client that retries a POST whose answer it never got
(a timeout, a dropped connection) gets what the first one created instead of a duplicate.

Keys are scoped per API key and remembered for `idempotency_hours` (24 h by default). What is
compared is what the request *asks for* — the operation, its path and query, the uploaded file's
SHA-256 and name, the form fields or the JSON body — not the raw bytes, since a client that builds
the multipart body again picks a new boundary. The record is written in the same transaction as
what it guards, so two concurrent requests with one key make one resource: the loser's
transaction fails on the unique (key owner, key) index and it answers with the winner's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Header
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.api import error_codes as ec
from service.auth import Principal
from service.db.models import IdempotencyKey, utcnow
from service.runtime import Runtime

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"  # answer header: "true" when this is the first request's resource

IdempotencyHeader = Annotated[str | None, Header(
    alias=HEADER, min_length=1, max_length=255, pattern=r"^[\x21-\x7e]+$",
    description="同一密钥下唯一的请求标识（如 UUID）：重试时带同一个值，不会重复创建；"
                "同一个值配不同的请求内容返回 422 idempotency_key_reused。保留 24 小时。"
                " (retry-safe POST: same key + same request → the same resource)",
    examples=["3f0c9a2e-6a55-4c1e-9d1e-2b7b5d0e8c11"])]


@dataclass(frozen=True, slots=True)
class Claim:
    owner_key_id: int
    key: str
    operation: str
    fingerprint: str


def claim(who: Principal, key: str | None, operation: str, **request: object) -> Claim | None:
    """None when the request carries no key (or comes from the keyless local user)."""
    if not key or who.key_id is None:
        return None
    canonical = json.dumps(request, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return Claim(who.key_id, key, operation, hashlib.sha256(f"{operation}\n{canonical}".encode()).hexdigest())


def _ttl(rt: Runtime) -> timedelta:
    return timedelta(hours=rt.settings.idempotency_hours)


def _row(s: Session, owner_key_id: int, key: str, ttl: timedelta) -> IdempotencyKey | None:
    row = s.scalars(select(IdempotencyKey).where(IdempotencyKey.owner_key_id == owner_key_id,
                                                 IdempotencyKey.key == key)).first()
    return row if row is not None and row.created_at > utcnow() - ttl else None


def seen(rt: Runtime, who: Principal, key: str | None) -> bool:
    """Whether this key was used (whatever for): a retry is answered even when the queue is full."""
    if not key or who.key_id is None:
        return False
    with rt.sessions() as s:
        return _row(s, who.key_id, key, _ttl(rt)) is not None


def replay(rt: Runtime, c: Claim) -> str | None:
    """The resource the first request made; 422 when the key was used for a different request."""
    with rt.sessions() as s:
        row = _row(s, c.owner_key_id, c.key, _ttl(rt))
    if row is None:
        return None
    if row.operation != c.operation or row.fingerprint != c.fingerprint:
        raise ec.IDEMPOTENCY_KEY_REUSED.error(key=c.key[:80])
    return row.resource_id


def create_once(rt: Runtime, c: Claim | None, create: Callable[[Session], str]) -> tuple[str, bool]:
    """(resource id, replayed): `create` runs in a transaction that also records the claim, unless
    the claim was seen before (or is recorded concurrently by another request, which then wins)."""
    if c is not None and (found := replay(rt, c)) is not None:
        return found, True
    try:
        with rt.sessions.begin() as s:
            if c is not None:  # first, so a concurrent duplicate fails before any other row is written
                s.execute(delete(IdempotencyKey).where(  # an expired record of the key gives way
                    IdempotencyKey.owner_key_id == c.owner_key_id, IdempotencyKey.key == c.key,
                    IdempotencyKey.created_at <= utcnow() - _ttl(rt)))
                row = IdempotencyKey(owner_key_id=c.owner_key_id, key=c.key, operation=c.operation,
                                     fingerprint=c.fingerprint, resource_id="", created_at=utcnow())
                s.add(row)
                s.flush()
            resource_id = create(s)
            if c is not None:
                row.resource_id = resource_id
    except IntegrityError:
        if c is None or (found := replay(rt, c)) is None:
            raise
        return found, True
    return resource_id, False
