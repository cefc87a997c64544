"""Clients and their contacts: create, edit, delete, list, with duplicate checks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from types import SimpleNamespace

from app.db.models import Client, ClientTierChange, Contact
from app.db.repositories import clients as repo
from app.domain.enums import ClientStatus, Tier
from app.domain.errors import DuplicateError, NotFoundError
from app.domain.queries import ClientQuery as ClientQuery  # callers build the list's query here
from app.domain.records import ClientDraft, ContactDraft, validate_client, validate_contact
from app.domain.text import name_key, pinyin_keys
from app.services import indexing, record_versions, recycle_bin
from app.services.archive import Archive

# the readers and the records live apart so that a command that only reads them starts
# without the ORM models; every caller finds them here as before
from app.services.client_list import client_rows as client_rows
from app.services.client_list import get_client as get_client
from app.services.client_list import list_client_ids as list_client_ids
from app.services.client_records import ClientRecord as ClientRecord
from app.services.client_records import ClientRow as ClientRow
from app.services.client_records import ContactRecord as ContactRecord
from app.services.client_records import client_record as _record
from app.services.client_records import contact_record as _contact_record

# The orders the client list can be sorted in (ClientQuery.sort).
SORT_KEYS: tuple[str, ...] = tuple(repo.SORTABLE)


def duplicate_of(
    session, draft: ClientDraft, exclude_id: int | None = None
) -> DuplicateError | None:
    """The existing client this draft would double (same USCC, or same folded name)."""
    if draft.uscc:
        same = repo.find_by_uscc(session, draft.uscc)
        if same is not None and same.id != exclude_id:
            return DuplicateError("client", same.id, same.name, "uscc")
    same = repo.find_by_name_key(session, name_key(draft.name))
    if same is not None and same.id != exclude_id:
        return DuplicateError("client", same.id, same.name, "name")
    return None


def _apply(client: Client, draft: ClientDraft) -> None:
    client.name = draft.name
    client.name_key = name_key(draft.name)
    client.sort_key, client.initials = pinyin_keys(draft.name)
    client.uscc = draft.uscc
    client.tier = Tier(draft.tier).value
    client.is_key_account = bool(draft.is_key_account)
    client.industry = draft.industry
    client.region = draft.region
    client.address = draft.address
    client.owner = draft.owner
    client.status = ClientStatus(draft.status).value
    client.source = draft.source
    client.service_policy = draft.service_policy
    client.notes = draft.notes
    client.bank = draft.bank
    client.bank_account = draft.bank_account
    client.invoice_address = draft.invoice_address


def new_client_row(draft: ClientDraft, today: date, now) -> Client:
    """An ORM row for a validated draft (used by create and by the import)."""
    client = Client(created_on=draft.created_on or today, created_at=now, updated_at=now)
    _apply(client, draft)
    return client


class NewRow(SimpleNamespace):
    """A row to insert as plain attributes (None for any column not set): what a large import
    builds instead of ORM objects, whose instrumented attributes cost a third of its writing."""

    def __getattr__(self, name: str) -> None:
        if name.startswith("__"):
            raise AttributeError(name)
        return None


def new_client_values(draft: ClientDraft, today: date, now) -> NewRow:
    """The values of a new client row for a validated draft, for Core bulk inserts."""
    row = NewRow(created_on=draft.created_on or today, created_at=now, updated_at=now)
    _apply(row, draft)
    return row


def new_contact_values(client_id: int, draft: ContactDraft) -> NewRow:
    row = NewRow(client_id=client_id)
    _apply_contact(row, draft)
    return row


def new_contact_row(client_id: int, draft: ContactDraft) -> Contact:
    contact = Contact(client_id=client_id)
    _apply_contact(contact, draft)
    return contact


def create_client(
    archive: Archive, draft: ClientDraft, contacts: Sequence[ContactDraft] = ()
) -> ClientRecord:
    draft = validate_client(draft)
    contact_drafts = [validate_contact(c) for c in contacts]
    with archive.db.session() as session:
        duplicate = duplicate_of(session, draft)
        if duplicate:
            raise duplicate
        client = new_client_row(draft, archive.today(), archive.now())
        session.add(client)
        session.flush()
        rows = [new_contact_row(client.id, c) for c in contact_drafts]
        session.add_all(rows)
        session.flush()
        indexing.reindex(
            session,
            [indexing.client_document(client)]
            + [indexing.contact_document(c, client.name) for c in rows],
        )
        return _record(client, rows)


def update_client(
    archive: Archive, client_id: int, draft: ClientDraft, expected_version: int | None = None
) -> ClientRecord:
    """Saves the client's fields. `expected_version`: the version the person started from; a
    client changed since is refused (ConflictError) and nothing is saved (None: no check)."""
    draft = validate_client(draft)
    with archive.db.session() as session:
        client = _get(session, client_id)
        record_versions.check(session, "client", client, expected_version)
        duplicate = duplicate_of(session, draft, exclude_id=client_id)
        if duplicate:
            raise duplicate
        renamed = client.name != draft.name
        if client.tier != Tier(draft.tier).value:
            session.add(
                ClientTierChange(
                    client_id=client_id,
                    old_tier=client.tier,
                    new_tier=Tier(draft.tier).value,
                    changed_on=archive.today(),
                )
            )
        _apply(client, draft)
        client.created_on = draft.created_on or client.created_on
        client.updated_at = archive.now()
        session.flush()
        if renamed:  # the name is in the documents of its contacts, activities, contracts…
            indexing.reindex(session, indexing.client_documents(session, client_id))
        else:
            indexing.reindex(session, [indexing.client_document(client)])
        return _record(client, repo.contacts_of(session, client_id))


def delete_client(archive: Archive, client_id: int) -> None:
    """Moves the client to the recycle bin with its contacts, activities and attachments.
    Refused while tenders, contracts, receipts or rebates are booked to it."""
    with archive.db.session() as session:
        _get(session, client_id)
        recycle_bin.move_to_bin(archive, session, "client", client_id)


def _get(session, client_id: int) -> Client:
    client = repo.get(session, client_id)
    if client is None:
        raise NotFoundError("client", client_id)
    return client


def client_count(archive: Archive) -> int:
    with archive.db.read() as session:
        return repo.count(session)


def filter_choices(archive: Archive) -> dict[str, list[str]]:
    """The owners, regions and industries in use, for the list's filter boxes."""
    with archive.db.read() as session:
        return {c: repo.distinct_values(session, c) for c in ("owner", "region", "industry")}


def client_id_of_contact(archive: Archive, contact_id: int) -> int | None:
    """Whose contact is this (for opening a contact found by the search)."""
    with archive.db.read() as session:
        return repo.client_id_of_contact(session, contact_id)


def client_named(archive: Archive, name: str) -> tuple[int, str] | None:
    """(id, name) of the client whose name is `name` exactly, as duplicates are told apart
    (full-width or half-width, spaces and case aside); None when there is none."""
    key = name_key(name or "")
    if not key:
        return None
    with archive.db.read() as session:
        client = repo.find_by_name_key(session, key)
        return None if client is None else (client.id, client.name)


def _apply_contact(contact: Contact, draft: ContactDraft) -> None:
    contact.name = draft.name
    contact.title = draft.title
    contact.mobile = draft.mobile
    contact.phone = draft.phone
    contact.email = draft.email
    contact.birthday = draft.birthday
    contact.is_decision_maker = bool(draft.is_decision_maker)
    contact.notes = draft.notes


def add_contact(archive: Archive, client_id: int, draft: ContactDraft) -> ContactRecord:
    draft = validate_contact(draft)
    with archive.db.session() as session:
        client = _get(session, client_id)
        contact = new_contact_row(client_id, draft)
        session.add(contact)
        session.flush()
        indexing.reindex(session, [indexing.contact_document(contact, client.name)])
        return _contact_record(contact)


def update_contact(
    archive: Archive, contact_id: int, draft: ContactDraft, expected_version: int | None = None
) -> ContactRecord:
    """Saves the contact; refused when it changed after `expected_version` (see update_client)."""
    draft = validate_contact(draft)
    with archive.db.session() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFoundError("contact", contact_id)
        record_versions.check(session, "contact", contact, expected_version)
        _apply_contact(contact, draft)
        session.flush()
        indexing.reindex(session, [indexing.contact_document(contact, contact.client.name)])
        return _contact_record(contact)


def delete_contact(archive: Archive, contact_id: int) -> None:
    with archive.db.session() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFoundError("contact", contact_id)
        recycle_bin.move_to_bin(archive, session, "contact", contact_id)
