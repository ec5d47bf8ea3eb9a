"""Past checks for the history page, filtered in the database (verdict, template, cluster)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from service.auth import Principal
from service.db.models import Check

PAGE_SIZE = 50
VERDICTS = ("pass", "warn", "fail")


@dataclass(frozen=True)
class Filters:
    verdict: str = ""
    template: str = ""
    cluster: str = ""
    page: int = 1
    ids: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def clean(cls, verdict: str | None = None, template: str | None = None, cluster: str | None = None,
              page: int = 1, ids: str | None = None) -> Filters:
        """Unknown values are dropped rather than refused: a stale bookmark still shows a page."""
        v = (verdict or "").strip()
        return cls(verdict=v if v in VERDICTS else "", template=(template or "").strip()[:100],
                   cluster=(cluster or "").strip()[:100], page=max(1, page),
                   ids=tuple(i for i in (ids or "").split(",") if i.isalnum())[:200])

    @property
    def active(self) -> bool:
        return bool(self.verdict or self.template or self.cluster)


@dataclass
class Page:
    rows: list[Check]
    total: int
    filters: Filters

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def find_checks(db: Session, who: Principal, f: Filters) -> Page:
    q = select(Check)
    if not who.sees_all:
        q = q.where(Check.owner_key_id == who.key_id)
    if f.ids:
        q = q.where(Check.id.in_(f.ids))
    if f.verdict:
        q = q.where(Check.verdict == f.verdict)
    if f.template:
        q = q.where(or_(Check.detected_template == f.template, Check.template == f.template))
    if f.cluster:
        q = q.where(or_(Check.cluster_name.contains(f.cluster, autoescape=True),
                        Check.filename.contains(f.cluster, autoescape=True)))
    total = db.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = list(db.scalars(q.order_by(Check.created_at.desc(), Check.id)
                           .limit(PAGE_SIZE).offset((f.page - 1) * PAGE_SIZE)))
    return Page(rows, total, f)


def templates_used(db: Session) -> list[str]:
    """Template ids that occur in past checks (offered in the filter, next to the shipped ones)."""
    return sorted(t for t in db.scalars(select(Check.detected_template).distinct()) if t)
