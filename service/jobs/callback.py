"""A callback, one attempt at a time: whether its URL may be called, how its body is signed, and one
POST. The delivery log, retries and the sender around this live in `service.jobs.delivery`.

Callback URLs are checked twice (at submission and before every attempt) against loopback,
private and link-local addresses, so a portal cannot make the service call into its own network
(`CLUSTERCHECK_CALLBACK_PRIVATE_OK=true` lifts that, for a portal on the same host or LAN).

Signing is the GitHub/Stripe way, so a portal can tell our notice from a forged one and a fresh one
from a replayed one: `X-Clustercheck-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`, the HMAC
keyed with the submitting API key's own callback secret over `f"{t}.{body}"` (the exact bytes).
`clustercheck_client.webhook.verify` is the receiving side.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

SIGNATURE_HEADER = "X-Clustercheck-Signature"
DELIVERY_HEADER = "X-Clustercheck-Delivery"
EVENT_HEADER = "X-Clustercheck-Event"
ATTEMPT_HEADER = "X-Clustercheck-Attempt"
USER_AGENT = "clustercheck-callback/0.1"


def callback_problem(url: str, allow_private: bool) -> tuple[str, str] | None:
    """Why this URL may not be called back, (Chinese, English); None if it may."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "callback_url 必须是 http(s) 地址", "callback_url must be an http(s) URL"
    if len(url) > 2000:
        return "callback_url 过长", "callback_url longer than 2000 characters"
    if allow_private:
        return None
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError):
        return f"无法解析回调地址 {parts.hostname}", "cannot resolve callback host"
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global:
            return (f"回调地址 {parts.hostname} 指向内部网络（可设 CLUSTERCHECK_CALLBACK_PRIVATE_OK=true 放开）",
                    "callback host resolves to a non-public address")
    return None


def signature(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode("utf-8"), str(timestamp).encode("ascii") + b"." + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


@dataclass(frozen=True, slots=True)
class Attempt:
    http_status: int | None  # the receiver's answer, None when there was none
    error: str | None  # why there was no 2xx answer
    duration_ms: int
    final: bool = False  # refused by our own policy: retrying cannot help

    @property
    def delivered(self) -> bool:
        return self.http_status is not None and 200 <= self.http_status < 300


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None  # a redirect is an answer (3xx), never followed: it could point inside the network


_opener = urllib.request.build_opener(_NoRedirect)


def send_once(url: str, body: bytes, headers: dict[str, str], timeout: float, allow_private: bool) -> Attempt:
    started = time.monotonic()

    def took() -> int:
        return round((time.monotonic() - started) * 1000)

    problem = callback_problem(url, allow_private)
    if problem:
        return Attempt(None, f"refused: {problem[1]}", 0, final=True)
    req = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": USER_AGENT, **headers})
    try:
        with _opener.open(req, timeout=timeout) as resp:
            return Attempt(resp.status, None, took())
    except urllib.error.HTTPError as e:
        return Attempt(e.code, f"HTTP {e.code}", took())
    except (urllib.error.URLError, OSError, ValueError) as e:
        return Attempt(None, f"{type(e).__name__}: {e}"[:300], took())
