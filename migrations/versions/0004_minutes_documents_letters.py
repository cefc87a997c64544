"""Meeting minutes with action items; agreement/notice/fax drafts with versions and review;
document numbering; the letters register.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
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
        "meetings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("held_at", sa.DateTime, nullable=False),
        sa.Column("place", sa.String(200), nullable=False, server_default=""),
        sa.Column("host", sa.String(100), nullable=False, server_default=""),
        sa.Column("attendees", sa.Text, nullable=False, server_default=""),
        sa.Column("observers", sa.Text, nullable=False, server_default=""),
        sa.Column("absentees", sa.Text, nullable=False, server_default=""),
        sa.Column("recorder", sa.String(100), nullable=False, server_default=""),
        sa.Column("reviewer", sa.String(100), nullable=False, server_default=""),
        sa.Column("agenda", sa.Text, nullable=False, server_default=""),
        sa.Column("discussion", sa.Text, nullable=False, server_default=""),
        sa.Column("other_matters", sa.Text, nullable=False, server_default=""),
        sa.Column("next_meeting", sa.String(300), nullable=False, server_default=""),
        _fk("tender_id", "tenders.id", "meetings", ondelete="SET NULL", nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_meetings_held_at", "meetings", ["held_at"])
    op.create_table(
        "meeting_clients",
        _fk("meeting_id", "meetings.id", "meeting_clients"),
        _fk("client_id", "clients.id", "meeting_clients"),
        sa.PrimaryKeyConstraint("meeting_id", "client_id", name="pk_meeting_clients"),
    )
    op.create_index("ix_meeting_clients_client_id", "meeting_clients", ["client_id"])
    op.create_table(
        "meeting_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("meeting_id", "meetings.id", "meeting_decisions"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_meeting_decisions_meeting_id", "meeting_decisions", ["meeting_id"])
    op.create_table(
        "action_items",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("meeting_id", "meetings.id", "action_items"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("task", sa.Text, nullable=False),
        sa.Column("owner", sa.String(100), nullable=False),
        sa.Column("helpers", sa.String(300), nullable=False, server_default=""),
        sa.Column("due_on", sa.Date),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("result", sa.Text, nullable=False, server_default=""),
        sa.Column("closed_on", sa.Date),
    )
    op.create_index("ix_action_items_meeting_id", "action_items", ["meeting_id"])
    op.create_index("ix_action_items_status_due", "action_items", ["status", "due_on"])
    op.create_index("ix_action_items_owner", "action_items", ["owner"])
    op.create_table(
        "document_templates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("key", name="uq_document_templates_key"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "kind", sa.String(20), nullable=False
        ),  # agreement, framework, notice, letter, fax
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("template_key", sa.String(60), nullable=False),
        _fk("client_id", "clients.id", "documents", ondelete="SET NULL", nullable=True),
        _fk("contact_id", "contacts.id", "documents", ondelete="SET NULL", nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("doc_number", sa.String(40)),
        sa.Column("number_year", sa.Integer),
        sa.Column("number_seq", sa.Integer),
        sa.Column("issued_on", sa.Date),
        sa.Column("approved_version", sa.Integer),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("doc_number", name="uq_documents_doc_number"),
    )
    op.create_index("ix_documents_client_id", "documents", ["client_id"])
    op.create_index("ix_documents_status", "documents", ["status"])
    op.create_table(
        "document_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("document_id", "documents.id", "document_versions"),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),  # the template text as edited for this document
        sa.Column("values", sa.Text, nullable=False, server_default="{}"),  # JSON: typed values
        sa.Column("author", sa.String(100), nullable=False, server_default=""),
        sa.Column("note", sa.String(300), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("document_id", "version", name="uq_document_versions_document_id"),
    )
    op.create_table(
        "document_reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("document_id", "documents.id", "document_reviews"),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),  # submit, approve, return, sign
        sa.Column("from_status", sa.String(10), nullable=False),
        sa.Column("to_status", sa.String(10), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False, server_default=""),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_document_reviews_document_id", "document_reviews", ["document_id"])
    op.create_table(
        "number_sequences",
        sa.Column("scope", sa.String(30), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("last", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("scope", "year", name="pk_number_sequences"),
    )
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("direction", sa.String(3), nullable=False),  # in | out
        sa.Column("number", sa.String(40), nullable=False),  # 收文号 | 发文字号
        sa.Column("dated_on", sa.Date, nullable=False),  # 收文日期 | 发文日期
        sa.Column("counterpart", sa.String(200), nullable=False),  # 来文单位 | 发往单位
        sa.Column("their_number", sa.String(60), nullable=False, server_default=""),  # 来文字号
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("copies", sa.Integer, nullable=False, server_default="1"),
        sa.Column("handler", sa.String(100), nullable=False, server_default=""),  # 承办人 | 签发人
        sa.Column("status", sa.String(20), nullable=False, server_default=""),  # 办理情况
        sa.Column("reply_due", sa.Date),
        sa.Column("archived_on", sa.Date),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        _fk("client_id", "clients.id", "letters", ondelete="SET NULL", nullable=True),
        _fk("document_id", "documents.id", "letters", ondelete="SET NULL", nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_letters_direction_date", "letters", ["direction", "dated_on"])
    op.create_index("ix_letters_client_id", "letters", ["client_id"])


def downgrade() -> None:
    for table in (
        "letters",
        "number_sequences",
        "document_reviews",
        "document_versions",
        "documents",
        "document_templates",
        "action_items",
        "meeting_decisions",
        "meeting_clients",
        "meetings",
    ):
        op.drop_table(table)
