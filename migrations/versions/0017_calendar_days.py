"""Days entered from the State Council's holiday notice (节假日安排): 休 or 班, beside the
holidays chinese-calendar publishes and the statutory ones worked out past its last year.

A new table only; no existing data changes.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_days",
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("kind", sa.String(1), nullable=False),
        sa.Column("name", sa.String(30), nullable=False, server_default=""),
        sa.Column("entered_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("day", name="pk_calendar_days"),
        sa.CheckConstraint("kind IN ('休', '班')", name="ck_calendar_days_kind"),
    )


def downgrade() -> None:
    op.drop_table("calendar_days")
