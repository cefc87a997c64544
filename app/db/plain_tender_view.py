"""What a tender's view reads, from an archive file's plain sqlite3 connection
(app.db.file_reader): the same rows, of the same types, as app.db.repositories.tender_view gives
through a session, for `tender show`, which starts without SQLAlchemy (issue 11)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from app.db.plain_attachments import for_owner
from app.db.plain_values import as_bool, as_date, as_datetime, record

__all__ = [
    "all_days",
    "attachment",
    "client_name",
    "for_owner",
    "get",
    "items",
    "qualification",
    "section_files",
    "sections",
]

TENDER_COLUMNS = (
    "id", "title", "number", "client_id", "agency", "method", "budget_fen", "ceiling_fen",
    "source", "published_on", "documents_deadline", "clarification_deadline", "bid_deadline",
    "opening_place", "evaluation_on", "award_notice_on", "contract_signed_on", "bid_deposit_fen",
    "deposit_paid_on", "deposit_refunded_on", "performance_deposit_fen", "service_fee_fen",
    "status", "winner", "winning_price_fen", "our_price_fen", "lessons", "bid_validity_days",
    "announcement_days", "delivery_period", "notes", "created_at", "updated_at", "version",
)  # fmt: skip
TENDER_TYPES = {
    **dict.fromkeys(
        ("published_on", "evaluation_on", "award_notice_on", "contract_signed_on",
         "deposit_paid_on", "deposit_refunded_on"),
        as_date,
    ),
    **dict.fromkeys(
        ("documents_deadline", "clarification_deadline", "bid_deadline", "created_at",
         "updated_at"),
        as_datetime,
    ),
}  # fmt: skip
ITEM_COLUMNS = ("id", "tender_id", "position", "name", "brand_model", "quantity", "unit",
                "unit_price_fen")  # fmt: skip
SECTION_COLUMNS = ("id", "tender_id", "position", "title", "form", "required", "content")
FILE_COLUMNS = ("id", "section_id", "position", "qualification_id", "attachment_id", "title")
QUALIFICATION_COLUMNS = ("id", "title", "kind", "issuer", "valid_from", "expires_on", "notes",
                         "created_at", "version")  # fmt: skip
QUALIFICATION_TYPES = {"valid_from": as_date, "expires_on": as_date, "created_at": as_datetime}
ATTACHMENT_COLUMNS = ("id", "owner_kind", "owner_id", "sha256", "original_name", "size",
                      "added_at")  # fmt: skip


def _one(connection, table: str, columns: tuple[str, ...], key: object, types: dict):
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?"
    row = connection.execute(sql, (key,)).fetchone()
    return None if row is None else record(row, columns, types)


def _all(connection, sql: str, params: tuple, columns: tuple[str, ...], types: dict) -> list:
    return [record(r, columns, types) for r in connection.execute(sql, params)]


def get(connection, tender_id: int) -> SimpleNamespace | None:
    return _one(connection, "tenders", TENDER_COLUMNS, tender_id, TENDER_TYPES)


def client_name(connection, client_id: int) -> str | None:
    row = connection.execute("SELECT name FROM clients WHERE id = ?", (client_id,)).fetchone()
    return None if row is None else row[0]


def items(connection, tender_id: int) -> list[SimpleNamespace]:
    sql = (
        f"SELECT {', '.join(ITEM_COLUMNS)} FROM tender_items WHERE tender_id = ? ORDER BY position"
    )
    return _all(connection, sql, (tender_id,), ITEM_COLUMNS, {})


def all_days(connection) -> list[tuple[date, str, str]]:
    """(day, kind 休/班, name) of every entered day, in date order."""
    rows = connection.execute("SELECT day, kind, name FROM calendar_days")
    return sorted((as_date(d), kind, name) for d, kind, name in rows)


def sections(connection, tender_id: int) -> list[SimpleNamespace]:
    sql = (
        f"SELECT {', '.join(SECTION_COLUMNS)} FROM packet_sections WHERE tender_id = ?"
        " ORDER BY position, id"
    )
    return _all(connection, sql, (tender_id,), SECTION_COLUMNS, {"required": as_bool})


def section_files(connection, section_id: int) -> list[SimpleNamespace]:
    sql = (
        f"SELECT {', '.join(FILE_COLUMNS)} FROM packet_files WHERE section_id = ?"
        " ORDER BY position, id"
    )
    return _all(connection, sql, (section_id,), FILE_COLUMNS, {})


def qualification(connection, qualification_id: int) -> SimpleNamespace | None:
    return _one(
        connection, "qualifications", QUALIFICATION_COLUMNS, qualification_id, QUALIFICATION_TYPES
    )


def attachment(connection, attachment_id: int) -> SimpleNamespace | None:
    return _one(
        connection, "attachments", ATTACHMENT_COLUMNS, attachment_id, {"added_at": as_datetime}
    )
