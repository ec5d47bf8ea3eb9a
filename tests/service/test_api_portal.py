"""What a portal relies on, through `clustercheck_client` against the real app on SQLite and on the
local PostgreSQL: Idempotency-Key (one check however often a POST is retried, 422 for a reused
key), the long poll `?wait=` (measured: it answers when the job ends), pages with total and
cursor, and the RateLimit-* headers of every submission."""

from __future__ import annotations

import io
import threading
import time
import uuid
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from clustercheck_client import ApiError, Client
from service.db.models import Batch, Check, IdempotencyKey, StoredFile, utcnow
from service.storage import record
from tests.service.conftest import Service, service_on, summary_docx


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def svc(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with service_on(request.param, tmp_path_factory.mktemp(f"portal-{request.param}"),
                    callback_private_ok=True) as running:
        yield running


def client(svc: Service, role: str = "portal") -> Client:
    return Client(http=svc.client, api_key=getattr(svc.keys, role))


def count(svc: Service, model: type, *where: object) -> int:
    with svc.app.state.rt.sessions() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_two_posts_with_one_key_make_one_check(svc: Service) -> None:
    cc, key, data = client(svc), f"portal-{uuid.uuid4()}", summary_docx(seed=41)
    first = cc.submit(data, filename="总结.docx", idempotency_key=key)
    again = svc.client.post("/api/v1/checks", files={"file": ("总结.docx", data)},
                            headers={**svc.keys.h("portal"), "Idempotency-Key": key})
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first["id"] and again.json()["report"] == first["report"]
    assert "Idempotent-Replayed" not in svc.client.post(  # a new key is a new check
        "/api/v1/checks", files={"file": ("总结.docx", data)}, headers=svc.keys.h("portal")).headers
    assert count(svc, Check, Check.sha256 == first["sha256"]) == 2
    assert count(svc, IdempotencyKey, IdempotencyKey.key == key) == 1


def test_same_key_with_another_body_is_422(svc: Service) -> None:
    cc, key = client(svc), f"portal-{uuid.uuid4()}"
    cc.submit(summary_docx(seed=42), filename="a.docx", run_async=True, idempotency_key=key)
    for other in ({"file": summary_docx(seed=43)}, {"file": summary_docx(seed=42), "template": "hubei-2023-summary"}):
        with pytest.raises(ApiError) as e:
            cc.submit(other["file"], filename="a.docx", run_async=True, template=other.get("template"),
                      idempotency_key=key)
        assert e.value.status == 422 and e.value.code == "idempotency_key_reused" and key in e.value.message


def test_keys_are_scoped_per_api_key(svc: Service) -> None:
    key, data = f"shared-{uuid.uuid4()}", summary_docx(seed=44)
    mine = client(svc).submit(data, run_async=True, idempotency_key=key)
    theirs = client(svc, "portal2").submit(data, run_async=True, idempotency_key=key)
    assert mine["id"] != theirs["id"]
    with pytest.raises(ApiError) as e:
        client(svc, "portal2").check(mine["id"])
    assert e.value.code == "not_found"


def test_concurrent_retries_with_one_key_make_one_check(svc: Service) -> None:
    """Four clients race with the same key: one wins the unique index, the others answer with its check."""
    key, data, ids, errors = f"race-{uuid.uuid4()}", summary_docx(seed=45), [], []

    def post() -> None:
        try:
            ids.append(client(svc).submit(data, run_async=True, idempotency_key=key)["id"])
        except Exception as e:  # shown below
            errors.append(e)

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and len(ids) == 4 and len(set(ids)) == 1
    assert count(svc, IdempotencyKey, IdempotencyKey.key == key) == 1


def test_batch_retry_is_one_batch(svc: Service) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("一.docx", summary_docx(seed=46))
        z.writestr("二.docx", summary_docx(seed=47))
    cc, key = client(svc), f"batch-{uuid.uuid4()}"
    first = cc.submit_batch(buf.getvalue(), filename="湖北.zip", idempotency_key=key)
    again = cc.submit_batch(buf.getvalue(), filename="湖北.zip", idempotency_key=key)
    assert again["id"] == first["id"] and again["total"] == 2
    assert count(svc, Batch, Batch.id == first["id"]) == 1 and count(svc, Check, Check.batch_id == first["id"]) == 2
    done = cc.wait_batch(first, timeout=120, poll=0.2)
    assert done["done"] == 2


def test_an_expired_key_may_be_used_again(svc: Service) -> None:
    cc, key, data = client(svc), f"old-{uuid.uuid4()}", summary_docx(seed=48)
    first = cc.submit(data, run_async=True, idempotency_key=key)
    with svc.app.state.rt.sessions.begin() as s:  # as if made a day and a minute ago
        row = s.scalars(select(IdempotencyKey).where(IdempotencyKey.key == key)).one()
        row.created_at = utcnow() - timedelta(hours=24, minutes=1)
    second = cc.submit(summary_docx(seed=49), run_async=True, idempotency_key=key)
    assert second["id"] != first["id"] and count(svc, IdempotencyKey, IdempotencyKey.key == key) == 1


def _unstarted_check(svc: Service, seed: int) -> str:
    """A queued check the engine has not been told of: it runs only when the test submits it."""
    rt = svc.app.state.rt
    blob = rt.store.put_bytes(summary_docx(seed=seed))
    check_id = uuid.uuid4().hex
    with rt.sessions.begin() as s:
        record(s, blob)
        s.add(Check(id=check_id, sha256=blob.sha256, filename="等待.docx", created_at=utcnow(),
                    owner_key_id=_portal_key_id(s)))
    return check_id


def _portal_key_id(s) -> int:  # type: ignore[no-untyped-def]
    from service.db.models import ApiKey

    return s.scalars(select(ApiKey.id).where(ApiKey.name == "test-portal")).one()


def test_wait_answers_as_soon_as_the_job_ends(svc: Service) -> None:
    check_id = _unstarted_check(svc, seed=50)
    cc, answer = client(svc), {}

    def long_poll() -> None:
        started = time.monotonic()
        answer["check"] = cc.check(check_id, wait=30)
        answer["at"], answer["elapsed"] = datetime.now(UTC), time.monotonic() - started

    poller = threading.Thread(target=long_poll)
    poller.start()
    time.sleep(1.0)  # the poll is waiting on a job that has not started
    assert poller.is_alive()
    svc.app.state.engine.submit(check_id)
    poller.join(40)
    check = answer["check"]
    lag = (answer["at"] - datetime.fromisoformat(check["finished_at"])).total_seconds()
    print(f"long poll: answered {lag:.3f} s after the job finished, {answer['elapsed']:.2f} s in all")
    assert check["status"] == "done" and check["report"]["verdict"] == check["verdict"]
    assert 1.0 <= answer["elapsed"] < 30 and 0 <= lag < 1.5


def test_wait_gives_up_after_its_seconds_and_is_bounded(svc: Service) -> None:
    check_id = _unstarted_check(svc, seed=51)
    try:
        started = time.monotonic()
        check = client(svc).check(check_id, wait=1, report=False)
        elapsed = time.monotonic() - started
        assert check["status"] == "queued" and 1.0 <= elapsed < 5
        with pytest.raises(ApiError) as e:
            client(svc).check(check_id, wait=61)
        assert e.value.status == 422 and e.value.code == "request_invalid"
    finally:
        with svc.app.state.rt.sessions.begin() as s:
            s.delete(s.get(Check, check_id))


def test_pages_have_a_total_and_a_cursor_that_rows_added_meanwhile_do_not_shift(svc: Service) -> None:
    rt = svc.app.state.rt
    blob = rt.store.put_bytes(b"rows for paging")
    base, ids = datetime(2020, 1, 1, tzinfo=UTC), [f"{i:032x}" for i in range(5)]
    with rt.sessions.begin() as s:
        record(s, blob)
        s.add_all(Check(id=i, sha256=blob.sha256, filename="页.docx", status="failed", created_at=base + timedelta(n),
                        owner_key_id=_portal_key_id(s)) for n, i in enumerate(ids))
    try:
        cc = client(svc)
        first = cc.list_checks(limit=2, status="failed")
        assert first["total"] == count(svc, Check, Check.status == "failed") >= 5 and first["next_cursor"]
        with rt.sessions.begin() as s:  # a newer row arrives between two pages
            s.add(Check(id="f" * 32, sha256=blob.sha256, filename="新.docx", status="failed", created_at=utcnow(),
                        owner_key_id=_portal_key_id(s)))
        ids.append("f" * 32)
        seen = [c["id"] for c in first["items"]]
        second = cc.list_checks(limit=2, status="failed", cursor=first["next_cursor"])
        seen += [c["id"] for c in second["items"]]
        assert len(seen) == len(set(seen)) == 4 and "f" * 32 not in seen
        walked = [c["id"] for c in cc.checks(status="failed", page_size=2)]
        assert len(walked) == len(set(walked)) and set(ids) <= set(walked)
        assert [i for i in walked if i in ids[:5]] == ids[:5][::-1]  # newest first
        assert cc.list_checks(limit=200, status="failed")["next_cursor"] is None
        with pytest.raises(ApiError) as e:
            cc.list_checks(cursor="not-a-cursor")
        assert e.value.code == "cursor_invalid"
        assert svc.client.get("/api/v1/batches", headers=svc.keys.h("portal")).json()["total"] >= 0
    finally:
        with rt.sessions.begin() as s:
            for i in ids:
                s.delete(s.get(Check, i))


def test_submissions_carry_ratelimit_headers(svc: Service) -> None:
    """Three checks wait in the queue (never told to the engine): the answer counts them, and the
    new one too while it has not started."""
    waiting = [_unstarted_check(svc, seed=70 + i) for i in range(3)]
    try:
        before = count(svc, Check, Check.status == "queued")  # ours, and any an earlier test left running
        r = svc.client.post("/api/v1/checks?async=true", files={"file": ("总结.docx", summary_docx(seed=52))},
                            headers=svc.keys.h("portal"))
        assert r.status_code == 202
        limit, remaining = int(r.headers["RateLimit-Limit"]), int(r.headers["RateLimit-Remaining"])
        assert limit == svc.settings.queue_max and limit - before - 1 <= remaining <= limit - 3
        assert int(r.headers["RateLimit-Reset"]) >= 1  # seconds until the queue is expected to drain
    finally:
        with svc.app.state.rt.sessions.begin() as s:
            for check_id in waiting:
                s.delete(s.get(Check, check_id))


def test_every_error_is_code_message_message_en_detail(svc: Service) -> None:
    h = svc.keys.h("portal")
    answers = [svc.client.get("/api/v1/checks"), svc.client.get("/api/v1/checks/nope", headers=h),
               svc.client.get("/api/v1/checks?limit=0", headers=h), svc.client.get("/no/such/page", headers=h),
               svc.client.put("/api/v1/checks", headers=h),
               svc.client.post("/api/v1/checks", files={"file": ("a.docx", b"")}, headers=h),
               svc.client.post("/api/v1/checks", files={"file": ("a.docx", summary_docx(100))},
                               data={"template": "no-such"}, headers=h),
               svc.client.post("/api/v1/checks", files={"file": ("a.docx", summary_docx(100))},
                               headers={**h, "Idempotency-Key": "x" * 300})]
    codes = [(r.status_code, r.json()["code"]) for r in answers]
    assert codes == [(401, "key_missing"), (404, "not_found"), (422, "request_invalid"), (404, "route_not_found"),
                     (405, "method_not_allowed"), (422, "file_empty"), (422, "unknown_template"),
                     (422, "request_invalid")]
    for r in answers:
        body = r.json()
        assert set(body) == {"code", "message", "message_en", "detail"} and body["message"] and body["message_en"]
    assert answers[1].json()["detail"] == "检查不存在 (check not found)"  # the v0.1 field, as it was
    assert answers[2].json()["detail"][0]["loc"] == ["query", "limit"]


def test_stored_files_stay_single_when_a_retry_is_replayed(svc: Service) -> None:
    cc, key, data = client(svc), f"blob-{uuid.uuid4()}", summary_docx(seed=53)
    first = cc.submit(data, run_async=True, idempotency_key=key)
    cc.submit(data, run_async=True, idempotency_key=key)
    assert count(svc, StoredFile, StoredFile.sha256 == first["sha256"]) == 1
    assert list((svc.settings.data_dir / "tmp").iterdir()) == []
