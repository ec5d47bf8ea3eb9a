"""Error bodies: always JSON `{"detail": …}`, Chinese with the English in brackets, and every status
an endpoint can return listed in its OpenAPI entry through `responses(...)`.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

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


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "服务内部错误 (internal server error)"}, status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(Exception, _unexpected)
