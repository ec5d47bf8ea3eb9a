"""Files dropped on the upload page become checks exactly as API submissions do: the same reference
resolution, the same sniffing of what a parser accepts, the same rows and the same job engine
(`service.api.submit`). Only the form differs: the page sends several files in one request, which
Starlette parses (and spools) before any file is judged.

The whole request is bounded by its Content-Length (the batch limit) before anything is read, and
each file by the single-upload limit while it is copied into the blob store.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException, Request
from starlette.datastructures import FormData, UploadFile
from starlette.requests import ClientDisconnect

from service.api.submit import unsupported_reason
from service.api.upload import MULTIPART_OVERHEAD, Upload, safe_filename, too_large
from service.settings import MB, Settings
from service.storage import CHUNK, BlobStore, Spool

MAX_FIELDS = 20


@dataclass(frozen=True)
class Rejected:
    filename: str
    message: str
    status: int = 415


async def read_form(request: Request, settings: Settings) -> FormData:
    length = request.headers.get("content-length", "")
    limit = int(settings.max_batch_mb * MB)
    if not length.isdigit():
        raise HTTPException(411, "上传请求须带 Content-Length (Content-Length required)")
    if int(length) > limit + MULTIPART_OVERHEAD:
        raise too_large(limit, "本次上传的文件合计")
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith("multipart/form-data"):
        raise HTTPException(415, "请求须为 multipart/form-data 上传 (the request body must be multipart/form-data)")
    try:
        return await request.form(max_files=settings.batch_max_files, max_fields=MAX_FIELDS)
    except HTTPException as e:  # Starlette's 400 (too many files or fields, a broken body), in English
        reason = (f"一次最多上传 {settings.batch_max_files} 个文件" if "Too many files" in str(e.detail)
                  else "上传表单无法解析")
        raise HTTPException(400, f"{reason} ({e.detail})") from None
    except ClientDisconnect:
        raise HTTPException(400, "上传中断 (client disconnected during upload)") from None


def chosen_files(form: FormData) -> list[UploadFile]:
    """The file parts that carry a file (a browser sends an empty part when none was chosen)."""
    return [f for f in form.getlist("file") if isinstance(f, UploadFile) and (f.filename or f.size)]


def stage(store: BlobStore, part: UploadFile, max_bytes: int) -> Upload | Rejected:
    """The part staged in the store, or why it is refused (too large, not a file a parser takes): one
    bad file among many dropped on the page does not refuse the others."""
    name = safe_filename(part.filename or "")
    spool = Spool(store, max_bytes)
    part.file.seek(0)
    while chunk := part.file.read(CHUNK):
        if not spool.write(chunk):
            spool.discard()
            return Rejected(name, str(too_large(max_bytes).detail), 413)
    spool.close()
    problem = unsupported_reason(spool.path, name)
    if problem:
        spool.discard()
        return Rejected(name, str(problem.detail), problem.status_code)
    return Upload(name, spool.path, spool.size, spool.sha256)
