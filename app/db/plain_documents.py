"""What printing a document reads from an archive file, with the standard library's sqlite3 alone
(app.db.file_reader): the document, its latest version, its client and contact, the day it was
signed. `pdf document` on an archive file thus starts without SQLAlchemy and the ORM models
(about 0.3 s, issue 11); a session reads the same facts through the repositories
(app.services.documents.reading), and both feed the same filling-in.

Dates are stored by SQLAlchemy's SQLite types as ISO text ('2026-11-26', '2026-11-26
10:00:00.000000'); they are read back as dates here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, datetime


@dataclass(frozen=True)
class DocumentFacts:
    """The columns of a document that printing uses."""

    id: int
    kind: str
    title: str
    client_id: int | None
    contact_id: int | None
    status: str
    doc_number: str | None
    issued_on: date | None
    approved_version: int | None


@dataclass(frozen=True)
class VersionFacts:
    version: int
    body: str
    values: str  # the typed values and contract lines as stored (app.domain.documents)


@dataclass(frozen=True)
class ClientFacts:
    """What a document prints of its client (开票信息 included)."""

    name: str
    uscc: str | None
    address: str
    region: str
    bank: str | None
    bank_account: str | None
    invoice_address: str | None


@dataclass(frozen=True)
class ContactFacts:
    name: str
    title: str
    mobile: str | None
    phone: str | None
    email: str | None


def _columns(kind: type) -> str:
    """The facts' columns, quoted ('values' is an SQL keyword)."""
    return ", ".join(f'"{f.name}"' for f in fields(kind))


def _day(value: object) -> date | None:
    """A stored Date or DateTime as the day (SQLite keeps both as ISO text)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@contextmanager
def snapshot(connection) -> Iterator[object]:
    """One read transaction: what is read inside it is of one moment (a writer committing in
    between is not half seen). Within a transaction already begun, that one."""
    began = not connection.in_transaction
    if began:
        connection.execute("BEGIN")
    try:
        yield connection
    finally:
        if began and connection.in_transaction:
            connection.rollback()


def document(connection, document_id: int) -> DocumentFacts | None:
    row = connection.execute(
        f"SELECT {_columns(DocumentFacts)} FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    if row is None:
        return None
    *head, issued_on, approved_version = row
    return DocumentFacts(*head, _day(issued_on), approved_version)


def version(connection, document_id: int, number: int | None) -> VersionFacts | None:
    """Version `number` of the document; None: its latest."""
    select = f"SELECT {_columns(VersionFacts)} FROM document_versions WHERE document_id = ?"
    if number is None:
        row = connection.execute(f"{select} ORDER BY version DESC LIMIT 1", (document_id,))
    else:
        row = connection.execute(f"{select} AND version = ?", (document_id, number))
    found = row.fetchone()
    return None if found is None else VersionFacts(*found)


def client(connection, client_id: int | None) -> ClientFacts | None:
    if client_id is None:
        return None
    row = connection.execute(
        f"SELECT {_columns(ClientFacts)} FROM clients WHERE id = ?", (client_id,)
    ).fetchone()
    return None if row is None else ClientFacts(*row)


def contact(connection, contact_id: int | None) -> ContactFacts | None:
    if contact_id is None:
        return None
    row = connection.execute(
        f"SELECT {_columns(ContactFacts)} FROM contacts WHERE id = ?", (contact_id,)
    ).fetchone()
    return None if row is None else ContactFacts(*row)


def last_review_day(connection, document_id: int, action: str) -> date | None:
    """The day of the document's latest review step `action` (the 签订 step: the day signed),
    as repositories.documents.last_review orders them."""
    row = connection.execute(
        "SELECT at FROM document_reviews WHERE document_id = ? AND action = ?"
        " ORDER BY at DESC, id DESC LIMIT 1",
        (document_id, action),
    ).fetchone()
    return None if row is None else _day(row[0])
