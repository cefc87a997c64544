"""Minutes get their 纪要编号 (〔2026〕第3期: one sequence per year of the meeting) and the 分送 /
抄送 lines of the printed minutes.

Existing minutes are numbered by meeting time within each year (the earliest 第1期), and the
year's counter (number_sequences, scope 'minutes') is set to the last number given, so the next
minutes written continue the sequence.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

SCOPE = "minutes"

meetings = sa.table(
    "meetings",
    sa.column("id", sa.Integer),
    sa.column("held_at", sa.DateTime),
    sa.column("number_year", sa.Integer),
    sa.column("number_seq", sa.Integer),
)
sequences = sa.table(
    "number_sequences",
    sa.column("scope", sa.String),
    sa.column("year", sa.Integer),
    sa.column("last", sa.Integer),
)


def upgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(sa.Column("number_year", sa.Integer, nullable=True))
        batch.add_column(sa.Column("number_seq", sa.Integer, nullable=True))
        batch.add_column(sa.Column("distribution", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("copies_to", sa.Text, nullable=False, server_default=""))
    _number_existing()


def _number_existing() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(meetings.c.id, meetings.c.held_at).order_by(meetings.c.held_at, meetings.c.id)
    ).all()
    last: dict[int, int] = {}
    for meeting_id, held_at in rows:
        year = held_at.year
        last[year] = last.get(year, 0) + 1
        conn.execute(
            meetings.update()
            .where(meetings.c.id == meeting_id)
            .values(number_year=year, number_seq=last[year])
        )
    conn.execute(sequences.delete().where(sequences.c.scope == SCOPE))
    if last:
        conn.execute(
            sequences.insert(), [{"scope": SCOPE, "year": y, "last": n} for y, n in last.items()]
        )


def downgrade() -> None:
    op.get_bind().execute(sequences.delete().where(sequences.c.scope == SCOPE))
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("copies_to")
        batch.drop_column("distribution")
        batch.drop_column("number_seq")
        batch.drop_column("number_year")
