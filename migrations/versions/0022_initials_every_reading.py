"""Pinyin initials of every reading: a client's initials (clients.initials) hold each spelling
of its name's polyphonic characters, separated by spaces (朝阳 'cy zy', 长城 'zc cc'), and the
search index is rebuilt with them.

The client column is worked out again here from each name, in batches, with the rule of the
time written out below (as app.domain.text had it when the revision landed, over pypinyin and
pypinyin-dict; tests/db/test_initials_migration.py checks it against the initials captured
then). The search index is not: its
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

import unicodedata
from functools import cache, lru_cache
from itertools import combinations, product

import sqlalchemy as sa
from alembic import op

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


# --- the initials of every reading, as app.domain.text spelled them when this revision landed ---

MAX_SPELLINGS = 16  # a name's initials keep at most this many spellings, the usual one first


def pinyin_initials(text: str) -> str:
    """Every spelling of the pinyin initials of `text`, separated by spaces: '北京华信' -> 'bjhx',
    '朝阳' -> 'zy cy'. Latin letters and digits are kept as they are, lower-cased."""
    from pypinyin import lazy_pinyin

    text = text or ""
    slots: list[tuple[str, ...]] = []
    position = 0
    for piece in lazy_pinyin(text, errors="default"):
        if text.startswith(piece, position):  # not Chinese: returned as written
            position += len(piece)
            slots.extend((ch,) for ch in piece.lower() if ch.isalnum())
        else:  # the reading of one Chinese character, then its other readings' initials
            slots.append(_initials_of(piece[:1].lower(), text[position]))
            position += 1
    return " ".join(_spellings(slots))


@lru_cache(maxsize=8192)
def _initials_of(in_context: str, character: str) -> tuple[str, ...]:
    """The initials `character` can be read with: the one it has here first, then its other
    readings (those of 《通用规范汉字字典》 when it lists the character, pypinyin's otherwise)."""
    from pypinyin import Style, pinyin

    common = _modern_readings().get(ord(character))
    readings = pinyin(character, Style.TONE, heteronym=True, errors="default")[0]
    if common:
        listed = common.split(",")
        readings = [r for r in readings if r in listed] + listed
    initials = (_toneless(r)[:1] for r in readings if r)
    return tuple(dict.fromkeys([in_context, *initials]))


@cache
def _modern_readings() -> dict[int, str]:
    from pypinyin_dict.pinyin_data.ktghz2013 import pinyin_dict

    return pinyin_dict


def _toneless(reading: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFD", reading) if not unicodedata.combining(ch)
    ).lower()


def _spellings(slots: list[tuple[str, ...]]) -> list[str]:
    """The usual spelling, then every spelling with one character read otherwise (left to
    right, commoner reading first), then two, ..., at most MAX_SPELLINGS of them."""
    choices = [i for i, slot in enumerate(slots) if len(slot) > 1]
    found = ["".join(slot[0] for slot in slots)]
    for changed in range(1, len(choices) + 1):
        for where in combinations(choices, changed):
            for picks in product(*(range(1, len(slots[i])) for i in where)):
                spelled = [slot[0] for slot in slots]
                for i, pick in zip(where, picks, strict=True):
                    spelled[i] = slots[i][pick]
                found.append("".join(spelled))
                if len(found) >= MAX_SPELLINGS:
                    return found
    return found
