"""The expense budget (费用预算: per month, account manager and activity kind) and the client
news log (客户动态: date, source, title, link, note; a scan is an attachment of kind 'news').

Two new tables; nothing existing changes (clients is not rebuilt: its expression index and
AUTOINCREMENT stay as 0010/0011 made them).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "budgets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("owner", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("month", "owner", "kind", name="uq_budgets_month"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "client_news",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "client_id",
            sa.Integer,
            sa.ForeignKey(
                "clients.id", ondelete="CASCADE", name="fk_client_news_client_id_clients"
            ),
            nullable=False,
        ),
        sa.Column("published_on", sa.Date, nullable=False),
        sa.Column("source", sa.String(100), nullable=False, server_default=""),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("url", sa.String(1000), nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_client_news_client_published", "client_news", ["client_id", "published_on"])


def downgrade() -> None:
    op.execute("DELETE FROM attachments WHERE owner_kind = 'news'")
    op.drop_index("ix_client_news_client_published", table_name="client_news")
    op.drop_table("client_news")
    op.drop_table("budgets")
