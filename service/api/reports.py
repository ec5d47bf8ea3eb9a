"""Reports out of the blob store, and the bridge to the web engineer's renderers (service/render.py)."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException
from fastapi.responses import Response

from service.db.models import FINISHED, Check
from service.runtime import Runtime

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_bytes(rt: Runtime, check: Check) -> bytes:
    if check.status not in FINISHED or not check.report_sha256:
        raise HTTPException(409, f"检查尚未完成（状态：{check.status}），报告还不能获取 (report not ready: {check.status})")
    return rt.store.read(check.report_sha256)


def report_dict(rt: Runtime, check: Check) -> dict[str, Any] | None:
    if check.status not in FINISHED or not check.report_sha256:
        return None
    return json.loads(rt.store.read(check.report_sha256))


def renderer(name: str) -> Callable[..., Any]:
    """`render_html` / `render_xlsx` from service.render; 404 with a message while it is not installed."""
    try:
        module = importlib.import_module("service.render")
    except ModuleNotFoundError as e:
        if e.name != "service.render":
            raise
        module = None
    fn = getattr(module, name, None)
    if fn is None:
        raise HTTPException(404, f"此格式的报告尚不可用（service.render.{name} 未安装） "
                                 f"(this report format is not available: service.render.{name} missing)")
    return fn


def download(content: bytes, media_type: str, filename: str) -> Response:
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


def stem(filename: str) -> str:
    return filename.rsplit(".", 1)[0] if "." in filename else filename
