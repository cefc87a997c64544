"""An index on clients.created_on: new clients per month (发展 analysis, account-manager figures,
the monthly report) without scanning every client.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_clients_created_on", "clients", ["created_on"])


def downgrade() -> None:
    op.drop_index("ix_clients_created_on", table_name="clients")
