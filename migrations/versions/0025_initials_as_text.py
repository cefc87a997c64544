"""Pinyin initials and search titles are text of any length on PostgreSQL too.

Since 0022 a name keeps the initials of every reading of its polyphonic characters (up to 16
spellings): 某区卫生健康委员会视频会议系统采购项目 has 319 characters of them, past the
varchar(200)/(300) the columns were declared with. SQLite never enforced the declared length;
PostgreSQL refuses the row, so a team archive could not save such a client or index such a
tender. clients.initials, search_docs.initials and search_docs.title become text there; on
SQLite nothing changes.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

COLUMNS = (
    ("clients", "initials", 200),
    ("search_docs", "initials", 300),
    ("search_docs", "title", 300),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, length in COLUMNS:
        op.alter_column(table, column, type_=sa.Text, existing_type=sa.String(length))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, length in COLUMNS:
        op.execute(f"UPDATE {table} SET {column} = left({column}, {length})")
        op.alter_column(table, column, type_=sa.String(length), existing_type=sa.Text)
