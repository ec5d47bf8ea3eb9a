"""`Client`: every call a portal makes, retried where that is safe.

A POST carries an Idempotency-Key (a fresh UUID per call unless one is given), so a POST whose
answer was lost — a timeout, a dropped connection, a 503 — is sent again and the server answers
with what the first one made instead of making a second check. 429 and 503 are retried after the
server's Retry-After. Any other error is raised as `ApiError` with the server's stable `code`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

import httpx

from clustercheck_client.types import (
    Batch,
    BatchList,
    Check,
    CheckList,
    Delivery,
    DeliveryList,
    Report,
    Roster,
    Template,
)

FINISHED = ("done", "failed")
LONG_POLL = 30.0  # seconds one GET ?wait= may hold (the server allows up to 60)
FileLike = str | Path | bytes | IO[bytes]


class ApiError(Exception):
    """An error answer: branch on `code` (docs/api-errors.md); `message` is Chinese, `message_en` English."""

    def __init__(self, status: int, code: str, message: str, message_en: str, detail: Any = None,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{status} {code}: {message_en}")
        self.status, self.code, self.message, self.message_en = status, code, message, message_en
        self.detail, self.retry_after = detail, retry_after

    @classmethod
    def from_response(cls, r: httpx.Response) -> ApiError:
        try:
            body = r.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        text = r.text[:300]
        return cls(r.status_code, str(body.get("code") or f"http_{r.status_code}"), str(body.get("message") or text),
                   str(body.get("message_en") or text), body.get("detail"), _retry_after(r))


def _retry_after(r: httpx.Response) -> float | None:
    value = r.headers.get("Retry-After", "")
    return float(value) if value.replace(".", "", 1).isdigit() else None


def _content(file: FileLike, filename: str | None) -> tuple[str, bytes]:
    """(name, bytes): read once, so that a retry sends exactly what the first attempt sent."""
    if isinstance(file, str | Path):
        path = Path(file)
        return filename or path.name, path.read_bytes()
    if isinstance(file, bytes):
        return filename or "upload", file
    return filename or Path(getattr(file, "name", "upload")).name, file.read()


class Client:
    def __init__(self, base_url: str = "", api_key: str | None = None, *, http: httpx.Client | None = None,
                 timeout: float = 90.0, retries: int = 3, max_pause: float = 60.0) -> None:
        """`http`: an httpx.Client to use (a test's TestClient, a client with your proxies or
        certificates); `base_url` is then put before every path. `timeout` must exceed the server's
        synchronous wait (60 s by default) and a long poll (30 s)."""
        self._own = http is None
        self._http = http or httpx.Client(base_url=base_url, timeout=timeout)
        self._prefix = base_url.rstrip("/") if http is not None else ""
        self._headers = {"X-API-Key": api_key} if api_key else {}
        self.retries, self.max_pause = retries, max_pause

    def close(self) -> None:
        if self._own:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transport ---------------------------------------------------------------------------
    def request(self, method: str, path: str, *, idempotency_key: str | None = None, **kwargs: Any) -> httpx.Response:
        """One call, retried on a lost answer (GETs, and POSTs with their Idempotency-Key) and on 429/503."""
        headers = {**self._headers, **kwargs.pop("headers", {})}
        safe = method == "GET" or idempotency_key is not None
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                r = self._http.request(method, self._prefix + path, headers=headers, **kwargs)
            except httpx.TransportError:
                if last or not safe:
                    raise
                time.sleep(min(self.max_pause, 2.0 ** attempt))
                continue
            if r.status_code in (429, 503) and not last:
                time.sleep(min(self.max_pause, _retry_after(r) or 2.0 ** attempt))
                continue
            if r.status_code >= 400:
                raise ApiError.from_response(r)
            return r
        raise AssertionError("unreachable")

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self.request(method, path, **kwargs).json()

    def _post_file(self, path: str, file: FileLike, filename: str | None, fields: dict[str, str | None],
                   idempotency_key: str | None, params: dict[str, str] | None = None) -> Any:
        name, data = _content(file, filename)
        form = {k: v for k, v in fields.items() if v is not None}
        return self._json("POST", path, files={"file": (name, data, "application/octet-stream")}, data=form,
                          params=params, idempotency_key=idempotency_key or str(uuid.uuid4()))

    # -- checks ------------------------------------------------------------------------------
    def submit(self, file: FileLike, *, filename: str | None = None, template: str | None = None,
               roster: str | None = None, callback_url: str | None = None, run_async: bool = False,
               idempotency_key: str | None = None) -> Check:
        """Submit one file. A small one comes back done, with its report; otherwise it is queued
        (follow it with `wait`, or let `callback_url` be told)."""
        fields = {"template": template, "roster": roster, "callback_url": callback_url}
        params = {"async": "true"} if run_async else None
        return cast(Check, self._post_file("/api/v1/checks", file, filename, fields, idempotency_key, params))

    def check(self, check_id: str, *, report: bool = True, wait: float = 0) -> Check:
        params: dict[str, Any] = {"report": str(report).lower()}
        if wait:
            params["wait"] = wait
        return cast(Check, self._json("GET", f"/api/v1/checks/{check_id}", params=params))

    def wait(self, check: Check | str, *, timeout: float = 600.0, report: bool = True) -> Check:
        """The check once finished (done or failed), by long polls; TimeoutError after `timeout`."""
        check_id = check if isinstance(check, str) else check["id"]
        if not isinstance(check, str) and check["status"] in FINISHED and (check["report"] or not report):
            return check
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            current = self.check(check_id, report=report, wait=max(0.0, min(LONG_POLL, left)))
            if current["status"] in FINISHED:
                return current
            if left <= 0:
                raise TimeoutError(f"check {check_id} still {current['status']} after {timeout:.0f} s")

    def report(self, check_id: str) -> Report:
        return cast(Report, self._json("GET", f"/api/v1/checks/{check_id}/report.json"))

    def report_xlsx(self, check_id: str) -> bytes:
        return self.request("GET", f"/api/v1/checks/{check_id}/report.xlsx").content

    def list_checks(self, *, limit: int = 50, cursor: str | None = None, status: str | None = None,
                    verdict: str | None = None) -> CheckList:
        params = {k: v for k, v in {"limit": limit, "cursor": cursor, "status": status, "verdict": verdict}.items()
                  if v is not None}
        return cast(CheckList, self._json("GET", "/api/v1/checks", params=params))

    def checks(self, *, status: str | None = None, verdict: str | None = None, page_size: int = 50) -> Iterator[Check]:
        """Every check this key may see, newest first, page by page (cursor pagination)."""
        cursor = None
        while True:
            page = self.list_checks(limit=page_size, cursor=cursor, status=status, verdict=verdict)
            yield from page["items"]
            if not (cursor := page["next_cursor"]):
                return

    # -- batches -----------------------------------------------------------------------------
    def submit_batch(self, archive: FileLike, *, filename: str | None = None, template: str | None = None,
                     roster: str | None = None, callback_url: str | None = None,
                     idempotency_key: str | None = None) -> Batch:
        fields = {"template": template, "roster": roster, "callback_url": callback_url}
        return cast(Batch, self._post_file("/api/v1/batches", archive, filename, fields, idempotency_key))

    def batch(self, batch_id: str, *, items: bool = True) -> Batch:
        return cast(Batch, self._json("GET", f"/api/v1/batches/{batch_id}", params={"items": str(items).lower()}))

    def wait_batch(self, batch: Batch | str, *, timeout: float = 3600.0, poll: float = 2.0) -> Batch:
        batch_id = batch if isinstance(batch, str) else batch["id"]
        deadline = time.monotonic() + timeout
        while (current := self.batch(batch_id))["status"] != "done":
            if time.monotonic() > deadline:
                raise TimeoutError(f"batch {batch_id}: {current['done']}/{current['total']} after {timeout:.0f} s")
            time.sleep(poll)
        return current

    def batches(self, *, page_size: int = 50) -> Iterator[Batch]:
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": page_size, **({"cursor": cursor} if cursor else {})}
            page = cast(BatchList, self._json("GET", "/api/v1/batches", params=params))
            yield from page["items"]
            if not (cursor := page["next_cursor"]):
                return

    # -- callbacks ---------------------------------------------------------------------------
    def deliveries(self, subject_id: str, *, batch: bool = False) -> list[Delivery]:
        """The callback delivery log of a check (or batch), newest first, every attempt in it."""
        kind = "batches" if batch else "checks"
        return cast(DeliveryList, self._json("GET", f"/api/v1/{kind}/{subject_id}/deliveries"))["items"]

    def resend(self, subject_id: str, *, batch: bool = False, idempotency_key: str | None = None) -> Delivery:
        kind = "batches" if batch else "checks"
        return cast(Delivery, self._json("POST", f"/api/v1/{kind}/{subject_id}/deliveries",
                                         idempotency_key=idempotency_key or str(uuid.uuid4())))

    def rotate_callback_secret(self) -> str:
        """A new secret for this key's callbacks (the old one stops at once); shown only here."""
        body = self._json("POST", "/api/v1/keys/me/callback-secret", idempotency_key=str(uuid.uuid4()))
        return str(body["callback_secret"])

    # -- catalogue ---------------------------------------------------------------------------
    def templates(self) -> list[Template]:
        return cast(list[Template], self._json("GET", "/api/v1/templates"))

    def rosters(self) -> list[Roster]:
        return cast(list[Roster], self._json("GET", "/api/v1/rosters"))

    def match(self, roster: str, name: str, *, top: int = 5) -> dict[str, Any]:
        return cast(dict[str, Any], self._json("GET", f"/api/v1/rosters/{roster}/match",
                                               params={"name": name, "top": top}))
