"""Results kept in OUT/.cache.sqlite, so that a re-run after a crash or Ctrl-C only does the rest.

A result is keyed by the file's sha256 (and its extension, which the parser takes as a hint) and
by a fingerprint of everything else that decides it: the checker version, every pack's id and
version, the template and roster asked for (and the bytes of a pack or roster given as a file),
and the bytes of the shipped packs and rosters — data gets edited without a version bump, and must
not be served from an old run. Checker code is covered by CHECKER_VERSION, which is what it is for. Each result is committed as it arrives; SQLite's WAL
journal lets another process (a test, a curious reviewer) count them while the run goes on.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import zlib
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    sha256 TEXT NOT NULL, ext TEXT NOT NULL, fingerprint TEXT NOT NULL,
    outcome BLOB NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (sha256, ext, fingerprint)
)
"""


def fingerprint(template: str, roster: str, ocr: bool) -> str:
    import checkers
    from checkers import CHECKER_VERSION, load_pack, pack_ids

    h = hashlib.sha256(json.dumps({"checker": CHECKER_VERSION, "template": template, "roster": roster,
                                   "ocr": ocr}).encode())
    for pack in pack_ids():
        h.update(f"{pack}:{load_pack(pack).pack.version}\n".encode())
    for arg in (template, roster):
        if Path(arg).is_file():
            h.update(Path(arg).read_bytes())
    data = Path(checkers.__file__).parent
    for path in sorted([*data.glob("packs/*.toml"), *data.glob("rosters/*.csv")]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


class ResultCache:
    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.key = key
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(_SCHEMA)

    def get(self, sha256: str, name: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT outcome FROM results WHERE sha256=? AND ext=? AND fingerprint=?",
                              (sha256, extension(name), self.key)).fetchone()
        return json.loads(zlib.decompress(row[0])) if row else None

    def put(self, sha256: str, name: str, outcome: dict[str, Any]) -> None:
        blob = zlib.compress(json.dumps(outcome, ensure_ascii=False).encode("utf-8"), 6)
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)",
                        (sha256, extension(name), self.key, blob, time.time()))

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM results WHERE fingerprint=?", (self.key,)).fetchone()[0])

    def close(self) -> None:
        self.db.close()
