"""A finished check's report out of the blob store, and the downloads the API and the pages share.

The report is stored once, as the JSON the checker produced; every other form (page, workbook) is
rendered from it on request, so a renderer fix shows in old reports too.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from fastapi.responses import Response

from checkers.findings import Report
from service.api import error_codes as ec
from service.db.models import FINISHED, Check
from service.render import render_xlsx
from service.runtime import Runtime

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_bytes(rt: Runtime, check: Check) -> bytes:
    if check.status not in FINISHED or not check.report_sha256:
        raise ec.NOT_FINISHED.error(what="检查", what_en="check", status=check.status)
    return rt.store.read(check.report_sha256)


def finished_report(rt: Runtime, check: Check) -> Report:
    return Report.model_validate_json(report_bytes(rt, check))


def report_dict(rt: Runtime, check: Check) -> dict[str, Any] | None:
    """The stored JSON as it is (no model round trip): a check's status answer embeds it."""
    if check.status not in FINISHED or not check.report_sha256:
        return None
    return json.loads(rt.store.read(check.report_sha256))


def download(content: bytes, media_type: str, filename: str) -> Response:
    """An attachment under its Chinese name (RFC 6266 filename*), with an ASCII fallback for old clients."""
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


def xlsx_download(reports: list[Report], filename: str) -> Response:
    return download(render_xlsx(reports), XLSX, filename)


def stem(filename: str) -> str:
    return filename.rsplit(".", 1)[0] if "." in filename else filename
