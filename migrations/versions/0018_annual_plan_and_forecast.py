"""The annual sales plan (年度销售计划) per account manager and for the team, and the sales
forecast (销售预测) per account manager and month.

annual_plans holds a year's 回款 target and how it is split into months (even, or by last
year's receipts); the months themselves stay in monthly_targets.receipts_fen, which gains
receipts_pinned: a month whose figure was entered by hand keeps it when the rest re-balances.
Existing months are not pinned. sales_forecasts holds the figures entered per owner and month.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "annual_plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("owner", sa.String(100), nullable=False, server_default=""),
        sa.Column("receipts_fen", sa.Integer, nullable=False, server_default="0"),
        sa.Column("split", sa.String(10), nullable=False, server_default="even"),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("year", "owner", name="uq_annual_plans_year"),
    )
    op.create_table(
        "sales_forecasts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("month", sa.Integer, nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("note", sa.String(300), nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("owner", "year", "month", name="uq_sales_forecasts_owner"),
    )
    with op.batch_alter_table("monthly_targets") as batch:
        batch.add_column(
            sa.Column("receipts_pinned", sa.Boolean, nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    # in place, not by copying the table from SQLAlchemy's reflection (see 0016)
    op.execute("ALTER TABLE monthly_targets DROP COLUMN receipts_pinned")
    op.drop_table("sales_forecasts")
    op.drop_table("annual_plans")
