"""/docs (Swagger UI 5) and /redoc (ReDoc 2), both served from the installed `fastapi-offline` wheel:
FastAPI's defaults load them from a CDN, a blank page on the offline networks reviewers work in,
and Swagger UI 4 cannot read the OpenAPI 3.1 that FastAPI writes ("Unable to render this
definition"). The schema itself is finished here: FastAPI's own 422 entry (HTTPValidationError)
becomes our error body, and the description lists every error code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from service.api import error_codes as ec
from service.api.errors import validation_doc

ASSETS = "/docs-assets"
STATIC = Path(fastapi_offline.__file__).parent / "static"

# Both pages may load nothing from elsewhere: ReDoc's footer asks a CDN for its logo, and the
# browser refuses that here instead of trying the network (inline parts: each page's own set-up).
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'")

TAGS = [
    {"name": "checks", "description": "提交一个文件并取得报告 (one file → one report)"},
    {"name": "batches", "description": "一个 zip，多份报告与汇总 (a zip of files → reports and a summary)"},
    {"name": "callbacks", "description": "完成通知的投递记录与重发 (callback delivery log and resend)"},
    {"name": "catalog", "description": "模板与名单 (templates and rosters)"},
    {"name": "keys", "description": "API 密钥与回调签名密钥 (API keys and callback secrets)"},
    {"name": "health", "description": "存活、就绪与指标 (liveness, readiness, metrics)"},
]


def error_table() -> str:
    rows = "\n".join(f"| `{c.code}` | {c.status} | {c.message} |" for c in sorted(ec.CODES.values(),
                                                                              key=lambda c: (c.status, c.code)))
    return f"\n\n## 错误代码 (error codes)\n\n| code | HTTP | 说明 |\n| --- | --- | --- |\n{rows}\n"


def _finish(schema: dict[str, Any]) -> dict[str, Any]:
    ours = validation_doc()
    for path in schema.get("paths", {}).values():
        for op in path.values():
            for status, answer in op.get("responses", {}).items():
                content = answer.get("content", {})
                if status >= "400" and len(content) > 1:
                    # FastAPI files an error's schema under the route's own media type (text/html, a
                    # workbook) beside our examples: every error is JSON, so it is one entry
                    merged: dict[str, Any] = {}
                    for doc in content.values():
                        merged.update(doc)
                    answer["content"] = {"application/json": merged}
            entry = op.get("responses", {}).get("422")
            ref = entry and entry.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
            if ref and ref.endswith("/HTTPValidationError"):
                op["responses"]["422"] = {
                    "description": ours["description"],
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"},
                                                     "examples": ours["content"]["application/json"]["examples"]}}}
    schemas = schema.get("components", {}).get("schemas", {})
    text = str(schema.get("paths"))
    for name in ("HTTPValidationError", "ValidationError"):
        if name in schemas and f"/{name}'" not in text:
            del schemas[name]
    return schema


def install(app: FastAPI) -> None:
    app.mount(ASSETS, StaticFiles(directory=STATIC), name="docs-assets")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _finish(get_openapi(
                title=app.title, version=app.version, description=(app.description or "") + error_table(),
                routes=app.routes, tags=TAGS))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return _offline(get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="clustercheck API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js", swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon.png",
            swagger_ui_parameters={"defaultModelsExpandDepth": 0, "displayRequestDuration": True,
                                   "tryItOutEnabled": False,
                                   "validatorUrl": None}))  # else a badge from validator.swagger.io

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return _offline(get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json", title="clustercheck API",
            redoc_js_url=f"{ASSETS}/redoc.standalone.js", redoc_favicon_url=f"{ASSETS}/favicon.png",
            with_google_fonts=False))


def _offline(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = CSP
    return page
