"""The listings the API and the web pages share, so that both show a key the same rows in the same
order: a portal only its own submissions, reviewers and admins everything, newest first."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from service.db.models import Batch, Check

if TYPE_CHECKING:
    from service.auth import Principal

Row = TypeVar("Row", Check, Batch)


def owned(model: type[Row], who: Principal) -> Select[tuple[Row]]:
    q = select(model)
    return q if who.sees_all else q.where(model.owner_key_id == who.key_id)


def checks(who: Principal, *, status: str | None = None, verdict: str | None = None, template: str | None = None,
           cluster: str | None = None, ids: Iterable[str] = ()) -> Select[tuple[Check]]:
    """Checks this key may see; `template` matches the one asked for or the one detected, `cluster`
    any part of the cluster's name or of the file name (a reviewer types 十堰 and finds both)."""
    q = owned(Check, who)
    ids = tuple(ids)
    if ids:
        q = q.where(Check.id.in_(ids))
    if status:
        q = q.where(Check.status == status)
    if verdict:
        q = q.where(Check.verdict == verdict)
    if template:
        q = q.where(or_(Check.detected_template == template, Check.template == template))
    if cluster:
        q = q.where(or_(Check.cluster_name.contains(cluster, autoescape=True),
                        Check.filename.contains(cluster, autoescape=True)))
    return q


def newest_first(db: Session, q: Select[tuple[Row]], model: type[Row], limit: int, offset: int = 0) -> list[Row]:
    """One page; the id breaks ties, so rows created in the same instant never swap between pages."""
    return list(db.scalars(q.order_by(model.created_at.desc(), model.id).limit(limit).offset(offset)))


def count(db: Session, q: Select) -> int:
    return db.scalar(select(func.count()).select_from(q.subquery())) or 0


def page(db: Session, q: Select[tuple[Row]], model: type[Row], limit: int, *, offset: int = 0,
         cursor: str | None = None) -> tuple[list[Row], str | None]:
    """One page newest first, from `cursor` (else `offset`), and the cursor of the page after it."""
    if cursor:
        created, last_id = decode_cursor(cursor)
        q = q.where(or_(model.created_at < created, and_(model.created_at == created, model.id > last_id)))
        offset = 0
    rows = list(db.scalars(q.order_by(model.created_at.desc(), model.id).limit(limit + 1).offset(offset)))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode_cursor(rows[-1].created_at, rows[-1].id) if more and rows else None


def encode_cursor(created: datetime, row_id: str) -> str:
    raw = json.dumps([created.astimezone(UTC).isoformat(), row_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """ValueError for anything this module did not write."""
    try:
        created, row_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        when = datetime.fromisoformat(created)
    except (binascii.Error, UnicodeDecodeError, TypeError, ValueError) as e:
        raise ValueError("invalid cursor") from e
    if not isinstance(row_id, str) or when.tzinfo is None:
        raise ValueError("invalid cursor")
    return when, row_id
