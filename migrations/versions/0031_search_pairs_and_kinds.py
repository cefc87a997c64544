"""The team archive's search index answers from GIN alone (issue 14 §3): each tsvector also
holds every pair of adjacent characters as one lexeme ('北 京') and its kind's mark ('#client')
(app.db.search_pg), so a phrase of two characters or more has few candidates to recheck and a
lookup in one kind never visits the matches of the others; a kind's newest documents are those
written last (by id, as SQLite's rowid), read through an index on (kind, id). The vectors are
made by the app, so the revision marks the index for a rebuild, which writes them anew (both
ways: an older version rebuilds its own shape when it opens the archive). An archive file's
FTS5 index is unchanged, so on SQLite this revision does nothing.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-06
"""

from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

NEWEST_INDEX = "ix_search_docs_kind_id"


def _rebuild_search_index() -> None:
    op.execute("DELETE FROM settings WHERE key = 'search.rebuild_needed'")
    op.execute("INSERT INTO settings (key, value) VALUES ('search.rebuild_needed', '1')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.create_index(NEWEST_INDEX, "search_docs", ["kind", "id"])
    _rebuild_search_index()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.drop_index(NEWEST_INDEX, table_name="search_docs")
    _rebuild_search_index()
