"""What a client and its contacts are to the rest of the program: the records and the list's
rows, made from the ORM's objects or from a plain reader's rows alike (app.services.client_list
reads them without SQLAlchemy on an archive file opened read-only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date

from app.domain.enums import ClientStatus, Tier
from app.domain.records import ClientDraft, ContactDraft


@dataclass(frozen=True)
class ContactRecord:
    id: int
    client_id: int
    name: str
    title: str
    mobile: str | None
    phone: str | None
    email: str | None
    birthday: date | None
    is_decision_maker: bool
    notes: str
    version: int = 1  # what a save of an edit of it is checked against (record_versions)

    def draft(self) -> ContactDraft:
        values = asdict(self)
        for key in ("id", "client_id", "version"):
            values.pop(key)
        return ContactDraft(**values)


@dataclass(frozen=True)
class ClientRecord:
    id: int
    name: str
    uscc: str | None
    tier: Tier
    is_key_account: bool
    industry: str
    region: str
    address: str
    owner: str
    status: ClientStatus
    source: str
    created_on: date
    service_policy: str
    notes: str
    last_visit_on: date | None
    contacts: tuple[ContactRecord, ...] = ()
    bank: str = ""
    bank_account: str = ""
    invoice_address: str = ""
    version: int = 1  # what a save of an edit of it is checked against (record_versions)

    def draft(self) -> ClientDraft:
        values = asdict(self)
        for key in ("id", "last_visit_on", "contacts", "version"):
            values.pop(key)
        return ClientDraft(**values)


@dataclass(frozen=True)
class ClientRow:
    """One line of the client list."""

    id: int
    name: str
    uscc: str | None
    tier: str
    is_key_account: bool
    industry: str
    region: str
    owner: str
    status: str
    created_on: date
    last_visit_on: date | None
    version: int = 1


def contact_record(contact) -> ContactRecord:
    """The record of a contact row: the model's object, or a plain reader's row."""
    return ContactRecord(
        contact.id,
        contact.client_id,
        contact.name,
        contact.title,
        contact.mobile,
        contact.phone,
        contact.email,
        contact.birthday,
        contact.is_decision_maker,
        contact.notes,
        contact.version,
    )


def client_record(client, contacts: Sequence = ()) -> ClientRecord:
    """The record of a client row and its contacts' (the model's objects or a plain reader's
    rows: read by attribute either way)."""
    return ClientRecord(
        client.id,
        client.name,
        client.uscc,
        Tier(client.tier),
        client.is_key_account,
        client.industry,
        client.region,
        client.address,
        client.owner,
        ClientStatus(client.status),
        client.source,
        client.created_on,
        client.service_policy,
        client.notes,
        client.last_visit_on,
        tuple(contact_record(c) for c in contacts),
        client.bank or "",
        client.bank_account or "",
        client.invoice_address or "",
        client.version,
    )
