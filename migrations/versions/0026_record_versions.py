"""A version number on every record a person edits through a form (optimistic concurrency:
the second of two people saving the same record is refused, never silently overwrites), and
the version each history entry left its record at (which changes a refused save missed).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

# the tables of records a person edits in a dialog or with an `edit` command
VERSIONED = (
    "clients",
    "contacts",
    "activities",
    "tenders",
    "qualifications",
    "meetings",
    "action_items",
    "documents",
    "letters",
    "contracts",
    "receipts",
    "rebates",
    "client_news",
)


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    op.add_column("change_log", sa.Column("version", sa.Integer, nullable=True))


def downgrade() -> None:
    # dropped in place, never by copying the table (a copy would lose AUTOINCREMENT, 0010)
    op.execute("ALTER TABLE change_log DROP COLUMN version")
    for table in reversed(VERSIONED):
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
