"""What accepting a submission means, shared by single checks and batches: the references resolve,
the file is something a parser accepts, the queue has room, and the row is committed before any
engine hears of it (so an accepted job survives whatever happens next).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checkers import pack_ids, roster_ids
from service.api import error_codes as ec
from service.api import idempotency
from service.api.error_codes import ApiError
from service.api.upload import Upload
from service.auth import Principal
from service.db.models import DONE, Batch, Check, utcnow
from service.jobs.base import JobEngine
from service.jobs.callback import callback_problem
from service.runtime import Runtime
from service.settings import Settings
from service.storage import Blob, record

SNIFF_BYTES = 64 * 1024 * 1024
Owned = TypeVar("Owned", Check, Batch)


def resolve_refs(template: str | None, roster: str | None) -> tuple[str | None, str | None]:
    """Only shipped ids (or auto/none): a reference is never taken as a path on the server."""
    t = (template or "").strip() or None
    r = (roster or "").strip() or None
    if t and t != "auto" and t not in pack_ids():
        raise ec.UNKNOWN_TEMPLATE.error(template=t, available=", ".join(pack_ids()))
    if r and r not in ("auto", "none") and r not in roster_ids():
        raise ec.UNKNOWN_ROSTER.error(roster=r, available=", ".join(roster_ids()))
    return t, r


def check_callback(url: str | None, settings: Settings) -> str | None:
    url = (url or "").strip() or None
    if url:
        problem = callback_problem(url, settings.callback_private_ok)
        if problem:
            raise ec.CALLBACK_URL_INVALID.error(reason=problem[0], reason_en=problem[1])
    return url


def unsupported_reason(path: Path, filename: str) -> ApiError | None:
    """Why no parser would take the file (an error to raise or show); sniffed from its bytes, not its name."""
    from extractor import SUPPORTED_HINT, parser_for, sniff

    with open(path, "rb") as f:
        src = sniff(f.read(SNIFF_BYTES), filename)
    if src.kind == "empty":
        return ec.FILE_EMPTY.error()
    if parser_for(src) is not None:
        return None
    return ec.FILE_UNSUPPORTED.error(kind=src.kind, extension=src.extension or src.kind, hint=SUPPORTED_HINT)


def _int_header(description: str) -> dict:
    return {"description": description, "required": True, "schema": {"type": "integer", "minimum": 0}}


RATE_HEADERS = {  # the OpenAPI description of Room.headers(), on every accepted submission
    "RateLimit-Limit": _int_header("检查队列的容量 (capacity of the shared check queue)"),
    "RateLimit-Remaining": _int_header("队列中尚余的位置；为 0 时新的提交将得到 429 (free places left)"),
    "RateLimit-Reset": _int_header("预计队列排空的秒数 (estimated seconds until the queue is empty)"),
}


@dataclass(frozen=True, slots=True)
class Room:
    """The check queue as a rate limit: what a client reads in the RateLimit-* headers of every
    submission, so that it slows down before it meets the 429."""

    queued: int
    limit: int
    drain_seconds: int  # estimated seconds until the queue is empty

    def headers(self, added: int = 0) -> dict[str, str]:
        return {"RateLimit-Limit": str(self.limit),
                "RateLimit-Remaining": str(max(0, self.limit - self.queued - added)),
                "RateLimit-Reset": str(self.drain_seconds)}


def room(engine: JobEngine, settings: Settings) -> Room:
    queued = engine.queued()
    drain = 0
    if queued:
        with engine.rt.sessions() as s:
            avg = s.scalar(select(func.avg(Check.duration_seconds)).where(Check.status == DONE)) or 10.0
        drain = max(1, min(3600, math.ceil(queued * float(avg) / settings.workers)))
    return Room(queued, settings.queue_max, drain)


def ensure_room(engine: JobEngine, settings: Settings) -> Room:
    r = room(engine, settings)
    if r.queued < r.limit:
        return r
    wait = max(5, min(600, r.drain_seconds))
    raise ec.QUEUE_FULL.error({"Retry-After": str(wait), **r.headers()}, queued=r.queued, wait=wait)


def new_id() -> str:
    return uuid.uuid4().hex


def add_check(s: Session, blob: Blob, filename: str, template: str | None, roster: str | None,
              who: Principal, priority: int, callback_url: str | None = None,
              batch_id: str | None = None) -> Check:
    record(s, blob, "upload")
    check = Check(id=new_id(), sha256=blob.sha256, filename=filename, template=template, roster=roster,
                  priority=priority, owner_key_id=who.key_id, batch_id=batch_id, callback_url=callback_url,
                  created_at=utcnow(), attempts=0)
    s.add(check)
    s.flush()  # before anything refers to it (no ORM relationships order the inserts for us)
    return check


def accept_once(rt: Runtime, engine: JobEngine, up: Upload, template: str | None, roster: str | None,
                who: Principal, priority: int, callback_url: str | None, claim: idempotency.Claim | None
                ) -> tuple[str, bool]:
    """One upload as one check, unless its Idempotency-Key made one already: (check id, replayed)."""
    def create(s: Session) -> str:
        blob = rt.store.adopt(up.path, up.sha256, up.size)
        return add_check(s, blob, up.filename, template, roster, who, priority, callback_url).id

    try:
        check_id, replayed = idempotency.create_once(rt, claim, create)
    finally:
        up.discard()  # already moved into place, or left over by an error or a replay
    if not replayed:
        engine.submit(check_id, priority)
    return check_id, replayed


def accept(rt: Runtime, engine: JobEngine, uploads: list[Upload], template: str | None, roster: str | None,
           who: Principal, priority: int, callback_url: str | None = None) -> list[str]:
    """Commit every row first, then tell the engine: an accepted check survives whatever follows."""
    ids: list[str] = []
    try:
        with rt.sessions.begin() as s:
            for up in uploads:
                blob = rt.store.adopt(up.path, up.sha256, up.size)
                ids.append(add_check(s, blob, up.filename, template, roster, who, priority, callback_url).id)
    finally:
        for up in uploads:
            up.discard()  # already moved into place, or left over by an error
    for check_id in ids:
        engine.submit(check_id, priority)
    return ids


def visible(row: Owned | None, who: Principal, what: str = "检查") -> Owned:
    """The row if this principal may see it; otherwise 404, so a portal learns nothing of others'."""
    if row is None or not who.may_see(row.owner_key_id):
        raise ec.NOT_FOUND.error(what=what, what_en=_EN.get(what, what))
    return row


_EN = {"检查": "check", "批次": "batch"}
