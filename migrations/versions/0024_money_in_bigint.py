"""Money in fen is a 64-bit integer on PostgreSQL too.

SQLite's INTEGER holds 64 bits whatever the declared type; PostgreSQL's `integer` holds 32, so a
monthly target of 21,474,836.48 元 or more (a key-account department's ordinary figure:
141,891,000 元 a month on the 100,000-client archive) would be refused by a team archive. Every
`…_fen` column becomes `bigint` there; on SQLite nothing changes.

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


def _fen_columns(data_type: str) -> list[tuple[str, str]]:
    rows = op.get_bind().execute(
        sa.text(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND column_name LIKE '%%\\_fen'"
            " AND data_type = :t ORDER BY table_name, column_name"
        ),
        {"t": data_type},
    )
    return [(table, column) for table, column in rows]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column in _fen_columns("integer"):
        op.alter_column(table, column, type_=sa.BigInteger, existing_type=sa.Integer)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column in _fen_columns("bigint"):
        op.alter_column(table, column, type_=sa.Integer, existing_type=sa.BigInteger)
