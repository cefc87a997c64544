"""The team archive's search index answers from GIN alone (issue 14 §3): each tsvector also
holds every pair of adjacent characters as one lexeme ('北 京') and its kind's mark ('#client')
(app.db.search_pg), so a phrase of two characters or more has few candidates to recheck and a
lookup in one kind never visits the matches of the others. The vectors are made by the app, so
the revision marks the index for a rebuild, which writes them anew (both ways: an older version
rebuilds its own shape when it opens the archive). An archive file's FTS5 index is unchanged, so
on SQLite this revision does nothing.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-06
"""

from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def _rebuild_search_index() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("DELETE FROM settings WHERE key = 'search.rebuild_needed'")
    op.execute("INSERT INTO settings (key, value) VALUES ('search.rebuild_needed', '1')")


def upgrade() -> None:
    _rebuild_search_index()


def downgrade() -> None:
    _rebuild_search_index()
