"""Official rosters of clusters: data files (CSV) shipped by id, or a user's CSV/XLSX.

A user's roster is the sheet the office already has: a title row or two, a header row with the
words offices use (序号, 集群名称, 依托单位, 账号 …), and maybe section rows such as
"国家级创新型产业集群（16家）" that give the level of the rows below. Only the name column is required.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROSTER_DIR = Path(__file__).parent / "rosters"

BUILTIN_TITLES = {  # id -> (title, where it comes from)
    "hubei-2023": ("湖北省创新型产业集群绩效评价名单（2023年度）", "seed 000 附件1"),
    "hubei-2024": ("湖北省创新型产业集群名单（国家级16家、省级32家）", "seed 001 附件1"),
    "torch-2021": ("科技部火炬中心创新型产业集群名单（试点及试点（培育））", "seed 002 附件3，OCR 误识已更正"),
    "hunan-2023": ("湖南省省级产业集群培育对象名单（第一批）", "seed 004 附件3"),
}


class RosterError(ValueError):
    """A roster that cannot be used; the message names the file and, where it applies, the row."""


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
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "名称", "集群名称", "产业集群名称", "集群全称"),
    "unit": ("unit", "依托（建设）单位", "依托单位", "建设单位", "集群建设单位", "依托单位名称"),
    "account": ("account", "账号", "帐号"),
    "level": ("level", "级别", "集群级别"),
    "region": ("region", "地区", "省份", "所在地区"),
    "type": ("type", "类型", "集群类型"),
    "note": ("note", "备注", "说明"),
}
HEADER_ROWS = 10  # a header this far down is still found (title rows above it)
_ALIAS = {unicodedata.normalize("NFKC", a).lower(): f for f, names in HEADERS.items() for a in names}
_SECTION = re.compile(r"[(（]\s*\d+\s*[家个项][)）]\s*$|^[一二三四五六七八九十]+、")
_LEVELS = ("国家级", "省级", "市级", "县级")
_TYPES = ("先进制造业集群", "中小企业特色产业集群")


def _header_field(text: str) -> str | None:
    return _ALIAS.get(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower())


def _cell(value: object, joiner: str) -> str:
    """A cell's text on one line; lines of a name run on, lines of a unit are separate units."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    lines = [x.strip() for x in str(value).splitlines() if x.strip()]
    out = ""
    for line in lines:
        out += (joiner if out and not out.endswith(("、", "，", ",")) else "") + line
    return out


def parse_roster_rows(rows: list[list[object]], roster_id: str, source: str = "",
                      first_row: int = 1) -> Roster:
    """Rows of cells (a CSV or a sheet) -> Roster. `first_row` is the number a user sees for rows[0]."""
    where = source or roster_id
    head = next((i for i, r in enumerate(rows[:HEADER_ROWS]) if any(_header_field(str(c or "")) == "name"
                                                                     for c in r)), None)
    if head is None:
        raise RosterError(f"{where}：第{first_row}–{first_row + min(len(rows), HEADER_ROWS) - 1}行中未找到名称列"
                          f"（表头应为“名称”“集群名称”或“name”）")
    columns: dict[str, int] = {}
    for k, c in enumerate(rows[head]):
        f = _header_field(str(c or ""))
        if f and f not in columns:
            columns[f] = k
    entries: list[RosterEntry] = []
    level: str | None = None
    kind: str | None = None
    for i, row in enumerate(rows[head + 1:], start=first_row + head + 1):
        cells = [_cell(c, "") for c in row]
        filled = [(k, c) for k, c in enumerate(cells) if c]
        if not filled:
            continue
        if len(filled) == 1 and (filled[0][0] != columns["name"] or _SECTION.search(filled[0][1])):
            text = filled[0][1]
            level = next((x for x in _LEVELS if x in text), level)
            kind = next((x for x in _TYPES if x in text), kind)
            continue
        values = {f: (_cell(row[k], "、" if f == "unit" else "") if k < len(row) else "") for f, k in columns.items()}
        if not values["name"]:
            raise RosterError(f"{where}：第{i}行名称为空（该行有：{'、'.join(c for _, c in filled)[:40]}）")
        entries.append(RosterEntry(
            name=values["name"], unit=values.get("unit") or None, account=values.get("account") or None,
            level=values.get("level") or level, region=values.get("region") or None,
            type=values.get("type") or kind, note=values.get("note") or None))
    if not entries:
        raise RosterError(f"{where}：名单为空")
    return Roster(id=roster_id, entries=tuple(entries), source=source)


def parse_roster_csv(text: str, roster_id: str, source: str = "") -> Roster:
    rows: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text.lstrip("\ufeff")))]
    return parse_roster_rows(rows, roster_id, source)


def parse_roster_xlsx(data: bytes, roster_id: str, source: str = "") -> Roster:
    """The first sheet that has a name column."""
    from openpyxl import load_workbook

    where = source or roster_id
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as e:
        raise RosterError(f"{where}：无法读取 XLSX 文件（{type(e).__name__}）") from None
    try:
        errors: list[str] = []
        for ws in wb.worksheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            try:
                return parse_roster_rows(rows, roster_id, f"{where}［{ws.title}］")
            except RosterError as e:
                errors.append(str(e))
        raise RosterError("；".join(errors) or f"{where}：工作簿中没有工作表")
    finally:
        wb.close()


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise RosterError(f"{path}：无法识别 CSV 文件的编码（请存为 UTF-8）")


@lru_cache(maxsize=32)
def _builtin(roster_id: str) -> Roster:
    path = ROSTER_DIR / f"{roster_id}.csv"
    r = parse_roster_csv(path.read_text(encoding="utf-8"), roster_id, str(path))
    title, seed = BUILTIN_TITLES.get(roster_id, ("", ""))
    return Roster(id=roster_id, entries=r.entries, title=title, source=seed or str(path))


def load_roster(ref: str | Path) -> Roster:
    """A built-in roster by id ("hubei-2024"), or a user's .csv/.xlsx file."""
    path = Path(ref)
    if not path.suffix:
        if not (ROSTER_DIR / f"{ref}.csv").exists():
            raise RosterError(f"未知的名单：{ref}；可用名单：{', '.join(roster_ids())}")
        return _builtin(str(ref))
    if not path.is_file():
        raise RosterError(f"名单文件不存在：{path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return parse_roster_csv(_read_text(path), path.stem, str(path))
    if suffix in (".xlsx", ".xlsm"):
        return parse_roster_xlsx(path.read_bytes(), path.stem, str(path))
    raise RosterError(f"{path}：名单须为 .csv 或 .xlsx 文件（.xls/.et 请另存为 .xlsx）")


def roster_ids() -> list[str]:
    return sorted(p.stem for p in ROSTER_DIR.glob("*.csv"))
