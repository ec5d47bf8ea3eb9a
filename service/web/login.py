"""Sign-in with a key (for a server that is not loopback), the stylesheets and the one script.

The key goes into an HttpOnly, SameSite=Strict cookie; the API's `web_user` reads it from there.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from service.api.deps import COOKIE, RuntimeDep, SameOrigin
from service.auth import authenticate
from service.web.view import HEADERS, STATIC, render

router = APIRouter(include_in_schema=False)
COOKIE_DAYS = 7
ASSETS = {"app.css": "text/css", "report.css": "text/css", "app.js": "text/javascript"}
REASONS = {"needed": "此服务对外开放，请使用评审（reviewer）密钥登录。",
           "invalid": "密钥无效或已吊销，请重新输入。",
           "denied": "该密钥的角色无权使用评审网页（需要 reviewer 或 admin 密钥）。"}


def safe_next(target: str | None) -> str:
    """Only a path on this server: never `//host` or a full URL (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _login_page(next_url: str, message: str | None, status_code: int = 200) -> HTMLResponse:
    return HTMLResponse(render("login.html", next_url=next_url, message=message), status_code=status_code,
                        headers=HEADERS)


@router.get("/login", response_class=HTMLResponse)
def login_form(next: str = "/", reason: str = "") -> HTMLResponse:
    return _login_page(safe_next(next), REASONS.get(reason))


@router.post("/login", dependencies=[SameOrigin])
def login(request: Request, rt: RuntimeDep, key: Annotated[str, Form(max_length=200)] = "",
          next: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    with rt.sessions() as s:
        who = authenticate(s, key.strip())
    if who is None:
        return _login_page(safe_next(next), REASONS["invalid"], 401)
    if who.role not in ("reviewer", "admin"):
        return _login_page(safe_next(next), REASONS["denied"], 403)
    resp = RedirectResponse(safe_next(next), status_code=303)
    resp.set_cookie(COOKIE, key.strip(), max_age=COOKIE_DAYS * 86400, httponly=True, samesite="strict",
                    secure=request.url.scheme == "https", path="/")
    return resp


@router.post("/logout", dependencies=[SameOrigin])
def logout() -> Response:
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(COOKIE, path="/")
    return resp


@router.get("/static/{name}")
def asset(name: str) -> Response:
    if name not in ASSETS:
        raise HTTPException(404, "没有这个文件 (not found)")
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers={"Cache-Control": "max-age=300"})
