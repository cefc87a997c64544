"""The tender register: government-procurement projects from notice to result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from app.db.list_filters import TenderFilter
from app.db.models import Tender
from app.db.repositories import clients as client_repo
from app.db.repositories import tender_view as view_repo
from app.db.repositories import tenders as repo
from app.domain.enums import ClientStatus, Tier
from app.domain.errors import NotFoundError, ValidationError
from app.domain.money import (
    MAX_QUANTITY,
    shown_amount,
    too_large,
    yuan_to_fen,
)
from app.domain.records import ClientDraft
from app.domain.tenders import (
    FINAL_STATUSES,
    MONEY_FIELDS,
    TenderDate,
    TenderDraft,
    TenderStatus,
    can_move,
    refund_deadline,
    tender_deadlines,
    validate_tender,
)
from app.domain.text import clean, name_key
from app.domain.working_days import NO_ENTRIES, HolidayCalendar
from app.services import clients, indexing, record_versions, recycle_bin, tender_view
from app.services.archive import Archive
from app.services.holiday_calendar import calendar_of
from app.services.tender_list import TenderRow, list_tenders, tender_row
from app.services.tender_record import TenderItemLine, TenderRecord, draft_from

__all__ = ["TenderFilter", "TenderItemLine", "TenderRecord", "TenderRow", "list_tenders"]


def _record(session, tender: Tender) -> TenderRecord:
    """The record through the session, made as `tender show` makes it on an archive file."""
    return tender_view.read_record(view_repo, session, tender.id)


def _apply(tender: Tender, draft: TenderDraft) -> None:
    for f in fields(TenderDraft):
        if f.name == "purchaser_name":
            continue
        value = getattr(draft, f.name)
        if f.name in MONEY_FIELDS:
            setattr(tender, f"{f.name}_fen", None if value is None else yuan_to_fen(value))
        elif f.name in ("method", "status"):
            setattr(tender, f.name, value.value if hasattr(value, "value") else str(value))
        else:
            setattr(tender, f.name, value)


def _resolve_purchaser(archive: Archive, session, draft: TenderDraft) -> int:
    """The purchaser as a client: the given id, an existing client of that name, or a new one."""
    if draft.client_id is not None:
        if repo.client_name(session, draft.client_id) is None:
            raise NotFoundError("client", draft.client_id)
        return draft.client_id
    existing = client_repo.find_by_name_key(session, name_key(draft.purchaser_name))
    if existing is not None:
        return existing.id
    client = clients.new_client_row(
        ClientDraft(
            name=draft.purchaser_name,
            tier=Tier.C,
            status=ClientStatus.PROSPECT,
            industry="政府采购",
            source="招标公告",
        ),
        archive.today(),
        archive.now(),
    )
    session.add(client)
    session.flush()
    indexing.reindex(session, [indexing.client_document(client)])
    return client.id


def create_tender(archive: Archive, draft: TenderDraft) -> TenderRecord:
    draft = validate_tender(draft)
    with archive.db.session() as session:
        client_id = _resolve_purchaser(archive, session, draft)
        now = archive.now()
        tender = Tender(created_at=now, updated_at=now)
        _apply(tender, replace(draft, client_id=client_id))
        session.add(tender)
        session.flush()
        _index(session, tender)
        return _record(session, tender)


def update_tender(
    archive: Archive, tender_id: int, draft: TenderDraft, expected_version: int | None = None
) -> TenderRecord:
    """Saves the tender; refused when it changed after `expected_version` (ConflictError,
    nothing saved; None: no check)."""
    draft = validate_tender(draft)
    with archive.db.session() as session:
        tender = _get(session, tender_id)
        record_versions.check(session, "tender", tender, expected_version)
        current = TenderStatus(tender.status)
        if not can_move(current, TenderStatus(draft.status)):
            raise ValidationError(
                "tender_status",
                "illegal_status_move",
                current=current.value,
                target=TenderStatus(draft.status).value,
            )
        client_id = _resolve_purchaser(archive, session, draft)
        _apply(tender, replace(draft, client_id=client_id))
        tender.updated_at = archive.now()
        session.flush()
        _index(session, tender)
        return _record(session, tender)


def set_status(archive: Archive, tender_id: int, status: TenderStatus) -> TenderRecord:
    record = get_tender(archive, tender_id)
    return update_tender(archive, tender_id, replace(record.draft, status=status))


def delete_tender(archive: Archive, tender_id: int) -> None:
    """Moves the tender, with its price lines and packet (sections, files), to the recycle bin."""

    with archive.db.session() as session:
        _get(session, tender_id)
        recycle_bin.move_to_bin(archive, session, "tender", tender_id)


def get_tender(archive: Archive, tender_id: int) -> TenderRecord:
    """The tender (read with sqlite3 alone on an archive file opened read-only)."""
    return tender_view.get_tender(archive, tender_id)


def _get(session, tender_id: int) -> Tender:
    tender = repo.get(session, tender_id)
    if tender is None:
        raise NotFoundError("tender", tender_id)
    return tender


def parse_quantity(text: str) -> Decimal:
    try:
        value = Decimal(clean(str(text)).replace(",", ""))
    except InvalidOperation:
        raise ValidationError("quantity", "bad_quantity", value=text) from None
    if not value.is_finite() or value <= 0 or value >= MAX_QUANTITY:
        raise ValidationError("quantity", "bad_quantity", value=text)
    return value


def set_items(archive: Archive, tender_id: int, items: Sequence[TenderItemLine]) -> TenderRecord:
    """Replaces the priced line items (投标分项报价表). Every unit price, line total and the
    total stay within MAX_YUAN (the total is printed in capitals on the 投标函)."""
    rows = []
    total = Decimal("0")
    for item in items:
        if not clean(item.name):
            raise ValidationError("item_name", "required")
        if item.unit_price < 0:
            raise ValidationError("unit_price", "negative_amount")
        if too_large(item.unit_price):
            raise ValidationError("unit_price", "too_large", value=shown_amount(item.unit_price))
        quantity = parse_quantity(str(item.quantity))
        try:
            line_total = quantity * item.unit_price
            total += line_total
        except ArithmeticError:  # a quantity such as 1E+999999
            raise ValidationError("quantity", "bad_quantity", value=str(item.quantity)) from None
        if too_large(line_total) or too_large(total):  # what the 大写 of the bid must spell
            shown = line_total if too_large(line_total) else total
            raise ValidationError("items_total", "too_large", value=shown_amount(shown))
        rows.append(
            {
                "name": clean(item.name),
                "brand_model": clean(item.brand_model),
                "quantity": str(quantity),
                "unit": clean(item.unit),
                "unit_price_fen": yuan_to_fen(item.unit_price),
            }
        )
    with archive.db.session() as session:
        tender = _get(session, tender_id)
        repo.replace_items(session, tender_id, rows)
        session.flush()
        return _record(session, tender)


def for_client(archive: Archive, client_id: int) -> list[TenderRow]:
    """The client's tenders as purchaser, for its page and timeline."""
    return list_tenders(archive, TenderFilter(client_id=client_id))


@dataclass(frozen=True)
class OutcomeStats:
    group: str
    won: int
    lost: int
    other: int  # 废标, 放弃, still open

    @property
    def win_rate(self) -> Decimal | None:
        decided = self.won + self.lost
        return None if not decided else (Decimal(self.won) / decided * 100).quantize(Decimal("0.1"))


def outcome_stats(archive: Archive, by: str = "method") -> list[OutcomeStats]:
    """Win/loss counts and win rate (won / (won + lost)) by method or by purchaser."""
    with archive.db.read() as session:
        rows = repo.outcome_counts(session, by)
    groups: dict[str, list[int]] = {}
    for group, status, count in rows:
        slot = groups.setdefault(group, [0, 0, 0])
        index = 0 if status == TenderStatus.WON else 1 if status == TenderStatus.LOST else 2
        slot[index] += count
    return sorted(
        (OutcomeStats(g, *v) for g, v in groups.items()), key=lambda s: (-(s.won + s.lost), s.group)
    )


def tender_dates(
    tender: Tender | TenderRecord, calendar: HolidayCalendar = NO_ENTRIES
) -> list[TenderDate]:
    """Every dated event of one tender, with the computed refund/challenge/contract dates."""
    draft = tender.draft if isinstance(tender, TenderRecord) else draft_from(tender)
    tid, title = tender.id, draft.title
    events: list[TenderDate] = []

    def add(label: str, when, all_day: bool, official: bool = True, rule: str = "") -> None:
        if when is None:
            return
        moment = when if isinstance(when, datetime) else datetime.combine(when, datetime.min.time())
        events.append(TenderDate(tid, title, label, moment, all_day, official, rule))

    add("获取招标文件截止", draft.documents_deadline, False)
    add("澄清/答疑截止", draft.clarification_deadline, False)
    add("投标截止/开标", draft.bid_deadline, False)
    add("评标", draft.evaluation_on, True)
    add("中标公告", draft.award_notice_on, True)
    shown = {
        "challenge_until": True,
        "refund_due": bool(draft.deposit_paid_on and not draft.deposit_refunded_on),
        "contract_due": draft.status == TenderStatus.WON and not draft.contract_signed_on,
    }
    for d in tender_deadlines(draft, calendar):
        if shown.get(d.key):  # a winner's refund without a contract date has no day yet
            add(d.label, d.day, True, d.official, d.rule)
    return events


def refund_overdue_since(
    draft: TenderDraft, today: date, calendar: HolidayCalendar = NO_ENTRIES
) -> date | None:
    """The due date of a paid deposit not back by `today`, else None. The winner's is counted
    from the contract's signing, so it is never overdue before that date is entered."""
    if not draft.deposit_paid_on or draft.deposit_refunded_on:
        return None
    deadline = refund_deadline(draft, calendar)
    if deadline is None or deadline.day is None or deadline.day >= today:
        return None
    return deadline.day


@dataclass(frozen=True)
class Radar:
    upcoming: tuple[TenderDate, ...]  # the next 14 days
    refunds_overdue: tuple[tuple[TenderRow, date], ...]
    expiring_qualifications: tuple[
        tuple[TenderRow, int, str, date], ...
    ]  # tender, qid, title, expires


def deadline_radar(archive: Archive, days: int = 14) -> Radar:
    today = archive.today()
    start = datetime.combine(today, datetime.min.time())
    end = start + timedelta(days=days + 1)
    upcoming: list[TenderDate] = []
    refunds: list[tuple[TenderRow, date]] = []
    expiring: list[tuple[TenderRow, int, str, date]] = []
    with archive.db.read() as session:
        cal = calendar_of(session)
        for tender, _name in repo.all_tenders(session):
            upcoming.extend(e for e in tender_dates(tender, cal) if start <= e.when < end)
        for tender, name in repo.refunds_outstanding(session):
            due = refund_overdue_since(draft_from(tender), today, cal)
            if due is not None:
                refunds.append((tender_row(tender, name), due))
        active = [
            s.value for s in TenderStatus if s not in FINAL_STATUSES and s != TenderStatus.SUBMITTED
        ]
        for tender in repo.open_tenders_with_deadline(session, active):
            row = tender_row(tender, repo.client_name(session, tender.client_id) or "")
            for q in repo.qualifications_in_packet(session, tender.id):
                if q.expires_on and q.expires_on < tender.bid_deadline.date():
                    expiring.append((row, q.id, q.title, q.expires_on))
    upcoming.sort(key=lambda e: e.when)
    return Radar(tuple(upcoming), tuple(refunds), tuple(expiring))


def _index(session, tender: Tender) -> None:
    indexing.reindex(
        session,
        [indexing.tender_document(tender, repo.client_name(session, tender.client_id) or "")],
    )


def export_ics(archive: Archive, out, task=None) -> int:
    """All tender dates (with computed refund/challenge/contract dates) as an .ics calendar."""
    from pathlib import Path

    from app.exports.ics import CalendarEvent, write_ics

    with archive.db.read() as session:
        tenders = repo.all_tenders(session)
        cal = calendar_of(session)
        events = []
        for tender, name in tenders:
            for e in tender_dates(tender, cal):
                events.append(
                    CalendarEvent(
                        uid=f"tender-{tender.id}-{e.label}@sales-compass",
                        summary=f"{e.label}：{e.title}",
                        start=e.when,
                        all_day=e.all_day,
                        description=_event_description(e, tender.number, name),
                    )
                )
    return write_ics(events, Path(out), archive.now())


def _event_description(event: TenderDate, number: str | None, purchaser: str | None) -> str:
    """The calendar entry's text in Chinese punctuation; the number and the purchaser's name
    are shown as entered, as the window and the command line show them."""
    lines = [
        "；".join(part for part in (_said("项目编号", number), _said("采购人", purchaser)) if part)
    ]
    if not event.official:
        lines.append("（调休未公布，按法定假日推算）")
    if event.rule:
        lines.append(f"依据：{event.rule}")
    return "\n".join(line for line in lines if line)


def _said(label: str, value: str | None) -> str:
    return f"{label} {value}" if value else ""
