"""Covering indexes for the monthly report and the six analyses (issue 5): each aggregate reads
an index alone instead of looking up every table row.

- activities (started_at, client_id, kind, closed_on, expense_fen): visits, complaints and
  expenses of a period, per account manager and per client;
- contracts (client_id, signed_on, amount_fen, payment_days): per-client sales (价值, 流失, 发展)
  and the open items of the receivables, in client order without a sort;
- contracts (signed_on, client_id, amount_fen, owner): a month's signings and the 12-month trend;
- receipts (contract_id, received_on, amount_fen): what each contract has been paid so far;
- receipts (received_on, client_id, amount_fen): a month's receipts and the trend.

The first two replace ix_activities_started_at and ix_contracts_client_signed, their prefixes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXES = (
    (
        "ix_activities_started_cover",
        "activities",
        ["started_at", "client_id", "kind", "closed_on", "expense_fen"],
    ),
    (
        "ix_contracts_client_cover",
        "contracts",
        ["client_id", "signed_on", "amount_fen", "payment_days"],
    ),
    ("ix_contracts_signed_cover", "contracts", ["signed_on", "client_id", "amount_fen", "owner"]),
    ("ix_receipts_contract_cover", "receipts", ["contract_id", "received_on", "amount_fen"]),
    ("ix_receipts_received_cover", "receipts", ["received_on", "client_id", "amount_fen"]),
)
REPLACED = (
    ("ix_activities_started_at", "activities", ["started_at"]),
    ("ix_contracts_client_signed", "contracts", ["client_id", "signed_on"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    for name, table, _columns in REPLACED:
        op.drop_index(name, table_name=table)
    if op.get_bind().dialect.name == "sqlite":
        # statistics for the new indexes, so the planner picks them on a large archive at once
        for name, _table, _columns in INDEXES:
            op.execute(f"ANALYZE {name}")


def downgrade() -> None:
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns)
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
