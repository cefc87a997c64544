"""On PostgreSQL, money columns are BIGINT and the keys the app derives have no length limit.

SQLite's INTEGER is 64-bit and it never enforced VARCHAR(n), so an archive file holds any amount
up to the app's bound (999,999,999,999.99 yuan in fen) and derived keys at any length: a
19-character tender title with polyphones has 16 initials readings (over 300 characters), a long
client name's full pinyin is longer than 600. PostgreSQL's INTEGER stops at 21,474,836.47 yuan
and it refuses a longer VARCHAR, so on a team archive every *_fen column becomes BIGINT and the
derived columns TEXT. On SQLite this revision does nothing. Going down cuts derived keys to the
old lengths (only what the app derives, never what a person typed) and money back to INTEGER
(refused when an amount no longer fits).

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
DERIVED = (
    ("clients", "initials", 200),
    ("clients", "sort_key", 600),
    ("search_docs", "initials", 300),
    ("search_docs", "title", 300),
)


def _money_columns(data_type: str) -> list[tuple[str, str]]:
    found = op.get_bind().execute(
        sa.text(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND column_name LIKE '%\\_fen'"
            " AND data_type = :t ORDER BY table_name, column_name"
        ),
        {"t": data_type},
    )
    return [tuple(r) for r in found]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column in _money_columns("integer"):
        op.alter_column(table, column, type_=sa.BigInteger(), existing_type=sa.Integer())
    for table, column, length in DERIVED:
        op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(length))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, length in DERIVED:
        op.alter_column(
            table,
            column,
            type_=sa.String(length),
            existing_type=sa.Text(),
            postgresql_using=f"left({column}, {length})",
        )
    for table, column in _money_columns("bigint"):
        op.alter_column(table, column, type_=sa.Integer(), existing_type=sa.BigInteger())
