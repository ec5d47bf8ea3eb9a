"""/api/v1/rosters — the official rosters of clusters, and name reconciliation against one."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from checkers import Roster, RosterError, load_roster, roster_ids
from checkers import match_name as match
from checkers import name_index as index
from service.api.deps import Reader
from service.api.errors import AUTH, responses
from service.api.schemas import MatchOut, RosterDetail, RosterEntryOut, RosterOut

router = APIRouter(prefix="/api/v1/rosters", tags=["catalog"])


def load(roster_id: str) -> Roster:
    """A shipped roster by id (a path here would read files on the server). One that is shipped and
    does not load is our bug, not the caller's: it is a logged 500, not a 404."""
    if roster_id not in roster_ids():
        raise HTTPException(404, f"未知的名单：{roster_id} (unknown roster)")
    return load_roster(roster_id)


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


@router.get("/{roster_id}/match", response_model=MatchOut, summary="集群名称对名单的核对 (reconcile a name)",
            description="按地名与产业分别打分，给出排序后的候选及理由；OCR 形近字（十堪→十堰）视为相同。",
            responses=responses(*AUTH, 404))
def match_name(roster_id: str, who: Reader,
               name: Annotated[str, Query(min_length=1, max_length=300, description="材料中写的集群名称")],
               account: Annotated[str | None, Query(max_length=100, description="账号（如有）")] = None,
               top: Annotated[int, Query(ge=1, le=20)] = 5) -> dict:
    return match(name, index(load(roster_id)), account=account, top=top).to_dict()
