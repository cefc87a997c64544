"""Contracts and receipts, monthly targets, rebates with their approval steps, tier history.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _fk(column: str, target: str, table: str, ondelete: str = "CASCADE", nullable: bool = False):
    ref_table = target.split(".")[0]
    return sa.Column(
        column,
        sa.Integer,
        sa.ForeignKey(target, ondelete=ondelete, name=f"fk_{table}_{column}_{ref_table}"),
        nullable=nullable,
    )


def upgrade() -> None:
    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(60), nullable=False),
        _fk("client_id", "clients.id", "contracts", ondelete="RESTRICT"),
        sa.Column("signed_on", sa.Date, nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("payment_terms", sa.String(300), nullable=False, server_default=""),
        sa.Column("payment_days", sa.Integer, nullable=False, server_default="30"),
        sa.Column("owner", sa.String(100), nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("number", name="uq_contracts_number"),
    )
    op.create_index("ix_contracts_client_signed", "contracts", ["client_id", "signed_on"])
    op.create_index("ix_contracts_signed_on", "contracts", ["signed_on"])
    op.create_table(
        "contract_lines",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("contract_id", "contracts.id", "contract_lines"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("product", sa.String(200), nullable=False),
        sa.Column("quantity", sa.String(30), nullable=False),
        sa.Column("unit", sa.String(20), nullable=False, server_default=""),
        sa.Column("unit_price_fen", sa.Integer, nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
    )
    op.create_index("ix_contract_lines_contract_id", "contract_lines", ["contract_id"])
    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("client_id", "clients.id", "receipts", ondelete="RESTRICT"),
        _fk("contract_id", "contracts.id", "receipts", ondelete="SET NULL", nullable=True),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("method", sa.String(30), nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_receipts_client_received", "receipts", ["client_id", "received_on"])
    op.create_index("ix_receipts_received_on", "receipts", ["received_on"])
    op.create_index("ix_receipts_contract_id", "receipts", ["contract_id"])
    op.create_table(
        "monthly_targets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("month", sa.Integer, nullable=False),
        sa.Column("owner", sa.String(100), nullable=False, server_default=""),  # '' = the team
        sa.Column("clients", sa.Integer, nullable=False, server_default="0"),
        sa.Column("visits", sa.Integer, nullable=False, server_default="0"),
        sa.Column("signings", sa.Integer, nullable=False, server_default="0"),
        sa.Column("signed_products", sa.Integer, nullable=False, server_default="0"),
        sa.Column("signed_amount_fen", sa.Integer, nullable=False, server_default="0"),
        sa.Column("receipts_fen", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("year", "month", "owner", name="uq_monthly_targets_year"),
    )
    op.create_table(
        "rebates",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("client_id", "clients.id", "rebates", ondelete="RESTRICT"),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("sales_fen", sa.Integer, nullable=False),
        sa.Column("receipts_fen", sa.Integer, nullable=False),
        sa.Column("rate", sa.String(10), nullable=False),  # exact decimal text, e.g. '0.08'
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("applicant", sa.String(100), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("client_id", "period_start", "period_end", name="uq_rebates_client_id"),
    )
    op.create_index("ix_rebates_status", "rebates", ["status"])
    op.create_table(
        "rebate_steps",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("rebate_id", "rebates.id", "rebate_steps"),
        sa.Column("step", sa.String(20), nullable=False),  # apply, manager, marketing, gm
        sa.Column("decision", sa.String(10), nullable=False),  # approved | rejected | applied
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_rebate_steps_rebate_id", "rebate_steps", ["rebate_id"])
    op.create_table(
        "client_tier_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("client_id", "clients.id", "client_tier_changes"),
        sa.Column("old_tier", sa.String(1), nullable=False),
        sa.Column("new_tier", sa.String(1), nullable=False),
        sa.Column("changed_on", sa.Date, nullable=False),
    )
    op.create_index("ix_client_tier_changes_changed_on", "client_tier_changes", ["changed_on"])


def downgrade() -> None:
    for table in (
        "client_tier_changes",
        "rebate_steps",
        "rebates",
        "monthly_targets",
        "receipts",
        "contract_lines",
        "contracts",
    ):
        op.drop_table(table)
