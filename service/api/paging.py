"""Pages of a list, newest first: `limit`, then either `cursor` (the previous page's `next_cursor`) or
`offset`. A cursor is the position after the last row shown (its created_at and id), so rows added
meanwhile never shift the next page the way they shift an offset."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query
from sqlalchemy import Select
from sqlalchemy.orm import Session

from service.api import error_codes as ec
from service.db import queries

Limit = Annotated[int, Query(ge=1, le=200, description="每页条数 (page size)")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="跳过的条数；有 cursor 时不用")]
Cursor = Annotated[str | None, Query(max_length=200, description="上一页的 next_cursor (from the previous page)")]


def page_of(db: Session, q: Select, model: Any, limit: int, offset: int, cursor: str | None
            ) -> tuple[list[Any], dict[str, Any]]:
    """(rows, the page's {total, limit, offset, next_cursor})."""
    try:
        rows, next_cursor = queries.page(db, q, model, limit, offset=offset, cursor=cursor)
    except ValueError:
        raise ec.CURSOR_INVALID.error() from None
    return rows, {"total": queries.count(db, q), "limit": limit, "offset": 0 if cursor else offset,
                  "next_cursor": next_cursor}
