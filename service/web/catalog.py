"""What the upload form and the history filters offer: the shipped templates and rosters, by id and title."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from checkers import PackError, RosterError, load_pack, load_roster, pack_ids, roster_ids


@dataclass(frozen=True)
class Option:
    id: str
    title: str


@lru_cache(maxsize=1)
def templates() -> tuple[Option, ...]:
    out = []
    for i in pack_ids():
        try:
            out.append(Option(i, load_pack(i).pack.title))
        except PackError:
            out.append(Option(i, "（规则包无法加载）"))
    return tuple(out)


@lru_cache(maxsize=1)
def rosters() -> tuple[Option, ...]:
    out = []
    for i in roster_ids():
        try:
            out.append(Option(i, load_roster(i).title))
        except RosterError:
            out.append(Option(i, "（名单无法加载）"))
    return tuple(out)
