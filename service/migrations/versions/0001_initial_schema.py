"""Initial schema: keys, content-addressed files, checks, batches and their items.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
    )
    op.create_table(
        "files",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("path", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "batches",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("filename", sa.String(500), nullable=False),
        sa.Column("template", sa.String(100), nullable=True),
        sa.Column("roster", sa.String(100), nullable=True),
        sa.Column("owner_key_id", sa.Integer(), sa.ForeignKey("api_keys.id"), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("callback_url", sa.String(2000), nullable=True),
        sa.Column("callback_status", sa.String(200), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("finished_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_batches_owner_key_id", "batches", ["owner_key_id"])
    op.create_table(
        "checks",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("files.sha256"), nullable=False),
        sa.Column("filename", sa.String(500), nullable=False),
        sa.Column("template", sa.String(100), nullable=True),
        sa.Column("roster", sa.String(100), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("owner_key_id", sa.Integer(), sa.ForeignKey("api_keys.id"), nullable=True),
        sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id"), nullable=True),
        sa.Column("callback_url", sa.String(2000), nullable=True),
        sa.Column("callback_status", sa.String(200), nullable=True),
        sa.Column("report_sha256", sa.String(64), sa.ForeignKey("files.sha256"), nullable=True),
        sa.Column("verdict", sa.String(10), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=True),
        sa.Column("detected_template", sa.String(100), nullable=True),
        sa.Column("cluster_name", sa.String(300), nullable=True),
        sa.Column("error_code", sa.String(10), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("duration_seconds", sa.Float(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("started_at", TS, nullable=True),
        sa.Column("finished_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_checks_batch_id", "checks", ["batch_id"])
    op.create_index("ix_checks_owner_created", "checks", ["owner_key_id", "created_at"])
    op.create_index("ix_checks_status_created", "checks", ["status", "created_at"])
    op.create_table(
        "batch_items",
        sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(1000), nullable=False),
        sa.Column("check_id", sa.String(32), sa.ForeignKey("checks.id"), nullable=True),
        sa.Column("error_code", sa.String(10), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("batch_id", "position"),
    )


def downgrade() -> None:
    op.drop_table("batch_items")
    op.drop_table("checks")
    op.drop_table("batches")
    op.drop_table("files")
    op.drop_table("api_keys")
