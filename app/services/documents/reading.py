"""What filling in and printing a document read from the archive, by either reader.

An archive file opened read-only (`pdf document`, `document text` ...) is read with sqlite3 alone
(app.db.plain_documents: neither SQLAlchemy nor the ORM models are imported, 0.3 s of a 0.5 s
goal, issue 11); a writable archive, the window's and a team archive on PostgreSQL through a
session and the repositories. Both give the same plain facts, from which
app.services.documents.filling computes the filled-in values without reading anything."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING

from app.db import plain_documents as plain
from app.db.plain_documents import ClientFacts, ContactFacts, DocumentFacts, VersionFacts
from app.domain.documents import ContractLine, ReviewAction, load_values
from app.domain.errors import NotFoundError
from app.services import settings
from app.services.archive import Archive
from app.services.settings import CompanySettings

if TYPE_CHECKING:
    from app.db.models import DocumentVersion


@dataclass(frozen=True)
class FillSources:
    """What filling a document in takes from the archive besides the document and its version."""

    company: CompanySettings
    client: ClientFacts | None
    contact: ContactFacts | None
    signed_on: date | None  # the day of its latest 签订 step (counts while it is signed)
    today: date


@dataclass(frozen=True)
class DocumentSource:
    """One version of a document with everything its filling-in reads."""

    document: DocumentFacts
    version: int
    body: str
    values: dict[str, str]
    lines: tuple[ContractLine, ...]
    sources: FillSources


def read_document(archive: Archive, document_id: int, version: int | None = None) -> DocumentSource:
    """Version `version` of the document (None: its latest) and what filling it in reads;
    NotFoundError for a document or a version that is not there."""
    reader = archive.plain()
    if reader is not None:
        with reader.connection() as connection, plain.snapshot(connection):
            return _read_plain(archive, connection, document_id, version)
    with archive.db.read() as session:
        return read_in_session(archive, session, document_id, version)


def _read_plain(archive: Archive, connection, document_id: int, number: int | None):
    document = plain.document(connection, document_id)
    if document is None:
        raise NotFoundError("document", document_id)
    row = plain.version(connection, document_id, number)
    if row is None:
        raise NotFoundError("document_version", f"{document_id}/v{number}")
    sources = FillSources(
        settings.company(archive),
        plain.client(connection, document.client_id),
        plain.contact(connection, document.contact_id),
        plain.last_review_day(connection, document.id, ReviewAction.SIGN.value),
        archive.today(),
    )
    return _source(document, row, sources)


def read_in_session(archive: Archive, session, document_id: int, number: int | None):
    from app.services.documents.records import load_document  # the ORM models

    document = facts_of(DocumentFacts, load_document(session, document_id))
    row = version_row(session, document_id, number)
    version = VersionFacts(row.version, row.body, row.values)
    return _source(document, version, sources_in_session(archive, session, document))


def sources_in_session(archive: Archive, session, document) -> FillSources:
    """What filling `document` in reads (a saved document, or an editor's unsaved state with
    its client_id, contact_id and id), through `session`."""
    from app.db.repositories import documents as repo

    signed = None
    if document.id is not None:
        signed = repo.last_review(session, document.id, ReviewAction.SIGN.value)
    return FillSources(
        settings.company(archive),
        facts_of(ClientFacts, repo.client(session, document.client_id)),
        facts_of(ContactFacts, repo.contact(session, document.contact_id)),
        signed.at.date() if signed is not None else None,
        archive.today(),
    )


def version_row(session, document_id: int, number: int | None) -> DocumentVersion:
    """Version `number` of the document (None: its latest); NotFoundError if there is none."""
    from app.db.repositories import documents as repo

    if number is None:
        row = repo.latest_version(session, document_id)
    else:
        row = repo.version(session, document_id, number)
    if row is None:
        raise NotFoundError("document_version", f"{document_id}/v{number}")
    return row


def facts_of(kind: type, record: object | None):
    """A record read through the ORM as the plain facts the plain reader gives of it."""
    if record is None:
        return None
    return kind(**{f.name: getattr(record, f.name) for f in fields(kind)})


def _source(document: DocumentFacts, row: VersionFacts, sources: FillSources) -> DocumentSource:
    values, lines = load_values(row.values)
    return DocumentSource(document, row.version, row.body, values, lines, sources)
