"""The history of every change (修改记录): one row per create, edit, delete, restore, status change
or approval of a record, with who and when and the fields that changed (JSON list of
{field, old, new}); a bulk operation (an import, the demo) is one row with its count.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("user", sa.String(100), nullable=False, server_default=""),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("record_id", sa.Integer, nullable=True),
        sa.Column("title", sa.String(300), nullable=False, server_default=""),
        sa.Column("changes", sa.Text, nullable=False, server_default="[]"),
        sa.Column("count", sa.Integer, nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_change_log_record", "change_log", ["kind", "record_id", "at"])
    op.create_index("ix_change_log_at", "change_log", ["at"])


def downgrade() -> None:
    op.drop_index("ix_change_log_at", table_name="change_log")
    op.drop_index("ix_change_log_record", table_name="change_log")
    op.drop_table("change_log")
