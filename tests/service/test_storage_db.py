"""Persistence on both databases: migrations match the models, blobs are stored once, keys are hashed."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from service.auth import authenticate, create_key, hash_key, revoke_key
from service.db import (
    QUEUED,
    ApiKey,
    Base,
    Batch,
    BatchItem,
    Check,
    StoredFile,
    make_engine,
    make_sessions,
    upgrade,
)
from service.db.models import utcnow
from service.settings import Settings
from service.storage import BlobStore, record


def test_migrations_create_exactly_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    upgrade(engine)  # at every startup: a second run is a no-op
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        tables = set(inspect(conn).get_table_names())
    assert {"api_keys", "files", "checks", "batches", "batch_items", "alembic_version"} <= tables
    engine.dispose()


def test_rows_made_before_the_callback_migration_are_carried_over(db_url: str) -> None:
    """A database at 0001 with keys and batches in it: after the upgrade each key can sign callbacks,
    and the old free-text callback_status is a delivery state."""
    from alembic import command
    from sqlalchemy import text

    from service.db.migrate import alembic_config

    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        for n in range(3):
            conn.execute(text("INSERT INTO api_keys (name, role, key_hash, prefix, created_at) "
                              "VALUES (:n, 'portal', :h, 'cc_x', :t)"), {"n": f"old{n}", "h": f"{n:064x}", "t": utcnow()})
        for i, status in enumerate(["204", "error: timed out", None]):  # v0.1's callback_status: free text
            conn.execute(text("INSERT INTO batches (id, filename, total, callback_status, created_at) "
                              "VALUES (:i, 'a.zip', 0, :s, :t)"), {"i": f"b{i}", "s": status, "t": utcnow()})
    upgrade(engine)
    with make_sessions(engine)() as s:
        secrets = [k.callback_secret for k in s.scalars(select(ApiKey))]
        states = [b.callback_status for b in s.scalars(select(Batch).order_by(Batch.id))]
    assert len(secrets) == len(set(secrets)) == 3 and all(x.startswith("whsec_") and len(x) > 40 for x in secrets)
    assert states == ["delivered", "failed", None]
    engine.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_default_database_lives_in_the_data_folder(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path / "d")
    assert s.db_url == f"sqlite:///{tmp_path / 'd' / 'clustercheck.db'}"
    assert Settings().db_url == "sqlite:///data/clustercheck.db"
    assert Settings(database_url="postgresql://x@y/z").db_url == "postgresql://x@y/z"


def test_same_bytes_are_one_blob_and_one_row(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    sessions = make_sessions(engine)
    store = BlobStore(tmp_path)
    data = "同一份材料".encode() * 1000
    a = store.put_bytes(data)
    b = store.put_stream(io.BytesIO(data))
    assert a == b
    assert a.sha256 == hashlib.sha256(data).hexdigest()
    assert a.path == f"blobs/{a.sha256[:2]}/{a.sha256[2:]}"
    assert store.read(a.sha256) == data
    assert len(list((tmp_path / "blobs").rglob("*"))) == 2  # one folder, one file
    for _ in range(2):
        with sessions.begin() as s:
            record(s, a)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(StoredFile)) == 1
        assert s.get(StoredFile, a.sha256).size == len(data)
    engine.dispose()


def test_stream_over_the_limit_stores_nothing(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    assert store.put_stream(io.BytesIO(b"x" * 5000), max_bytes=4096) is None
    assert store.put_stream(io.BytesIO(b"x" * 4096), max_bytes=4096) is not None
    assert list((tmp_path / "tmp").iterdir()) == []
    assert len([p for p in (tmp_path / "blobs").rglob("*") if p.is_file()]) == 1


def test_keys_are_stored_hashed_and_can_be_revoked(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    sessions = make_sessions(engine)
    with sessions.begin() as s:
        row, key = create_key(s, "portal", "湖北报送平台")
        key_id = row.id
    assert key.startswith("cc_") and len(key) > 40
    with sessions() as s:
        stored = s.get(ApiKey, key_id)
        assert stored.key_hash == hash_key(key) and key not in (stored.key_hash, stored.prefix)
        who = authenticate(s, key)
        assert who is not None and who.role == "portal" and who.key_id == key_id and who.name == "湖北报送平台"
        assert authenticate(s, key + "x") is None
        assert authenticate(s, "not-a-key") is None
    with sessions.begin() as s:
        revoke_key(s, key_id)
    with sessions() as s:
        assert authenticate(s, key) is None
    engine.dispose()


def test_checks_and_batches_round_trip(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    sessions = make_sessions(engine)
    blob = BlobStore(tmp_path).put_bytes(b"PK\x03\x04 docx")
    with sessions.begin() as s:
        record(s, blob)
        s.add(Batch(id="b" * 32, filename="湖北.zip", total=2, created_at=utcnow()))
        s.flush()
        s.add(Check(id="c" * 32, sha256=blob.sha256, filename="十堰.docx", template="auto", batch_id="b" * 32,
                    counts={"error": 1, "warning": 2, "info": 0}, created_at=utcnow()))
        s.flush()
        s.add(BatchItem(batch_id="b" * 32, position=1, name="湖北/十堰.docx", check_id="c" * 32))
        s.add(BatchItem(batch_id="b" * 32, position=2, name="湖北/大.docx", error_code="F005", error="过大"))
    with sessions() as s:
        check = s.get(Check, "c" * 32)
        assert check.status == QUEUED and check.attempts == 0 and check.priority == 1
        assert check.counts == {"error": 1, "warning": 2, "info": 0}
        assert check.created_at.tzinfo is not None or engine.dialect.name == "sqlite"
        items = s.scalars(select(BatchItem).order_by(BatchItem.position)).all()
        assert [i.name for i in items] == ["湖北/十堰.docx", "湖北/大.docx"]
        assert items[1].check_id is None and items[1].error_code == "F005"
    engine.dispose()


@pytest.mark.slow
def test_workers_starting_together_on_a_new_database_both_migrate(tmp_path: Path) -> None:
    """Regression: two `clustercheck worker` started at once raced in `upgrade()` on a new SQLite
    database and one died with "table alembic_version already exists"."""
    import subprocess
    import sys
    import time

    for attempt in range(4):
        data = tmp_path / str(attempt)
        start = time.time() + 6  # every process imports first, then all migrate at the same instant
        code = ("import time; from service.settings import Settings; from service.runtime import Runtime; "
                f"time.sleep(max(0, {start} - time.time())); "
                f"Runtime.open(Settings(data_dir={str(data)!r}), migrate=True).close()")
        procs = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True) for _ in range(4)]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        assert all(p.returncode == 0 for p in procs), "\n".join(errors)
