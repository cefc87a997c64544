"""Documents (agreements, notices, letters, faxes), their versions and reviews, templates, and
the yearly number sequences."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.dialect_sql import like_any_case
from app.db.list_filters import DocumentFilter
from app.db.models import (
    Client,
    Contact,
    Document,
    DocumentReview,
    DocumentTemplate,
    DocumentVersion,
    Letter,
    NumberSequence,
)


def get(session: Session, document_id: int) -> Document | None:
    return session.get(Document, document_id)


def list_rows(session: Session, flt: DocumentFilter) -> list[tuple[Document, str | None]]:
    stmt = select(Document, Client.name).outerjoin(Client, Client.id == Document.client_id)
    if flt.statuses:
        stmt = stmt.where(Document.status.in_(flt.statuses))
    if flt.kinds:
        stmt = stmt.where(Document.kind.in_(flt.kinds))
    if flt.client_id is not None:
        stmt = stmt.where(Document.client_id == flt.client_id)
    if flt.text:
        like = f"%{flt.text}%"
        stmt = stmt.where(
            like_any_case(Document.title, like)
            | like_any_case(Document.doc_number, like)
            | like_any_case(Client.name, like)
        )
    stmt = stmt.order_by(Document.updated_at.desc(), Document.id.desc())
    return [(d, name) for d, name in session.execute(stmt)]


def versions(session: Session, document_id: int) -> list[DocumentVersion]:
    return list(
        session.scalars(
            select(DocumentVersion)
            .where(DocumentVersion.document_id == document_id)
            .order_by(DocumentVersion.version)
        )
    )


def version(session: Session, document_id: int, number: int) -> DocumentVersion | None:
    return session.scalar(
        select(DocumentVersion).where(
            DocumentVersion.document_id == document_id, DocumentVersion.version == number
        )
    )


def latest_version(session: Session, document_id: int) -> DocumentVersion | None:
    return session.scalar(
        select(DocumentVersion)
        .where(DocumentVersion.document_id == document_id)
        .order_by(DocumentVersion.version.desc())
        .limit(1)
    )


def reviews(session: Session, document_id: int) -> list[DocumentReview]:
    return list(
        session.scalars(
            select(DocumentReview)
            .where(DocumentReview.document_id == document_id)
            .order_by(DocumentReview.at, DocumentReview.id)
        )
    )


def last_review(session: Session, document_id: int, action: str) -> DocumentReview | None:
    return session.scalar(
        select(DocumentReview)
        .where(DocumentReview.document_id == document_id, DocumentReview.action == action)
        .order_by(DocumentReview.at.desc(), DocumentReview.id.desc())
        .limit(1)
    )


def client_name(session: Session, client_id: int | None) -> str | None:
    if client_id is None:
        return None
    return session.scalar(select(Client.name).where(Client.id == client_id))


def client(session: Session, client_id: int | None) -> Client | None:
    return None if client_id is None else session.get(Client, client_id)


def contact(session: Session, contact_id: int | None) -> Contact | None:
    return None if contact_id is None else session.get(Contact, contact_id)


def templates(session: Session) -> list[DocumentTemplate]:
    return list(session.scalars(select(DocumentTemplate).order_by(DocumentTemplate.key)))


def template(session: Session, key: str) -> DocumentTemplate | None:
    return session.scalar(select(DocumentTemplate).where(DocumentTemplate.key == key))


def last_number(session: Session, scope: str, year: int) -> int:
    """The last number taken of the sequence (0 before the first); takes nothing."""
    row = session.get(NumberSequence, (scope, year))
    return 0 if row is None else row.last


def next_number(session: Session, scope: str, year: int) -> int:
    """Takes the next number of the sequence; the counter only ever goes up."""
    row = session.get(NumberSequence, (scope, year))
    if row is None:
        row = NumberSequence(scope=scope, year=year, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return row.last


def number_taken(session: Session, number: str) -> bool:
    """A 发文字号 already on a document or on an outgoing letter."""
    on_document = select(Document.id).where(Document.doc_number == number).limit(1)
    on_letter = select(Letter.id).where(Letter.direction == "out", Letter.number == number).limit(1)
    return session.scalar(on_document) is not None or session.scalar(on_letter) is not None


def count_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(Document.status, func.count()).group_by(Document.status))
    return {status: count for status, count in rows}


def stream_documents(
    session: Session, client_id: int | None = None
) -> Iterator[tuple[Document, str | None, str]]:
    """Every document (only one client's when `client_id` is given) with its client's name and
    the typed values of its latest version."""
    latest = select(DocumentVersion.document_id, func.max(DocumentVersion.version).label("v"))
    if client_id is not None:
        mine = select(Document.id).where(Document.client_id == client_id)
        latest = latest.where(DocumentVersion.document_id.in_(mine))
    latest = latest.group_by(DocumentVersion.document_id).subquery()
    stmt = (
        select(Document, Client.name, DocumentVersion.values)
        .outerjoin(Client, Client.id == Document.client_id)
        .outerjoin(latest, latest.c.document_id == Document.id)
        .outerjoin(
            DocumentVersion,
            (DocumentVersion.document_id == Document.id) & (DocumentVersion.version == latest.c.v),
        )
    )
    if client_id is not None:
        stmt = stmt.where(Document.client_id == client_id)
    for row in session.execute(stmt.execution_options(yield_per=2000)):
        yield row[0], row[1], row[2] or ""


def ids_for_client(session: Session, client_id: int) -> Sequence[int]:
    return list(session.scalars(select(Document.id).where(Document.client_id == client_id)))
