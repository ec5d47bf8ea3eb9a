"""Signed callbacks end to end, on SQLite and PostgreSQL: the real service delivers to receivers on
loopback; the sample receiver (clustercheck_client.webhook) accepts ours and rejects forged, altered
and stale ones; a receiver that fails is retried with backoff, every attempt in the delivery log;
resend and a new secret work as documented."""

from __future__ import annotations

import itertools
import json
import queue
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from clustercheck_client import ApiError, Client, SignatureError, verify, webhook
from service.jobs.delivery import pause_before
from service.settings import Settings
from tests.service.conftest import Service, service_on, summary_docx

RETRIES = [0.4, 0.8, 0.8]  # pauses before the 2nd, 3rd and 4th attempt


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def svc(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with service_on(request.param, tmp_path_factory.mktemp(f"callbacks-{request.param}"), callback_private_ok=True,
                    callback_retry_seconds=RETRIES) as running:
        yield running


@dataclass
class Portal:
    """A portal's key as an admin hands it out: the key and its callback secret."""

    client: Client
    secret: str


@pytest.fixture
def portal(svc: Service) -> Portal:
    made = Client(http=svc.client, api_key=svc.keys.admin).request(
        "POST", "/api/v1/keys", json={"role": "portal", "name": "湖北报送平台"}).json()
    assert made["callback_secret"].startswith("whsec_")
    return Portal(Client(http=svc.client, api_key=made["key"]), made["callback_secret"])


@dataclass
class Recorder:
    """A receiver that answers with the statuses it is given (then 204) and keeps every request."""

    statuses: list[int] = field(default_factory=list)
    got: queue.Queue = field(default_factory=queue.Queue)

    def __post_init__(self) -> None:
        rec = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                rec.got.put((time.monotonic(), dict(self.headers), body))
                self.send_response(rec.statuses.pop(0) if rec.statuses else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/clustercheck"

    def next(self, timeout: float = 90) -> tuple[float, dict, bytes]:
        return self.got.get(timeout=timeout)


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    yield rec
    rec.server.shutdown()


def _settled(cc: Client, check_id: str, attempts: int, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = cc.deliveries(check_id)
        if log and log[0]["state"] != "pending" and log[0]["attempts"] >= attempts:
            return log[0]
        time.sleep(0.05)
    raise AssertionError(f"delivery of {check_id} not settled: {cc.deliveries(check_id)}")


def test_the_sample_receiver_accepts_ours_and_rejects_forgeries(svc: Service, portal: Portal) -> None:
    notices: queue.Queue = queue.Queue()
    server = webhook.serve(portal.secret, port=0, on_notice=notices.put)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        check = portal.client.submit(summary_docx(seed=61), callback_url=url, run_async=True)
        notice = notices.get(timeout=90)
        assert notice["id"] == check["id"] and notice["event"] == "check.finished" and notice["status"] == "done"
        logged = _settled(portal.client, check["id"], 1)
        assert logged["state"] == "delivered" and logged["log"][0]["http_status"] == 204
        assert portal.client.check(check["id"])["callback_status"] == "delivered"

        body = json.dumps({**notice, "verdict": "pass", "delivery": uuid.uuid4().hex}, ensure_ascii=False).encode()
        now = int(time.time())
        forged = {"wrong secret": webhook.sign("whsec_guessed", body, now),
                  "altered body": webhook.sign(portal.secret, json.dumps(notice).encode(), now),
                  "stale": webhook.sign(portal.secret, body, now - 301), "garbage": "v1=abc", "": ""}
        for why, header in forged.items():
            r = httpx.post(url, content=body, headers={webhook.SIGNATURE_HEADER: header} if header else {})
            assert r.status_code == 401, why
        assert notices.empty()  # none of them reached the portal's code
        genuine = httpx.post(url, content=body, headers={webhook.SIGNATURE_HEADER: webhook.sign(portal.secret, body, now)})
        assert genuine.status_code == 204 and notices.get(timeout=5)["verdict"] == "pass"
        repeat = httpx.post(url, content=body, headers={webhook.SIGNATURE_HEADER: webhook.sign(portal.secret, body, now)})
        assert repeat.status_code == 204 and notices.empty()  # the same delivery twice is acted on once
    finally:
        server.shutdown()


def test_a_failing_receiver_is_retried_with_backoff_and_logged(svc: Service, portal: Portal, recorder: Recorder) -> None:
    recorder.statuses = [500, 503]
    check = portal.client.submit(summary_docx(seed=62), callback_url=recorder.url, run_async=True)
    got = [recorder.next() for _ in range(3)]
    ids = {h["X-Clustercheck-Delivery"] for _, h, _ in got}
    assert len(ids) == 1 and [h["X-Clustercheck-Attempt"] for _, h, _ in got] == ["1", "2", "3"]
    assert len({body for _, _, body in got}) == 1  # every attempt sends the same signed bytes
    for _, headers, body in got:
        assert verify(portal.secret, headers["X-Clustercheck-Signature"], body)["delivery"] in ids
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(got)]
    assert gaps[0] >= RETRIES[0] and gaps[1] >= RETRIES[1], gaps
    logged = _settled(portal.client, check["id"], 3)
    assert logged["state"] == "delivered" and [a["http_status"] for a in logged["log"]] == [500, 503, 204]
    assert logged["attempts"] == 3 and logged["max_attempts"] == 1 + len(RETRIES)
    assert logged["payload"]["id"] == check["id"] and logged["url"] == recorder.url


def test_retries_end_and_the_delivery_is_failed(svc: Service, portal: Portal, recorder: Recorder) -> None:
    recorder.statuses = [500] * 10
    check = portal.client.submit(summary_docx(seed=63), callback_url=recorder.url, run_async=True)
    logged = _settled(portal.client, check["id"], 1 + len(RETRIES))
    assert logged["state"] == "failed" and [a["http_status"] for a in logged["log"]] == [500] * 4
    assert logged["next_attempt_at"] is None and portal.client.check(check["id"])["callback_status"] == "failed"


def test_resend_makes_a_new_delivery_once_per_key(svc: Service, portal: Portal, recorder: Recorder) -> None:
    check = portal.client.submit(summary_docx(seed=64), callback_url=recorder.url)
    first = recorder.next()
    key = f"resend-{uuid.uuid4()}"
    again = portal.client.resend(check["id"], idempotency_key=key)
    same = portal.client.resend(check["id"], idempotency_key=key)
    assert again["id"] == same["id"] and again["reason"] == "resend" and again["state"] in ("pending", "delivered")
    second = recorder.next()
    assert second[1]["X-Clustercheck-Delivery"] == again["id"] != first[1]["X-Clustercheck-Delivery"]
    assert json.loads(second[2])["delivery"] == again["id"]
    time.sleep(1.0)
    assert recorder.got.empty()  # the replayed resend sent nothing more
    log = portal.client.deliveries(check["id"])
    assert [d["reason"] for d in log] == ["resend", "finished"]


def test_resend_needs_a_finished_check_with_a_callback(svc: Service, portal: Portal) -> None:
    plain = portal.client.submit(summary_docx(seed=65))
    with pytest.raises(ApiError) as e:
        portal.client.resend(plain["id"])
    assert e.value.status == 409 and e.value.code == "callback_url_missing"
    other = Client(http=svc.client, api_key=svc.keys.portal2)
    for call in (lambda: other.deliveries(plain["id"]), lambda: other.resend(plain["id"])):
        with pytest.raises(ApiError) as e:
            call()
        assert e.value.code == "not_found"


def test_a_new_secret_signs_what_follows(svc: Service, portal: Portal, recorder: Recorder) -> None:
    new = portal.client.rotate_callback_secret()
    assert new != portal.secret and new.startswith("whsec_")
    portal.client.submit(summary_docx(seed=66), callback_url=recorder.url)
    _, headers, body = recorder.next()
    assert verify(new, headers["X-Clustercheck-Signature"], body)["status"] == "done"
    with pytest.raises(SignatureError):
        verify(portal.secret, headers["X-Clustercheck-Signature"], body)


def test_verify_rejects_what_it_should() -> None:
    secret, body, t = "whsec_x", b'{"id": "1"}', 1_800_000_000
    header = webhook.sign(secret, body, t)
    assert verify(secret, header, body, now=t + 299) == {"id": "1"}
    assert verify(secret, f"t={t},v1=00,{header.split(',')[1]}", body, now=t)  # any v1 may match
    for bad, now in ((header, t + 301), (header, t - 301), (header.replace("v1=", "v1=0"), t),
                     (f"t={t}", t), ("", t), (f"t=abc,{header.split(',')[1]}", t)):
        with pytest.raises(SignatureError):
            verify(secret, bad, body, now=now)
    with pytest.raises(SignatureError):
        verify(secret, header, body + b" ", now=t)


def test_backoff_grows_with_jitter_and_holds_at_the_last_step() -> None:
    s = Settings(callback_retry_seconds=[10, 60])
    assert 10 <= pause_before(s, 1) <= 11 and 60 <= pause_before(s, 2) <= 66 and 60 <= pause_before(s, 5) <= 66
    assert Settings().callback_retry_seconds == [10, 60, 300, 1800, 7200, 21600]


def test_notice_times_are_iso_and_in_utc(svc: Service, portal: Portal, recorder: Recorder) -> None:
    check = portal.client.submit(summary_docx(seed=67), callback_url=recorder.url)
    notice = json.loads(recorder.next()[2])
    lag = (datetime.now(UTC) - datetime.fromisoformat(check["finished_at"])).total_seconds()
    print(f"callback: received {lag:.3f} s after the job finished")
    assert lag < 5  # the sender looks for due notices every half second
    assert datetime.fromisoformat(notice["finished_at"]) == datetime.fromisoformat(check["finished_at"])
    assert notice["url"] == f"/api/v1/checks/{check['id']}" and notice["counts"] == check["counts"]
