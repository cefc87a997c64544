"""开票信息 on the client (开户行, 账号, 开票地址、电话) and the link from a contract in the 合同
register to the approved 购销合同/框架协议 it was made from.

The client's 名称 and 纳税人识别号 (its USCC) are already there; the three new columns are
empty for existing clients. contracts.document_id is the link both ways (a document has at
most one contract; deleting the document keeps the contract and clears the link).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

CLIENT_COLUMNS = (("bank", 100), ("bank_account", 40), ("invoice_address", 300))


def _recreate() -> str:
    # SQLite adds a foreign key by copying the table; PostgreSQL alters it in place
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def _table_kwargs() -> dict:
    # 0010 made record ids AUTOINCREMENT on SQLite: a rebuilt table must keep it
    return {"sqlite_autoincrement": True} if op.get_bind().dialect.name == "sqlite" else {}


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        for name, length in CLIENT_COLUMNS:
            batch.add_column(sa.Column(name, sa.String(length), nullable=False, server_default=""))
    with op.batch_alter_table(
        "contracts", recreate=_recreate(), table_kwargs=_table_kwargs()
    ) as batch:
        batch.add_column(sa.Column("document_id", sa.Integer, nullable=True))
        batch.create_unique_constraint("uq_contracts_document_id", ["document_id"])
        batch.create_foreign_key(
            "fk_contracts_document_id_documents",
            "documents",
            ["document_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table(
        "contracts", recreate=_recreate(), table_kwargs=_table_kwargs()
    ) as batch:
        batch.drop_constraint("fk_contracts_document_id_documents", type_="foreignkey")
        batch.drop_constraint("uq_contracts_document_id", type_="unique")
        batch.drop_column("document_id")
    # dropped in place, never by copying the table: a copy made from SQLAlchemy's reflection
    # would lose AUTOINCREMENT (0010) and the expression index ix_clients_visit_plan (0011)
    for name, _length in reversed(CLIENT_COLUMNS):
        op.execute(f"ALTER TABLE clients DROP COLUMN {name}")
