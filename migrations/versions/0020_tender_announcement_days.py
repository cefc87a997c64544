"""The result announcement period of a tender (中标结果公告期限, in working days), from which the
challenge (质疑) deadline is counted (财政部令第94号 第十条). Existing tenders get the usual
1 working day (财政部令第87号 第六十九条). The contract signed date was already there.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "tenders",
        sa.Column("announcement_days", sa.Integer, nullable=False, server_default="1"),
    )


def downgrade() -> None:
    # dropped in place, never by copying the table (a copy would lose AUTOINCREMENT, 0010)
    op.execute("ALTER TABLE tenders DROP COLUMN announcement_days")
