"""The reviewers' pages through the real app (TestClient): who may see them, upload, report, downloads, history."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from service.api.submit import add_check
from service.auth import LOCAL_USER
from service.jobs.base import ASYNC
from tests.service.conftest import SAMPLES_DIR, Service, start_service, summary_docx

HTML = {"Accept": "text/html,application/xhtml+xml"}
SHORT = "hubei-2023-summary_short-section.docx"
GROWTH = "hunan-2023-final_growth-wrong.docx"


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with start_service(tmp_path_factory.mktemp("web")) as running:
        yield running


@pytest.fixture(scope="module")
def local(svc: Service) -> TestClient:
    """A browser on the same machine as the embedded default (loopback on both ends)."""
    return TestClient(svc.app, client=("127.0.0.1", 50123), follow_redirects=False)


def files(*names: str, data: dict[str, bytes] | None = None) -> list[tuple[str, tuple[str, bytes, str]]]:
    data = data or {}
    return [("file", (n, data[n] if n in data else (SAMPLES_DIR / n).read_bytes(), "application/octet-stream")) for n in names]


def upload(client: TestClient, *names: str, template: str = "auto", data: dict[str, bytes] | None = None,
           **headers: str):
    return client.post("/web/checks", files=files(*names, data=data), data={"template": template, "roster": "auto"},
                       headers=headers)


@pytest.fixture(scope="module")
def short_id(local: TestClient) -> str:
    r = upload(local, SHORT)
    assert r.status_code == 303, r.text
    match = re.fullmatch(r"/web/checks/([0-9a-f]{32})", r.headers["location"])
    assert match
    return match.group(1)


def test_upload_page_offers_templates_rosters_and_says_no_key_is_needed(local: TestClient) -> None:
    r = local.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert 'name="file"' in html and "multiple" in html and 'enctype="multipart/form-data"' in html
    assert '<option value="auto" selected>自动识别</option>' in html
    assert '<option value="hubei-2023-summary"' in html and '<option value="hubei-2023"' in html
    assert "本机访问无需密钥；对外服务须使用 reviewer 密钥" in html
    assert r.headers["x-frame-options"] == "DENY" and "default-src 'self'" in r.headers["content-security-policy"]


def test_static_assets_and_nothing_else(local: TestClient) -> None:
    css = local.get("/static/app.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert '"Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei"' in css.text
    assert local.get("/static/app.js").status_code == 200
    assert local.get("/static/..%2Fapp.py").status_code == 404
    assert local.get("/static/report.html").status_code == 404


def test_remote_browser_is_sent_to_sign_in_and_api_clients_get_401(svc: Service) -> None:
    remote = TestClient(svc.app, client=("203.0.113.9", 40000), follow_redirects=False)
    page = remote.get("/history?verdict=fail", headers=HTML)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/history%3Fverdict%3Dfail&reason=needed"
    assert remote.get("/history").status_code == 401
    assert remote.get("/", headers={**HTML, "X-API-Key": svc.keys.portal}).headers["location"].endswith("reason=denied")
    ok = remote.get("/", headers={"X-API-Key": svc.keys.reviewer})
    assert ok.status_code == 200 and "本机访问无需密钥" not in ok.text and "test-reviewer" in ok.text


def test_sign_in_sets_a_strict_cookie_and_never_redirects_off_site(svc: Service) -> None:
    remote = TestClient(svc.app, client=("203.0.113.9", 40000), follow_redirects=False)
    form = remote.get("/login?next=/history&reason=needed")
    assert form.status_code == 200 and "请使用评审（reviewer）密钥登录" in form.text
    bad = remote.post("/login", data={"key": "cc_wrong", "next": "/history"})
    assert bad.status_code == 401 and "密钥无效" in bad.text
    portal = remote.post("/login", data={"key": svc.keys.portal, "next": "/"})
    assert portal.status_code == 403
    off_site = remote.post("/login", data={"key": svc.keys.reviewer, "next": "//evil.example/x"})
    assert off_site.status_code == 303 and off_site.headers["location"] == "/"
    cookie = off_site.headers["set-cookie"]
    assert "clustercheck_key=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert remote.get("/history", headers=HTML).status_code == 200  # the cookie now signs it in
    out = remote.post("/logout")
    assert out.status_code == 303 and out.headers["location"] == "/login"


def test_cross_site_form_post_is_refused(local: TestClient) -> None:
    r = upload(local, SHORT, origin="http://evil.example")
    assert r.status_code == 403 and "其他网站" in r.json()["detail"]


def test_single_upload_redirects_to_its_report(local: TestClient, short_id: str) -> None:
    page = local.get(f"/web/checks/{short_id}")
    assert page.status_code == 200
    html = page.text
    assert "结论：不通过" in html and "集群名单核对" in html and "十堰商用车及部件创新型产业集群" in html
    assert "提纲与字数" in html and "不少于2000字" in html and 'class="cc-fill cc-fill-short cc-fill-tone-bad"' in html
    assert 'data-code="L001"' in html and "第9段" in html
    for fmt in ("xlsx", "json", "html"):
        assert f'href="/web/checks/{short_id}/report.{fmt}"' in html


def test_downloads_json_excel_and_printable_page(local: TestClient, short_id: str) -> None:
    j = local.get(f"/web/checks/{short_id}/report.json")
    assert j.status_code == 200 and "attachment" in j.headers["content-disposition"]
    report = json.loads(j.content)
    assert report["file"] == SHORT and report["verdict"] == "fail"
    x = local.get(f"/web/checks/{short_id}/report.xlsx")
    assert x.status_code == 200 and "filename*=UTF-8''" in x.headers["content-disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(x.content))
    assert wb["报告"]["A2"].value == SHORT and wb["报告"]["G2"].value == "不通过"
    assert wb["问题清单"]["B2"].value == "L001"
    h = local.get(f"/web/checks/{short_id}/report.html")
    assert h.status_code == 200 and h.text.startswith("<!DOCTYPE html>") and "@media print" in h.text
    assert local.get("/web/checks/0123456789abcdef0123456789abcdef/report.xlsx").status_code == 404


def test_api_report_formats_use_the_same_renderers(svc: Service, short_id: str) -> None:
    h = svc.keys.h("reviewer")
    html = svc.client.get(f"/api/v1/checks/{short_id}/report.html", headers=h)
    assert html.status_code == 200 and "结论：不通过" in html.text
    xlsx = svc.client.get(f"/api/v1/checks/{short_id}/report.xlsx", headers=h)
    assert xlsx.status_code == 200 and openpyxl.load_workbook(io.BytesIO(xlsx.content))["报告"]["A2"].value == SHORT


def test_many_files_go_to_a_results_list(local: TestClient) -> None:
    r = upload(local, GROWTH, "hubei-2024-summary_ok.docx")
    assert r.status_code == 303 and r.headers["location"].startswith("/web/results?ids=")
    ids = r.headers["location"].split("=", 1)[1].split(",")
    assert len(ids) == 2
    page = local.get(r.headers["location"])
    assert page.status_code == 200 and "本次上传的检查（2 个文件）" in page.text
    assert all(f'data-id="{i}"' in page.text for i in ids)


def test_unreadable_file_among_many_is_named_with_its_reason(local: TestClient) -> None:
    r = upload(local, SHORT, "notes.txt", data={"notes.txt": "这不是材料".encode()})
    assert r.status_code == 200
    assert "以下 1 个文件未能提交" in r.text and "notes.txt：无法检查此类文件" in r.text
    assert "本次上传的检查（1 个文件）" in r.text


def test_form_errors_come_back_on_the_form(local: TestClient) -> None:
    none = local.post("/web/checks", files=[("file", ("", b"", "application/octet-stream"))], data={"template": "auto"})
    assert none.status_code == 422 and "请选择至少一个文件" in none.text and 'id="upload-form"' in none.text
    unknown = upload(local, SHORT, template="no-such-template")
    assert unknown.status_code == 422 and "未知的模板：no-such-template" in unknown.text
    empty = upload(local, "empty.docx", data={"empty.docx": b""})
    assert empty.status_code == 422 and "empty.docx：文件为空" in empty.text


def test_a_queued_check_shows_a_refreshing_page(svc: Service, local: TestClient) -> None:
    rt = svc.app.state.rt
    blob = rt.store.put_bytes(summary_docx(seed=77))
    with rt.sessions.begin() as s:  # committed but never handed to the engine: it stays queued
        check_id = add_check(s, blob, "排队.docx", None, None, LOCAL_USER, ASYNC).id
    page = local.get(f"/web/checks/{check_id}")
    assert page.status_code == 200 and "排队中" in page.text and 'http-equiv="refresh"' in page.text
    assert local.get(f"/web/checks/{check_id}/report.xlsx").status_code == 409
    missing = local.get("/web/checks/0123456789abcdef0123456789abcdef")
    assert missing.status_code == 404 and "检查不存在" in missing.text


def test_history_filters_by_verdict_template_and_cluster(local: TestClient, short_id: str) -> None:
    upload(local, GROWTH)  # a warn for hunan-2023-final, next to the fail for hubei-2023-summary
    everything = local.get("/history").text
    assert short_id in everything and GROWTH in everything
    fails = local.get("/history?verdict=fail").text
    assert short_id in fails and GROWTH not in fails
    warns = local.get("/history", params={"verdict": "warn", "template": "hunan-2023-final"}).text
    assert GROWTH in warns and SHORT not in warns and '<option value="warn" selected>' in warns
    cluster = local.get("/history", params={"cluster": "十堰"}).text
    assert SHORT in cluster and GROWTH not in cluster
    nothing = local.get("/history", params={"cluster": "%_不存在"}).text
    assert "没有符合条件的检查记录" in nothing
    stale = local.get("/history?verdict=bogus&page=3")
    assert stale.status_code == 200 and "共" in stale.text


def test_pages_stay_out_of_the_api_schema(svc: Service) -> None:
    paths = svc.client.get("/openapi.json").json()["paths"]
    assert not any(p.startswith(("/web", "/history", "/login", "/static")) or p == "/" for p in paths)



def test_server_bound_to_all_interfaces_needs_a_key_even_from_loopback(tmp_path: Path) -> None:
    with start_service(tmp_path, host="0.0.0.0") as exposed:
        browser = TestClient(exposed.app, client=("127.0.0.1", 50124), follow_redirects=False)
        page = browser.get("/", headers=HTML)
        assert page.status_code == 303 and page.headers["location"] == "/login?next=/&reason=needed"
        post = browser.post("/web/checks", files=files(SHORT), headers=HTML)
        assert post.status_code == 303 and post.headers["location"] == "/login?next=/&reason=needed"
        signed = browser.get("/", headers={"X-API-Key": exposed.keys.reviewer})
        assert signed.status_code == 200 and "本机访问无需密钥" not in signed.text


def test_size_limits_per_file_and_per_upload(tmp_path: Path) -> None:
    with start_service(tmp_path, max_upload_mb=0.01, max_batch_mb=0.05) as small:
        browser = TestClient(small.app, client=("127.0.0.1", 50125), follow_redirects=False)
        big = {"big.docx": b"PK" + b"\0" * 20_000}
        one = upload(browser, "big.docx", data=big)
        assert one.status_code == 413 and "big.docx：文件超过大小上限" in one.text
        huge = {f"f{i}.docx": b"PK" + b"\0" * 9_000 for i in range(14)}
        whole = upload(browser, *huge, data=huge)
        assert whole.status_code == 413 and "本次上传的文件合计超过大小上限" in whole.text
        assert 'id="form-error"' in whole.text and 'id="form-error"' in one.text
