"""The document list (`documents list` and the window's 文书 list). On an archive file opened
read-only it is read with sqlite3 alone (app.db.plain_document_list: no SQLAlchemy or ORM
models, issue 11); otherwise through a session. Either way the same records come out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.db import plain_document_list
from app.db.list_filters import DocumentFilter
from app.domain.documents import DocStatus, DocumentKind
from app.services.archive import Archive
from app.services.readers import reader


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: DocumentKind
    title: str
    client_id: int | None
    client_name: str
    status: DocStatus
    doc_number: str
    issued_on: date | None
    updated_at: datetime


def row_of(document, client_name: str | None) -> DocumentRow:
    return DocumentRow(
        document.id,
        DocumentKind(document.kind),
        document.title,
        document.client_id,
        client_name or "",
        DocStatus(document.status),
        document.doc_number or "",
        document.issued_on,
        document.updated_at,
    )


def list_documents(archive: Archive, flt: DocumentFilter | None = None) -> list[DocumentRow]:
    """The documents of the filter, last changed first."""
    with reader(archive, plain_document_list, "documents") as (repo, session):
        return [row_of(d, name) for d, name in repo.list_rows(session, flt or DocumentFilter())]
