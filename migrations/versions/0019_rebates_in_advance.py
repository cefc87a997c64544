"""Rebates applied for in advance (提前申请) and settled on actual receipts.

New columns on rebates: basis ('actual' | 'advance'), expected_sales_fen (the applicant's
expected sales of an advance application), approved_rate and approved_amount_fen (what the
three approvals agreed to), settlement ('none' | 'open' | 'review' | 'settled') and settled_at.

Existing rebates were all applied for on actual receipts: basis 'actual', settlement 'none',
and what was approved is what they carry (approved_rate = rate, approved_amount_fen =
amount_fen). A blank applicant takes the name recorded on the rebate's own application step.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

COLUMNS = (
    ("basis", sa.String(10), "actual"),
    ("expected_sales_fen", sa.Integer, None),
    ("approved_rate", sa.String(10), ""),
    ("approved_amount_fen", sa.Integer, None),
    ("settlement", sa.String(10), "none"),
    ("settled_at", sa.DateTime, None),
)


def upgrade() -> None:
    for name, kind, default in COLUMNS:
        nullable = default is None
        server_default = None if default is None else default
        op.add_column(
            "rebates",
            sa.Column(name, kind, nullable=nullable, server_default=server_default),
        )
    op.execute(
        "UPDATE rebates SET approved_rate = rate, approved_amount_fen = amount_fen,"
        " basis = 'actual', settlement = 'none'"
    )
    op.execute(
        "UPDATE rebates SET applicant = coalesce((SELECT s.actor FROM rebate_steps s"
        " WHERE s.rebate_id = rebates.id AND s.decision = 'apply' AND s.actor <> ''"
        " ORDER BY s.at, s.id LIMIT 1), '') WHERE applicant = ''"
    )


def downgrade() -> None:
    for name, _kind, _default in reversed(COLUMNS):
        op.execute(f"ALTER TABLE rebates DROP COLUMN {name}")
