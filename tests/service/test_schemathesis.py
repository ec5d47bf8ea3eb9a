"""Property-based requests generated from the app's own OpenAPI schema: no 5xx, every status code
and response body as documented. Bounded so the run stays well under a minute."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service import web
from service.app import ROUTERS, create_app
from service.settings import Settings
from tests.service.conftest import Keys, make_keys

CHECKS = [schemathesis.checks.not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> tuple[schemathesis.BaseSchema, Keys]:
    data: Path = tmp_path_factory.mktemp("schemathesis")
    app = create_app(Settings(data_dir=data, workers=1, sync_wait_seconds=5))
    return schemathesis.openapi.from_asgi("/openapi.json", app), make_keys(app)


def _operations() -> list[str]:
    """The operations, from the routers alone: collecting tests must not open a database."""
    probe = FastAPI()
    for router in (*ROUTERS, web.router):
        probe.include_router(router)
    return [f"{method.upper()} {path}" for path, ops in probe.openapi()["paths"].items() for method in ops]


@pytest.mark.slow
@pytest.mark.parametrize("operation", _operations())
def test_no_server_errors_and_responses_as_documented(api: tuple[schemathesis.BaseSchema, Keys],
                                                      operation: str) -> None:
    schema, keys = api
    method, path = operation.split(" ", 1)
    op = schema[path][method]
    key = keys.admin if path.startswith("/api/v1/keys") else keys.portal
    checks = CHECKS if path.startswith(("/api/", "/healthz", "/readyz", "/metrics")) else CHECKS[:1]  # pages: no 5xx

    @given(case=op.as_strategy())
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"X-API-Key": key}, checks=checks)

    run()
