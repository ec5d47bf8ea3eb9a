"""A batch check keeps its document's fingerprint (the paragraphs the cross-submission checks
compare), stored as a blob beside its report, so the batch can run B001/B002 when it completes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its reference in place; Alembic would rebuild the whole table,
        # which foreign keys from batch_items forbid once it holds rows.
        op.execute("ALTER TABLE checks ADD COLUMN fingerprint_sha256 VARCHAR(64) REFERENCES files (sha256)")
        return
    op.add_column("checks", sa.Column("fingerprint_sha256", sa.String(64), sa.ForeignKey("files.sha256"),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checks") as batch:
        batch.drop_column("fingerprint_sha256")
