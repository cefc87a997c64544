"""发文字号 counted per kind of document and 机关代字 (issue 12): notices, letters and faxes no
longer share one sequence a year; a 发文 names the 收文 it answers; a rebate letter knows its
entry in the outgoing register.

- number_sequences.scope widens to hold "out.<kind>.<prefix>" (the prefix is up to 20
  characters).
- Each kind's counter continues from the highest number already issued with its prefix: the
  numbers of documents (their kind known), of outgoing letters entered by hand (their kind found
  by the prefix set for a kind, else 函) and of documents and letters in the recycle bin. The old
  shared "document" counter goes (downgrading brings it back as the highest of them).
- letters.reply_to_id: the incoming letter an outgoing one answers.
- rebates.letter_id: the outgoing letter (销售返点确认函) issued for the rebate.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

import json
import re

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

OLD_SCOPE = "document"
NUMBER = re.compile(r"([^\s\"'〔]*)〔(\d{4})〕(\d+)号")
KINDS = ("notice", "letter", "fax")
LINKS = (
    ("letters", "reply_to_id", "fk_letters_reply_to_id_letters"),
    ("rebates", "letter_id", "fk_rebates_letter_id_letters"),
)

sequences = sa.table(
    "number_sequences",
    sa.column("scope", sa.String),
    sa.column("year", sa.Integer),
    sa.column("last", sa.Integer),
)


def _scope(kind: str, prefix: str) -> str:
    return f"out.{kind}.{prefix.strip()}"


def _prefix_kinds(bind) -> dict[str, str]:
    rows = bind.execute(
        sa.text("SELECT key, value FROM settings WHERE key LIKE 'documents.prefix.%'")
    )
    out: dict[str, str] = {}
    for key, value in rows:
        try:
            prefix = str(json.loads(value or '""')).strip()
        except ValueError:
            prefix = str(value or "").strip()
        kind = key.removeprefix("documents.prefix.")
        if prefix and kind in KINDS:
            out.setdefault(prefix, kind)
    return out


def _issued(bind) -> dict[tuple[str, int], int]:
    """The highest number issued per (scope, year)."""
    by_prefix = _prefix_kinds(bind)
    highest: dict[tuple[str, int], int] = {}

    def note(kind: str | None, number: str) -> None:
        for prefix, year, seq in NUMBER.findall(number or ""):
            key = (_scope(kind or by_prefix.get(prefix.strip(), "letter"), prefix), int(year))
            highest[key] = max(highest.get(key, 0), int(seq))

    for kind, number in bind.execute(
        sa.text("SELECT kind, doc_number FROM documents WHERE doc_number IS NOT NULL")
    ):
        note(kind if kind in KINDS else None, number)
    for number, kind in bind.execute(
        sa.text(
            "SELECT l.number, d.kind FROM letters l LEFT JOIN documents d ON d.id = l.document_id"
            " WHERE l.direction = 'out'"
        )
    ):
        note(kind if kind in KINDS else None, number)
    for (payload,) in bind.execute(
        sa.text("SELECT payload FROM recycle_bin WHERE kind IN ('document', 'letter')")
    ):
        for kind, number in _binned_numbers(payload):
            note(kind if kind in KINDS else None, number)
    return highest


def _binned_numbers(payload: str) -> list[tuple[str | None, str]]:
    """The numbers of the documents and outgoing letters a recycle-bin item holds."""
    try:
        tables = json.loads(payload).get("tables", {})
    except (ValueError, AttributeError):
        return [(None, payload or "")]
    if not isinstance(tables, dict):
        return [(None, json.dumps(tables, ensure_ascii=False))]
    out = [
        (row.get("kind"), str(row.get("doc_number") or "")) for row in tables.get("documents", [])
    ]
    out += [
        (None, str(row.get("number") or ""))
        for row in tables.get("letters", [])
        if row.get("direction") == "out"
    ]
    return out


def upgrade() -> None:
    with op.batch_alter_table("number_sequences") as batch:
        batch.alter_column("scope", type_=sa.String(80), existing_type=sa.String(30))
    bind = op.get_bind()
    rows = [{"scope": s, "year": y, "last": n} for (s, y), n in sorted(_issued(bind).items())]
    op.execute(sequences.delete().where(sequences.c.scope == OLD_SCOPE))
    if rows:
        op.bulk_insert(sequences, rows)
    for table, column, fk in LINKS:
        with _batch(bind, table) as batch:
            batch.add_column(
                sa.Column(
                    column,
                    sa.Integer,
                    sa.ForeignKey("letters.id", ondelete="SET NULL", name=fk),
                    nullable=True,
                )
            )


def _batch(bind, table: str):
    """SQLite adds a column with a foreign key by copying the table (keeping AUTOINCREMENT, see
    0010); other databases alter it in place."""
    if bind.dialect.name == "sqlite":
        return op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
        )
    return op.batch_alter_table(table)


def downgrade() -> None:
    bind = op.get_bind()
    for table, column, fk in reversed(LINKS):
        with _batch(bind, table) as batch:
            batch.drop_constraint(fk, type_="foreignkey")
            batch.drop_column(column)
    highest: dict[int, int] = {}
    for scope, year, last in bind.execute(
        sa.text('SELECT scope, year, "last" FROM number_sequences')
    ):
        if scope.startswith("out."):
            highest[year] = max(highest.get(year, 0), last)
    op.execute(sequences.delete().where(sequences.c.scope.like("out.%")))
    if highest:
        op.bulk_insert(
            sequences, [{"scope": OLD_SCOPE, "year": y, "last": n} for y, n in highest.items()]
        )
    with op.batch_alter_table("number_sequences") as batch:
        batch.alter_column("scope", type_=sa.String(30), existing_type=sa.String(80))
