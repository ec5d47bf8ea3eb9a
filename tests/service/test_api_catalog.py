"""Templates and rosters as the API lists them, and the reconciliation of cluster names."""

from __future__ import annotations

import pytest

from checkers.pack import load_pack, pack_ids
from checkers.roster import load_roster, roster_ids
from tests.service.conftest import Service


def test_templates_list_every_pack(service: Service) -> None:
    r = service.client.get("/api/v1/templates", headers=service.keys.h("portal"))
    assert r.status_code == 200
    listed = {t["id"]: t for t in r.json()}
    assert sorted(listed) == pack_ids() and listed
    for pack_id, t in listed.items():
        pack = load_pack(pack_id)
        assert t["title"] == pack.pack.title and t["rules"] == len(pack.rules) and t["error"] is None


def test_one_template_in_full(service: Service) -> None:
    pack_id = pack_ids()[0]
    body = service.client.get(f"/api/v1/templates/{pack_id}", headers=service.keys.h("reviewer")).json()
    assert body["pack"]["id"] == pack_id
    assert [rule["id"] for rule in body["rules"]] == [rule.id for rule in load_pack(pack_id).rules]


@pytest.mark.parametrize("ref", ["no-such-template", "..%2F..%2Fetc%2Fpasswd", "x.toml", "%2Fetc%2Fhosts.toml"])
def test_unknown_template_is_404_never_a_path(service: Service, ref: str) -> None:
    r = service.client.get(f"/api/v1/templates/{ref}", headers=service.keys.h("reviewer"))
    assert r.status_code == 404 and r.json()["detail"]


def test_rosters_list_and_detail(service: Service) -> None:
    h = service.keys.h("portal")
    listed = {x["id"]: x for x in service.client.get("/api/v1/rosters", headers=h).json()}
    assert sorted(listed) == roster_ids() and listed
    roster_id = "hubei-2023" if "hubei-2023" in listed else roster_ids()[0]
    body = service.client.get(f"/api/v1/rosters/{roster_id}", headers=h).json()
    roster = load_roster(roster_id)
    assert body["entries"] == len(roster.entries) == len(body["items"]) == listed[roster_id]["entries"]
    assert body["items"][0]["name"] == roster.entries[0].name


@pytest.mark.parametrize("ref", ["nope", "..%2Fpacks%2Fx.csv"])
def test_unknown_roster_is_404(service: Service, ref: str) -> None:
    r = service.client.get(f"/api/v1/rosters/{ref}", headers=service.keys.h("portal"))
    assert r.status_code == 404 and r.json()["detail"]
