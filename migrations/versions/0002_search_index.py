"""Global search index: search_docs (what a hit shows) and search_fts (FTS5 tokens, same rowid).

The index is filled by the application, not here: this revision marks it for a rebuild, which
the archive runs right after migrating.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_docs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("ref_id", sa.Integer, nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("uq_search_docs_kind_ref", "search_docs", ["kind", "ref_id"], unique=True)
    if op.get_bind().dialect.name == "sqlite":  # PostgreSQL's index is built by 0023
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "kind, title, body, initials, tokenize = 'unicode61 remove_diacritics 2',"
            " detail = 'full')"
        )
    settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.bulk_insert(settings, [{"key": "search.rebuild_needed", "value": "1"}])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    op.drop_index("uq_search_docs_kind_ref", table_name="search_docs")
    op.drop_table("search_docs")
    op.execute("DELETE FROM settings WHERE key = 'search.rebuild_needed'")
