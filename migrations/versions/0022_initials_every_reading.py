"""Pinyin initials of every reading: a client's initials (clients.initials) hold each spelling
of its name's polyphonic characters, separated by spaces (朝阳 'cy zy', 长城 'zc cc'), and the
search index is rebuilt with them.

The client column is worked out again here from each name, with app.domain.text (pure text
functions over pypinyin, no model or session), in batches. The search index is not: its
documents are built from every kind of record by the app, so the revision marks it for the
rebuild the app runs when it opens the archive (the setting search.rebuild_needed, as 0015
does); until then a search reads the records directly, as with any rebuild pending.

The downgrade keeps the first spelling (the usual reading, which the earlier version stored)
in both places and marks the index for a rebuild as well: its tokens were made with every
spelling.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

from app.domain.text import pinyin_initials

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

clients = sa.table("clients", sa.column("id", sa.Integer), sa.column("name"), sa.column("initials"))
BATCH = 5000


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(clients.c.id, clients.c.name, clients.c.initials)).all()
    update = (
        clients.update()
        .where(clients.c.id == sa.bindparam("client_id"))
        .values(initials=sa.bindparam("spelled"))
    )
    spelled = ((cid, pinyin_initials(name or ""), old) for cid, name, old in rows)
    changed = [{"client_id": cid, "spelled": new} for cid, new, old in spelled if new != old]
    for start in range(0, len(changed), BATCH):
        bind.execute(update, changed[start : start + BATCH])
    _ask_for_rebuild()


def downgrade() -> None:
    # the first reading's initials: SQLite has instr(), PostgreSQL split_part()
    sqlite = op.get_bind().dialect.name == "sqlite"
    first = (
        "substr(initials, 1, instr(initials, ' ') - 1)"
        if sqlite
        else "split_part(initials, ' ', 1)"
    )
    for table in ("clients", "search_docs"):
        op.execute(f"UPDATE {table} SET initials = {first} WHERE initials LIKE '% %'")
    _ask_for_rebuild()


def _ask_for_rebuild() -> None:
    op.execute("DELETE FROM settings WHERE key = 'search.rebuild_needed'")
    op.execute("INSERT INTO settings (key, value) VALUES ('search.rebuild_needed', '1')")
