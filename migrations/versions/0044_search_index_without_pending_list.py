"""The search index of a team archive takes each document in at once (issue 14 §3): its three GIN
indexes without the pending list (fastupdate off). With it, a document written went to an
unsorted list that every lookup of every search read through until the next vacuum or 4 MB:
after two minutes of twenty people logging visits and editing contacts, a 客户经理's search of
有限公司 took 130 ms instead of 105 and HT-2026 420 instead of 215. Without it a document's
write updates the index itself: 2 ms more for a contact's save. The list there is now is taken
into the index (gin_clean_pending_list). On SQLite nothing is done. Down: the default again.

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-07
"""

from alembic import op
from sqlalchemy import text

revision = "0044"
down_revision = "0043"
branch_labels = None
depends_on = None

INDEXES = ("ix_search_docs_title_tsv", "ix_search_docs_body_tsv", "ix_search_docs_initials_tsv")


def _present(conn) -> list[str]:
    """The indexes this archive has (a rebuild in progress drops them for a while)."""
    return [
        name
        for name in INDEXES
        if conn.execute(text("SELECT to_regclass(:n)"), {"n": name}).scalar() is not None
    ]


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    for name in _present(conn):
        conn.execute(text(f"ALTER INDEX {name} SET (fastupdate = off)"))
        conn.execute(text("SELECT gin_clean_pending_list(CAST(:n AS regclass))"), {"n": name})


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    for name in _present(conn):
        conn.execute(text(f"ALTER INDEX {name} RESET (fastupdate)"))
