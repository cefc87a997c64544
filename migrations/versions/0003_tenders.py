"""Government procurement: tenders, their line items, the qualification library and packet sections.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _money(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer)  # fen


def upgrade() -> None:
    op.create_table(
        "tenders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("number", sa.String(100), nullable=False, server_default=""),
        sa.Column(
            "client_id",
            sa.Integer,
            sa.ForeignKey("clients.id", ondelete="RESTRICT", name="fk_tenders_client_id_clients"),
            nullable=False,
        ),
        sa.Column("agency", sa.String(200), nullable=False, server_default=""),
        sa.Column("method", sa.String(20), nullable=False),
        _money("budget_fen"),
        _money("ceiling_fen"),
        sa.Column("source", sa.String(500), nullable=False, server_default=""),
        sa.Column("published_on", sa.Date),
        sa.Column("documents_deadline", sa.DateTime),
        sa.Column("clarification_deadline", sa.DateTime),
        sa.Column("bid_deadline", sa.DateTime),
        sa.Column("opening_place", sa.String(300), nullable=False, server_default=""),
        sa.Column("evaluation_on", sa.Date),
        sa.Column("award_notice_on", sa.Date),
        sa.Column("contract_signed_on", sa.Date),
        _money("bid_deposit_fen"),
        sa.Column("deposit_paid_on", sa.Date),
        sa.Column("deposit_refunded_on", sa.Date),
        _money("performance_deposit_fen"),
        _money("service_fee_fen"),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("winner", sa.String(200), nullable=False, server_default=""),
        _money("winning_price_fen"),
        _money("our_price_fen"),
        sa.Column("lessons", sa.Text, nullable=False, server_default=""),
        sa.Column("bid_validity_days", sa.Integer, nullable=False, server_default="90"),
        sa.Column("delivery_period", sa.String(200), nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_tenders_client_id", "tenders", ["client_id"])
    op.create_index("ix_tenders_status", "tenders", ["status"])
    op.create_index("ix_tenders_bid_deadline", "tenders", ["bid_deadline"])
    op.create_table(
        "tender_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "tender_id",
            sa.Integer,
            sa.ForeignKey(
                "tenders.id", ondelete="CASCADE", name="fk_tender_items_tender_id_tenders"
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("brand_model", sa.String(200), nullable=False, server_default=""),
        sa.Column("quantity", sa.String(30), nullable=False),  # exact decimal text
        sa.Column("unit", sa.String(20), nullable=False, server_default=""),
        sa.Column("unit_price_fen", sa.Integer, nullable=False),
    )
    op.create_index("ix_tender_items_tender_id", "tender_items", ["tender_id"])
    op.create_table(
        "qualifications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(50), nullable=False, server_default=""),
        sa.Column("issuer", sa.String(200), nullable=False, server_default=""),
        sa.Column("valid_from", sa.Date),
        sa.Column("expires_on", sa.Date),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_qualifications_expires_on", "qualifications", ["expires_on"])
    op.create_table(
        "packet_sections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "tender_id",
            sa.Integer,
            sa.ForeignKey(
                "tenders.id", ondelete="CASCADE", name="fk_packet_sections_tender_id_tenders"
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("form", sa.String(40), nullable=False, server_default=""),  # '' = files
        sa.Column("required", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("content", sa.Text, nullable=False, server_default="{}"),  # JSON
    )
    op.create_index("ix_packet_sections_tender_id", "packet_sections", ["tender_id"])
    op.create_table(
        "packet_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "section_id",
            sa.Integer,
            sa.ForeignKey(
                "packet_sections.id",
                ondelete="CASCADE",
                name="fk_packet_files_section_id_packet_sections",
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column(
            "qualification_id",
            sa.Integer,
            sa.ForeignKey(
                "qualifications.id",
                ondelete="CASCADE",
                name="fk_packet_files_qualification_id_qualifications",
            ),
        ),
        sa.Column("attachment_id", sa.Integer),  # a file from disk, stored as an attachment
    )
    op.create_index("ix_packet_files_section_id", "packet_files", ["section_id"])


def downgrade() -> None:
    for table in ("packet_files", "packet_sections", "qualifications", "tender_items", "tenders"):
        op.drop_table(table)
