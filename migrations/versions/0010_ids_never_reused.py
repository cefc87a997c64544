"""Record ids are never given out twice (SQLite AUTOINCREMENT), so a record in the recycle bin
can always come back under its own id.

Without AUTOINCREMENT SQLite gives a new row the highest id in use plus one: delete the newest
client, add another, and the new one takes the binned client's id; restoring the old one would
then fail, and every link to it (its history, the other bin items that name it) would point at
the wrong client. With AUTOINCREMENT an id, once used, is never used again (as a PostgreSQL
sequence behaves already, so this revision changes nothing there).

SQLite cannot add AUTOINCREMENT to a table, so each table whose rows go to the recycle bin is
rebuilt (batch mode: copied into a new table with the same columns, constraints and indexes).
The copy seeds sqlite_sequence with each table's highest id. Tables keyed by two ids (the
links activity_contacts and meeting_clients) have no id to reuse and stay as they are.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = (
    "clients",
    "contacts",
    "activities",
    "attachments",
    "client_tier_changes",
    "tenders",
    "tender_items",
    "qualifications",
    "packet_sections",
    "packet_files",
    "meetings",
    "meeting_decisions",
    "action_items",
    "documents",
    "document_versions",
    "document_reviews",
    "letters",
    "contracts",
    "contract_lines",
    "receipts",
    "rebates",
    "rebate_steps",
)


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
