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


def test_match_ranks_candidates_with_scores(service: Service) -> None:
    h = service.keys.h("portal")
    r = service.client.get("/api/v1/rosters/hubei-2023/match", params={"name": "十堪商用车及部件产业集群"}, headers=h)
    assert r.status_code == 200
    body = r.json()
    assert body["status"] in ("exact", "fuzzy") and body["roster"] == "hubei-2023"
    assert body["matched"]["name"] == "十堰商用车及部件创新型产业集群" == body["candidates"][0]["name"]
    scores = [c["score"] for c in body["candidates"]]
    assert scores == sorted(scores, reverse=True) and len(scores) <= 5 and body["candidates"][0]["why"]


def test_match_of_an_unknown_name_and_bad_queries(service: Service) -> None:
    h = service.keys.h("reviewer")
    body = service.client.get("/api/v1/rosters/hubei-2023/match", params={"name": "北京量子计算产业集群", "top": 3},
                              headers=h).json()
    assert body["status"] in ("unmatched", "ambiguous") and body["matched"] is None and len(body["candidates"]) <= 3
    assert service.client.get("/api/v1/rosters/hubei-2023/match", headers=h).status_code == 422
    assert service.client.get("/api/v1/rosters/hubei-2023/match", params={"name": ""}, headers=h).status_code == 422
    assert service.client.get("/api/v1/rosters/nope/match", params={"name": "x"}, headers=h).status_code == 404
    assert service.client.get("/api/v1/rosters/hubei-2023/match", params={"name": "x"}).status_code == 401


@pytest.mark.parametrize(("path", "assets"), [("/docs", ("swagger-ui-bundle.js", "swagger-ui.css")),
                                              ("/redoc", ("redoc.standalone.js",))])
def test_api_docs_work_offline(service: Service, path: str, assets: tuple[str, ...]) -> None:
    """/docs and /redoc must not depend on a CDN: their scripts and stylesheets come from this server,
    and the page's policy forbids the browser to fetch anything from elsewhere."""
    page = service.client.get(path)
    assert page.status_code == 200 and "cdn" not in page.text.lower() and "fonts.googleapis" not in page.text
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    for asset in assets:
        assert f"/docs-assets/{asset}" in page.text
        assert service.client.get(f"/docs-assets/{asset}").status_code == 200
