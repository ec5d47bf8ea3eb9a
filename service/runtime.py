"""What every process of the service opens once: settings, database sessions, the blob store.

The web process, each local worker process and each Celery worker child build their own Runtime
(database connections must not cross a fork), from the same Settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from service.db import make_engine, make_sessions, upgrade
from service.settings import Settings, get_settings
from service.storage import BlobStore


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    store: BlobStore

    @classmethod
    def open(cls, settings: Settings, migrate: bool = False) -> Runtime:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = make_engine(settings.db_url)
        if migrate:
            upgrade(engine)
        return cls(settings, engine, make_sessions(engine), BlobStore(settings.data_dir))

    def close(self) -> None:
        self.engine.dispose()


_process: tuple[int, Runtime] | None = None


def for_process(settings: Settings | None = None) -> Runtime:
    """This process's Runtime, built on first use (after any fork) from `settings` or the environment."""
    global _process
    if _process is not None and _process[0] != os.getpid():
        _process[1].engine.dispose(close=False)  # the parent's connections: leave them to the parent
        _process = None
    if _process is None:
        _process = (os.getpid(), Runtime.open(settings or get_settings()))
    return _process[1]
