"""Keys and roles: 401 without or with a bad key, 403 for the wrong role, portals see only their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from service.api.deps import WebUser
from service.auth import Principal
from service.settings import Settings
from tests.service.conftest import Service, start_service, summary_docx

READ_ENDPOINTS = ["/api/v1/checks", "/api/v1/checks/0123/report.json", "/api/v1/batches", "/api/v1/templates",
                  "/api/v1/rosters", "/api/v1/rosters/hubei-2023"]


def docx_upload(name: str = "总结.docx") -> dict:
    return {"file": (name, summary_docx(300), "application/octet-stream")}


@pytest.mark.parametrize("path", [*READ_ENDPOINTS, "/api/v1/keys"])
def test_no_key_is_401_with_a_message(service: Service, path: str) -> None:
    r = service.client.get(path)
    assert r.status_code == 401
    assert "X-API-Key" in r.json()["detail"]
    assert r.headers["WWW-Authenticate"] == "APIKey"


@pytest.mark.parametrize("key", ["cc_not-a-real-key", "garbage", "x" * 500])
def test_bad_key_is_401(service: Service, key: str) -> None:
    r = service.client.get("/api/v1/templates", headers={"X-API-Key": key})
    assert r.status_code == 401 and "无效" in r.json()["detail"]


def test_upload_without_key_is_401_before_reading_the_body(service: Service) -> None:
    assert service.client.post("/api/v1/checks", files=docx_upload()).status_code == 401
    assert service.client.post("/api/v1/batches", files=docx_upload()).status_code == 401


@pytest.mark.parametrize("role", ["reviewer", "portal", "admin"])
def test_every_role_reads(service: Service, role: str) -> None:
    for path in ("/api/v1/checks", "/api/v1/batches", "/api/v1/templates", "/api/v1/rosters"):
        assert service.client.get(path, headers=service.keys.h(role)).status_code == 200, path


def test_reviewer_may_not_submit(service: Service) -> None:
    for path in ("/api/v1/checks", "/api/v1/batches"):
        r = service.client.post(path, files=docx_upload(), headers=service.keys.h("reviewer"))
        assert r.status_code == 403 and "reviewer" in r.json()["detail"]


@pytest.mark.parametrize("role", ["reviewer", "portal"])
def test_only_admin_manages_keys(service: Service, role: str) -> None:
    h = service.keys.h(role)
    assert service.client.get("/api/v1/keys", headers=h).status_code == 403
    assert service.client.post("/api/v1/keys", json={"role": "portal"}, headers=h).status_code == 403
    assert service.client.delete("/api/v1/keys/1", headers=h).status_code == 403


def test_admin_creates_lists_and_revokes_keys(service: Service) -> None:
    h = service.keys.h("admin")
    r = service.client.post("/api/v1/keys", json={"role": "portal", "name": "湖南报送平台"}, headers=h)
    assert r.status_code == 201
    created = r.json()
    assert created["key"].startswith("cc_") and created["role"] == "portal"
    assert created["callback_secret"].startswith("whsec_")
    listed = service.client.get("/api/v1/keys", headers=h).json()
    assert any(k["id"] == created["id"] and "key" not in k for k in listed)
    new = {"X-API-Key": created["key"]}
    assert service.client.get("/api/v1/templates", headers=new).status_code == 200
    assert service.client.delete(f"/api/v1/keys/{created['id']}", headers=h).status_code == 204
    assert service.client.get("/api/v1/templates", headers=new).status_code == 401
    assert service.client.delete("/api/v1/keys/999999", headers=h).status_code == 404
    assert service.client.post("/api/v1/keys", json={"role": "root"}, headers=h).status_code == 422


def test_key_creation_shows_its_callback_secret_once_and_is_idempotent(service: Service) -> None:
    h = {**service.keys.h("admin"), "Idempotency-Key": "make-hunan-portal"}
    first = service.client.post("/api/v1/keys", json={"role": "portal", "name": "湖南"}, headers=h)
    again = service.client.post("/api/v1/keys", json={"role": "portal", "name": "湖南"}, headers=h)
    other = service.client.post("/api/v1/keys", json={"role": "reviewer", "name": "湖南"}, headers=h)
    assert first.status_code == again.status_code == 201 and first.json()["callback_secret"].startswith("whsec_")
    assert again.json()["id"] == first.json()["id"] and again.json()["key"] is None
    assert again.json()["callback_secret"] is None and again.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"


def test_only_submitting_keys_have_a_callback_secret_to_rotate(service: Service) -> None:
    r = service.client.post("/api/v1/keys/me/callback-secret", headers=service.keys.h("reviewer"))
    assert r.status_code == 403 and r.json()["code"] == "role_forbidden"
    h = {**service.keys.h("portal"), "Idempotency-Key": "rotate-1"}
    first = service.client.post("/api/v1/keys/me/callback-secret", headers=h).json()
    again = service.client.post("/api/v1/keys/me/callback-secret", headers=h).json()
    assert first == again and first["callback_secret"].startswith("whsec_")  # a retry rotates once


def test_admin_cannot_revoke_its_own_key(service: Service) -> None:
    h = service.keys.h("admin")
    me = next(k for k in service.client.get("/api/v1/keys", headers=h).json() if k["name"] == "test-admin")
    r = service.client.delete(f"/api/v1/keys/{me['id']}", headers=h)
    assert r.status_code == 409


def test_a_portal_never_sees_another_portals_submissions(service: Service) -> None:
    c, k = service.client, service.keys
    r = c.post("/api/v1/checks?async=true", files=docx_upload(), headers=k.h("portal"))
    assert r.status_code == 202
    check_id = r.json()["id"]
    for path in (f"/api/v1/checks/{check_id}", f"/api/v1/checks/{check_id}/report.json"):
        assert c.get(path, headers=k.h("portal2")).status_code == 404
    assert c.get(f"/api/v1/checks/{check_id}", headers=k.h("portal")).status_code == 200
    assert c.get(f"/api/v1/checks/{check_id}", headers=k.h("reviewer")).status_code == 200
    theirs = c.get("/api/v1/checks", headers=k.h("portal2")).json()
    assert all(item["id"] != check_id for item in theirs["items"])
    mine = c.get("/api/v1/checks", headers=k.h("portal")).json()
    assert any(item["id"] == check_id for item in mine["items"])


def test_health_needs_no_key(service: Service) -> None:
    assert service.client.get("/healthz").json() == {"status": "ok"}
    r = service.client.get("/readyz")
    assert r.status_code == 200 and r.json()["checks"]["database"] == "ok"


def test_metrics_open_on_loopback_only(service: Service) -> None:
    assert service.client.get("/metrics").status_code == 401  # TestClient's peer is not loopback
    assert service.client.get("/metrics", headers=service.keys.h("reviewer")).status_code == 200
    assert service.client.get("/metrics", headers=service.keys.h("portal")).status_code == 403
    local = TestClient(service.app, client=("127.0.0.1", 40000))
    assert local.get("/metrics").status_code == 200


def _web_probe(settings: Settings, service: Service) -> FastAPI:
    """A page behind the web dependency, on an app sharing the service's runtime."""
    router = APIRouter()

    @router.get("/page")
    def page(who: WebUser) -> dict:
        return {"role": who.role, "anonymous": who.key_id is None}

    app = FastAPI()
    app.include_router(router)
    app.state.rt = type(service.app.state.rt)(settings, service.app.state.rt.engine,
                                               service.app.state.rt.sessions, service.app.state.rt.store)
    return app


def test_web_pages_open_without_key_only_on_a_loopback_bind(service: Service, tmp_path: Path) -> None:
    local = _web_probe(Settings(data_dir=tmp_path, host="127.0.0.1"), service)
    assert TestClient(local, client=("127.0.0.1", 1)).get("/page").json() == {"role": "reviewer", "anonymous": True}
    assert TestClient(local, client=("10.1.2.3", 1)).get("/page").status_code == 401  # proxied from outside
    public = _web_probe(Settings(data_dir=tmp_path, host="0.0.0.0"), service)
    c = TestClient(public, client=("127.0.0.1", 1))
    assert c.get("/page").status_code == 401
    assert c.get("/page", headers=service.keys.h("reviewer")).json() == {"role": "reviewer", "anonymous": False}
    assert c.get("/page", cookies={"clustercheck_key": service.keys.admin}).json()["role"] == "admin"
    assert c.get("/page", headers=service.keys.h("portal")).status_code == 403


def test_principal_visibility() -> None:
    portal = Principal(role="portal", key_id=7)
    assert portal.may_see(7) and not portal.may_see(8) and not portal.may_see(None)
    assert Principal(role="reviewer", key_id=1).may_see(8)


def test_non_loopback_app_still_serves_with_keys(tmp_path: Path) -> None:
    with start_service(tmp_path, host="0.0.0.0") as svc:
        local = TestClient(svc.app, client=("127.0.0.1", 5))
        assert local.get("/metrics").status_code == 401
        assert local.get("/metrics", headers=svc.keys.h("admin")).status_code == 200
