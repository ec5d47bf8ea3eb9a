"""Dependencies declared once: the runtime, a database session, and who is asking (by role).

    def endpoint(who: Reader, db: SessionDep) -> ...

The API always needs a key. The web pages (`WebUser`) and /metrics may be used without one only in
the embedded default: server bound to loopback *and* the request coming from loopback. Elsewhere a
reviewer signs in once (web/login.py) and the key travels in the `clustercheck_key` cookie; a
browser that lacks it is sent to the sign-in form (`Viewer`) instead of receiving a JSON 401, and a
form POST from another site's page is refused (`SameOrigin`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyCookie, APIKeyHeader
from sqlalchemy.orm import Session

from service.api import error_codes as ec
from service.auth import LOCAL_USER, Principal, authenticate
from service.jobs.base import JobEngine
from service.runtime import Runtime
from service.settings import Settings, is_loopback

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False,
                              description="API 密钥（clustercheck keys create --role …）")
COOKIE = "clustercheck_key"
api_key_cookie = APIKeyCookie(name=COOKIE, auto_error=False,
                              description="网页使用的 API 密钥 (the web pages' key, as a cookie)")


def get_runtime(request: Request) -> Runtime:
    return request.app.state.rt


def get_engine(request: Request) -> JobEngine:
    return request.app.state.engine


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
EngineDep = Annotated[JobEngine, Depends(get_engine)]


def get_session(rt: RuntimeDep) -> Iterator[Session]:
    with rt.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def _principal(rt: Runtime, key: str | None) -> Principal | None:
    if not key:
        return None
    with rt.sessions() as s:
        return authenticate(s, key)


def _unauthorized(key: str | None) -> HTTPException:
    return (ec.KEY_INVALID if key else ec.KEY_MISSING).error({"WWW-Authenticate": "APIKey"})


def require(*roles: str) -> Callable[..., Principal]:
    def dependency(rt: RuntimeDep, key: Annotated[str | None, Security(api_key_header)] = None) -> Principal:
        who = _principal(rt, key)
        if who is None:
            raise _unauthorized(key)
        if who.role not in roles:
            raise ec.ROLE_FORBIDDEN.error(role=who.role, roles="/".join(roles))
        return who
    return dependency


Reader = Annotated[Principal, Depends(require("reviewer", "portal", "admin"))]
Submitter = Annotated[Principal, Depends(require("portal", "admin"))]
Admin = Annotated[Principal, Depends(require("admin"))]


def local_request(request: Request, settings: Settings) -> bool:
    return settings.open_locally and is_loopback(request.client.host if request.client else None)


def web_user(request: Request, rt: RuntimeDep,
             header: Annotated[str | None, Security(api_key_header)] = None,
             cookie: Annotated[str | None, Security(api_key_cookie)] = None) -> Principal:
    """A reviewer of the web pages and /metrics: anonymous on the embedded default, else a reviewer or
    admin key (a portal's key submits, it does not browse everyone's results)."""
    key = header or cookie
    if not key and local_request(request, rt.settings):
        return LOCAL_USER
    who = _principal(rt, key)
    if who is None:
        raise _unauthorized(key)
    if who.role not in ("reviewer", "admin"):
        raise ec.PAGES_FORBIDDEN.error()
    return who


WebUser = Annotated[Principal, Depends(web_user)]


def wants_page(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def viewer(request: Request, rt: RuntimeDep,
           header: Annotated[str | None, Security(api_key_header)] = None,
           cookie: Annotated[str | None, Security(api_key_cookie)] = None) -> Principal:
    """`web_user`, but a browser without a usable key is sent to the sign-in form and back."""
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
        raise ec.CROSS_SITE_REFUSED.error()


SameOrigin = Depends(same_origin)
