"""What accepting a submission means, shared by single checks and batches: the references resolve,
the file is something a parser accepts, the queue has room, and the row is committed before any
engine hears of it (so an accepted job survives whatever happens next).
"""

from __future__ import annotations

import math
import uuid
from pathlib import Path
from typing import TypeVar

from fastapi import HTTPException
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checkers import pack_ids, roster_ids
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
        raise HTTPException(422, f"未知的模板：{t}；可用模板：{', '.join(pack_ids())} (unknown template {t!r})")
    if r and r not in ("auto", "none") and r not in roster_ids():
        raise HTTPException(422, f"未知的名单：{r}；可用名单：{', '.join(roster_ids())} (unknown roster {r!r})")
    return t, r


def check_callback(url: str | None, settings: Settings) -> str | None:
    url = (url or "").strip() or None
    if url:
        problem = callback_problem(url, settings.callback_private_ok)
        if problem:
            raise HTTPException(422, problem)
    return url


def unsupported_reason(path: Path, filename: str) -> tuple[int, str] | None:
    """(status, message) when no parser would take the file; sniffed from its bytes, not its name."""
    from extractor import SUPPORTED_HINT, parser_for, sniff

    with open(path, "rb") as f:
        src = sniff(f.read(SNIFF_BYTES), filename)
    if src.kind == "empty":
        return 422, "文件为空（0 字节） (the file is empty)"
    if parser_for(src) is not None:
        return None
    shown = src.extension or src.kind
    return 415, (f"无法检查此类文件（识别为 {src.kind}，扩展名 {shown}）；{SUPPORTED_HINT} "
                 f"(cannot check this file type: detected {src.kind})")


def ensure_room(engine: JobEngine, settings: Settings) -> None:
    queued = engine.queued()
    if queued < settings.queue_max:
        return
    with engine.rt.sessions() as s:
        avg = s.scalar(select(func.avg(Check.duration_seconds)).where(Check.status == DONE)) or 10.0
    wait = max(5, min(600, math.ceil(queued * float(avg) / settings.workers)))
    raise HTTPException(429, f"检查队列已满（{queued} 个排队），请 {wait} 秒后重试 (queue full; retry later)",
                        headers={"Retry-After": str(wait)})


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
        raise HTTPException(404, f"{what}不存在 (not found)")
    return row
