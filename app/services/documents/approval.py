"""Review and numbering: submit, approve, return and sign; issuing a notice, letter or fax with
its 发文字号 into the outgoing letters register. Each kind counts its own numbers with its own
机关代字, a sequence a year that never goes back (华信通〔2026〕3号 and 华信函〔2026〕3号 are both
third of their year)."""

from __future__ import annotations

from app.db.models import DocumentReview, Letter
from app.db.repositories import documents as repo
from app.db.repositories import settings as settings_repo
from app.domain import documents as rules
from app.domain.documents import (
    FINAL_STATUSES,
    KIND_ZH,
    NUMBERED_KINDS,
    DocStatus,
    DocumentKind,
    LetterStatus,
    ReviewAction,
)
from app.domain.duties import check_not_author
from app.domain.errors import ValidationError
from app.domain.gongwen import sequence_scope
from app.domain.text import clean, clean_multiline
from app.services import approvers, indexing, record_versions
from app.services.archive import Archive
from app.services.documents.records import (
    DocumentRecord,
    index_document,
    load_document,
    record_of,
    version_values,
)
from app.services.documents.registering import register_contract

PREFIX_KEY = "documents.prefix."
NUMBER_SCOPE = "out"  # the counters are out.<kind>.<prefix> (app.domain.gongwen.sequence_scope)


def number_prefixes(archive: Archive) -> dict[DocumentKind, str]:
    with archive.db.read() as session:
        return number_prefixes_in(session)


def number_prefixes_in(session) -> dict[DocumentKind, str]:
    stored = settings_repo.get_prefix(session, PREFIX_KEY)
    return {k: str(stored.get(PREFIX_KEY + k.value, "")) for k in NUMBERED_KINDS}


def next_doc_number(
    archive: Archive, prefix: str, kind: DocumentKind | str = DocumentKind.LETTER
) -> str:
    """The 发文字号 the next issued document of `kind` would get with `prefix` (nothing is
    taken), as the prefix dialog shows it while the prefix is typed: 华信函〔2026〕13号."""
    kind, prefix, year = rules.parse_kind(str(kind)), clean(prefix), archive.today().year
    with archive.db.read() as session:
        seq = repo.last_number(session, sequence_scope(kind.value, prefix), year) + 1
        while repo.number_taken(session, rules.format_doc_number(year, seq, prefix)):
            seq += 1
    return rules.format_doc_number(year, seq, prefix)


def take_doc_number(session, kind: DocumentKind, year: int) -> tuple[str, int]:
    """Takes the next 发文字号 of `kind` with its prefix: its own counter for the year, skipping a
    number another kind with the same prefix already holds. Returns the number and its seq."""
    prefix = number_prefixes_in(session).get(kind, "")
    scope = sequence_scope(kind.value, prefix)
    while True:
        seq = repo.next_number(session, scope, year)
        number = rules.format_doc_number(year, seq, prefix)
        if not repo.number_taken(session, number):
            return number, seq


def save_number_prefix(archive: Archive, kind: DocumentKind | str, prefix: str) -> None:
    """The 机关代字 before the year, e.g. 华信函 for letters: 华信函〔2026〕12号."""
    kind = rules.parse_kind(str(kind))
    prefix = clean(prefix)
    if kind not in NUMBERED_KINDS:
        raise ValidationError("document_kind", "not_numbered", value=KIND_ZH[kind])
    if len(prefix) > 20:
        raise ValidationError("number_prefix", "too_long", limit=20)
    with archive.db.session() as session:
        for other, used in number_prefixes_in(session).items():
            if prefix and other != kind and used == prefix:
                raise ValidationError("number_prefix", "prefix_in_use", value=KIND_ZH[other])
        settings_repo.put(session, PREFIX_KEY + kind.value, prefix)


def review(
    archive: Archive,
    document_id: int,
    action: ReviewAction | str,
    actor: str = "",
    comment: str = "",
    expected_version: int | None = None,
) -> DocumentRecord:
    """Submit, approve, return (a comment is required) or sign; illegal moves raise.

    `expected_version` is the record_version the reviewer acted on (what the window and
    `--if-version` pass): ConflictError, naming who saved or reviewed the document since and
    when, when someone else moved it on meanwhile; nothing is recorded. A step racing another
    on the same document is refused the same way (the engine names who took theirs)."""
    action = ReviewAction(action)
    if action == ReviewAction.EDIT:
        raise ValidationError("document_status", "unknown_kind", value=action.value)
    login = approvers.login_of(archive)
    actor = approvers.actor(archive, actor, login)
    if action in (ReviewAction.APPROVE, ReviewAction.RETURN):
        refusal = approvers.review_refusal(login)
        if refusal is not None:
            raise refusal
    return _review_in(archive, document_id, action, actor, comment, expected_version)


def _review_in(archive, document_id, action, actor, comment, expected) -> DocumentRecord:
    with archive.db.session() as session:
        document = load_document(session, document_id)
        record_versions.check(session, "document", document, expected)
        current = DocStatus(document.status)
        target = rules.next_status(current, action, comment)
        latest = repo.latest_version(session, document_id)
        version = latest.version if latest else 0
        if action == ReviewAction.APPROVE:
            check_not_author(actor, _draft_authors(session, document_id, latest))
        session.add(
            DocumentReview(
                document_id=document.id,
                version=version,
                action=action.value,
                from_status=current.value,
                to_status=target.value,
                actor=clean(actor),
                comment=clean_multiline(comment),
                at=archive.now(),
            )
        )
        document.status = target.value
        if action == ReviewAction.APPROVE:
            document.approved_version = version
        document.updated_at = archive.now()
        session.flush()
        if target in FINAL_STATUSES:  # the 合同 register follows an approved contract
            register_contract(session, archive, document)
        index_document(session, document)
        return record_of(session, document)


def _draft_authors(session, document_id: int, latest) -> list[str]:
    """Who wrote the draft under review: its latest version's author and who submitted it."""
    submits = [r for r in repo.reviews(session, document_id) if r.action == ReviewAction.SUBMIT]
    return [latest.author if latest else "", submits[-1].actor if submits else ""]


def issue_document(archive: Archive, document_id: int, actor: str = "") -> DocumentRecord:
    """Gives an approved notice, letter or fax its 发文字号 (the next of its kind and prefix this
    year, never reused) and enters it in the outgoing letters register."""
    with archive.db.session() as session:
        document = load_document(session, document_id)
        issue_in(archive, session, document, actor)
        return record_of(session, document)


def issue_in(archive: Archive, session, document, actor: str = "") -> Letter:
    """Issues `document` in the caller's unit of work; returns its entry in the register."""
    today = archive.today()
    kind = DocumentKind(document.kind)
    if kind not in NUMBERED_KINDS:
        raise ValidationError("document_kind", "not_numbered", value=KIND_ZH[kind])
    if document.doc_number:
        raise ValidationError("doc_number", "already_issued", value=document.doc_number)
    if DocStatus(document.status) not in FINAL_STATUSES:
        raise ValidationError("document_status", "not_approved", current=document.status)
    document.doc_number, seq = take_doc_number(session, kind, today.year)
    document.number_year, document.number_seq = today.year, seq
    document.issued_on = today
    document.updated_at = archive.now()
    values, _lines = version_values(repo.latest_version(session, document.id))
    counterpart = (
        repo.client_name(session, document.client_id) or values.get("recipient", "") or "—"
    )
    letter = Letter(
        direction="out",
        number=document.doc_number,
        dated_on=today,
        counterpart=counterpart[:200],
        title=document.title,
        copies=1,
        handler=clean(actor),
        status=LetterStatus.SENT.value,
        client_id=document.client_id,
        document_id=document.id,
        created_at=archive.now(),
    )
    session.add(letter)
    session.flush()
    index_document(session, document)
    indexing.reindex(session, [indexing.letter_document(letter, counterpart)])
    return letter
