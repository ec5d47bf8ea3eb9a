"""/api/v1/rosters — the official rosters of clusters, and name reconciliation against one."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, HTTPException

from checkers.roster import Roster, RosterError, load_roster, roster_ids
from service.api.deps import Reader
from service.api.errors import AUTH, responses
from service.api.schemas import RosterDetail, RosterEntryOut, RosterOut

router = APIRouter(prefix="/api/v1/rosters", tags=["catalog"])


def load(roster_id: str) -> Roster:
    if roster_id not in roster_ids():  # ids only: a path here would read files on the server
        raise HTTPException(404, f"未知的名单：{roster_id} (unknown roster)")
    try:
        return load_roster(roster_id)
    except RosterError as e:
        raise HTTPException(404, f"名单无法加载：{e} (roster does not load)") from None


def _summary(roster_id: str) -> RosterOut:
    try:
        r = load_roster(roster_id)
    except RosterError as e:
        return RosterOut(id=roster_id, error=str(e))
    return RosterOut(id=r.id, title=r.title, source=r.source.rsplit("/", 1)[-1], entries=len(r.entries))


@router.get("", response_model=list[RosterOut], summary="名单列表 (rosters)", responses=responses(*AUTH))
def list_rosters(who: Reader) -> list[RosterOut]:
    return [_summary(i) for i in roster_ids()]


@router.get("/{roster_id}", response_model=RosterDetail, summary="名单全文 (one roster's entries)",
            responses=responses(*AUTH, 404))
def get_roster(roster_id: str, who: Reader) -> RosterDetail:
    r = load(roster_id)
    return RosterDetail(id=r.id, title=r.title, source=r.source.rsplit("/", 1)[-1], entries=len(r.entries),
                        items=[RosterEntryOut(**asdict(e)) for e in r.entries])
