"""Past checks for the history page, filtered in the database (verdict, template, cluster)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.auth import Principal
from service.db import queries
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
    q = queries.checks(who, verdict=f.verdict, template=f.template, cluster=f.cluster, ids=f.ids)
    return Page(queries.newest_first(db, q, Check, PAGE_SIZE, (f.page - 1) * PAGE_SIZE), queries.count(db, q), f)


def templates_used(db: Session) -> list[str]:
    """Template ids that occur in past checks (offered in the filter, next to the shipped ones)."""
    return sorted(t for t in db.scalars(select(Check.detected_template).distinct()) if t)
