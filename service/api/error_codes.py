"""The one table of API error codes. A portal switches on `code`; the messages are for people.

Every error the API answers with is `{"code", "message", "message_en", "detail"}`: `code` from this
table (stable across releases), `message` Chinese, `message_en` English, and `detail` the v0.1
field kept for clients written against it (the two messages as one string, or for
`request_invalid` the list of field errors). A module that refuses a request raises
`SOME_CODE.error(**params)`; a new kind of refusal is one line here, and docs/api-errors.md is
written from this table,

    python -m service.api.error_codes --markdown > docs/api-errors.md

and a test fails when the two differ.
"""

from __future__ import annotations

import argparse
import string
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import HTTPException


class ApiError(HTTPException):
    """An HTTPException that knows its code. `detail` stays the v0.1 "中文 (English)" string, so code
    that reads `str(e.detail)` (the web pages) and old clients see what they always saw."""

    def __init__(self, code: ErrorCode, message: str, message_en: str, headers: Mapping[str, str] | None = None,
                 detail: Any = None) -> None:
        super().__init__(code.status, detail if detail is not None else f"{message} ({message_en})",
                         headers=dict(headers) if headers else None)
        self.code, self.message, self.message_en = code.code, message, message_en

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "message_en": self.message_en, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class ErrorCode:
    code: str  # snake_case, stable: clients switch on it
    status: int
    message: str  # Chinese; `{name}` placeholders filled from the raise site's params
    message_en: str
    example: dict[str, str] = field(default_factory=dict)  # placeholder values for the docs' examples

    def error(self, headers: Mapping[str, str] | None = None, *, message: str | None = None,
              message_en: str | None = None, detail: Any = None, **params: object) -> ApiError:
        """The exception to raise; `message`/`message_en` replace the table's wording when a module
        already has a more precise sentence (the code, and so the client's branch, stays the same)."""
        zh = message if message is not None else self.message.format(**params)
        en = message_en if message_en is not None else self.message_en.format(**params)
        return ApiError(self, zh, en, headers, detail)

    def example_body(self) -> dict[str, Any]:
        e = self.error(**self.example)
        return e.body()

    @property
    def placeholders(self) -> list[str]:
        names = [f for text in (self.message, self.message_en) for _, f, _, _ in string.Formatter().parse(text) if f]
        return sorted(set(names))


def _code(code: str, status: int, message: str, message_en: str, /, **example: str) -> ErrorCode:
    return ErrorCode(code, status, message, message_en, example)


# --- the request itself -----------------------------------------------------------------------
BAD_REQUEST = _code("bad_request", 400, "请求无效", "bad request")
MULTIPART_MALFORMED = _code("multipart_malformed", 400, "multipart 请求格式错误：{reason}",
                            "malformed multipart body: {reason}", reason="boundary missing")
UPLOAD_INTERRUPTED = _code("upload_interrupted", 400, "上传中断", "client disconnected during upload")
UPLOAD_TIMEOUT = _code("upload_timeout", 408, "上传超时：{seconds} 秒内没有收到数据",
                       "upload stalled: no data for {seconds} s", seconds="30")
ONE_FILE_ONLY = _code("one_file_only", 400, "只能上传一个文件，字段名为 file", "exactly one file, in the part named `file`")
FORM_TOO_LARGE = _code("form_too_large", 400, "表单字段过多或过长", "too many or too long form fields")
NOT_MULTIPART = _code("not_multipart", 415, "请求须为 multipart/form-data 上传",
                      "the request body must be multipart/form-data")
REQUEST_INVALID = _code("request_invalid", 422, "请求参数无效：{first}", "invalid request: {first_en}",
                        first="查询参数 limit 应不大于 200", first_en="Input should be less than or equal to 200")
CURSOR_INVALID = _code("cursor_invalid", 422, "分页游标无效或已过期", "invalid pagination cursor")
IDEMPOTENCY_KEY_REUSED = _code("idempotency_key_reused", 422,
                               "幂等键 {key} 已用于另一个不同的请求；新的请求请换一个 Idempotency-Key",
                               "Idempotency-Key {key} was already used for a different request",
                               key="portal-1234")

# --- the file or archive ----------------------------------------------------------------------
FILE_MISSING = _code("file_missing", 422, "缺少上传文件字段 file", "missing the `file` part")
FILE_EMPTY = _code("file_empty", 422, "文件为空（0 字节）", "the file is empty")
FILE_UNSUPPORTED = _code("file_unsupported", 415, "无法检查此类文件（识别为 {kind}，扩展名 {extension}）；{hint}",
                         "cannot check this file type: detected {kind}", kind="image", extension=".png",
                         hint="支持 Word/WPS、PDF 与 Excel")
FILE_TOO_LARGE = _code("file_too_large", 413, "{what}超过大小上限 {mb} MB", "upload larger than the {mb} MB limit",
                       what="文件", mb="50")
ARCHIVE_NOT_ZIP = _code("archive_not_zip", 415, "批量提交须为 zip 压缩包", "a batch must be a zip archive")
ARCHIVE_EMPTY = _code("archive_empty", 422, "压缩包中没有文件", "the zip holds no files")
ARCHIVE_TOO_LARGE = _code("archive_too_large", 413, "压缩包中文件过多或解压后过大",
                          "too many files in the zip, or it expands beyond the limit")

# --- references and callbacks -----------------------------------------------------------------
UNKNOWN_TEMPLATE = _code("unknown_template", 422, "未知的模板：{template}；可用模板：{available}",
                         "unknown template {template!r}", template="hubei-2025-summary",
                         available="hubei-2023-summary, hubei-2024-summary")
UNKNOWN_ROSTER = _code("unknown_roster", 422, "未知的名单：{roster}；可用名单：{available}",
                       "unknown roster {roster!r}", roster="hubei-2025", available="hubei-2023, hubei-2024")
CALLBACK_URL_INVALID = _code("callback_url_invalid", 422, "callback_url 不可用：{reason}",
                             "callback_url refused: {reason_en}", reason="必须是 http(s) 地址",
                             reason_en="must be an http(s) URL")
CALLBACK_URL_MISSING = _code("callback_url_missing", 409, "该{what}提交时没有 callback_url，没有可重发的回调",
                             "this {what_en} was submitted without a callback_url", what="检查", what_en="check")

# --- who is asking ----------------------------------------------------------------------------
KEY_MISSING = _code("key_missing", 401, "缺少 API 密钥，请在请求头 X-API-Key 中提供", "missing X-API-Key header")
KEY_INVALID = _code("key_invalid", 401, "API 密钥无效或已吊销", "invalid or revoked X-API-Key")
ROLE_FORBIDDEN = _code("role_forbidden", 403, "角色 {role} 无权执行此操作，需要：{roles}",
                       "role {role} may not do this; needs {roles}", role="reviewer", roles="portal/admin")
PAGES_FORBIDDEN = _code("pages_forbidden", 403, "网页与指标仅供评审或管理员密钥使用",
                        "pages and metrics are for reviewer/admin keys")
CROSS_SITE_REFUSED = _code("cross_site_refused", 403, "拒绝来自其他网站的表单提交", "cross-site form post refused")

# --- what is asked for ------------------------------------------------------------------------
NOT_FOUND = _code("not_found", 404, "{what}不存在", "{what_en} not found", what="检查", what_en="check")
ROUTE_NOT_FOUND = _code("route_not_found", 404, "没有这个地址", "Not Found")
METHOD_NOT_ALLOWED = _code("method_not_allowed", 405, "不支持此请求方法", "Method Not Allowed")
NOT_FINISHED = _code("not_finished", 409, "{what}尚未完成（状态：{status}）", "{what_en} not finished yet ({status})",
                     what="检查", what_en="check", status="running")
KEY_IN_USE = _code("key_in_use", 409, "不能吊销正在使用的密钥", "cannot revoke the key making this request")

# --- the service ------------------------------------------------------------------------------
QUEUE_FULL = _code("queue_full", 429, "检查队列已满（{queued} 个排队），请 {wait} 秒后重试",
                   "queue full ({queued} queued); retry after {wait} s", queued="200", wait="60")
INTERNAL_ERROR = _code("internal_error", 500, "服务内部错误", "internal server error")
JOBS_UNAVAILABLE = _code("jobs_unavailable", 503, "任务队列暂时不可用，请 {wait} 秒后重试",
                         "the job queue is unavailable; retry after {wait} s", wait="10")
HTTP_ERROR = _code("http_error", 400, "请求无法处理", "the request cannot be handled")  # any other 4xx

_TABLE = [v for v in dict(globals()).values() if isinstance(v, ErrorCode)]
CODES: dict[str, ErrorCode] = {c.code: c for c in _TABLE}
assert len(CODES) == len(_TABLE), "error codes must be unique"

# What an HTTPException raised without a code (Starlette's own, or a module not yet converted) gets.
BY_STATUS: dict[int, ErrorCode] = {400: BAD_REQUEST, 401: KEY_INVALID, 403: ROLE_FORBIDDEN, 404: ROUTE_NOT_FOUND,
                                   405: METHOD_NOT_ALLOWED, 408: UPLOAD_TIMEOUT, 413: FILE_TOO_LARGE,
                                   415: FILE_UNSUPPORTED, 422: REQUEST_INVALID, 429: QUEUE_FULL,
                                   500: INTERNAL_ERROR, 503: JOBS_UNAVAILABLE}


def markdown() -> str:
    lines = [
        "# API error codes",
        "",
        "<!-- Written by `python -m service.api.error_codes --markdown` from service/api/error_codes.py;"
        " edit that table. -->",
        "",
        "Every error answer of the API is JSON:",
        "",
        "```json",
        '{"code": "unknown_template", "message": "未知的模板：…", "message_en": "unknown template …", '
        '"detail": "未知的模板：… (unknown template …)"}',
        "```",
        "",
        "`code` is stable: branch on it. `message` (Chinese) and `message_en` are for people and may",
        "be reworded. `detail` is the v0.1 field, kept for older clients: both messages in one string,",
        "or for `request_invalid` the list of field errors (`loc`, `msg`, `type`). `{…}` below is",
        "filled from the request.",
        "",
        "| code | HTTP | 中文 | English |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| `{c.code}` | {'4xx' if c is HTTP_ERROR else c.status} | {c.message} | {c.message_en} |"
              for c in sorted(_TABLE, key=_order)]
    lines.append("")
    return "\n".join(lines)


def _order(c: ErrorCode) -> tuple[int, str]:
    return c.status, c.code


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m service.api.error_codes", description="The API error codes.")
    ap.add_argument("--markdown", action="store_true", help="print docs/api-errors.md")
    args = ap.parse_args(argv)
    if args.markdown:
        sys.stdout.write(markdown())
    else:
        for c in sorted(_TABLE, key=_order):
            print(f"{c.status}  {c.code:<24}  {c.message_en}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
