"""Who may use the pages, and how a reviewer signs in with a key on a server that is not loopback.

The rule itself is the API's (`service.api.deps.web_user`): anonymous on the embedded default,
otherwise a reviewer or admin key in the X-API-Key header or the `clustercheck_key` cookie. Here a
browser that lacks one is sent to the sign-in form instead of receiving a JSON 401, and a form POST
from another site's page is refused (the Origin header must be this server's).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, HTTPException, Request, Security

from service.api.deps import RuntimeDep, api_key_cookie, api_key_header, web_user
from service.auth import Principal

COOKIE = "clustercheck_key"
COOKIE_DAYS = 7


def wants_page(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def safe_next(target: str | None) -> str:
    """Only a path on this server: never `//host` or a full URL (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def viewer(request: Request, rt: RuntimeDep,
           header: Annotated[str | None, Security(api_key_header)] = None,
           cookie: Annotated[str | None, Security(api_key_cookie)] = None) -> Principal:
    try:
        return web_user(request, rt, header, cookie)
    except HTTPException as e:
        if e.status_code not in (401, 403) or not wants_page(request):
            raise
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method != "GET":
            here = "/"  # after signing in, a form post is not repeated: back to the form
        reason = "denied" if e.status_code == 403 else ("invalid" if header or cookie else "needed")
        raise HTTPException(303, "请先使用评审密钥登录 (sign in with a reviewer key)",
                            headers={"Location": f"/login?next={quote(here)}&reason={reason}"}) from None


Viewer = Annotated[Principal, Depends(viewer)]


def same_origin(request: Request) -> None:
    """Refuse a form posted from another site (a browser always sends Origin on such a POST)."""
    origin = request.headers.get("origin")
    if origin is None:
        return
    if origin == "null" or urlsplit(origin).netloc != request.headers.get("host", ""):
        raise HTTPException(403, "拒绝来自其他网站的表单提交 (cross-site form post refused)")


SameOrigin = Depends(same_origin)
