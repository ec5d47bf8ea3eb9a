"""Error bodies: always JSON `{"detail": …}`, Chinese with the English in brackets, and every status
an endpoint can return listed in its OpenAPI entry through `responses(...)`.

Our own errors are written that way; the ones FastAPI and Starlette raise themselves (a query
parameter out of range, an unknown path) are translated here, keeping their documented shape: a
validation error stays FastAPI's list of {loc, msg, type}, only `msg` is Chinese.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("clustercheck.api")


class ErrorOut(BaseModel):
    detail: str | list[dict[str, Any]]  # a message, or FastAPI's list of validation errors


_DESCRIPTIONS = {
    400: "请求格式错误 (malformed request)",
    401: "缺少或无效的 API 密钥 X-API-Key (missing or invalid API key)",
    403: "密钥的角色无权执行此操作 (the key's role may not do this)",
    404: "不存在，或无权查看 (not found, or not yours)",
    409: "状态冲突：尚未完成，或不能对自己执行 (conflict: not finished yet, or not on oneself)",
    413: "上传超过大小上限 (upload too large)",
    415: "无法检查的文件类型，或请求不是 multipart/form-data (unsupported file or request type)",
    422: "参数无效：未知的模板或名单、缺少文件、回调地址不可用等 (invalid parameters)",
    429: "队列已满，请按 Retry-After 秒后重试 (queue full; retry after Retry-After seconds)",
    503: "服务未就绪 (not ready)",
}
_RETRY_AFTER = {"Retry-After": {"description": "建议的重试等待秒数 (seconds to wait)", "schema": {"type": "integer"}}}
AUTH = (401, 403)


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        entry: dict[str, Any] = {"model": ErrorOut, "description": _DESCRIPTIONS[code]}
        if code == 429:
            entry["headers"] = _RETRY_AFTER
        out[code] = entry
    return out


_LOCATIONS = {"query": "查询参数", "path": "路径参数", "header": "请求头", "cookie": "Cookie", "body": "请求体"}
_PROBLEMS = {
    "missing": "为必填项",
    "int_parsing": "应为整数", "int_type": "应为整数", "int_from_float": "应为整数",
    "float_parsing": "应为数字", "float_type": "应为数字",
    "bool_parsing": "应为 true 或 false", "bool_type": "应为 true 或 false",
    "string_type": "应为字符串", "json_invalid": "不是有效的 JSON",
    "model_attributes_type": "应为 JSON 对象", "dict_type": "应为 JSON 对象", "model_type": "应为 JSON 对象",
    "extra_forbidden": "不允许此项",
    "greater_than_equal": "应不小于 {ge}", "greater_than": "应大于 {gt}",
    "less_than_equal": "应不大于 {le}", "less_than": "应小于 {lt}",
    "string_too_short": "至少 {min_length} 个字符", "string_too_long": "至多 {max_length} 个字符",
    "literal_error": "应为以下之一：{expected}", "enum": "应为以下之一：{expected}",
}
_PHRASES = {404: "没有这个地址 (Not Found)", 405: "不支持此请求方法 (Method Not Allowed)"}


def chinese_message(error: dict[str, Any]) -> str:
    """`查询参数 limit 应不大于 200 (Input should be less than or equal to 200)`."""
    loc = [str(part) for part in error.get("loc", ())]
    if error.get("type") == "json_invalid":
        loc = loc[:1]  # the rest is a character offset, not a field
    where = " ".join([_LOCATIONS.get(loc[0], loc[0]), ".".join(loc[1:])] if loc else []).strip()
    template = _PROBLEMS.get(error.get("type", ""), "无效")
    try:
        problem = template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        problem = template.split("{")[0].rstrip("：")
    return f"{where} {problem} ({error.get('msg', '')})".strip()


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = jsonable_encoder(exc.errors())
    return JSONResponse({"detail": [{**e, "msg": chinese_message(e)} for e in errors]}, status_code=422)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Starlette's own bare errors (an unknown path, a wrong method) carry only the English phrase."""
    if exc.status_code in _PHRASES and exc.detail == HTTPStatus(exc.status_code).phrase:
        exc = StarletteHTTPException(exc.status_code, _PHRASES[exc.status_code], headers=exc.headers)
    return await http_exception_handler(request, exc)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "服务内部错误 (internal server error)"}, status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
