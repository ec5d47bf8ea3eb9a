"""What an audit knows of each input: its Row and status, shared by the run and its outputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checkers.findings import Report
from service.audit.inputs import Item

CHECKED, FAILED, DUPLICATE, IGNORED = "checked", "failed", "duplicate", "ignored"
STATUS_ZH = {CHECKED: "已检查", FAILED: "无法检查", DUPLICATE: "重复文件", IGNORED: "已忽略"}


@dataclass
class Row:
    item: Item
    status: str
    report: Report | None = None
    outcome: dict[str, Any] = field(default_factory=dict)
    cached: bool = False
    primary: int | None = None  # for a duplicate: the row that was checked
    paths: list[str] = field(default_factory=list)  # for a checked row: every path with these bytes
    report_file: str | None = None
