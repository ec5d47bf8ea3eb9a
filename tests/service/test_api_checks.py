"""POST /api/v1/checks and what follows: sync and async answers, reports, limits, bad input, callbacks."""

from __future__ import annotations

import io
import json
import queue
import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select

from service.db.models import Check, StoredFile, utcnow
from service.storage import record
from tests.service.conftest import Service, start_service, summary_docx, wait_done


def upload(data: bytes, name: str = "总结.docx", **fields: str) -> dict:
    return {"files": {"file": (name, data, "application/octet-stream")}, "data": fields}


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """Small limits: 200 KB uploads, synchronous answers only up to 20 KB, a queue of 3."""
    with start_service(tmp_path_factory.mktemp("limited"), max_upload_mb=0.2, sync_max_mb=0.02,
                       queue_max=3) as running:
        yield running


def test_small_file_is_answered_at_once_with_its_report(service: Service) -> None:
    h = service.keys.h("portal")
    r = service.client.post("/api/v1/checks", **upload(summary_docx(), template="hubei-2023-summary"), headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "done" and body["error"] is None
    report = body["report"]
    assert report["file"] == "总结.docx" and report["template"] == "hubei-2023-summary"
    assert body["verdict"] == report["verdict"] and body["counts"] == report["counts"]
    assert body["detected_template"] == "hubei-2023-summary" and body["sha256"] == report["sha256"]
    assert body["cluster"] and "十堰" in body["cluster"]
    again = service.client.get(body["links"]["report_json"], headers=h)
    assert again.status_code == 200 and again.json() == report


def test_async_returns_202_and_a_job_to_follow(service: Service) -> None:
    h = service.keys.h("portal")
    r = service.client.post("/api/v1/checks?async=true", **upload(summary_docx(seed=5)), headers=h)
    assert r.status_code == 202
    body = r.json()
    assert body["status"] in ("queued", "running", "done") and body["report"] is None
    assert r.headers["Location"] == f"/api/v1/checks/{body['id']}"
    done = wait_done(service.client, body["id"], h)
    assert done["status"] == "done" and done["report"]["sha256"] == body["sha256"]
    without = service.client.get(f"/api/v1/checks/{body['id']}?report=false", headers=h).json()
    assert without["report"] is None and without["verdict"] == done["verdict"]


def test_same_file_twice_is_one_stored_file_and_one_report(service: Service) -> None:
    h = service.keys.h("portal")
    data = summary_docx(seed=11)
    first = service.client.post("/api/v1/checks", **upload(data), headers=h).json()
    second = service.client.post("/api/v1/checks", **upload(data), headers=h).json()
    assert first["id"] != second["id"] and first["sha256"] == second["sha256"]
    with service.app.state.rt.sessions() as s:
        rows = s.scalars(select(Check).where(Check.id.in_([first["id"], second["id"]]))).all()
        assert rows[0].report_sha256 == rows[1].report_sha256
        n = s.scalar(select(func.count()).select_from(StoredFile).where(StoredFile.sha256 == first["sha256"]))
    assert n == 1
    blobs = [p for p in (service.settings.data_dir / "blobs").rglob("*") if p.is_file()]
    assert len([p for p in blobs if p.parent.name + p.name == first["sha256"]]) == 1


def test_unreadable_file_is_a_done_check_with_its_f_code(service: Service) -> None:
    buf = io.BytesIO()  # sniffs as a docx (the parts are there), but its XML is broken
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body><w:p>断")
    r = service.client.post("/api/v1/checks", **upload(buf.getvalue(), "坏文件.docx"), headers=service.keys.h("portal"))
    body = r.json()
    assert r.status_code == 200 and body["status"] == "done" and body["verdict"] == "fail"
    assert body["report"]["findings"][0]["code"] == "F001"


def test_truncated_file_is_415(service: Service) -> None:
    cut = summary_docx()[:3000]  # a zip cut short: nothing a parser can open
    r = service.client.post("/api/v1/checks", **upload(cut, "半截.docx"), headers=service.keys.h("portal"))
    assert r.status_code == 415 and "无法检查" in r.json()["detail"]


def test_html_and_xlsx_reports(service: Service) -> None:
    h = service.keys.h("reviewer")
    done = service.client.post("/api/v1/checks", **upload(summary_docx(seed=3)), headers=service.keys.h("portal"))
    links = done.json()["links"]
    html = service.client.get(links["report_html"], headers=h)
    xlsx = service.client.get(links["report_xlsx"], headers=h)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert "attachment" in xlsx.headers["content-disposition"]


def test_unknown_check_is_404(service: Service) -> None:
    for path in ("/api/v1/checks/ffff", "/api/v1/checks/ffff/report.json", "/api/v1/checks/ffff/report.html"):
        r = service.client.get(path, headers=service.keys.h("reviewer"))
        assert r.status_code == 404 and r.json()["detail"]


def test_report_of_an_unfinished_check_is_409(service: Service) -> None:
    rt = service.app.state.rt
    blob = rt.store.put_bytes(summary_docx(seed=99))
    with rt.sessions.begin() as s:  # a check nobody has run yet: the engine was never told of it
        record(s, blob)
        s.add(Check(id="9" * 32, sha256=blob.sha256, filename="x.docx", created_at=utcnow()))
    h = service.keys.h("reviewer")
    r = service.client.get(f"/api/v1/checks/{'9' * 32}/report.json", headers=h)
    assert r.status_code == 409 and "queued" in r.json()["detail"]
    assert service.client.get(f"/api/v1/checks/{'9' * 32}", headers=h).json()["status"] == "queued"
    with rt.sessions.begin() as s:
        s.delete(s.get(Check, "9" * 32))


@pytest.mark.parametrize(("data", "name"), [(b"just some text\n" * 20, "notes.docx"),
                                            (bytes(range(256)) * 8, "blob.pdf"),
                                            (b"\x89PNG\r\n\x1a\n" + b"\x00" * 300, "scan.png")])
def test_files_that_cannot_be_checked_are_415(service: Service, data: bytes, name: str) -> None:
    r = service.client.post("/api/v1/checks", **upload(data, name), headers=service.keys.h("portal"))
    assert r.status_code == 415 and "无法检查" in r.json()["detail"]


@pytest.mark.parametrize(("fields", "word"), [({"template": "no-such"}, "未知的模板"),
                                              ({"roster": "no-such"}, "未知的名单"),
                                              ({"template": "/etc/passwd.toml"}, "未知的模板"),
                                              ({"callback_url": "ftp://x/y"}, "callback_url"),
                                              ({"callback_url": "http://169.254.169.254/latest"}, "回调")])
def test_bad_parameters_are_422(limited: Service, fields: dict, word: str) -> None:
    r = limited.client.post("/api/v1/checks", **upload(summary_docx(100), **fields), headers=limited.keys.h("portal"))
    assert r.status_code == 422 and word in r.json()["detail"]


def test_missing_or_empty_file_is_422(service: Service) -> None:
    h = service.keys.h("portal")
    r = service.client.post("/api/v1/checks", data={"template": "auto"}, files={"other": ("a", b"x")}, headers=h)
    assert r.status_code in (400, 422) and r.json()["detail"]
    r = service.client.post("/api/v1/checks", files={"x": (None, "1")}, headers=h)
    assert r.status_code == 422 and "file" in r.json()["detail"]
    r = service.client.post("/api/v1/checks", **upload(b"", "empty.docx"), headers=h)
    assert r.status_code == 422 and "为空" in r.json()["detail"]


def test_not_multipart_is_415_and_broken_multipart_400(service: Service) -> None:
    h = service.keys.h("portal")
    r = service.client.post("/api/v1/checks", content=b'{"a": 1}', headers={**h, "Content-Type": "application/json"})
    assert r.status_code == 415 and "multipart" in r.json()["detail"]
    r = service.client.post("/api/v1/checks", content=b"--xx\r\ngarbage", headers={**h, "Content-Type": "multipart/form-data"})
    assert r.status_code == 400
    r = service.client.post("/api/v1/checks", content=b"--xx\r\nContent-Disposition: form-data\r\n\r\nv\r\n--xx--\r\n",
                            headers={**h, "Content-Type": "multipart/form-data; boundary=xx"})
    assert r.status_code == 400 and r.json()["detail"]


def test_two_files_are_400(service: Service) -> None:
    files = [("file", ("a.docx", b"PK1", "application/octet-stream")), ("file", ("b.docx", b"PK2", "x/y"))]
    r = service.client.post("/api/v1/checks", files=files, headers=service.keys.h("portal"))
    assert r.status_code == 400 and "一个文件" in r.json()["detail"]


def test_upload_over_the_limit_is_413_while_streaming(limited: Service) -> None:
    h = limited.keys.h("portal")
    big = b"PK\x03\x04" + b"\x00" * 300_000

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is enforced on the stream itself
        yield b"--bnd\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.docx\"\r\n\r\n"
        for i in range(0, len(big), 16384):
            yield big[i:i + 16384]
        yield b"\r\n--bnd--\r\n"

    r = limited.client.post("/api/v1/checks", content=chunks(),
                            headers={**h, "Content-Type": "multipart/form-data; boundary=bnd"})
    assert r.status_code == 413 and "0 MB" in r.json()["detail"]
    r = limited.client.post("/api/v1/checks", **upload(big, "big.docx"), headers=h)  # with Content-Length
    assert r.status_code == 413
    assert list((limited.settings.data_dir / "tmp").iterdir()) == []


def test_over_the_sync_size_a_file_gets_202(limited: Service) -> None:
    data = summary_docx(3000, seed=4)
    assert len(data) > 0.02 * 1024 * 1024
    r = limited.client.post("/api/v1/checks", **upload(data), headers=limited.keys.h("portal"))
    assert r.status_code == 202
    assert wait_done(limited.client, r.json()["id"], limited.keys.h("portal"))["status"] == "done"


def test_full_queue_is_429_with_retry_after(limited: Service) -> None:
    rt = limited.app.state.rt
    blob = rt.store.put_bytes(b"queued but never told to the engine")
    ids = [f"{i:032x}" for i in range(3)]
    with rt.sessions.begin() as s:
        record(s, blob)
        s.add_all(Check(id=i, sha256=blob.sha256, filename="q.docx", created_at=utcnow()) for i in ids)
    try:
        h = limited.keys.h("portal")
        for path in ("/api/v1/checks", "/api/v1/batches"):
            r = limited.client.post(path, **upload(summary_docx(100)), headers=h)
            assert r.status_code == 429 and "队列" in r.json()["detail"] and r.json()["code"] == "queue_full"
            assert int(r.headers["Retry-After"]) >= 5 and r.headers["RateLimit-Remaining"] == "0"
    finally:
        with rt.sessions.begin() as s:
            for i in ids:
                s.delete(s.get(Check, i))


def test_list_filters_by_status(service: Service) -> None:
    h = service.keys.h("reviewer")
    body = service.client.get("/api/v1/checks?status=done&limit=2", headers=h).json()
    assert body["limit"] == 2 and len(body["items"]) <= 2 and body["total"] >= len(body["items"])
    assert all(item["status"] == "done" and item["report"] is None for item in body["items"])
    assert service.client.get("/api/v1/checks?status=bogus", headers=h).status_code == 422
    assert service.client.get("/api/v1/checks?limit=0", headers=h).status_code == 422


class _Receiver(BaseHTTPRequestHandler):
    got: queue.Queue[dict] = queue.Queue()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.got.put(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_callback_gets_a_post_when_done(service: Service) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        h = service.keys.h("portal")
        r = service.client.post("/api/v1/checks?async=true", **upload(summary_docx(seed=8), callback_url=url), headers=h)
        assert r.status_code == 202
        notice = _Receiver.got.get(timeout=90)
        assert notice["id"] == r.json()["id"] and notice["type"] == "check" and notice["status"] == "done"
        assert notice["url"] == f"/api/v1/checks/{notice['id']}"
        deadline = time.monotonic() + 10  # recorded once the receiver has answered
        while wait_done(service.client, notice["id"], h)["callback_status"] != "delivered" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert wait_done(service.client, notice["id"], h)["callback_status"] == "delivered"
    finally:
        server.shutdown()


def test_metrics_count_checks_by_verdict(service: Service) -> None:
    service.client.post("/api/v1/checks", **upload(summary_docx(seed=21)), headers=service.keys.h("portal"))
    text = service.client.get("/metrics", headers=service.keys.h("admin")).text
    assert 'clustercheck_checks_total{status="done",verdict=' in text
    assert "clustercheck_check_duration_seconds_count" in text
    assert 'clustercheck_http_requests_total{method="POST",route="/api/v1/checks",status="200"}' in text
    assert 'route="/api/v1/checks/{check_id}"' in text or "route=" in text


def test_data_folder_holds_only_blobs_db_and_tmp(service: Service) -> None:
    names = {p.name for p in Path(service.settings.data_dir).iterdir()}
    assert {"blobs", "tmp", "clustercheck.db"} <= names


def test_upload_stack_is_past_its_known_cves() -> None:
    """python-multipart < 0.0.18 (CVE-2024-53981) and Starlette < 0.47.2 (CVE-2025-54121) parse uploads unsafely."""
    from importlib.metadata import version

    def parts(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in v.split(".")[:3] if p.isdigit())

    assert parts(version("python-multipart")) >= (0, 0, 18)
    assert parts(version("starlette")) >= (0, 47, 2)
