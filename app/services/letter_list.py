"""Reading the letters register (收文 and 发文) as a list. On an archive file opened read-only it is
read with sqlite3 alone (app.db.plain_letters: `letters list` starts without SQLAlchemy or the
ORM models, issue 11); otherwise through a session. Either way the same records come out.
app.services.letters registers and edits letters and re-exports these names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.db import plain_letters
from app.db.list_filters import LetterFilter
from app.domain.documents import CLOSED_LETTER_STATUSES, LetterDirection, letter_overdue
from app.services.archive import Archive
from app.services.readers import reader

__all__ = ["LetterFilter", "LetterRow", "letter_row", "list_letters"]


@dataclass(frozen=True)
class LetterRow:
    id: int
    direction: LetterDirection
    number: str
    dated_on: date
    counterpart: str
    their_number: str
    title: str
    copies: int
    handler: str
    status: str
    reply_due: date | None
    archived_on: date | None
    notes: str
    client_id: int | None
    client_name: str
    document_id: int | None
    overdue: bool
    created_at: datetime
    reply_to_id: int | None = None
    version: int = 1  # what a save of an edit of it is checked against (record_versions)


def letter_row(letter, client_name: str | None, today: date) -> LetterRow:
    return LetterRow(
        letter.id,
        LetterDirection(letter.direction),
        letter.number,
        letter.dated_on,
        letter.counterpart,
        letter.their_number,
        letter.title,
        letter.copies,
        letter.handler,
        letter.status,
        letter.reply_due,
        letter.archived_on,
        letter.notes,
        letter.client_id,
        client_name or "",
        letter.document_id,
        letter_overdue(letter.reply_due, letter.status, today),
        letter.created_at,
        letter.reply_to_id,
        letter.version,
    )


def list_letters(archive: Archive, flt: LetterFilter | None = None) -> list[LetterRow]:
    """The register's letters of the filter, newest first."""
    today = archive.today()
    with reader(archive, plain_letters, "letters") as (repo, session):
        rows = repo.list_rows(session, flt or LetterFilter(), CLOSED_LETTER_STATUSES)
        return [letter_row(letter, name, today) for letter, name in rows]
