"""Receiving clustercheck's callbacks: check the signature, then trust the notice.

Standard library only, so this one file can be copied into any portal. In a web framework:

    notice = verify(SECRET, request.headers.get("X-Clustercheck-Signature"), request.body)  # raw bytes
    # SignatureError: answer 401 and ignore it; else act on notice["id"], notice["verdict"]

The header is `t=<unix seconds>,v1=<hex>`, with v1 = HMAC-SHA256(secret, f"{t}.{body}") and `secret`
the API key's callback secret (shown when the key is made, or POST /api/v1/keys/me/callback-secret).
A notice is refused when its HMAC does not match (forged or altered) or its t is more than
`tolerance` seconds from now (an old one replayed). Within the window, drop a repeat by the notice's
signed `delivery` id: clustercheck retries until it gets a 2xx, so a receiver may see one twice.

`python -m clustercheck_client.webhook --port 8081` runs the sample receiver below (the secret from
CLUSTERCHECK_CALLBACK_SECRET): 204 for a verified notice, printed as one JSON line; 401 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SIGNATURE_HEADER = "X-Clustercheck-Signature"
TOLERANCE_SECONDS = 300
MAX_BODY = 1024 * 1024


class SignatureError(ValueError):
    """The notice is not clustercheck's, or not fresh: do not act on it."""


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The header value clustercheck sends for `body` at `timestamp` (for tests of a receiver)."""
    mac = hmac.new(secret.encode("utf-8"), str(timestamp).encode("ascii") + b"." + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def _parse(header: str) -> tuple[int, list[str]]:
    timestamp, macs = None, []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t" and value.isdigit():
            timestamp = int(value)
        elif name == "v1" and value:
            macs.append(value)
    if timestamp is None or not macs:
        raise SignatureError("malformed signature header: expected t=<seconds>,v1=<hex>")
    return timestamp, macs


def verify(secret: str, header: str | None, body: bytes, *, tolerance: int = TOLERANCE_SECONDS,
           now: float | None = None) -> dict[str, Any]:
    """The notice, once its signature is clustercheck's and fresh; SignatureError otherwise."""
    if not header:
        raise SignatureError(f"missing {SIGNATURE_HEADER} header")
    timestamp, macs = _parse(header)
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        raise SignatureError(f"stale signature: t={timestamp} is more than {tolerance} s from now")
    expected = sign(secret, body, timestamp).rsplit("=", 1)[1]
    if not any(hmac.compare_digest(expected, mac) for mac in macs):
        raise SignatureError("signature mismatch: not signed with this secret, or the body was altered")
    try:
        return json.loads(body)
    except ValueError as e:
        raise SignatureError(f"signed body is not JSON: {e}") from None


def receiver(secret: str, on_notice: Callable[[dict[str, Any]], None]) -> type[BaseHTTPRequestHandler]:
    """A request handler that verifies every POST, drops repeats, and hands the rest to `on_notice`."""
    seen: set[str] = set()
    lock = threading.Lock()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._answer(413, "body too large")
            body = self.rfile.read(length)
            try:
                notice = verify(secret, self.headers.get(SIGNATURE_HEADER), body)
            except SignatureError as e:
                return self._answer(401, str(e))
            with lock:
                repeat = notice.get("delivery") in seen
                seen.add(str(notice.get("delivery")))
            if not repeat:
                on_notice(notice)
            self._answer(204)

        def _answer(self, status: int, reason: str = "") -> None:
            data = reason.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    return Receiver


def serve(secret: str, host: str = "127.0.0.1", port: int = 8081,
          on_notice: Callable[[dict[str, Any]], None] | None = None) -> ThreadingHTTPServer:
    """The sample receiver, bound and ready (call serve_forever, or run it in a thread)."""
    def show(notice: dict[str, Any]) -> None:
        print(json.dumps(notice, ensure_ascii=False), flush=True)

    return ThreadingHTTPServer((host, port), receiver(secret, on_notice or show))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m clustercheck_client.webhook",
                                 description="A sample receiver of clustercheck callbacks.")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8081)
    args = ap.parse_args(argv)
    secret = os.environ.get("CLUSTERCHECK_CALLBACK_SECRET")
    if not secret:
        print("set CLUSTERCHECK_CALLBACK_SECRET to the key's callback secret", file=sys.stderr)
        return 2
    server = serve(secret, args.host, args.port)
    print(f"receiving on http://{args.host}:{server.server_address[1]}/", file=sys.stderr)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
