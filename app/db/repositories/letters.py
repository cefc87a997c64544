"""The letters register (收文 and 发文)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from app.db.dialect_sql import like_any_case
from app.db.list_filters import LetterFilter
from app.db.models import Client, Document, Letter


def get(session: Session, letter_id: int) -> Letter | None:
    return session.get(Letter, letter_id)


def list_rows(
    session: Session, flt: LetterFilter, done_status: str | frozenset[str]
) -> list[tuple[Letter, str | None]]:
    """`done_status`: the status (or statuses) of letters that wait for no reply."""
    closed = {done_status} if isinstance(done_status, str) else set(done_status)
    stmt = select(Letter, Client.name).outerjoin(Client, Client.id == Letter.client_id)
    if flt.direction:
        stmt = stmt.where(Letter.direction == flt.direction)
    if flt.client_id is not None:
        stmt = stmt.where(Letter.client_id == flt.client_id)
    if flt.statuses:
        stmt = stmt.where(Letter.status.in_(flt.statuses))
    if flt.text:
        like = f"%{flt.text}%"
        stmt = stmt.where(
            like_any_case(Letter.title, like)
            | like_any_case(Letter.number, like)
            | like_any_case(Letter.counterpart, like)
            | like_any_case(Letter.their_number, like)
        )
    if flt.date_from:
        stmt = stmt.where(Letter.dated_on >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(Letter.dated_on <= flt.date_to)
    if flt.reply_due_before:
        stmt = stmt.where(
            Letter.reply_due.is_not(None),
            Letter.reply_due < flt.reply_due_before,
            Letter.status.not_in(closed),
        )
    stmt = stmt.order_by(Letter.dated_on.desc(), Letter.id.desc())
    return [(letter, name) for letter, name in session.execute(stmt)]


def stream_letters(
    session: Session, client_id: int | None = None
) -> Iterator[tuple[Letter, str | None]]:
    """(letter, client name), only one client's letters when `client_id` is given."""
    stmt = select(Letter, Client.name).outerjoin(Client, Client.id == Letter.client_id)
    if client_id is not None:
        stmt = stmt.where(Letter.client_id == client_id)
    for row in session.execute(stmt.execution_options(yield_per=2000)):
        yield row[0], row[1]


def replies_to(session: Session, letter_id: int) -> list[Letter]:
    """The outgoing letters registered as answering the incoming letter `letter_id`."""
    return list(session.scalars(select(Letter).where(Letter.reply_to_id == letter_id)))


def for_document(session: Session, document_id: int) -> Letter | None:
    return session.scalar(select(Letter).where(Letter.document_id == document_id).limit(1))


def number_holder(session: Session, letter: Letter) -> str | None:
    """Who else holds `letter`'s number: 'letter' (another letter of its direction),
    'document' (for a 发文: a document numbered so, other than the one it registers) or None."""
    others = select(Letter.id).where(
        Letter.direction == letter.direction, Letter.number == letter.number
    )
    if letter.id is not None:
        others = others.where(Letter.id != letter.id)
    if session.scalar(others.limit(1)) is not None:
        return "letter"
    if letter.direction != "out":
        return None
    documents = select(Document.id).where(Document.doc_number == letter.number)
    if letter.document_id is not None:
        documents = documents.where(Document.id != letter.document_id)
    return "document" if session.scalar(documents.limit(1)) is not None else None


def years(session: Session) -> list[int]:
    year = extract("year", Letter.dated_on)
    rows = session.scalars(select(year).distinct().order_by(year.desc()))
    return [int(y) for y in rows if y]
