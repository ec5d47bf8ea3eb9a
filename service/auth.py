"""API keys: `cc_` + 43 random characters, shown once, stored only as their SHA-256.

A fast hash is enough here because the keys are 256-bit random strings, not passwords: there is
nothing to guess from the hash. Roles: `reviewer` reads everything (and uses the web pages),
`portal` submits and reads only its own submissions, `admin` does all of that and manages keys.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Literal, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.db.models import ApiKey, utcnow

Role = Literal["reviewer", "portal", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
PREFIX = "cc_"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is asking. `key_id` None: the anonymous local user of the embedded default's web pages."""

    role: Role
    key_id: int | None = None
    name: str = ""

    @property
    def sees_all(self) -> bool:
        return self.role != "portal"

    def may_see(self, owner_key_id: int | None) -> bool:
        return self.sees_all or (owner_key_id is not None and owner_key_id == self.key_id)


LOCAL_USER = Principal(role="reviewer", key_id=None, name="本机用户")


def new_key() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_key(session: Session, role: str, name: str = "") -> tuple[ApiKey, str]:
    """Store a new key and return it with its plain text, which is not kept anywhere."""
    if role not in ROLES:
        raise ValueError(f"未知的角色：{role}；可选：{', '.join(ROLES)}")
    key = new_key()
    row = ApiKey(name=name, role=role, key_hash=hash_key(key), prefix=key[:8], created_at=utcnow())
    session.add(row)
    session.flush()
    return row, key


def authenticate(session: Session, key: str | None) -> Principal | None:
    if not key or not key.startswith(PREFIX) or len(key) > 200:
        return None
    row = session.scalars(select(ApiKey).where(ApiKey.key_hash == hash_key(key))).first()
    if row is None or row.revoked_at is not None:
        return None
    return Principal(role=row.role, key_id=row.id, name=row.name)  # type: ignore[arg-type]


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


def revoke_key(session: Session, key_id: int) -> ApiKey | None:
    row = session.get(ApiKey, key_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
    return row
