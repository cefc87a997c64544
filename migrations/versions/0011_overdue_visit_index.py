"""The visit plan's order as a covering index (issue 11): tier, then the day a client's visit is
counted from (its last visit, or when it entered the archive), then id, with the status the list
filters on. The full overdue list (45,000 clients on a large archive) then reads this index alone,
in order, instead of computing that day for every client, reading every row and sorting: 110-150
ms of SQLite CPU time down to 21-23 ms on the 100,000-client archive.

The expression is written exactly as app.db.repositories.clients._visit_anchor compiles it on
SQLite, which is how SQLite matches a query to an index on an expression;
tests/db/test_overdue_index.py checks that the planner uses it. SQLite only: a PostgreSQL
archive would need its own expression (its date function differs).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

NAME = "ix_clients_visit_plan"
ANCHOR = (
    "coalesce(last_visit_on, CASE WHEN (created_on IS NULL) THEN date(created_at)"
    " WHEN (created_on > date(created_at)) THEN created_on ELSE date(created_at) END)"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"CREATE INDEX {NAME} ON clients (tier, {ANCHOR}, id, status)")
    op.execute(f"ANALYZE {NAME}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP INDEX IF EXISTS {NAME}")
