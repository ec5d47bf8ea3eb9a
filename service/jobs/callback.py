"""POST a small JSON notice to a submitter's callback_url when its check or batch is finished.

Callback URLs are checked twice (at submission and before sending) against loopback, private and
link-local addresses, so a portal cannot make the service call into its own network.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

RETRIES = (0.0, 1.0, 4.0)


def callback_problem(url: str, allow_private: bool) -> str | None:
    """Why this URL may not be called back, in Chinese and English; None if it may."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "callback_url 必须是 http(s) 地址 (callback_url must be an http(s) URL)"
    if len(url) > 2000:
        return "callback_url 过长 (callback_url longer than 2000 characters)"
    if allow_private:
        return None
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError):
        return f"无法解析回调地址 {parts.hostname} (cannot resolve callback host)"
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global:
            return f"回调地址 {parts.hostname} 指向内部网络 (callback host resolves to a non-public address)"
    return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def send(url: str, payload: dict, timeout: float, allow_private: bool) -> str:
    """Deliver with a few retries; the outcome ("200", "error: …") is kept on the row for support."""
    problem = callback_problem(url, allow_private)
    if problem:
        return f"refused: {problem}"[:200]
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    outcome = ""
    for pause in RETRIES:
        time.sleep(pause)
        req = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "User-Agent": "clustercheck-callback"})
        try:
            with _opener.open(req, timeout=timeout) as resp:
                return str(resp.status)
        except urllib.error.HTTPError as e:
            outcome = str(e.code)
            if e.code < 500:
                return outcome
        except (urllib.error.URLError, OSError, ValueError) as e:
            outcome = f"error: {e}"[:200]
    return outcome
