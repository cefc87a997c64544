"""The keys the app derives from a name (pinyin initials, every reading of them; the pinyin sort
key) and a search document's title have no length limit on PostgreSQL.

SQLite never enforced VARCHAR(n), so an archive file holds them at any length: a 19-character
tender title with polyphones has 16 initials readings (over 300 characters), a long client name's
full pinyin is longer than 600. PostgreSQL refuses such a value, so on a team archive these
columns become TEXT; on SQLite this revision does nothing. Going down cuts them to the old
lengths (only what the app derives, never what a person typed).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

# (table, column, the old length)
COLUMNS = (
    ("clients", "initials", 200),
    ("clients", "sort_key", 600),
    ("search_docs", "initials", 300),
    ("search_docs", "title", 300),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, length in COLUMNS:
        op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(length))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, length in COLUMNS:
        op.alter_column(
            table,
            column,
            type_=sa.String(length),
            existing_type=sa.Text(),
            postgresql_using=f"left({column}, {length})",
        )
