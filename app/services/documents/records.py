"""A document as plain data (its rows in lists, the whole record with versions and reviews),
reading documents, and the search entry every write refreshes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from app.db.models import Document, DocumentVersion
from app.db.repositories import documents as repo
from app.domain import documents as rules
from app.domain.documents import (
    FINAL_STATUSES,
    NUMBERED_KINDS,
    ContractLine,
    DocStatus,
    DocumentKind,
    ReviewAction,
    load_values,
    search_text,
)
from app.domain.errors import NotFoundError
from app.domain.text import strip_invisible
from app.services.archive import Archive


@dataclass(frozen=True)
class VersionRecord:
    version: int
    author: str
    note: str
    created_at: datetime


@dataclass(frozen=True)
class ReviewRecord:
    version: int
    action: str
    from_status: str
    to_status: str
    actor: str
    comment: str
    at: datetime
    id: int = 0  # the step's own id (a list of steps tells them apart by it)


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    kind: DocumentKind
    title: str
    template_key: str
    client_id: int | None
    client_name: str
    contact_id: int | None
    status: DocStatus
    doc_number: str
    issued_on: date | None
    approved_version: int | None
    version: int
    body: str
    values: dict[str, str]
    lines: tuple[ContractLine, ...]
    versions: tuple[VersionRecord, ...]
    reviews: tuple[ReviewRecord, ...]
    created_at: datetime
    updated_at: datetime
    contract_id: int | None = None  # its contract in the 合同 register (once approved)
    contract_number: str = ""
    # the row's optimistic-concurrency version (issue 14 §3): moves with every save and review
    # step; a save made on an older one is refused (save_document's expected_version)
    record_version: int = 0

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    @property
    def actions(self) -> list[ReviewAction]:
        """Review actions possible now (editing aside)."""
        return [a for a in rules.allowed_actions(self.status) if a != ReviewAction.EDIT]

    @property
    def editable(self) -> bool:
        return ReviewAction.EDIT in rules.allowed_actions(self.status)

    @property
    def can_send(self) -> bool:
        """登记发文: an approved (or signed) notice, letter or fax, numbered or not yet."""
        return self.kind in NUMBERED_KINDS and self.status in FINAL_STATUSES

    @property
    def can_issue(self) -> bool:
        return self.kind in NUMBERED_KINDS and self.status in FINAL_STATUSES and not self.doc_number


@dataclass(frozen=True)
class Edit:
    """What a save changes; None leaves a part as it is."""

    title: str | None = None
    body: str | None = None
    values: Mapping[str, str] | None = None
    lines: Sequence[ContractLine] | None = None
    client_id: int | None = field(default=None)
    contact_id: int | None = field(default=None)
    relink: bool = False  # True: client_id/contact_id are set as given (None unlinks)


def version_values(
    version: DocumentVersion | None,
) -> tuple[dict[str, str], tuple[ContractLine, ...]]:
    return load_values(version.values if version is not None else "")


def record_of(session, document: Document) -> DocumentRecord:
    versions = repo.versions(session, document.id)
    latest = versions[-1] if versions else None
    values, lines = version_values(latest)
    return DocumentRecord(
        document.id,
        DocumentKind(document.kind),
        document.title,
        document.template_key,
        document.client_id,
        repo.client_name(session, document.client_id) or "",
        document.contact_id,
        DocStatus(document.status),
        document.doc_number or "",
        document.issued_on,
        document.approved_version,
        latest.version if latest else 0,
        latest.body if latest else "",
        values,
        lines,
        tuple(VersionRecord(v.version, v.author, v.note, v.created_at) for v in versions),
        tuple(
            ReviewRecord(
                r.version, r.action, r.from_status, r.to_status, r.actor, r.comment, r.at, r.id
            )
            for r in repo.reviews(session, document.id)
        ),
        document.created_at,
        document.updated_at,
        *_contract_of(session, document.id),
        record_version=document.version,
    )


def _contract_of(session, document_id: int) -> tuple[int | None, str]:
    # here, not at the top: the sales repository brings the history's labels of every record
    # type, which printing a document never needs (issue 11)
    from app.db.repositories import sales as sales_repo

    contract = sales_repo.contract_of_document(session, document_id)
    return (contract.id, contract.number) if contract is not None else (None, "")


def load_document(session, document_id: int) -> Document:
    document = repo.get(session, document_id)
    if document is None:
        raise NotFoundError("document", document_id)
    return document


def clean_values(values: Mapping[str, object] | None) -> dict[str, str]:
    """The placeholders' values as typed, without control or zero-width characters (a NUL
    pasted into one is stored by neither back end); empty ones dropped."""
    cleaned = {str(k): strip_invisible(str(v or "")).strip() for k, v in (values or {}).items()}
    return {k: v for k, v in cleaned.items() if v}


def index_document(session, document: Document) -> None:
    from app.services import indexing  # the search index's writers, when a document is saved

    latest = repo.latest_version(session, document.id)
    name = repo.client_name(session, document.client_id)
    values = latest.values if latest else ""
    indexing.reindex(session, [indexing.document_document(document, name, search_text(values))])


def get_document(archive: Archive, document_id: int) -> DocumentRecord:
    with archive.db.read() as session:
        return record_of(session, load_document(session, document_id))


def status_counts(archive: Archive) -> dict[str, int]:
    with archive.db.read() as session:
        return repo.count_by_status(session)
