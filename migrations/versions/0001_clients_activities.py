"""Clients, contacts, activities, attachments and settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "clients",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("sort_key", sa.String(600), nullable=False),
        sa.Column("initials", sa.String(200), nullable=False, server_default=""),
        sa.Column("uscc", sa.String(18)),
        sa.Column("tier", sa.String(1), nullable=False),
        sa.Column("is_key_account", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("industry", sa.String(100), nullable=False, server_default=""),
        sa.Column("region", sa.String(100), nullable=False, server_default=""),
        sa.Column("address", sa.String(300), nullable=False, server_default=""),
        sa.Column("owner", sa.String(100), nullable=False, server_default=""),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("source", sa.String(100), nullable=False, server_default=""),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.Column("service_policy", sa.Text, nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("last_visit_on", sa.Date),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("tier IN ('A','B','C','D')", name="ck_clients_tier"),
        sa.UniqueConstraint("name_key", name="uq_clients_name_key"),
        sa.UniqueConstraint("uscc", name="uq_clients_uscc"),
    )
    for column in (
        "sort_key",
        "tier",
        "is_key_account",
        "region",
        "owner",
        "status",
        "last_visit_on",
    ):
        op.create_index(f"ix_clients_{column}", "clients", [column])
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "client_id",
            sa.Integer,
            sa.ForeignKey("clients.id", ondelete="CASCADE", name="fk_contacts_client_id_clients"),
            nullable=False,
        ),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("title", sa.String(100), nullable=False, server_default=""),
        sa.Column("mobile", sa.String(20)),
        sa.Column("phone", sa.String(30)),
        sa.Column("email", sa.String(200)),
        sa.Column("birthday", sa.Date),
        sa.Column("is_decision_maker", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_contacts_client_id", "contacts", ["client_id"])
    op.create_index("ix_contacts_mobile", "contacts", ["mobile"])
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "client_id",
            sa.Integer,
            sa.ForeignKey("clients.id", ondelete="CASCADE", name="fk_activities_client_id_clients"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("ended_at", sa.DateTime),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("participants", sa.String(300), nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("outcome", sa.Text, nullable=False, server_default=""),
        sa.Column("next_step", sa.String(300), nullable=False, server_default=""),
        sa.Column("next_step_due", sa.Date),
        sa.Column("next_step_done_on", sa.Date),
        sa.Column("expense_fen", sa.Integer, nullable=False, server_default="0"),
        sa.Column("resolution", sa.Text, nullable=False, server_default=""),
        sa.Column("closed_on", sa.Date),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_activities_client_started", "activities", ["client_id", "started_at"])
    op.create_index("ix_activities_kind_closed", "activities", ["kind", "closed_on"])
    op.create_index("ix_activities_started_at", "activities", ["started_at"])
    op.create_index("ix_activities_next_step_due", "activities", ["next_step_due"])
    op.create_table(
        "activity_contacts",
        sa.Column(
            "activity_id",
            sa.Integer,
            sa.ForeignKey(
                "activities.id",
                ondelete="CASCADE",
                name="fk_activity_contacts_activity_id_activities",
            ),
            primary_key=True,
        ),
        sa.Column(
            "contact_id",
            sa.Integer,
            sa.ForeignKey(
                "contacts.id", ondelete="CASCADE", name="fk_activity_contacts_contact_id_contacts"
            ),
            primary_key=True,
        ),
    )
    op.create_index("ix_activity_contacts_contact_id", "activity_contacts", ["contact_id"])
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner_kind", sa.String(30), nullable=False),
        sa.Column("owner_id", sa.Integer, nullable=False),
        sa.Column(
            "sha256",
            sa.String(64),
            sa.ForeignKey("blobs.sha256", name="fk_attachments_sha256_blobs"),
            nullable=False,
        ),
        sa.Column("original_name", sa.String(300), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_attachments_owner", "attachments", ["owner_kind", "owner_id"])
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"])


def downgrade() -> None:
    for table in (
        "attachments",
        "blobs",
        "activity_contacts",
        "activities",
        "contacts",
        "clients",
        "settings",
    ):
        op.drop_table(table)
