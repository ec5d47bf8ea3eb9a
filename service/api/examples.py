"""Example bodies shown in /docs and /redoc, one per answer the API gives. They are real: the report
is what `clustercheck check samples/files/hubei-2023-summary_short-section.docx` prints (shortened),
and a test validates every example against its response model, so they cannot drift from it.
"""

from __future__ import annotations

from typing import Any

CHECK_ID = "3b6f0d8e2c7a4f1e9b5d6c2a1e0f9a8b"
BATCH_ID = "9d2c4e6f8a0b1c3d5e7f9a1b3c5d7e9f"
DELIVERY_ID = "5e1d9c7b3a2f4e6d8c0b1a2f3e4d5c6b"
SHA = "f7d6d376e65930d96bf6f3b97f3c337b27f6537f57f552bf574be9fd7b151abf"
AT = "2026-12-07T08:30:00.412000Z"
DONE_AT = "2026-12-07T08:30:02.108000Z"
COUNTS = {"error": 1, "warning": 0, "info": 0}

REPORT: dict[str, Any] = {
    "file": "十堰-2023年度工作总结.docx", "sha256": SHA, "format": "docx", "template": "hubei-2023-summary",
    "template_detected": {"id": "hubei-2023-summary", "confidence": 1.0}, "roster": "hubei-2023",
    "cluster": {"found": "十堰商用车及部件创新型产业集群", "status": "exact",
                "matched": {"name": "十堰商用车及部件创新型产业集群", "unit": "十堰经开区管委会",
                            "account": "sysyccyjq", "level": None, "region": "湖北", "type": None},
                "score": 100.0,
                "candidates": [{"name": "十堰商用车及部件创新型产业集群", "score": 100.0, "account": "sysyccyjq",
                                "why": "名称一致"}]},
    "verdict": "fail", "counts": COUNTS,
    "findings": [{"code": "L001", "severity": "error", "target": "集群企业发展情况",
                  "message": "“集群企业发展情况”字数为 1610，少于要求的 2000 字（不少于2000字）",
                  "location": {"page": None, "paragraph": 9, "section": "二、集群企业发展情况", "table": None,
                               "row": None, "column": None, "sheet": None, "cell": None},
                  "expected": 2000, "actual": 1610, "rule": "len-2",
                  "clause": "二、集群企业发展情况 包括主导产业领军企业发展情况、产业链骨干企业发展情况等。（不少于2000字）",
                  "fix": "请补充内容至要求字数"}],
    "stats": {"words": 12792, "cjk_chars": 11482, "chars_no_spaces": 13249, "chars_with_spaces": 13249,
              "pages": None},
    "outline": [{"level": 1, "number": "一", "title": "集群总体情况", "words": 738, "page": None},
                {"level": 1, "number": "二", "title": "集群企业发展情况", "words": 1610, "page": None}],
    "measures": [{"rule": "len-2", "kind": "length", "scope": "section", "target": "集群企业发展情况",
                  "section": "二、集群企业发展情况", "outline": 1,
                  "location": {"page": None, "paragraph": 9, "section": "二、集群企业发展情况", "table": None,
                               "row": None, "column": None, "sheet": None, "cell": None},
                  "value": 1610, "unit": "字", "min": 2000, "max": None, "about": None, "tolerance": None,
                  "lo": 2000, "hi": None, "wording": "不少于2000字",
                  "clause": "二、集群企业发展情况 包括主导产业领军企业发展情况、产业链骨干企业发展情况等。（不少于2000字）",
                  "status": "short"}],
    "checker_version": "0.2.0", "pack_version": "2023.1",
}


def _check_links(i: str) -> dict[str, str]:
    base = f"/api/v1/checks/{i}"
    return {"self": base, "report_json": f"{base}/report.json", "report_html": f"{base}/report.html",
            "report_xlsx": f"{base}/report.xlsx", "deliveries": f"{base}/deliveries"}


CHECK_DONE: dict[str, Any] = {
    "id": CHECK_ID, "status": "done", "filename": "十堰-2023年度工作总结.docx", "sha256": SHA, "template": "auto",
    "roster": None, "detected_template": "hubei-2023-summary", "verdict": "fail", "counts": COUNTS,
    "cluster": "十堰商用车及部件创新型产业集群", "error": None, "batch_id": None, "callback_status": "delivered",
    "created_at": AT, "started_at": "2026-12-07T08:30:00.530000Z", "finished_at": DONE_AT,
    "duration_seconds": 1.58, "links": _check_links(CHECK_ID), "report": REPORT,
}
CHECK_QUEUED: dict[str, Any] = {
    **CHECK_DONE, "status": "queued", "detected_template": None, "verdict": None, "counts": None, "cluster": None,
    "callback_status": None, "started_at": None, "finished_at": None, "duration_seconds": None, "report": None,
}
CHECK_LIST: dict[str, Any] = {"items": [{**CHECK_DONE, "report": None}], "total": 137, "limit": 1, "offset": 0,
                              "next_cursor": "WyIyMDI2LTEyLTA3VDA4OjMwOjAwLjQxMiIsIjNiNmYwZDhlIl0"}

BATCH: dict[str, Any] = {
    "id": BATCH_ID, "status": "done", "filename": "湖北-2023-第一批.zip", "template": None, "roster": None,
    "total": 2, "done": 2, "failed": 0, "verdicts": {"pass": 1, "warn": 0, "fail": 1}, "callback_status": "delivered",
    "created_at": AT, "finished_at": DONE_AT,
    "links": {"self": f"/api/v1/batches/{BATCH_ID}", "reports": f"/api/v1/batches/{BATCH_ID}/reports.json",
              "summary_xlsx": f"/api/v1/batches/{BATCH_ID}/summary.xlsx",
              "deliveries": f"/api/v1/batches/{BATCH_ID}/deliveries"},
    "items": [{"position": 0, "name": "十堰/工作总结.docx", "check_id": CHECK_ID, "status": "done", "verdict": "fail",
               "counts": COUNTS, "cluster": "十堰商用车及部件创新型产业集群", "error": None},
              {"position": 1, "name": "襄阳/工作总结.pdf", "check_id": "7c1e5a9b3d2f4e6a8c0b2d4f6e8a0c1e",
               "status": "done", "verdict": "pass", "counts": {"error": 0, "warning": 0, "info": 0},
               "cluster": "襄阳新能源汽车创新型产业集群", "error": None}],
}
BATCH_QUEUED: dict[str, Any] = {**BATCH, "status": "queued", "done": 0, "verdicts": {"pass": 0, "warn": 0, "fail": 0},
                                "callback_status": None, "finished_at": None, "items": None}
BATCH_LIST: dict[str, Any] = {"items": [{**BATCH, "items": None}], "total": 12, "limit": 1, "offset": 0,
                              "next_cursor": None}

NOTICE: dict[str, Any] = {"event": "check.finished", "type": "check", "id": CHECK_ID, "status": "done",
                          "verdict": "fail", "counts": COUNTS, "finished_at": DONE_AT,
                          "url": f"/api/v1/checks/{CHECK_ID}", "delivery": DELIVERY_ID}
DELIVERY: dict[str, Any] = {
    "id": DELIVERY_ID, "subject": "check", "subject_id": CHECK_ID, "event": "check.finished", "reason": "finished",
    "url": "https://portal.example.org/hooks/clustercheck", "state": "delivered", "attempts": 2, "max_attempts": 7,
    "next_attempt_at": None, "created_at": DONE_AT, "finished_at": "2026-12-07T08:30:13.030000Z", "payload": NOTICE,
    "log": [{"attempt": 1, "at": "2026-12-07T08:30:02.500000Z", "duration_ms": 10004, "http_status": None,
             "error": "TimeoutError: timed out"},
            {"attempt": 2, "at": "2026-12-07T08:30:12.990000Z", "duration_ms": 38, "http_status": 204, "error": None}],
}
DELIVERY_PENDING: dict[str, Any] = {**DELIVERY, "reason": "resend", "state": "pending", "attempts": 0,
                                    "next_attempt_at": "2026-12-07T09:00:00Z", "finished_at": None, "log": []}
DELIVERY_LIST: dict[str, Any] = {"items": [DELIVERY], "total": 1}

TEMPLATES = [{"id": "hubei-2023-summary", "title": "2023年度创新型产业集群工作总结", "seed": "000 附件2", "version": "2023.1",
              "roster": "hubei-2023", "rules": 9, "error": None}]
TEMPLATE = {"pack": {"id": "hubei-2023-summary", "title": "2023年度创新型产业集群工作总结", "seed": "000 附件2",
                     "version": "2023.1", "roster": "hubei-2023", "notes": ["“八、主要做法和经验”提纲未写说明，但仍要求有正文。"]},
            "detect": {"title": ["2023年度", "工作总结"], "headings": ["集群总体情况", "集群企业发展情况"],
                       "exclude": ["统计报表", "申请表"]},
            "rules": [{"id": "len-2", "kind": "length", "clause": REPORT["findings"][0]["clause"], "severity": None,
                       "scope": "section", "section": {"number": "二", "title": "集群企业发展情况", "aliases": [],
                                                       "required": True, "body_required": True, "children": []},
                       "cell_label": None, "target": None, "min": 2000, "max": None, "about": None,
                       "tolerance": 0.2, "exclude": []}]}
ROSTERS = [{"id": "hubei-2023", "title": "湖北省创新型产业集群绩效评价名单（2023年度）", "source": "seed 000 附件1",
            "entries": 35,
            "error": None}]
ROSTER_ENTRY = {"name": "十堰商用车及部件创新型产业集群", "unit": "十堰经开区管委会", "account": "sysyccyjq",
                "level": None, "region": "湖北", "type": None, "note": None}
ROSTER = {**ROSTERS[0], "items": [ROSTER_ENTRY]}
MATCH = {"query": "十堪商用车及部件产业集群", "roster": "hubei-2023", "status": "fuzzy",
         "matched": {"name": "十堰商用车及部件创新型产业集群", "score": 96.5,
                     "why": "地名一致（十堪≈十堰，OCR 形近字）；产业一致；去除通用词：创新型、产业集群",
                     "place": 100.0, "industry": 100.0, "via": "name", "unit": "十堰经开区管委会",
                     "account": "sysyccyjq", "level": None, "region": "湖北", "type": None},
         "candidates": []}
KEY = {"id": 3, "name": "湖南报送平台", "role": "portal", "prefix": "cc_Q2xk", "created_at": AT, "revoked_at": None}
KEY_CREATED = {**KEY, "key": "cc_Q2xkU3RlcmVvLXR5cGUtZXhhbXBsZS1rZXktbm90LXJlYWw",
               "callback_secret": "whsec_c2lnbmluZy1zZWNyZXQtZXhhbXBsZS1ub3QtcmVhbC0x"}
KEY_IN = {"role": "portal", "name": "湖南报送平台"}
SECRET = {"key_id": 3, "callback_secret": "whsec_c2lnbmluZy1zZWNyZXQtZXhhbXBsZS1ub3QtcmVhbC0y"}
HEALTH = {"status": "ok"}
READY = {"status": "ready", "checks": {"database": "ok", "storage": "ok",
                                       "jobs": {"ok": True, "engine": "local", "workers": 2}}}
NOT_READY = {"status": "not ready", "checks": {"database": "error: OperationalError", "storage": "ok",
                                               "jobs": {"ok": True, "engine": "local", "workers": 2}}}


def ok(example: Any, description: str = "成功 (OK)", media: str = "application/json") -> dict[str, Any]:
    """An OpenAPI response entry carrying one example (FastAPI merges the model's schema into it)."""
    return {"description": description, "content": {media: {"example": example}}}
