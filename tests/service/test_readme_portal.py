"""The README's "portal in ten lines", run as written against a real `clustercheck serve` with a key
made by `clustercheck keys create`: it submits a sample, waits for the report, prints the findings,
and its callback handler accepts the real signed notice and refuses a forged one."""

from __future__ import annotations

import queue
import re
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clustercheck_client import SignatureError
from tests.service.conftest import CLI, SAMPLES_DIR, free_port, serve, stop

pytestmark = pytest.mark.slow
README = Path(__file__).resolve().parents[2] / "README.md"
SAMPLE = SAMPLES_DIR / "hubei-2023-summary_short-section.docx"


def readme_block() -> str:
    text = README.read_text(encoding="utf-8")
    m = re.search(r"<!-- portal-in-ten-lines[^>]*-->\s*```python\n(.*?)```", text, re.S)
    assert m, "README lost its portal-in-ten-lines block"
    return m.group(1)


class _Hook(BaseHTTPRequestHandler):
    got: queue.Queue = queue.Queue()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.got.put((self.headers["X-Clustercheck-Signature"], body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def hook() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks/clustercheck"
    server.shutdown()


def test_the_block_is_ten_lines() -> None:
    assert len([line for line in readme_block().splitlines() if line.strip()]) <= 10


def test_the_readme_portal_runs_against_a_real_server(tmp_path: Path, hook: str, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    made = subprocess.run([str(CLI), "keys", "create", "--role", "portal", "--name", "README 门户",
                           "--data-dir", str(tmp_path)], capture_output=True, text=True, check=True)
    key = made.stdout.strip()
    secret = re.search(r"callback secret\): (whsec_\S+)", made.stderr).group(1)  # type: ignore[union-attr]
    port = free_port()
    proc = serve(tmp_path, port, env={"CLUSTERCHECK_CALLBACK_PRIVATE_OK": "true"})
    try:
        for name, value in {"CLUSTERCHECK_URL": f"http://127.0.0.1:{port}", "CLUSTERCHECK_KEY": key,
                            "SUBMISSION": str(SAMPLE), "CALLBACK_URL": hook,
                            "CLUSTERCHECK_CALLBACK_SECRET": secret}.items():
            monkeypatch.setenv(name, value)
        portal: dict = {}
        exec(compile(readme_block(), "README.md", "exec"), portal)
        printed = capsys.readouterr().out
        assert printed.startswith("fail ") and "L001 " in printed and "少于要求的 2000 字" in printed

        signature, body = _Hook.got.get(timeout=60)
        notice = portal["on_callback"](signature, body)
        assert notice["id"] == portal["check"]["id"] and notice["verdict"] == "fail"
        with pytest.raises(SignatureError):
            portal["on_callback"](signature, body.replace(b'"fail"', b'"pass"'))
    finally:
        stop(proc, timeout=20)
