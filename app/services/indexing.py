"""What each record says to the global search index, and refilling the index from the archive.

Each bounded context describes its records with a `*_document` function here and calls
`reindex` when it writes; `rebuild` refills the whole index (app.services.search reads it).
Everything here works inside the caller's unit of work (a session) and knows nothing of the
Archive, so opening an archive can rebuild an out-of-date index without depending on the
services that write records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from app.db import search_index as index
from app.db import search_terms
from app.db.models import Activity, Client, Contact, Qualification, Tender
from app.db.repositories import activities as activity_repo
from app.db.repositories import clients as client_repo
from app.db.repositories import documents as document_repo
from app.db.repositories import letters as letter_repo
from app.db.repositories import minutes as minutes_repo
from app.db.repositories import news as news_repo
from app.db.repositories import sales as sales_repo
from app.db.repositories import settings as settings_repo
from app.db.repositories import tenders as tender_repo
from app.db.search_index import Document
from app.domain.documents import KIND_ZH, DocumentKind, search_text
from app.domain.enums import ACTIVITY_KIND_ZH, ActivityKind
from app.domain.money import fen_to_yuan, format_yuan
from app.domain.rebates import STATUS_LABELS, RebateStatus
from app.domain.text import pinyin_initials

# The index's version, raised (in app.db.search_terms, where a plain reader asks whether the
# index is current) when a kind is added or a document changes shape: an archive indexed by an
# older version is reindexed once when it is opened (app.services.archive).
INDEX_VERSION = search_terms.INDEX_VERSION
INDEX_VERSION_KEY = search_terms.INDEX_VERSION_KEY
REBUILD_NEEDED_KEY = search_terms.REBUILD_NEEDED_KEY


def client_document(client: Client) -> Document:
    body = " ".join(
        filter(
            None,
            [
                client.uscc,
                client.industry,
                client.region,
                client.address,
                client.owner,
                client.notes,
            ],
        )
    )
    return Document("client", client.id, client.name, body, pinyin_initials(client.name))


def contact_document(contact: Contact, client_name: str) -> Document:
    title = f"{contact.name}({client_name})"
    body = " ".join(
        filter(None, [contact.title, contact.mobile, contact.phone, contact.email, contact.notes])
    )
    return Document("contact", contact.id, title, body, pinyin_initials(contact.name))


def activity_document(activity: Activity, client_name: str) -> Document:
    kind = ACTIVITY_KIND_ZH.get(ActivityKind(activity.kind), activity.kind)
    title = f"{activity.subject}"
    body = " ".join(
        filter(
            None,
            [
                f"{kind} {client_name} {activity.started_at:%Y-%m-%d}",
                activity.participants,
                activity.notes,
                activity.outcome,
                activity.next_step,
                activity.resolution,
            ],
        )
    )
    return Document("activity", activity.id, title, body)


def tender_document(tender: Tender, client_name: str) -> Document:
    body = " ".join(
        filter(
            None,
            [
                tender.number,
                client_name,
                tender.agency,
                tender.method,
                tender.status,
                tender.winner,
                tender.notes,
            ],
        )
    )
    return Document("tender", tender.id, tender.title, body, pinyin_initials(tender.title))


def qualification_document(qualification: Qualification) -> Document:
    body = " ".join(filter(None, [qualification.kind, qualification.issuer, qualification.notes]))
    return Document(
        "qualification",
        qualification.id,
        qualification.title,
        body,
        pinyin_initials(qualification.title),
    )


# --- the whole index --------------------------------------------------------------------------


def out_of_date(session) -> bool:
    """True when the index was made by an older version, or a restore asked for a rebuild."""
    found = settings_repo.get_prefix(session, "search.")  # both keys in one read
    return bool(found.get(REBUILD_NEEDED_KEY)) or found.get(INDEX_VERSION_KEY) != INDEX_VERSION


def rebuild(session) -> int:
    """Refills the whole index inside the caller's unit of work; returns how many documents."""
    index.clear(session)
    total = index.index_documents(session, _documents(session, activities=False), fresh=True)
    settings_repo.delete(session, REBUILD_NEEDED_KEY)
    settings_repo.put(session, INDEX_VERSION_KEY, INDEX_VERSION)
    return total


def all_documents(session) -> Iterator[Document]:
    return _documents(session)


def client_documents(session, client_id: int) -> Iterator[Document]:
    """The documents of one client and of everything that carries its name: contacts,
    activities, tenders it purchases, documents, letters, contracts, receipts, rebates,
    meetings and news. Built as `rebuild` builds them, so reindexing these after a rename leaves the
    index as a full rebuild would."""
    return _documents(session, client_id)


def _documents(
    session, client_id: int | None = None, *, activities: bool = True
) -> Iterator[Document]:
    """Every document, or (with `client_id`) those of one client and its linked records;
    qualifications and action items name no client. activities=False: the activities are
    added by SQLite itself where they come (a rebuild, _activity_documents_in_sql), with
    the ids they would have had here."""
    for client in client_repo.stream_all(session, client_id=client_id):
        yield client_document(client)
    for contact, client_name in client_repo.stream_contacts(session, client_id=client_id):
        yield contact_document(contact, client_name)
    if activities:
        for activity, client_name in activity_repo.stream_all(session, client_id=client_id):
            yield activity_document(activity, client_name)
    else:
        names = {kind.value: name for kind, name in ACTIVITY_KIND_ZH.items()}
        yield index.Selected("activity", *activity_repo.search_document_rows(names))
    for tender, client_name in tender_repo.stream_tenders(session, client_id=client_id):
        yield tender_document(tender, client_name)
    if client_id is None:
        for qualification in tender_repo.stream_qualifications(session):
            yield qualification_document(qualification)
    yield from _document_and_letter_documents(session, client_id)
    yield from sales_documents(session, client_id)
    yield from _minutes_documents(session, client_id)
    for news, client_name in news_repo.stream(session, client_id):
        yield news_document(news, client_name)


def reindex(session, docs: Iterable[Document]) -> None:
    index.index_documents(session, docs)


def unindex(session, kind: str, ids: list[int]) -> None:
    index.remove_documents(session, kind, ids)


# --- documents and letters (issue 4) ---


def document_document(document, client_name: str | None, values: str = "") -> Document:
    """An agreement, notice, letter or fax: title, 发文字号, client, kind, status and the values
    typed into its latest version (a contract number, a delivery place)."""
    kind = KIND_ZH.get(DocumentKind(document.kind), document.kind)
    parts = [document.doc_number, client_name, kind, document.status, values]
    body = " ".join(filter(None, parts))
    return Document("document", document.id, document.title, body, pinyin_initials(document.title))


def letter_document(letter, client_name: str | None) -> Document:
    """A registered incoming or outgoing letter."""
    direction = "收文" if letter.direction == "in" else "发文"
    body = " ".join(
        filter(
            None,
            [
                letter.number,
                letter.their_number,
                letter.counterpart,
                client_name if client_name != letter.counterpart else "",
                direction,
                letter.handler,
                letter.status,
                letter.notes,
            ],
        )
    )
    return Document("letter", letter.id, letter.title, body, pinyin_initials(letter.title))


def _document_and_letter_documents(session, client_id: int | None = None) -> Iterator[Document]:
    for document, client_name, values in document_repo.stream_documents(session, client_id):
        yield document_document(document, client_name, search_text(values))
    for letter, client_name in letter_repo.stream_letters(session, client_id):
        yield letter_document(letter, client_name)


# --- contracts and rebates (issue 5) ---


def contract_document(contract, client_name: str, products: list[str]) -> Document:
    """A contract: number, client, products, owner, signed date."""
    body = " ".join(
        filter(None, [client_name, " ".join(products), contract.owner, f"{contract.signed_on}"])
    )
    return Document("contract", contract.id, f"合同 {contract.number}", body)


def receipt_document(receipt, client_name: str, contract_number: str | None) -> Document:
    """A receipt: client, date and amount in the title; contract number, method and notes."""
    amount = format_yuan(fen_to_yuan(receipt.amount_fen))
    title = f"回款 {client_name} {receipt.received_on} ¥{amount}"
    body = " ".join(filter(None, [contract_number, receipt.method, receipt.notes, "回款"]))
    return Document("receipt", receipt.id, title, body, pinyin_initials(client_name))


def rebate_document(rebate, client_name: str) -> Document:
    """A rebate application: client, period, status."""
    status = STATUS_LABELS.get(RebateStatus(rebate.status), rebate.status)
    title = f"销售返点 {client_name} {rebate.period_start}至{rebate.period_end}"
    body = " ".join(filter(None, [client_name, status, rebate.applicant, "返点"]))
    return Document("rebate", rebate.id, title, body, pinyin_initials(client_name))


def sales_documents(session, client_id: int | None = None) -> Iterator[Document]:
    contracts = list(sales_repo.stream_contracts(session, client_id=client_id))
    products = sales_repo.products_of(session, [c.id for c, _ in contracts])
    for contract, client_name in contracts:
        yield contract_document(contract, client_name, products.get(contract.id, []))
    for receipt, client_name, number in sales_repo.stream_receipts(session, client_id=client_id):
        yield receipt_document(receipt, client_name, number)
    for rebate, client_name in sales_repo.stream_rebates(session, client_id=client_id):
        yield rebate_document(rebate, client_name)


# --- meeting minutes and action items (issue 4) ---


def meeting_document(meeting, decisions: list[str], client_names: list[str]) -> Document:
    """Minutes: title, time, place, people, clients, agenda and decisions."""
    body = " ".join(
        filter(
            None,
            [
                f"会议纪要 {meeting.held_at:%Y-%m-%d}",
                meeting.place,
                meeting.host,
                meeting.attendees,
                meeting.observers,
                " ".join(client_names),
                meeting.agenda,
                " ".join(decisions),
            ],
        )
    )
    return Document("meeting", meeting.id, meeting.title, body, pinyin_initials(meeting.title))


def action_document(action, meeting_title: str) -> Document:
    """An action item: task, owner, helpers, status, result and its meeting."""
    due = f"完成时限 {action.due_on:%Y-%m-%d}" if action.due_on else ""
    body = " ".join(
        filter(
            None,
            [action.owner, action.helpers, action.status, due, action.result, meeting_title],
        )
    )
    return Document("action", action.id, action.task[:120], body)


def _minutes_documents(session, client_id: int | None = None) -> Iterator[Document]:
    for meeting, decisions, client_names in minutes_repo.stream_meetings(session, client_id):
        yield meeting_document(meeting, decisions, client_names)
    if client_id is None:  # an action item carries its meeting's title, no client name
        for action, meeting_title in minutes_repo.stream_actions(session):
            yield action_document(action, meeting_title)


# --- 客户动态 (issue 13) ---


def news_document(news, client_name: str) -> Document:
    """A client news item: its title; client, date, source, note and link in the body."""
    body = " ".join(
        filter(
            None,
            [client_name, f"客户动态 {news.published_on}", news.source, news.notes, news.url],
        )
    )
    return Document("news", news.id, news.title, body, pinyin_initials(news.title))
