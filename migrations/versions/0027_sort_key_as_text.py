"""A client's pinyin sort key is text of any length on PostgreSQL too.

The full pinyin of a long client name runs past the varchar(600) it was declared with; SQLite
never enforced the length, PostgreSQL refuses the row (as 0025 found for the initials). On SQLite
nothing changes. Going down cuts the key to its old length (the app derives it from the name,
nothing a person typed is lost).

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column("clients", "sort_key", type_=sa.Text(), existing_type=sa.String(600))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column(
        "clients",
        "sort_key",
        type_=sa.String(600),
        existing_type=sa.Text(),
        postgresql_using="left(sort_key, 600)",
    )
