"""Content-addressed blobs under <data_dir>/blobs/ab/cdef…: the same bytes are stored once.

A blob is written to a temporary file in the same folder tree and renamed into place, so a reader
never sees half a file and a crash leaves at most a stray temporary file, never a wrong blob.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import insert
from sqlalchemy.orm import Session

from service.db.models import StoredFile

CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Blob:
    sha256: str
    size: int
    path: str  # relative to the data folder


class BlobStore:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "blobs"
        self.tmp = self.data_dir / "tmp"
        self.root.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)

    def relpath(self, sha256: str) -> str:
        return f"blobs/{sha256[:2]}/{sha256[2:]}"

    def path(self, sha256: str) -> Path:
        return self.data_dir / self.relpath(sha256)

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def temp_file(self) -> tuple[BinaryIO, Path]:
        """An open temporary file on the store's own file system, ready to be adopted."""
        fd, name = tempfile.mkstemp(dir=self.tmp, prefix="up-")
        return os.fdopen(fd, "wb"), Path(name)

    def adopt(self, tmp_path: Path, sha256: str, size: int) -> Blob:
        """Move a fully written temporary file into place under its hash (or drop it if already there)."""
        target = self.path(sha256)
        if target.is_file():
            tmp_path.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_path, target)
        return Blob(sha256, size, self.relpath(sha256))

    def put_bytes(self, data: bytes) -> Blob:
        sha = hashlib.sha256(data).hexdigest()
        if self.exists(sha):
            return Blob(sha, len(data), self.relpath(sha))
        f, tmp = self.temp_file()
        with f:
            f.write(data)
        return self.adopt(tmp, sha, len(data))

    def put_stream(self, stream: BinaryIO, max_bytes: int | None = None) -> Blob | None:
        """Copy a stream in chunks; None (and nothing stored) if it is longer than `max_bytes`."""
        spool = Spool(self, max_bytes)
        try:
            while chunk := stream.read(CHUNK):
                if not spool.write(chunk):
                    spool.discard()
                    return None
        except BaseException:  # a damaged zip member: no stray temporary file either
            spool.discard()
            raise
        spool.close()
        return self.adopt(spool.path, spool.sha256, spool.size)


class Spool:
    """A temporary file of the store, hashed and bounded as it is written, so that an upload, a
    web form's file and a zip member are all refused the moment they pass their limit and never
    need a second pass to be hashed."""

    def __init__(self, store: BlobStore, max_bytes: int | None = None) -> None:
        self.file: BinaryIO | None
        self.file, self.path = store.temp_file()
        self.max_bytes = max_bytes
        self.size = 0
        self._hash = hashlib.sha256()

    def write(self, chunk: bytes) -> bool:
        """False (and nothing written) once the total would pass `max_bytes`."""
        assert self.file is not None
        self.size += len(chunk)
        if self.max_bytes is not None and self.size > self.max_bytes:
            return False
        self._hash.update(chunk)
        self.file.write(chunk)
        return True

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


def record(session: Session, blob: Blob, kind: str = "upload") -> None:
    """Insert the blob's row unless another request or worker inserted it first."""
    table = StoredFile.__table__
    values = {"sha256": blob.sha256, "size": blob.size, "path": blob.path, "kind": kind}
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        stmt = pg_insert(table).values(**values).on_conflict_do_nothing(index_elements=["sha256"])
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert
        stmt = sqlite_insert(table).values(**values).on_conflict_do_nothing(index_elements=["sha256"])
    else:
        if session.get(StoredFile, blob.sha256) is not None:
            return
        stmt = insert(table).values(**values)
    session.execute(stmt)
