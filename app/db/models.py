"""ORM models. Migrations never import this module: they describe tables with literals."""

from __future__ import annotations

import sys
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _derived(length: int):
    """A key the app derives from what a person typed (pinyin initials and sort keys, a search
    document's title): VARCHAR(length) on SQLite, which never enforced it, and unbounded TEXT
    on PostgreSQL (revisions 0025 and 0027), which would refuse a long one."""
    return String(length).with_variant(Text(), "postgresql")


# Money in fen: SQLite's INTEGER is 64-bit, PostgreSQL's is not (revision 0024: BIGINT there)
Money = Integer().with_variant(BigInteger(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Index.info's key for a partial index's predicate (_partial_index).
PREDICATE = "compass_where"


def with_postgresql_predicates() -> None:
    """Gives each partial index its predicate for PostgreSQL too (`postgresql_where`, the
    text SQLite's has), once; the team archive's engine (app.db.server) calls it, which loads
    that dialect anyway. Before that the models describe the indexes for SQLite alone."""
    for table in Base.metadata.tables.values():
        for index in table.indexes:
            where = index.info.get(PREDICATE)
            if where is not None and index.dialect_options["postgresql"]["where"] is None:
                index.dialect_kwargs["postgresql_where"] = text(where)


class Versioned:
    """A record a person edits in a form: every ORM UPDATE carries `WHERE version = :old` and
    bumps it (SQLAlchemy's version_id_col), so a save made on an older version is refused
    (optimistic concurrency, issue 14; the services compare the version the person started
    from first and say what changed meanwhile)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1", default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Client(Versioned, Base):
    __tablename__ = "clients"
    # a person's clients by the index alone, once per team search (revision 0039)
    __table_args__ = (Index("ix_clients_owner_id", "owner", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    # derived from the name, any length (TEXT on PostgreSQL since revisions 0025 and 0027)
    sort_key: Mapped[str] = mapped_column(_derived(600), index=True)
    initials: Mapped[str] = mapped_column(_derived(200), default="")
    uscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    tier: Mapped[str] = mapped_column(String(1), index=True)
    is_key_account: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    industry: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="", index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    owner: Mapped[str] = mapped_column(String(100), default="", index=True)
    status: Mapped[str] = mapped_column(String(10), index=True)
    source: Mapped[str] = mapped_column(String(100), default="")
    created_on: Mapped[date] = mapped_column(Date, index=True)
    service_policy: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    last_visit_on: Mapped[date | None] = mapped_column(Date, index=True)
    # 开票信息 besides 名称 and 纳税人识别号 (uscc): 开户行, 账号, 开票地址、电话 (migration 0011)
    bank: Mapped[str] = mapped_column(String(100), default="")
    bank_account: Mapped[str] = mapped_column(String(40), default="")
    invoice_address: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="client",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Contact.id",
    )


class Contact(Versioned, Base):
    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(100), default="")
    mobile: Mapped[str | None] = mapped_column(String(20), index=True)
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    birthday: Mapped[date | None] = mapped_column(Date)
    is_decision_maker: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    client: Mapped[Client] = relationship(back_populates="contacts")


OPEN_NEXT_STEP = "next_step_due IS NOT NULL AND next_step_done_on IS NULL"
VISITS_ONLY = "kind = 'visit'"


def _partial_index(name: str, *columns: str, where: str) -> Index:
    """An index of the rows `where` holds for, on both back ends (as the revision made it).
    SQLite's predicate is given here; PostgreSQL's is the same text, given when that dialect
    is in use (with_postgresql_predicates): a `postgresql_where` here would import SQLAlchemy's
    PostgreSQL dialect (~40 ms) on every start on an archive file, to check the keyword."""
    return Index(name, *columns, sqlite_where=text(where), info={PREDICATE: where})


class Activity(Versioned, Base):
    __tablename__ = "activities"
    __table_args__ = (
        Index("ix_activities_client_started", "client_id", "started_at"),
        Index("ix_activities_kind_closed", "kind", "closed_on"),
        Index(
            "ix_activities_started_cover",
            "started_at",
            "client_id",
            "kind",
            "closed_on",
            "expense_fen",
        ),
        _partial_index(  # the home page's next steps due (revision 0030)
            "ix_activities_open_next_step", "next_step_due", "id", where=OPEN_NEXT_STEP
        ),
        _partial_index(  # each client's last visit as of a day, for the monthly report (0032)
            "ix_activities_client_visits", "client_id", "started_at", where=VISITS_ONLY
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(DateTime)  # ix_activities_started_cover
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    subject: Mapped[str] = mapped_column(String(300))
    participants: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(String(300), default="")
    next_step_due: Mapped[date | None] = mapped_column(Date, index=True)
    next_step_done_on: Mapped[date | None] = mapped_column(Date)
    expense_fen: Mapped[int] = mapped_column(Money, default=0)
    resolution: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ActivityContact(Base):
    __tablename__ = "activity_contacts"
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Blob(Base):
    """One stored file of the attachment store, named by the SHA-256 of its content."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Attachment(Base):
    """A file attached to a record. owner_kind names the record type ('client', 'activity', ...)."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_owner", "owner_kind", "owner_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_kind: Mapped[str] = mapped_column(String(30))
    owner_id: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    original_name: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class SearchDoc(Base):
    """What the global search shows for one record; search_fts holds its tokens (same rowid),
    made from these columns (initials: the pinyin initials indexed with it)."""

    __tablename__ = "search_docs"
    __table_args__ = (Index("uq_search_docs_kind_ref", "kind", "ref_id", unique=True),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    ref_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(_derived(300))
    body: Mapped[str] = mapped_column(Text, default="")
    initials: Mapped[str] = mapped_column(_derived(300), default="")


class Tender(Versioned, Base):
    __tablename__ = "tenders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    number: Mapped[str] = mapped_column(String(100), default="")
    client_id: Mapped[int] = mapped_column(
        ForeignKey("clients.id", ondelete="RESTRICT"), index=True
    )
    agency: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(20))
    budget_fen: Mapped[int | None] = mapped_column(Money)
    ceiling_fen: Mapped[int | None] = mapped_column(Money)
    source: Mapped[str] = mapped_column(String(500), default="")
    published_on: Mapped[date | None] = mapped_column(Date)
    documents_deadline: Mapped[datetime | None] = mapped_column(DateTime)
    clarification_deadline: Mapped[datetime | None] = mapped_column(DateTime)
    bid_deadline: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    opening_place: Mapped[str] = mapped_column(String(300), default="")
    evaluation_on: Mapped[date | None] = mapped_column(Date)
    award_notice_on: Mapped[date | None] = mapped_column(Date)
    contract_signed_on: Mapped[date | None] = mapped_column(Date)
    bid_deposit_fen: Mapped[int | None] = mapped_column(Money)
    deposit_paid_on: Mapped[date | None] = mapped_column(Date)
    deposit_refunded_on: Mapped[date | None] = mapped_column(Date)
    performance_deposit_fen: Mapped[int | None] = mapped_column(Money)
    service_fee_fen: Mapped[int | None] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(10), index=True)
    winner: Mapped[str] = mapped_column(String(200), default="")
    winning_price_fen: Mapped[int | None] = mapped_column(Money)
    our_price_fen: Mapped[int | None] = mapped_column(Money)
    lessons: Mapped[str] = mapped_column(Text, default="")
    bid_validity_days: Mapped[int] = mapped_column(Integer, default=90)
    announcement_days: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    delivery_period: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class TenderItem(Base):
    __tablename__ = "tender_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tenders.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    brand_model: Mapped[str] = mapped_column(String(200), default="")
    quantity: Mapped[str] = mapped_column(String(30))
    unit: Mapped[str] = mapped_column(String(20), default="")
    unit_price_fen: Mapped[int] = mapped_column(Money)


class Qualification(Versioned, Base):
    __tablename__ = "qualifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(50), default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    valid_from: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PacketSection(Base):
    __tablename__ = "packet_sections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tenders.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(40), default="")
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    content: Mapped[str] = mapped_column(Text, default="{}")


class PacketFile(Base):
    __tablename__ = "packet_files"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("packet_sections.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    qualification_id: Mapped[int | None] = mapped_column(
        ForeignKey("qualifications.id", ondelete="CASCADE")
    )
    attachment_id: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="", server_default="")  # '' = default


# --- meetings, documents and letters (issue 4) ---


class Meeting(Versioned, Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    held_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    host: Mapped[str] = mapped_column(String(100), default="")
    attendees: Mapped[str] = mapped_column(Text, default="")
    observers: Mapped[str] = mapped_column(Text, default="")
    absentees: Mapped[str] = mapped_column(Text, default="")
    recorder: Mapped[str] = mapped_column(String(100), default="")
    reviewer: Mapped[str] = mapped_column(String(100), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    discussion: Mapped[str] = mapped_column(Text, default="")
    other_matters: Mapped[str] = mapped_column(Text, default="")
    next_meeting: Mapped[str] = mapped_column(String(300), default="")
    tender_id: Mapped[int | None] = mapped_column(ForeignKey("tenders.id", ondelete="SET NULL"))
    number_year: Mapped[int | None] = mapped_column(Integer)  # 纪要编号 〔year〕第seq期
    number_seq: Mapped[int | None] = mapped_column(Integer)
    distribution: Mapped[str] = mapped_column(Text, default="")  # 分送
    copies_to: Mapped[str] = mapped_column(Text, default="")  # 抄送
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class MeetingClient(Base):
    __tablename__ = "meeting_clients"
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    client_id: Mapped[int] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class MeetingDecision(Base):
    __tablename__ = "meeting_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class ActionItem(Versioned, Base):
    __tablename__ = "action_items"
    __table_args__ = (Index("ix_action_items_status_due", "status", "due_on"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    task: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(100), index=True)
    helpers: Mapped[str] = mapped_column(String(300), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    result: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)


class DocumentTemplate(Base):
    __tablename__ = "document_templates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Document(Versioned, Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    template_key: Mapped[str] = mapped_column(String(60))
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), index=True)
    doc_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    number_year: Mapped[int | None] = mapped_column(Integer)
    number_seq: Mapped[int | None] = mapped_column(Integer)
    issued_on: Mapped[date | None] = mapped_column(Date)
    approved_version: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class DocumentVersion(Base):
    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    values: Mapped[str] = mapped_column(Text, default="{}")
    author: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class DocumentReview(Base):
    __tablename__ = "document_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(10))
    to_status: Mapped[str] = mapped_column(String(10))
    actor: Mapped[str] = mapped_column(String(100), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)


class NumberSequence(Base):
    """The last number issued per scope and year; never goes back, so a deleted number is not reused."""

    __tablename__ = "number_sequences"
    scope: Mapped[str] = mapped_column(String(80), primary_key=True)  # out.<kind>.<prefix>, …
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class Letter(Versioned, Base):
    __tablename__ = "letters"
    __table_args__ = (Index("ix_letters_direction_date", "direction", "dated_on"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))
    number: Mapped[str] = mapped_column(String(40))
    dated_on: Mapped[date] = mapped_column(Date)
    counterpart: Mapped[str] = mapped_column(String(200))
    their_number: Mapped[str] = mapped_column(String(60), default="")
    title: Mapped[str] = mapped_column(String(300))
    copies: Mapped[int] = mapped_column(Integer, default=1)
    handler: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(20), default="")
    reply_due: Mapped[date | None] = mapped_column(Date)
    archived_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), index=True
    )
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # the 收文 this 发文 answers (migration 0011)
    reply_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("letters.id", ondelete="SET NULL", name="fk_letters_reply_to_id_letters")
    )


# --- contracts, receipts, plans and rebates (issue 5) ---


class Contract(Versioned, Base):
    __tablename__ = "contracts"
    __table_args__ = (
        # covering indexes for the report and the analyses (migration 0007)
        Index("ix_contracts_client_cover", "client_id", "signed_on", "amount_fen", "payment_days"),
        Index("ix_contracts_signed_cover", "signed_on", "client_id", "amount_fen", "owner"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="RESTRICT"))
    signed_on: Mapped[date] = mapped_column(Date, index=True)
    amount_fen: Mapped[int] = mapped_column(Money)
    payment_terms: Mapped[str] = mapped_column(String(300), default="")
    payment_days: Mapped[int] = mapped_column(Integer, default=30)
    owner: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # the approved 购销合同/框架协议 this contract was made from (migration 0011)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ContractLine(Base):
    __tablename__ = "contract_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    product: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[str] = mapped_column(String(30))
    unit: Mapped[str] = mapped_column(String(20), default="")
    unit_price_fen: Mapped[int] = mapped_column(Money)
    amount_fen: Mapped[int] = mapped_column(Money)


class Receipt(Versioned, Base):
    __tablename__ = "receipts"
    __table_args__ = (
        Index("ix_receipts_client_received", "client_id", "received_on"),
        Index("ix_receipts_contract_cover", "contract_id", "received_on", "amount_fen"),
        Index("ix_receipts_received_cover", "received_on", "client_id", "amount_fen"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="RESTRICT"))
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="SET NULL"), index=True
    )
    received_on: Mapped[date] = mapped_column(Date, index=True)
    amount_fen: Mapped[int] = mapped_column(Money)
    method: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class MonthlyTarget(Base):
    __tablename__ = "monthly_targets"
    __table_args__ = (UniqueConstraint("year", "month", "owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    owner: Mapped[str] = mapped_column(String(100), default="")
    clients: Mapped[int] = mapped_column(Integer, default=0)
    visits: Mapped[int] = mapped_column(Integer, default=0)
    signings: Mapped[int] = mapped_column(Integer, default=0)
    signed_products: Mapped[int] = mapped_column(Integer, default=0)
    signed_amount_fen: Mapped[int] = mapped_column(Money, default=0)
    receipts_fen: Mapped[int] = mapped_column(Money, default=0)
    # entered by hand: kept when the annual plan re-balances the other months (migration 0017)
    receipts_pinned: Mapped[bool] = mapped_column(Boolean, default=False)


class AnnualPlan(Base):
    """A year's 回款 target for one account manager or ('') the team (migration 0017)."""

    __tablename__ = "annual_plans"
    __table_args__ = (UniqueConstraint("year", "owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    owner: Mapped[str] = mapped_column(String(100), default="")
    receipts_fen: Mapped[int] = mapped_column(Money, default=0)
    split: Mapped[str] = mapped_column(String(10), default="even")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class SalesForecast(Base):
    """A forecast figure entered for one account manager and month (migration 0017)."""

    __tablename__ = "sales_forecasts"
    __table_args__ = (UniqueConstraint("owner", "year", "month"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Money)
    note: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Rebate(Versioned, Base):
    __tablename__ = "rebates"
    __table_args__ = (UniqueConstraint("client_id", "period_start", "period_end"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="RESTRICT"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    sales_fen: Mapped[int] = mapped_column(Money)
    receipts_fen: Mapped[int] = mapped_column(Money)
    rate: Mapped[str] = mapped_column(String(10))
    amount_fen: Mapped[int] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(10), index=True)
    applicant: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # applied for in advance and settled on actuals (migration 0017, app.domain.rebates)
    basis: Mapped[str] = mapped_column(String(10), default="actual", server_default="actual")
    expected_sales_fen: Mapped[int | None] = mapped_column(Money, nullable=True)
    approved_rate: Mapped[str] = mapped_column(String(10), default="", server_default="")
    approved_amount_fen: Mapped[int | None] = mapped_column(Money, nullable=True)
    settlement: Mapped[str] = mapped_column(String(10), default="none", server_default="none")
    settled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # the 销售返点确认函 in the outgoing register (migration 0011)
    letter_id: Mapped[int | None] = mapped_column(
        ForeignKey("letters.id", ondelete="SET NULL", name="fk_rebates_letter_id_letters")
    )


class RebateStep(Base):
    __tablename__ = "rebate_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rebate_id: Mapped[int] = mapped_column(ForeignKey("rebates.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(10))
    actor: Mapped[str] = mapped_column(String(100))
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)


class ClientTierChange(Base):
    __tablename__ = "client_tier_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    old_tier: Mapped[str] = mapped_column(String(1))
    new_tier: Mapped[str] = mapped_column(String(1))
    changed_on: Mapped[date] = mapped_column(Date, index=True)


class RecycleBinItem(Base):
    """A deleted record with everything that hung on it (rows as JSON by table) and the
    attachment files they used, kept until the item is restored or purged."""

    __tablename__ = "recycle_bin"
    __table_args__ = (
        Index("ix_recycle_bin_kind_record", "kind", "record_id"),
        Index("ix_recycle_bin_deleted_at", "deleted_at"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300), default="")
    deleted_at: Mapped[datetime] = mapped_column(DateTime)
    deleted_by: Mapped[str] = mapped_column(String(100), default="")
    revision: Mapped[str] = mapped_column(String(32), default="")
    payload: Mapped[str] = mapped_column(Text)
    blobs: Mapped[str] = mapped_column(Text, default="[]")


class ChangeLogEntry(Base):
    """One change of one record (or one bulk operation): who, when, and field by field."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_record", "kind", "record_id", "at"),
        Index("ix_change_log_at", "at"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    changes: Mapped[str] = mapped_column(Text, default="[]")
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # the version the change left its record at (app.db.models.Versioned), for telling a
    # person whose save was refused what changed since the version they started from
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)


class CalendarDay(Base):
    """A day from the State Council's holiday notice, entered by the user: 休 (off) or 班 (a
    make-up working day). It overrides chinese-calendar and the statutory fallback."""

    __tablename__ = "calendar_days"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(1))  # 休 / 班
    name: Mapped[str] = mapped_column(String(30), default="")
    entered_at: Mapped[datetime] = mapped_column(DateTime)


class Budget(Base):
    """费用预算: one month's expense budget for one account manager and one activity kind
    (issue 13; what was spent is the expenses recorded on that kind of activity)."""

    __tablename__ = "budgets"
    __table_args__ = (
        UniqueConstraint("month", "owner", "kind", name="uq_budgets_month"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[str] = mapped_column(String(7))  # 'YYYY-MM'
    owner: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))  # an ActivityKind value
    amount_fen: Mapped[int] = mapped_column(Money)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ClientNews(Versioned, Base):
    """客户动态: something the client published (a promotion, a procurement notice, a report);
    a scan of it is an attachment of kind 'news'."""

    __tablename__ = "client_news"
    __table_args__ = (
        Index("ix_client_news_client_published", "client_id", "published_on"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    published_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(1000), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SyncOrigin(Base):
    """A record of a laptop archive or an offline copy, and the record it became on the team
    archive (issue 14 §4, app.db.team_push and app.db.team_sync): keys as JSON lists."""

    __tablename__ = "sync_origins"
    origin: Mapped[str] = mapped_column(String(40), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    local_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    server_key: Mapped[str] = mapped_column(String(200))


class SyncBase(Base):
    """In an offline copy: a record's values on the server when it was last checked out or
    synced (JSON), the base of the three-way comparison (app.db.team_sync)."""

    __tablename__ = "sync_base"
    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    record_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    base: Mapped[str] = mapped_column(Text)


class TeamUser(Base):
    """A login of the team archive on PostgreSQL and the person it is (migration 0029; no such
    table in an archive file). display_name is the name records carry (clients.owner, …)."""

    __tablename__ = "team_users"
    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(100), unique=True)
    app_role: Mapped[str] = mapped_column(String(20))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)


if "sqlalchemy.dialects.postgresql" in sys.modules:  # loaded already: nothing to save
    with_postgresql_predicates()
