"""The team archive's search finds the newest matches of a common term without sorting all of
them (issue 14 §3): each tsvector also holds the blocks of ids its document lies in ('#10.1453',
at six sizes; app.db.search_pg.block_marks), so that GIN answers "the matches among the newest
ids" by itself and a search looks at the newest ids first, widening the range until it has
enough. The vectors are made by the app, so the revision marks the index for a rebuild, which
writes them anew (both ways: an older version rebuilds its own shape when it opens the
archive). An archive file's FTS5 index is unchanged, so on SQLite this revision does nothing.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-06
"""

from alembic import op

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None


def _rebuild_search_index() -> None:
    op.execute("DELETE FROM settings WHERE key = 'search.rebuild_needed'")
    op.execute("INSERT INTO settings (key, value) VALUES ('search.rebuild_needed', '1')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    _rebuild_search_index()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    _rebuild_search_index()
