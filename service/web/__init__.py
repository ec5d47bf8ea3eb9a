"""The reviewers' web pages, mounted by `service.app.create_app` as `web.router`.

The router is built on first use, so that importing a helper of this package (`service.render`
uses `service.web.view` and `service.web.bars`) does not pull in the pages, which import it back.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter


@cache
def _router() -> APIRouter:
    from service.web import login, routes

    router = APIRouter()
    router.include_router(routes.router)
    router.include_router(login.router)
    return router


def __getattr__(name: str) -> Any:
    if name == "router":
        return _router()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
