"""The API documentation is complete and cannot drift: docs/api-errors.md is the error table, every
operation and every error answer in the schema has an example, every example is valid for its
model, and the client's TypedDicts have exactly the keys of the schema components they mirror."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from fastapi import FastAPI
from pydantic import TypeAdapter

from checkers.findings import Report
from clustercheck_client import types as client_types
from service import web
from service.api import docs, errors, schemas
from service.api import error_codes as ec
from service.api import examples as ex
from service.app import ROUTERS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    """The schema as the app serves it, built from the routers alone (no database needed)."""
    app = FastAPI(title="clustercheck", version="0.1.0")
    errors.install(app)
    docs.install(app)
    for router in (*ROUTERS, web.router):
        app.include_router(router)
    return app.openapi()


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method.upper(), path, op) for path, ops in schema["paths"].items() for method, op in ops.items()]


def _third_party_imports(path: Path) -> set[str]:
    import ast
    import sys

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"__future__"}


def test_the_client_needs_only_httpx_and_the_receiver_nothing() -> None:
    """A portal installs the client with httpx alone, and copies webhook.py with nothing at all."""
    client_dir = ROOT / "clustercheck_client"
    assert set().union(*map(_third_party_imports, client_dir.glob("*.py"))) == {"httpx", "clustercheck_client"}
    assert _third_party_imports(client_dir / "webhook.py") == set()


def test_error_docs_are_current() -> None:
    assert (ROOT / "docs" / "api-errors.md").read_text(encoding="utf-8") == ec.markdown(), \
        "run: python -m service.api.error_codes --markdown > docs/api-errors.md"


def test_error_codes_are_snake_case_and_fill_their_own_examples() -> None:
    for c in ec.CODES.values():
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", c.code), c.code
        assert set(c.placeholders) <= set(c.example), f"{c.code}: example lacks {set(c.placeholders) - set(c.example)}"
        body = c.example_body()
        assert "{" not in body["message"] + body["message_en"], c.code
        assert 400 <= c.status < 600


def test_every_operation_has_an_example_for_every_answer(schema: dict[str, Any]) -> None:
    missing = []
    for method, path, op in operations(schema):
        for status, answer in op["responses"].items():
            content = answer.get("content", {})
            if status == "204" or any(k.endswith("sheet") for k in content):  # no body, or a binary workbook
                continue
            for media, doc in content.items():
                if "example" not in doc and "examples" not in doc:
                    missing.append(f"{method} {path} {status} {media}")
            if not content:
                missing.append(f"{method} {path} {status}: no content")
    assert not missing, "\n".join(missing)


def test_every_error_answer_is_our_body_with_codes_of_its_status(schema: dict[str, Any]) -> None:
    for method, path, op in operations(schema):
        for status, answer in op["responses"].items():
            if int(status) < 400 or path == "/readyz":
                continue
            doc = answer["content"]["application/json"]
            assert doc["schema"] == {"$ref": "#/components/schemas/ErrorOut"}, f"{method} {path} {status}"
            for name, example in doc["examples"].items():
                assert ec.CODES[name].status == int(status) and example["value"]["code"] == name
                errors.ErrorOut.model_validate(example["value"])
    assert "HTTPValidationError" not in schema["components"]["schemas"]


def test_statuses_and_verdicts_are_named_enums(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    assert components["Status"]["enum"] == ["queued", "running", "done", "failed"]
    assert components["Verdict"]["enum"] == ["pass", "warn", "fail"]
    assert components["DeliveryState"]["enum"] == ["pending", "delivered", "failed"]
    assert sorted(components["ApiErrorCode"]["enum"]) == sorted(ec.CODES)
    check = components["CheckOut"]["properties"]
    assert check["status"] == {"$ref": "#/components/schemas/Status"}


def test_submissions_document_their_callback_and_idempotency(schema: dict[str, Any]) -> None:
    for path in ("/api/v1/checks", "/api/v1/batches"):
        op = schema["paths"][path]["post"]
        [callback] = op["callbacks"].values()
        notice = callback["{$request.body#/callback_url}"]["post"]
        assert "CallbackNotice" in str(notice["requestBody"])
        assert {p["name"] for p in notice["parameters"]} >= {"x-clustercheck-signature", "x-clustercheck-delivery"}
        assert any(p["name"] == "Idempotency-Key" for p in op["parameters"])
        accepted = op["responses"]["202"]["headers"]
        assert set(accepted) >= {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"}
    posts = [(path, op) for method, path, op in operations(schema) if method == "POST"]
    assert len(posts) == 6  # checks, batches, two resends, keys, callback secret
    for path, op in posts:
        assert any(p["name"] == "Idempotency-Key" for p in op.get("parameters", [])), path


MODELS: dict[str, Any] = {
    "CHECK_DONE": schemas.CheckOut, "CHECK_QUEUED": schemas.CheckOut, "CHECK_LIST": schemas.CheckList,
    "BATCH": schemas.BatchOut, "BATCH_QUEUED": schemas.BatchOut, "BATCH_LIST": schemas.BatchList,
    "NOTICE": schemas.CallbackNotice, "DELIVERY": schemas.DeliveryOut, "DELIVERY_PENDING": schemas.DeliveryOut,
    "DELIVERY_LIST": schemas.DeliveryList, "TEMPLATES": list[schemas.TemplateOut], "ROSTERS": list[schemas.RosterOut],
    "ROSTER": schemas.RosterDetail, "MATCH": schemas.MatchOut, "KEY": schemas.KeyOut,
    "KEY_CREATED": schemas.KeyCreated, "KEY_IN": schemas.KeyIn, "SECRET": schemas.CallbackSecret, "REPORT": Report,
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_examples_are_valid_for_their_models(name: str) -> None:
    TypeAdapter(MODELS[name]).validate_python(getattr(ex, name), strict=False)


def test_the_template_example_is_a_real_pack_shape() -> None:
    from checkers.pack import load_pack

    real = load_pack("hubei-2023-summary").model_dump(mode="json")
    assert set(ex.TEMPLATE) == set(real) and set(ex.TEMPLATE["rules"][0]) == set(real["rules"][2])


CLIENT_TYPES = {name: obj for name, obj in inspect.getmembers(client_types, inspect.isclass)
                if hasattr(obj, "__annotations__") and obj.__module__ == client_types.__name__}
_SOURCE = inspect.getsource(client_types)


@pytest.mark.parametrize("name", sorted(CLIENT_TYPES))
def test_client_types_have_the_keys_of_the_schema(schema: dict[str, Any], name: str) -> None:
    component = re.search(rf"class {name}\(TypedDict\):  # schema: (\w+)", _SOURCE)
    assert component, f"{name} names no schema component"
    props = schema["components"]["schemas"][component.group(1)]["properties"]
    assert list(get_type_hints(CLIENT_TYPES[name])) == list(props), name


@pytest.mark.parametrize(("alias", "component"), [("Status", "Status"), ("Verdict", "Verdict"),
                                                  ("DeliveryState", "DeliveryState")])
def test_client_enums_match_the_schema(schema: dict[str, Any], alias: str, component: str) -> None:
    assert list(getattr(client_types, alias).__args__) == schema["components"]["schemas"][component]["enum"]
