"""Callback deliveries: a row per notice (the log its owner reads), attempts with backoff, and the
sender thread that makes them.

A finished check or batch only *schedules* its notice (one insert, in the job's process): no worker
waits on a slow portal. Each web process runs a `Sender` that claims due deliveries with a lease
(an UPDATE that only one process wins, on SQLite and PostgreSQL alike), signs and POSTs them,
and records each attempt. Any answer other than 2xx, or none, is retried after
`callback_retry_seconds` (10 s, 1 min, 5 min, 30 min, 2 h, 6 h by default); a sender that dies
mid-attempt leaves its lease to expire and the attempt is made again. Delivery is therefore at
least once: a receiver keys on `X-Clustercheck-Delivery` (or on the notice's id) to drop repeats.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from service.db.models import (
    DELIVERED,
    FAILED,
    PENDING,
    ApiKey,
    Batch,
    CallbackDelivery,
    Check,
    utcnow,
)
from service.jobs import callback
from service.runtime import Runtime
from service.settings import Settings

log = logging.getLogger("clustercheck.callbacks")
POLL_SECONDS = 0.5


def _iso(t: datetime | None) -> str | None:
    return t.isoformat() if t else None


def check_notice(check: Check) -> dict:
    return {"event": "check.finished", "type": "check", "id": check.id, "status": check.status,
            "verdict": check.verdict, "counts": check.counts, "finished_at": _iso(check.finished_at),
            "url": f"/api/v1/checks/{check.id}"}


def batch_notice(batch: Batch) -> dict:
    return {"event": "batch.finished", "type": "batch", "id": batch.id, "status": "done", "verdict": None,
            "counts": None, "total": batch.total, "finished_at": _iso(batch.finished_at),
            "url": f"/api/v1/batches/{batch.id}"}


def build(settings: Settings, subject: Check | Batch, reason: str = "finished") -> CallbackDelivery | None:
    """The delivery of the subject's notice, due now (None when it has no callback_url)."""
    if not subject.callback_url:
        return None
    is_check = isinstance(subject, Check)
    delivery_id = uuid.uuid4().hex
    payload = {**(check_notice(subject) if is_check else batch_notice(subject)),  # type: ignore[arg-type]
               "delivery": delivery_id}  # in the signed body, so a receiver's de-duplication can trust it
    return CallbackDelivery(
        id=delivery_id, subject="check" if is_check else "batch", subject_id=subject.id,
        owner_key_id=subject.owner_key_id, event=payload["event"], reason=reason, url=subject.callback_url,
        payload=json.dumps(payload, ensure_ascii=False), state=PENDING, attempts=0,
        max_attempts=1 + len(settings.callback_retry_seconds), next_attempt_at=utcnow(), log=[],
        created_at=utcnow())


def add(s: Session, d: CallbackDelivery) -> str:
    s.add(d)
    model = Check if d.subject == "check" else Batch
    s.execute(update(model).where(model.id == d.subject_id).values(callback_status=PENDING))
    return d.id


def schedule(rt: Runtime, subject: Check | Batch, reason: str = "finished") -> str | None:
    """Record the subject's notice, to be sent as soon as a sender is free; its delivery id."""
    d = build(rt.settings, subject, reason)
    if d is None:
        return None
    with rt.sessions.begin() as s:
        return add(s, d)


def pause_before(settings: Settings, attempt: int) -> float:
    """Seconds to wait before attempt number `attempt + 1`, with up to 10 % jitter so that many
    notices failing together (a portal down) do not all come back at the same instant."""
    steps = settings.callback_retry_seconds
    base = steps[min(attempt - 1, len(steps) - 1)] if steps else 0.0
    return base * (1 + random.uniform(0, 0.1))


def due(rt: Runtime, limit: int) -> list[str]:
    now = utcnow()
    with rt.sessions() as s:
        q = (select(CallbackDelivery.id)
             .where(CallbackDelivery.state == PENDING, CallbackDelivery.next_attempt_at <= now,
                    or_(CallbackDelivery.locked_until.is_(None), CallbackDelivery.locked_until < now))
             .order_by(CallbackDelivery.next_attempt_at).limit(limit))
        return list(s.scalars(q))


def claim(rt: Runtime, delivery_id: str) -> bool:
    """Take the delivery for one attempt; False when another sender (another process) has it."""
    now = utcnow()
    lease = timedelta(seconds=rt.settings.callback_timeout_seconds + 30)
    with rt.sessions.begin() as s:
        won = s.execute(update(CallbackDelivery).where(
            CallbackDelivery.id == delivery_id, CallbackDelivery.state == PENDING,
            or_(CallbackDelivery.locked_until.is_(None), CallbackDelivery.locked_until < now))
            .values(locked_until=now + lease))
        return won.rowcount == 1  # type: ignore[attr-defined]


def attempt(rt: Runtime, delivery_id: str) -> callback.Attempt | None:
    """One signed POST of a claimed delivery, recorded in its log (None if it is gone)."""
    s_ = rt.settings
    with rt.sessions() as s:
        d = s.get(CallbackDelivery, delivery_id)
        if d is None:
            return None
        secret = s.scalar(select(ApiKey.callback_secret).where(ApiKey.id == d.owner_key_id)) if d.owner_key_id else None
        url, body, number, event = d.url, d.payload.encode("utf-8"), d.attempts + 1, d.event
    headers = {callback.DELIVERY_HEADER: delivery_id, callback.EVENT_HEADER: event,
               callback.ATTEMPT_HEADER: str(number)}
    if secret:
        headers[callback.SIGNATURE_HEADER] = callback.signature(secret, body, int(time.time()))
    started = utcnow()
    result = callback.send_once(url, body, headers, s_.callback_timeout_seconds, s_.callback_private_ok)
    _record(rt, delivery_id, number, started, result)
    return result


def _record(rt: Runtime, delivery_id: str, number: int, started: datetime, result: callback.Attempt) -> None:
    entry = {"attempt": number, "at": started.isoformat(), "duration_ms": result.duration_ms,
             "http_status": result.http_status, "error": result.error}
    with rt.sessions.begin() as s:
        d = s.get(CallbackDelivery, delivery_id)
        if d is None:
            return
        d.log = [*(d.log or []), entry]
        d.attempts, d.locked_until = number, None
        if result.delivered or result.final or number >= d.max_attempts:
            d.state = DELIVERED if result.delivered else FAILED
            d.next_attempt_at, d.finished_at = None, utcnow()
        else:
            d.next_attempt_at = utcnow() + timedelta(seconds=pause_before(rt.settings, number))
        model = Check if d.subject == "check" else Batch
        latest = s.scalar(select(func.max(CallbackDelivery.created_at))
                          .where(CallbackDelivery.subject_id == d.subject_id))
        if latest is None or d.created_at >= latest:  # an old delivery finishing late says nothing new
            s.execute(update(model).where(model.id == d.subject_id).values(callback_status=d.state))


class Sender:
    """The thread that makes due attempts, `callback_senders` at a time, in this process."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self._stop = threading.Event()
        self._slots = threading.Semaphore(rt.settings.callback_senders)
        self._pool = ThreadPoolExecutor(rt.settings.callback_senders, thread_name_prefix="cc-callback")
        self._thread = threading.Thread(target=self._loop, name="cc-callbacks", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._round()
            except Exception:  # the database away for a moment: try again next round
                log.exception("callback sender round failed")
            self._stop.wait(POLL_SECONDS)

    def _round(self) -> None:
        free = self.rt.settings.callback_senders
        for delivery_id in due(self.rt, free):
            if self._stop.is_set() or not self._slots.acquire(blocking=False):
                return
            if not claim(self.rt, delivery_id):
                self._slots.release()
                continue
            self._pool.submit(self._one, delivery_id)

    def _one(self, delivery_id: str) -> None:
        try:
            attempt(self.rt, delivery_id)
        except Exception:
            log.exception("callback delivery %s", delivery_id)
        finally:
            self._slots.release()
