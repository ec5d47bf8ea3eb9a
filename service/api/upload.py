"""Receive one multipart upload straight into the blob store's temp folder, enforcing the size limit
chunk by chunk: the 413 comes as soon as the limit is passed, not after the whole body is spooled.

Starlette's own form parsing spools every file before the endpoint runs and has no size limit for
file parts, so the upload endpoints parse the body themselves with python-multipart's streaming
parser and declare the form in the OpenAPI schema by hand (`multipart_body`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import HTTPException, Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from service.api import error_codes as ec
from service.settings import MB
from service.storage import BlobStore, Spool

MAX_FIELD_BYTES = 4096
MAX_FIELDS = 20
MULTIPART_OVERHEAD = 64 * 1024  # boundaries, headers and the small fields around the file


class _TooLarge(Exception):
    pass


@dataclass
class Upload:
    filename: str
    path: Path
    size: int
    sha256: str
    fields: dict[str, str] = field(default_factory=dict)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def safe_filename(raw: str) -> str:
    name = re.split(r"[\\/]", raw)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().strip(".") or "upload"
    return name[-200:]


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def too_large(limit: int, what: str = "文件") -> HTTPException:
    mb = limit / MB
    return ec.FILE_TOO_LARGE.error(what=what, mb=f"{mb:.0f}")


async def receive(request: Request, store: BlobStore, max_bytes: int, what: str = "文件") -> Upload:
    """Exactly one file part, named `file`, and a few short text fields: anything else is refused
    before it costs disk or memory."""
    ctype, params = parse_options_header(request.headers.get("content-type", ""))
    if ctype != b"multipart/form-data":
        raise ec.NOT_MULTIPART.error()
    boundary = params.get(b"boundary")
    if not boundary:
        raise ec.MULTIPART_MALFORMED.error(message="multipart 请求缺少 boundary", message_en="multipart boundary missing")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes + MULTIPART_OVERHEAD:
        raise too_large(max_bytes, what)

    state = _State(store, max_bytes)
    parser = MultipartParser(boundary, {
        "on_part_begin": state.part_begin, "on_header_field": state.header_field,
        "on_header_value": state.header_value, "on_header_end": state.header_end,
        "on_headers_finished": state.headers_finished, "on_part_data": state.part_data,
        "on_part_end": state.part_end,
    })
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except _TooLarge:
        state.cleanup()
        raise too_large(max_bytes, what) from None
    except HTTPException:
        state.cleanup()
        raise
    except (FormParserError, ValueError) as e:
        state.cleanup()
        raise ec.MULTIPART_MALFORMED.error(reason=str(e)) from None
    except ClientDisconnect:
        state.cleanup()
        raise ec.UPLOAD_INTERRUPTED.error() from None
    if state.upload is None:
        state.cleanup()
        raise ec.FILE_MISSING.error()
    state.upload.fields = state.fields
    return state.upload


class _State:
    """python-multipart callbacks: headers per part, file bytes hashed and written as they arrive."""

    def __init__(self, store: BlobStore, max_bytes: int) -> None:
        self.store, self.max_bytes = store, max_bytes
        self.fields: dict[str, str] = {}
        self.upload: Upload | None = None  # set when the file part has ended
        self.spool: Spool | None = None  # the file part's bytes, from its headers on
        self._name: str | None = None
        self._filename: str | None = None
        self._value = bytearray()
        self._hname = b""
        self._hvalue = b""
        self._disposition = b""

    @property
    def _in_file(self) -> bool:
        return self.spool is not None and self.upload is None

    def part_begin(self) -> None:
        self._name = self._filename = None
        self._value.clear()
        self._disposition = b""

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._hname += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._hvalue += data[start:end]

    def header_end(self) -> None:
        if self._hname.lower() == b"content-disposition":
            self._disposition = self._hvalue
        self._hname = self._hvalue = b""

    def headers_finished(self) -> None:
        _, opts = parse_options_header(self._disposition)
        if b"name" not in opts:
            raise ec.MULTIPART_MALFORMED.error(message="multipart 部分缺少 name", message_en="a part has no name")
        self._name = _decode(opts[b"name"])
        if b"filename" in opts or self._name == "file":
            if self._name != "file" or self.spool is not None:
                raise ec.ONE_FILE_ONLY.error()
            self._filename = safe_filename(_decode(opts.get(b"filename", b"")))
            self.spool = Spool(self.store, self.max_bytes)
        elif len(self.fields) >= MAX_FIELDS:
            raise ec.FORM_TOO_LARGE.error(message="表单字段过多", message_en="too many form fields")

    def part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._in_file:
            assert self.spool is not None
            if not self.spool.write(chunk):
                raise _TooLarge
            return
        if len(self._value) + len(chunk) > MAX_FIELD_BYTES:
            raise ec.FORM_TOO_LARGE.error(message=f"表单字段 {self._name} 过长",
                                          message_en=f"form field longer than {MAX_FIELD_BYTES} bytes")
        self._value.extend(chunk)

    def part_end(self) -> None:
        if self._in_file:
            assert self.spool is not None
            self.spool.close()
            self.upload = Upload(self._filename or "upload", self.spool.path, self.spool.size, self.spool.sha256)
        elif self._name is not None:
            self.fields[self._name] = _decode(bytes(self._value)).strip()

    def cleanup(self) -> None:
        if self.spool is not None:
            self.spool.discard()


def multipart_body(extra: dict[str, dict], file_description: str) -> dict:
    """The OpenAPI requestBody for an upload endpoint (its form is parsed by `receive`)."""
    props = {"file": {"type": "string", "format": "binary", "description": file_description}, **extra}
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"], "properties": props}}}}}
