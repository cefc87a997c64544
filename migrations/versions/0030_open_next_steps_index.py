"""The home page's next steps due (issue 11): a partial index on the due date of the next
steps not done, so the first 200 due are read from it instead of walking every dated next step
(350,000 on the big archive, most of them done) to find them.

A partial index is spelt alike on SQLite and PostgreSQL; the query's WHERE names both of its
conditions, so each planner knows the index holds every row it asks for.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

OPEN = "next_step_due IS NOT NULL AND next_step_done_on IS NULL"


def upgrade() -> None:
    op.create_index(
        "ix_activities_open_next_step",
        "activities",
        ["next_step_due", "id"],
        sqlite_where=sa.text(OPEN),
        postgresql_where=sa.text(OPEN),
    )


def downgrade() -> None:
    op.drop_index("ix_activities_open_next_step", table_name="activities")
