"""Persistence: SQLAlchemy models, engines, migrations and the queries the API and jobs share."""

from service.db.migrate import upgrade
from service.db.models import (
    DONE,
    FAILED,
    FINISHED,
    QUEUED,
    RUNNING,
    ApiKey,
    Base,
    Batch,
    BatchItem,
    CallbackDelivery,
    Check,
    IdempotencyKey,
    StoredFile,
)
from service.db.session import make_engine, make_sessions

__all__ = ["DONE", "FAILED", "FINISHED", "QUEUED", "RUNNING", "ApiKey", "Base", "Batch", "BatchItem",
           "CallbackDelivery", "Check", "IdempotencyKey", "StoredFile", "make_engine", "make_sessions", "upgrade"]
