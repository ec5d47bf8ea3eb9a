"""Files dropped on the upload page become checks exactly as API submissions do: the same reference
resolution, the same sniffing of what a parser accepts, the same rows and the same job engine
(`service.api.submit`). Only the form differs: the page sends several files in one request.

The whole request is bounded by its Content-Length (the batch limit) before anything is read, and
each file by the single-upload limit while it is copied into the blob store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from fastapi import HTTPException, Request
from starlette.datastructures import FormData, UploadFile

from service.api.submit import add_check, unsupported_reason
from service.api.upload import MULTIPART_OVERHEAD, Upload, safe_filename, too_large
from service.auth import Principal
from service.jobs.base import JobEngine
from service.runtime import Runtime
from service.settings import MB, Settings
from service.storage import BlobStore

CHUNK = 1024 * 1024
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
    except HTTPException:
        raise
    except Exception as e:  # starlette's MultiPartException: too many files or fields, a broken body
        raise HTTPException(400, f"上传表单无法解析：{e} (malformed form)") from None


def chosen_files(form: FormData) -> list[UploadFile]:
    """The file parts that carry a file (a browser sends an empty part when none was chosen)."""
    return [f for f in form.getlist("file") if isinstance(f, UploadFile) and (f.filename or f.size)]


def stage(store: BlobStore, part: UploadFile, max_bytes: int) -> Upload | Rejected:
    """Copy one part into the store's temp folder, hashing it; refuse it if too large or unreadable."""
    name = safe_filename(part.filename or "")
    h, size = hashlib.sha256(), 0
    f, tmp = store.temp_file()
    with f:
        part.file.seek(0)
        while chunk := part.file.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                break
            h.update(chunk)
            f.write(chunk)
    if size > max_bytes:
        tmp.unlink(missing_ok=True)
        return Rejected(name, str(too_large(max_bytes).detail), 413)
    problem = unsupported_reason(tmp, name)
    if problem:
        tmp.unlink(missing_ok=True)
        return Rejected(name, problem[1], problem[0])
    return Upload(name, tmp, size, h.hexdigest())


def accept(rt: Runtime, engine: JobEngine, staged: list[Upload], template: str | None, roster: str | None,
           who: Principal, priority: int) -> list[str]:
    """Commit every row first, then tell the engine (as the API does): an accepted check survives."""
    ids: list[str] = []
    try:
        with rt.sessions.begin() as s:
            for up in staged:
                blob = rt.store.adopt(up.path, up.sha256, up.size)
                ids.append(add_check(s, blob, up.filename, template, roster, who, priority).id)
    finally:
        for up in staged:
            up.discard()  # already moved into place, or left over by an error
    for check_id in ids:
        engine.submit(check_id, priority)
    return ids
