"""Portal integration: a callback signing secret per key, Idempotency-Key records, the callback
delivery log.

Every existing key gets its own random secret here (its owner learns it by rotating it:
POST /api/v1/keys/me/callback-secret), so no callback is ever sent unsigned. A check's or batch's
`callback_status` was the last answer as text ("204", "error: …"); it becomes the delivery state
(delivered / failed), which the API now declares as an enum.

Revision ID: api_idempotency_callbacks
Revises: 0002 (check fingerprint)
Create Date: 2026-12-07
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "api_idempotency_callbacks"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("callback_secret", sa.String(64), nullable=True))
    keys = sa.table("api_keys", sa.column("id", sa.Integer()), sa.column("callback_secret", sa.String(64)))
    conn = op.get_bind()
    for (key_id,) in conn.execute(sa.select(keys.c.id)).all():
        conn.execute(keys.update().where(keys.c.id == key_id)
                     .values(callback_secret="whsec_" + secrets.token_urlsafe(32)))
    with op.batch_alter_table("api_keys") as batch:
        batch.alter_column("callback_secret", existing_type=sa.String(64), nullable=False)
    for table in ("checks", "batches"):
        t = sa.table(table, sa.column("callback_status", sa.String(200)))
        status = t.c.callback_status
        conn.execute(t.update().where(status.like("2__")).values(callback_status="delivered"))
        conn.execute(t.update().where(status.is_not(None), status.not_in(["delivered"]))
                     .values(callback_status="failed"))

    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("owner_key_id", sa.Integer(), sa.ForeignKey("api_keys.id"), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("operation", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("resource_id", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("owner_key_id", "key", name="uq_idempotency_keys_owner_key"),
    )
    op.create_table(
        "callback_deliveries",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(10), nullable=False),
        sa.Column("subject_id", sa.String(32), nullable=False),
        sa.Column("owner_key_id", sa.Integer(), sa.ForeignKey("api_keys.id"), nullable=True),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("reason", sa.String(10), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TS, nullable=True),
        sa.Column("locked_until", TS, nullable=True),
        sa.Column("log", sa.JSON(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("finished_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_callback_deliveries_due", "callback_deliveries", ["state", "next_attempt_at"])
    op.create_index("ix_callback_deliveries_subject", "callback_deliveries", ["subject_id", "created_at"])


def downgrade() -> None:
    op.drop_table("callback_deliveries")
    op.drop_table("idempotency_keys")
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("callback_secret")
