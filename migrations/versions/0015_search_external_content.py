"""The search index keeps its text once: search_fts becomes an external-content FTS5 table over
search_docs, without column sizes, and search_docs keeps the pinyin initials each document was
indexed with.

Until now search_fts stored its own copy of every document's segmented text (search_fts_content)
and every column's size (search_fts_docsize), beside search_docs, which holds the same text as a
hit shows it: on the 100,000-client / 1,000,000-activity archive 300 of 1,430 MB that no query
reads (hits come from search_docs; nothing ranks by column sizes). Now the table stores only its
index; reading a column of search_fts reads search_docs (content = 'search_docs'), so a full scan
or a rowid lookup still works, as they did. The tokens are not made from search_docs by FTS5
(Chinese is segmented by the app, one token per character), so the app takes a document out with
FTS5's 'delete' command and the values it was indexed with, which it segments again from the
document's search_docs row: hence the initials column (a contact's initials are of its name, not
of its title). FTS5's 'rebuild' command, and a plain DELETE or UPDATE on search_fts, would
tokenize search_docs' text as it is and must never be used.

The tokens move over as they are: the new table is filled from the old one's stored text inside
the upgrade's one transaction, so an interrupted upgrade leaves the old revision whole. Should
search_docs and the old index disagree (a document missing from either), the index is marked for
a rebuild, which the app runs when it opens the archive. The downgrade builds the old table again
from search_docs with the tokenizer as this revision knows it.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2', detail = 'full'"
COLUMNS = "kind, title, body, initials"


def upgrade() -> None:
    op.add_column(
        "search_docs", sa.Column("initials", sa.String(300), nullable=False, server_default="")
    )
    if op.get_bind().dialect.name != "sqlite":
        return  # no FTS5 table: PostgreSQL's index is built by 0023
    op.execute("ALTER TABLE search_fts RENAME TO search_fts_old")
    op.execute(
        f"CREATE VIRTUAL TABLE search_fts USING fts5({COLUMNS}, {TOKENIZE},"
        " content = 'search_docs', content_rowid = 'id', columnsize = 0)"
    )
    # One bulk load: FTS5 merges its segments once at the end instead of all along (a sixth
    # faster on the big archive, and one segment to read), then merges as usual again.
    _fts_setting("automerge", 0)
    _fts_setting("crisismerge", 64)
    op.execute(
        f"INSERT INTO search_fts (rowid, {COLUMNS})"
        " SELECT o.rowid, o.kind, o.title, o.body, o.initials"
        " FROM search_fts_old o JOIN search_docs d ON d.id = o.rowid"
    )
    op.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    _fts_setting("automerge", 4)  # FTS5's defaults
    _fts_setting("crisismerge", 16)
    op.execute(
        "UPDATE search_docs SET initials = replace(o.initials, ' ', '')"
        " FROM search_fts_old o WHERE o.rowid = search_docs.id AND o.initials != ''"
    )
    counts = {
        _count("SELECT count(*) FROM search_docs"),
        _count("SELECT count(*) FROM search_fts_old"),
        _count("SELECT count(*) FROM search_fts_old o JOIN search_docs d ON d.id = o.rowid"),
    }
    op.execute("DROP TABLE search_fts_old")
    if len(counts) > 1:  # a document in one and not in the other
        _ask_for_rebuild()


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_column("search_docs", "initials")
        return
    op.execute(f"CREATE VIRTUAL TABLE search_fts_full USING fts5({COLUMNS}, {TOKENIZE})")
    bind = op.get_bind()
    rows = bind.exec_driver_sql("SELECT id, kind, title, body, initials FROM search_docs")
    insert = f"INSERT INTO search_fts_full (rowid, {COLUMNS}) VALUES (?, ?, ?, ?, ?)"
    for chunk in rows.partitions(5000):
        batch = [
            (doc_id, "k" + kind, _segment(title), _segment(body), " ".join(initials))
            for doc_id, kind, title, body, initials in chunk
        ]
        bind.exec_driver_sql(insert, batch)
    op.execute("DROP TABLE search_fts")
    op.execute("ALTER TABLE search_fts_full RENAME TO search_fts")
    with op.batch_alter_table("search_docs") as batch_op:
        batch_op.drop_column("initials")


def _count(sql: str) -> int:
    return op.get_bind().exec_driver_sql(sql).scalar_one()


def _fts_setting(name: str, value: int) -> None:
    op.execute(f"INSERT INTO search_fts (search_fts, rank) VALUES ('{name}', {value})")


def _ask_for_rebuild() -> None:
    op.execute("DELETE FROM settings WHERE key = 'search.rebuild_needed'")
    op.execute("INSERT INTO settings (key, value) VALUES ('search.rebuild_needed', '1')")


# The tokenizer as this revision knows it (app.db.search_index.segment at revision 0011): a
# migration never imports live code, which may change after it.
_SINGLE = r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff0-9]"
_TOKEN = re.compile(rf"{_SINGLE}|[^\W\d_\u3400-\u9fff\uf900-\ufaff]+", re.UNICODE)


def _segment(value: str) -> str:
    return " ".join(_TOKEN.findall(unicodedata.normalize("NFKC", value or "").lower()))
