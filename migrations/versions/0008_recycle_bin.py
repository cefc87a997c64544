"""The recycle bin (回收站): a deleted record, with everything that hangs on it, as one item.

An item holds the rows it took away (JSON, by table, in the order they were deleted) and the
attachment files they used, which stay on disk until the item is purged. Restoring inserts the
rows back; columns added by later revisions take their defaults.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recycle_bin",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("record_id", sa.Integer, nullable=False),
        sa.Column("title", sa.String(300), nullable=False, server_default=""),
        sa.Column("deleted_at", sa.DateTime, nullable=False),
        sa.Column("deleted_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("revision", sa.String(32), nullable=False, server_default=""),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("blobs", sa.Text, nullable=False, server_default="[]"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_recycle_bin_kind_record", "recycle_bin", ["kind", "record_id"])
    op.create_index("ix_recycle_bin_deleted_at", "recycle_bin", ["deleted_at"])


def downgrade() -> None:
    op.drop_index("ix_recycle_bin_deleted_at", table_name="recycle_bin")
    op.drop_index("ix_recycle_bin_kind_record", table_name="recycle_bin")
    op.drop_table("recycle_bin")
