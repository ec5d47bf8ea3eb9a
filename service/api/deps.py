"""Dependencies declared once: the runtime, a database session, and who is asking (by role).

    def endpoint(who: Reader, db: SessionDep) -> ...

The API always needs a key. The web pages (`WebUser`) and /metrics may be used without one only in
the embedded default: server bound to loopback *and* the request coming from loopback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyCookie, APIKeyHeader
from sqlalchemy.orm import Session

from service.auth import LOCAL_USER, Principal, authenticate
from service.jobs.base import JobEngine
from service.runtime import Runtime
from service.settings import Settings, is_loopback

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False,
                              description="API 密钥（clustercheck keys create --role …）")
api_key_cookie = APIKeyCookie(name="clustercheck_key", auto_error=False,
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
    msg = ("API 密钥无效或已吊销 (invalid or revoked X-API-Key)" if key
           else "缺少 API 密钥，请在请求头 X-API-Key 中提供 (missing X-API-Key header)")
    return HTTPException(401, msg, headers={"WWW-Authenticate": "APIKey"})


def require(*roles: str) -> Callable[..., Principal]:
    def dependency(rt: RuntimeDep, key: Annotated[str | None, Security(api_key_header)] = None) -> Principal:
        who = _principal(rt, key)
        if who is None:
            raise _unauthorized(key)
        if who.role not in roles:
            raise HTTPException(403, f"角色 {who.role} 无权执行此操作，需要：{'/'.join(roles)} "
                                     f"(role {who.role} may not do this; needs {'/'.join(roles)})")
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
        raise HTTPException(403, "网页与指标仅供评审或管理员密钥使用 (pages and metrics are for reviewer/admin keys)")
    return who


WebUser = Annotated[Principal, Depends(web_user)]
