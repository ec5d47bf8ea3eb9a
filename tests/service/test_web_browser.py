"""The web page in a real headless Chromium against a real `clustercheck serve`: upload a defective
sample, read the verdict and findings, check that Chinese is drawn with a CJK font (not tofu), and
download the Excel workbook and open it.

Debian's chromium is driven through its executable path; no browser is ever downloaded.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tests.service.conftest import SAMPLES_DIR, free_port, serve, stop

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SAMPLE = "hubei-2023-summary_short-section.docx"
CJK_FONTS = ("Noto Sans CJK", "WenQuanYi", "Microsoft YaHei", "Noto Serif CJK")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    proc = serve(tmp_path_factory.mktemp("browser-data"), port)
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


def platform_fonts(page, selector: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """The fonts Chromium actually drew the element's text with (CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def test_upload_read_findings_and_download_excel(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{server}/")
    assert page.locator("#keyless-note").inner_text() == "本机访问无需密钥；对外服务须使用 reviewer 密钥。"
    page.set_input_files("#file", str(SAMPLES_DIR / SAMPLE))
    assert SAMPLE in page.locator("#drop-files").inner_text()
    page.select_option("#template", "hubei-2023-summary")
    page.click("#submit")
    page.wait_for_selector("#verdict", timeout=120_000)

    assert page.locator("#verdict").inner_text() == "结论：不通过"
    finding = page.locator('#findings li[data-code="L001"]')
    assert finding.count() == 1
    assert "少于要求的 2000 字" in finding.inner_text() and "第9段" in finding.inner_text()
    assert "十堰商用车及部件创新型产业集群" in page.locator("#cluster").inner_text()
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000

    fonts = platform_fonts(page, "#verdict")
    cjk = [f for f in fonts if f["familyName"].startswith(CJK_FONTS)]
    assert cjk and sum(f["glyphCount"] for f in cjk) >= 5, fonts  # 结论不通过 drawn by a CJK font
    a, b = (page.locator(sel).screenshot() for sel in ("#verdict", "#cluster h2"))
    assert a != b  # two different Chinese strings are two different pictures, not rows of tofu
    width = page.locator("#verdict").evaluate("e => e.getBoundingClientRect().width")
    assert width > 5 * 20  # 6 characters at 24px: real glyphs are about one em wide

    with page.expect_download() as info:
        page.click("#dl-xlsx")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / "report.xlsx"
    download.save_as(str(saved))
    wb = openpyxl.load_workbook(io.BytesIO(saved.read_bytes()))
    assert wb["报告"]["A2"].value == SAMPLE and wb["报告"]["G2"].value == "不通过"
    assert [c.value for c in wb["问题清单"][2]][1:3] == ["L001", "错误"]

    page.goto(f"{server}/history?verdict=fail")
    assert SAMPLE in page.locator("#checks").inner_text()
    page.goto(f"{server}/history?verdict=pass")
    assert SAMPLE not in page.locator("#checks").inner_text()
    context.close()
