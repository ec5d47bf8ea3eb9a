"""Fixtures for the service tests: real databases (SQLite file, PostgreSQL schema), a real app with its
local worker processes, keys of every role, and small submissions built with python-docx."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from samples.builder import heading, new_document, prose, title
from service.app import create_app
from service.auth import create_key
from service.settings import Settings

PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples" / "files"


def pg_reachable() -> bool:
    try:
        engine = create_engine(PG_BASE, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema in the local PostgreSQL, dropped afterwards: each test starts empty."""
    schema = f"cc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_BASE)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_BASE}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cc.db'}"
    return request.getfixturevalue("pg_url")


def summary_docx(words: int = 600, seed: int = 1, name: str = "十堰商用车及部件创新型产业集群") -> bytes:
    """A small work summary in the Hubei 2023 outline's shape."""
    doc = new_document()
    title(doc, f"{name}2023年度工作总结")
    for i, h in enumerate(["一、集群总体情况", "二、集群企业发展情况", "三、集群创新能力建设情况"]):
        heading(doc, h, level=1)
        prose(doc, words=words // 3, seed=seed + i)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@dataclass
class Keys:
    admin: str
    reviewer: str
    portal: str
    portal2: str

    def h(self, role: str) -> dict[str, str]:
        return {"X-API-Key": getattr(self, role)}


def make_keys(app: FastAPI) -> Keys:
    made = {}
    with app.state.rt.sessions.begin() as s:
        for attr, role in (("admin", "admin"), ("reviewer", "reviewer"), ("portal", "portal"), ("portal2", "portal")):
            made[attr] = create_key(s, role, f"test-{attr}")[1]
    return Keys(**made)


@dataclass
class Service:
    app: FastAPI
    client: TestClient
    keys: Keys
    settings: Settings


def start_service(data_dir: Path, **overrides: object) -> Iterator[Service]:
    settings = Settings(data_dir=data_dir, workers=1, **overrides)  # type: ignore[arg-type]
    app = create_app(settings)
    keys = make_keys(app)
    with TestClient(app) as client:
        yield Service(app, client, keys, settings)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """One app per test module, with one local worker process."""
    yield from start_service(tmp_path_factory.mktemp("svc"), callback_private_ok=True)
