"""/docs and /redoc in a real headless Chromium against a real `clustercheck serve`, offline: every
operation of the schema is drawn by both, and nothing is fetched from anywhere but this server.

Swagger UI 4 showed "Unable to render this definition" for FastAPI's OpenAPI 3.1; this is the test
that it renders now. Debian's chromium is driven through its executable path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.service.conftest import free_port, serve, stop
from tests.service.test_web_browser import ARGS, CHROMIUM

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    proc = serve(tmp_path_factory.mktemp("docs-data"), port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc, timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run scripts/setup --dev")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _offline_page(browser, server: str):  # type: ignore[no-untyped-def]
    """A page whose every request leaving this server is recorded (and refused)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.outside = []  # type: ignore[attr-defined]
    page.blocked = []  # type: ignore[attr-defined]

    def route(r) -> None:  # type: ignore[no-untyped-def]
        if r.request.url.startswith(server):
            r.continue_()
        else:
            page.outside.append(r.request.url)  # type: ignore[attr-defined]
            r.abort()

    context.route("**/*", route)
    page.on("requestfailed", lambda r: page.blocked.append((r.url, r.failure)))  # type: ignore[attr-defined]
    return context, page


def _operations(server: str) -> list[tuple[str, str, str]]:
    schema = httpx.get(f"{server}/openapi.json", timeout=30).json()
    assert schema["openapi"].startswith("3.1")
    return [(method.upper(), path, op["summary"]) for path, ops in schema["paths"].items()
            for method, op in ops.items()]


def test_swagger_ui_draws_every_operation_offline(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ops = _operations(server)
    context, page = _offline_page(browser, server)
    page.goto(f"{server}/docs")
    page.wait_for_selector(".opblock", timeout=60_000)
    assert "Unable to render" not in page.content()
    drawn = page.evaluate("""() => [...document.querySelectorAll('.opblock')].map(b => [
        b.querySelector('.opblock-summary-method').textContent.trim(),
        b.querySelector('.opblock-summary-path').getAttribute('data-path'),
        b.querySelector('.opblock-summary-description').textContent.trim()])""")
    assert sorted(map(tuple, drawn)) == sorted(ops)
    assert page.locator(".info .title").inner_text().startswith("clustercheck")
    assert "idempotency_key_reused" in page.locator(".info").inner_text()  # the error-code table

    page.locator('.opblock-summary-path[data-path="/api/v1/checks"]').first.click()  # POST: its callbacks
    body = page.locator(".opblock.is-open")
    body.locator(".opblock-section-header", has_text="Callbacks").first.wait_for(timeout=10_000)
    assert "Idempotency-Key" in body.inner_text() and "idempotency_key_reused" in body.inner_text()
    page.screenshot(path=str(tmp_path / "docs.png"), full_page=False)
    assert page.outside == [] and page.blocked == []  # type: ignore[attr-defined]
    context.close()


def test_redoc_draws_every_operation_offline(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    ops = _operations(server)
    context, page = _offline_page(browser, server)
    page.goto(f"{server}/redoc")
    page.wait_for_selector("[data-section-id^='operation/']", timeout=60_000)
    sections = page.locator("[data-section-id^='operation/']")
    assert sections.count() == len(ops)
    text = page.locator(".api-content").inner_text()
    missing = [summary for _, _, summary in ops if summary not in text]
    assert not missing
    assert page.outside == []  # type: ignore[attr-defined]
    # ReDoc's footer asks a CDN for its logo: the page's Content-Security-Policy stops it in the browser
    assert all(failure == "csp" for _, failure in page.blocked), page.blocked  # type: ignore[attr-defined]
    context.close()
