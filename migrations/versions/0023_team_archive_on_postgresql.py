"""A team archive on PostgreSQL: its attachments in the database and its search index.

On a server, every laptop reaches the same scans through the one connection it already has
(app.db.server_blobs): content-addressed chunks of 1 MiB, chunk 0 carrying the size. The search
index is three tsvector columns of search_docs with GIN indexes (app.db.search_pg: the tokens
FTS5 holds on SQLite), filled by the app: the revision marks the index for a rebuild. An archive
file keeps its attachment store beside it and its FTS5 index, so on SQLite this revision does
nothing.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

VECTORS = ("title_tsv", "body_tsv", "initials_tsv")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.create_table(
        "blob_chunks",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("sha256", "seq", name="pk_blob_chunks"),
    )
    for column in VECTORS:
        op.add_column("search_docs", sa.Column(column, TSVECTOR, nullable=True))
        op.create_index(f"ix_search_docs_{column}", "search_docs", [column], postgresql_using="gin")
    op.execute("DELETE FROM settings WHERE key = 'search.rebuild_needed'")
    op.execute("INSERT INTO settings (key, value) VALUES ('search.rebuild_needed', '1')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for column in reversed(VECTORS):
        op.drop_index(f"ix_search_docs_{column}", table_name="search_docs")
        op.drop_column("search_docs", column)
    op.drop_table("blob_chunks")
