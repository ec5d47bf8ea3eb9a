"""The listings the API and the web pages share, so that both show a key the same rows in the same
order: a portal only its own submissions, reviewers and admins everything, newest first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Select, func, or_, select
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
