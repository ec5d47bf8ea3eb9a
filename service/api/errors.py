"""Error bodies: always `{"code", "message", "message_en", "detail"}` (the codes: error_codes.py), and
every code an endpoint can answer with listed, with an example, in its OpenAPI entry (`responses`).

Our own errors are `ApiError`s; the ones FastAPI and Starlette raise themselves (a query parameter
out of range, an unknown path) and any bare HTTPException are given a code here. A validation
error keeps FastAPI's list of {loc, msg, type} in `detail`, with `msg` in Chinese.
"""

from __future__ import annotations

import logging
import re
from enum import StrEnum
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.api import error_codes as ec
from service.api.error_codes import ApiError, ErrorCode

log = logging.getLogger("clustercheck.api")

ApiErrorCode = StrEnum("ApiErrorCode", {c: c for c in ec.CODES})  # type: ignore[misc]


class ErrorOut(BaseModel):
    code: ApiErrorCode = Field(description="稳定的错误代码，见 docs/api-errors.md (stable code: branch on it)")
    message: str = Field(description="中文说明")
    message_en: str = Field(description="English message")
    detail: str | list[dict[str, Any]] = Field(
        description="v0.1 兼容字段：两种语言合一的说明；request_invalid 时为字段错误列表 {loc, msg, type}")


_RETRY_AFTER = {"Retry-After": {"description": "建议的重试等待秒数 (seconds to wait)", "required": True,
                               "schema": {"type": "integer"}}}
AUTH = (ec.KEY_MISSING, ec.KEY_INVALID, ec.ROLE_FORBIDDEN)


def example(code: ErrorCode) -> dict[str, Any]:
    body = code.example_body()
    if code is ec.REQUEST_INVALID:  # its detail is FastAPI's list of field errors
        body["detail"] = [{"type": "less_than_equal", "loc": ["query", "limit"],
                           "msg": "查询参数 limit 应不大于 200 (Input should be less than or equal to 200)",
                           "input": "500", "ctx": {"le": 200}}]
    return body


def responses(*codes: ErrorCode) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` entries for these codes: one per status, every code as a named example."""
    by_status: dict[int, list[ErrorCode]] = {}
    for code in codes:
        by_status.setdefault(code.status, []).append(code)
    out: dict[int | str, dict[str, Any]] = {}
    for status, group in sorted(by_status.items()):
        bodies = {c.code: example(c) for c in group}
        entry: dict[str, Any] = {
            "model": ErrorOut,
            "description": "；".join(f"`{code}` {body['message_en']}" for code, body in bodies.items()),
            "content": {"application/json": {"examples": {
                code: {"summary": body["message"], "value": body} for code, body in bodies.items()}}},
        }
        if status in (429, 503):
            entry["headers"] = _RETRY_AFTER
        out[status] = entry
    return out


def validation_doc() -> dict[str, Any]:
    """What replaces FastAPI's own 422 entry (HTTPValidationError) in the schema: our body."""
    return responses(ec.REQUEST_INVALID)[422]


_LOCATIONS = {"query": "查询参数", "path": "路径参数", "header": "请求头", "cookie": "Cookie", "body": "请求体"}
_PROBLEMS = {
    "missing": "为必填项",
    "int_parsing": "应为整数", "int_type": "应为整数", "int_from_float": "应为整数",
    "float_parsing": "应为数字", "float_type": "应为数字", "finite_number": "应为有限的数字",
    "bool_parsing": "应为 true 或 false", "bool_type": "应为 true 或 false",
    "string_type": "应为字符串", "json_invalid": "不是有效的 JSON", "string_pattern_mismatch": "格式不符合要求",
    "model_attributes_type": "应为 JSON 对象", "dict_type": "应为 JSON 对象", "model_type": "应为 JSON 对象",
    "extra_forbidden": "不允许此项",
    "greater_than_equal": "应不小于 {ge}", "greater_than": "应大于 {gt}",
    "less_than_equal": "应不大于 {le}", "less_than": "应小于 {lt}",
    "string_too_short": "至少 {min_length} 个字符", "string_too_long": "至多 {max_length} 个字符",
    "literal_error": "应为以下之一：{expected}", "enum": "应为以下之一：{expected}",
}


def chinese_message(error: dict[str, Any]) -> str:
    """`查询参数 limit 应不大于 200 (Input should be less than or equal to 200)`."""
    return f"{_chinese(error)} ({error.get('msg', '')})".strip()


def _chinese(error: dict[str, Any]) -> str:
    loc = [str(part) for part in error.get("loc", ())]
    if error.get("type") == "json_invalid":
        loc = loc[:1]  # the rest is a character offset, not a field
    where = " ".join([_LOCATIONS.get(loc[0], loc[0]), ".".join(loc[1:])] if loc else []).strip()
    template = _PROBLEMS.get(error.get("type", ""), "无效")
    try:
        problem = template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        problem = template.split("{")[0].rstrip("：")
    return f"{where} {problem}".strip()


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = jsonable_encoder(exc.errors())
    first = errors[0] if errors else {}
    e = ec.REQUEST_INVALID.error(first=_chinese(first), first_en=first.get("msg", ""),
                                 detail=[{**x, "msg": chinese_message(x)} for x in errors])
    return JSONResponse(e.body(), status_code=422)


_BILINGUAL = re.compile(r"^(?P<zh>.*?)\s*\((?P<en>[^()]*)\)\s*$", re.S)


def split_bilingual(text: str) -> tuple[str, str]:
    """"中文说明 (English)" → the two halves; a message in one language is both."""
    m = _BILINGUAL.match(text)
    if m and m.group("zh"):
        return m.group("zh"), m.group("en")
    return text, text


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Ours carry their code; any other error of 400 and above is given the code of its status."""
    if isinstance(exc, ApiError):
        return JSONResponse(exc.body(), status_code=exc.status_code, headers=exc.headers)
    if exc.status_code < 400:  # a redirect raised as an exception (the pages' sign-in): as it was
        return await http_exception_handler(request, exc)
    code = ec.BY_STATUS.get(exc.status_code, ec.HTTP_ERROR)
    text = str(exc.detail)
    if exc.status_code in (404, 405) and text in ("Not Found", "Method Not Allowed"):
        zh, en = code.message, code.message_en
    else:
        zh, en = split_bilingual(text)
    body = ApiError(code, zh, en).body()
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(ec.INTERNAL_ERROR.error().body(), status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
