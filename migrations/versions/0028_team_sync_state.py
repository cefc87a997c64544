"""What a team archive and its laptop copies remember to move records between them (issue 14 §4).

On the server, `sync_origins` maps a record of a laptop archive (pushed with `team push`) or of
an offline copy (`team checkout`, then `team sync`) to the record it became on the server:
(origin, table, local key) -> server id. It is written in the same transaction as the records,
so a push or sync that is repeated, or re-run after it was killed, finds what already went up
instead of adding it twice.

In an offline copy, `sync_base` holds, for every record checked out or synced, the values it
had on the server then (one JSON object per record): the base of the three-way comparison that
tells an edit made offline from one made on the server. Both tables are empty elsewhere.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_origins",
        sa.Column("origin", sa.String(40), nullable=False),
        sa.Column("table_name", sa.String(60), nullable=False),
        sa.Column("local_key", sa.String(200), nullable=False),
        sa.Column("server_key", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("origin", "table_name", "local_key", name="pk_sync_origins"),
    )
    op.create_table(
        "sync_base",
        sa.Column("table_name", sa.String(60), nullable=False),
        sa.Column("record_key", sa.String(200), nullable=False),
        sa.Column("base", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_key", name="pk_sync_base"),
    )


def downgrade() -> None:
    op.drop_table("sync_base")
    op.drop_table("sync_origins")
