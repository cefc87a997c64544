"""The monthly report's churn list (issue 11): a partial index of the visits by client and
start, so each client's last visit as of a past cut-off is one index seek instead of walking the
client's activities of every kind in the table (the 大客户月报 looks it up for every active client
visited since the cut-off, 17,000 of them on the big archive). The key accounts' visit counts of
a month read the same index.

A partial index is spelt alike on SQLite and PostgreSQL; the queries name kind = 'visit' as a
literal, so each planner knows the index holds every row it asks for.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

VISITS = "kind = 'visit'"


def upgrade() -> None:
    op.create_index(
        "ix_activities_client_visits",
        "activities",
        ["client_id", "started_at"],
        sqlite_where=sa.text(VISITS),
        postgresql_where=sa.text(VISITS),
    )


def downgrade() -> None:
    op.drop_index("ix_activities_client_visits", table_name="activities")
