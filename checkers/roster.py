"""Official rosters of clusters: data files (CSV) shipped by id, or a user's CSV/XLSX."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROSTER_DIR = Path(__file__).parent / "rosters"


class RosterError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class RosterEntry:
    name: str
    unit: str | None = None
    account: str | None = None
    level: str | None = None
    region: str | None = None
    type: str | None = None
    note: str | None = None  # e.g. the OCR'd spelling this entry corrects


@dataclass(frozen=True)
class Roster:
    id: str
    entries: tuple[RosterEntry, ...]
    title: str = ""
    source: str = ""
    meta: dict[str, str] = field(default_factory=dict)


_FIELDS = ("name", "unit", "account", "level", "region", "type", "note")


def parse_roster_csv(text: str, roster_id: str, source: str = "") -> Roster:
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        raise RosterError(f"{source or roster_id}: 名单为空")
    if "name" not in rows[0]:
        raise RosterError(f"{source or roster_id}: 缺少 name 列")
    entries = []
    for i, r in enumerate(rows, start=2):
        name = (r.get("name") or "").strip()
        if not name:
            raise RosterError(f"{source or roster_id}: 第{i}行 name 为空")
        entries.append(RosterEntry(**{k: ((r.get(k) or "").strip() or None) for k in _FIELDS if k != "name"}, name=name))
    return Roster(id=roster_id, entries=tuple(entries), source=source)


@lru_cache(maxsize=32)
def _builtin(roster_id: str) -> Roster:
    path = ROSTER_DIR / f"{roster_id}.csv"
    return parse_roster_csv(path.read_text(encoding="utf-8"), roster_id, str(path))


def load_roster(ref: str | Path) -> Roster:
    path = Path(ref)
    if not path.suffix:
        if not (ROSTER_DIR / f"{ref}.csv").exists():
            raise RosterError(f"未知的名单：{ref}；可用名单：{', '.join(roster_ids())}")
        return _builtin(str(ref))
    if not path.exists():
        raise RosterError(f"名单文件不存在：{path}")
    return parse_roster_csv(path.read_text(encoding="utf-8-sig"), path.stem, str(path))


def roster_ids() -> list[str]:
    return sorted(p.stem for p in ROSTER_DIR.glob("*.csv"))
