"""The change history written by the unit of work itself.

A ChangeTracker listens to an archive's sessions: after each flush it reads the attribute history
of every new or changed record it knows (old value → new value, field by field), merges what one
unit of work did to one record into one entry, and writes the entries into change_log just
before the commit, in the same transaction: the history commits or rolls back with the change.
Who and when come from the callables it was given (the name chosen in settings, the archive's
clock).

What it does not see, on purpose: Core bulk inserts (imports, the demo: one "bulk" entry each,
written with bulk()), derived columns (updated_at, name_key, sort_key, initials, last_visit_on)
and deletes (the recycle bin records "delete", "restore" and "purge" itself with
change_log.record; a unit of work that holds such an entry gets no automatic entries, so the
rows a restore puts back are not also "created")."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, inspect, select
from sqlalchemy.orm import Session

from app.db.models import (
    ActionItem,
    Activity,
    Attachment,
    ChangeLogEntry,
    Client,
    Contact,
    Contract,
    Document,
    DocumentReview,
    DocumentVersion,
    Letter,
    Meeting,
    Qualification,
    Rebate,
    RebateStep,
    Receipt,
    Tender,
)
from app.domain import history as words
from app.domain.documents import ACTION_ZH, DIRECTION_ZH, KIND_ZH, ReviewAction
from app.domain.enums import ACTIVITY_KIND_ZH
from app.domain.rebates import (
    STATUS_LABELS,
    STEP_LABELS,
    RebateStatus,
    percent,
    rebate_number,
)
from app.domain.tenders import DEPOSIT_WAIVED

# What happened to the record (change_log.action).
CREATE, EDIT, DELETE, RESTORE, PURGE, STATUS, APPROVE, BULK = (
    "create",
    "edit",
    "delete",
    "restore",
    "purge",
    "status",
    "approve",
    "bulk",
)

Who = Callable[[Session], str]
Clock = Callable[[], datetime]
Formatter = Callable[[Session, Any], "str | None"]

_PENDING = "history.pending"  # {(kind, record_id): _Entry} of this unit of work
_EXPLICIT = "history.explicit"  # the unit of work recorded a delete/restore/purge itself
_OFF = "history.off"  # nothing automatic in this unit of work
_WRITTEN = "history.written"  # ids of the entries this unit of work wrote
_OWN_KEPT = 20_000
# When one unit of work does several things to one record, the entry says the weightiest.
_RANK = {EDIT: 0, STATUS: 1, APPROVE: 2, CREATE: 3, BULK: 4}


# --- values -----------------------------------------------------------------------------------


def _plain(_session: Session, value: Any) -> str | None:
    return words.shown(value)


def _money(_session: Session, value: Any) -> str | None:
    return words.money_text(value)


def _deposit(_session: Session, value: Any) -> str | None:
    return DEPOSIT_WAIVED if value == 0 else words.money_text(value)


def _rate(_session: Session, value: Any) -> str | None:
    try:
        return percent(Decimal(value)) if value not in (None, "") else None
    except ArithmeticError:
        return words.shown(value)


def _label(labels: Mapping[Any, str]) -> Formatter:
    by_value = {str(k): v for k, v in labels.items()}

    def fmt(_session: Session, value: Any) -> str | None:
        return None if value is None else by_value.get(str(value), str(value))

    return fmt


def _name_of(model: type, attr: str) -> Formatter:
    """A link shown as what it links to (the client's name, the contract's number)."""

    def fmt(session: Session, value: Any) -> str | None:
        if value is None:
            return None
        row = session.get(model, value)
        return words.shown(getattr(row, attr)) if row is not None else f"#{value}"

    return fmt


_client_name = _name_of(Client, "name")
_APPLIED = STATUS_LABELS[RebateStatus.APPLIED]


# --- what is tracked ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    kind: str
    fields: Mapping[str, Formatter]
    title: Callable[[Session, Any], str]
    status: tuple[str, ...] = ()  # a change of these reads as a status change…
    # …or as an approval, for an approval flow: the action for (old, new) shown values
    status_action: Callable[[str | None, str | None], str] = lambda _old, _new: STATUS


def _fields(names: Iterable[str], **special: Formatter) -> dict[str, Formatter]:
    out = {name: _plain for name in names}
    out.update(special)
    return out


def _receipt_title(session: Session, receipt: Receipt) -> str:
    parts = [_client_name(session, receipt.client_id), words.shown(receipt.received_on)]
    return " ".join(p for p in parts if p) + f" ¥{words.money_text(receipt.amount_fen)}"


def _rebate_title(session: Session, rebate: Rebate) -> str:
    return f"{rebate_number(rebate.id)} {_client_name(session, rebate.client_id) or ''}".strip()


SPECS: dict[type, _Spec] = {
    Client: _Spec(
        "client",
        _fields(
            (
                "name",
                "uscc",
                "tier",
                "is_key_account",
                "status",
                "industry",
                "region",
                "address",
                "owner",
                "source",
                "created_on",
                "service_policy",
                "notes",
                "bank",
                "bank_account",
                "invoice_address",
            )
        ),
        lambda _s, c: c.name,
        status=("status",),
    ),
    Contact: _Spec(
        "contact",
        _fields(
            (
                "name",
                "title",
                "mobile",
                "phone",
                "email",
                "birthday",
                "is_decision_maker",
                "notes",
            ),
            client_id=_client_name,
        ),
        lambda _s, c: c.name,
    ),
    Activity: _Spec(
        "activity",
        _fields(
            (
                "started_at",
                "ended_at",
                "subject",
                "participants",
                "notes",
                "outcome",
                "next_step",
                "next_step_due",
                "next_step_done_on",
                "resolution",
                "closed_on",
            ),
            client_id=_client_name,
            kind=_label(ACTIVITY_KIND_ZH),
            expense_fen=_money,
        ),
        lambda _s, a: a.subject,
    ),
    Tender: _Spec(
        "tender",
        _fields(
            (
                "title",
                "number",
                "agency",
                "method",
                "source",
                "published_on",
                "documents_deadline",
                "clarification_deadline",
                "bid_deadline",
                "opening_place",
                "evaluation_on",
                "award_notice_on",
                "contract_signed_on",
                "deposit_paid_on",
                "deposit_refunded_on",
                "status",
                "winner",
                "lessons",
                "bid_validity_days",
                "announcement_days",
                "delivery_period",
                "notes",
            ),
            client_id=_client_name,
            budget_fen=_money,
            ceiling_fen=_money,
            bid_deposit_fen=_deposit,
            performance_deposit_fen=_money,
            service_fee_fen=_money,
            winning_price_fen=_money,
            our_price_fen=_money,
        ),
        lambda _s, t: t.title,
        status=("status",),
    ),
    Qualification: _Spec(
        "qualification",
        _fields(("title", "kind", "issuer", "valid_from", "expires_on", "notes")),
        lambda _s, q: q.title,
    ),
    Document: _Spec(
        "document",
        _fields(
            ("title", "status", "doc_number", "issued_on", "approved_version"),
            kind=_label(KIND_ZH),
            client_id=_client_name,
            contact_id=_name_of(Contact, "name"),
        ),
        lambda _s, d: d.title,
        status=("status",),
    ),
    Letter: _Spec(
        "letter",
        _fields(
            (
                "number",
                "dated_on",
                "counterpart",
                "their_number",
                "title",
                "copies",
                "handler",
                "status",
                "reply_due",
                "archived_on",
                "notes",
            ),
            direction=_label(DIRECTION_ZH),
            client_id=_client_name,
        ),
        lambda _s, x: f"{x.number} {x.title}".strip(),
        status=("status",),
    ),
    Contract: _Spec(
        "contract",
        _fields(
            ("number", "signed_on", "payment_terms", "payment_days", "owner", "notes"),
            client_id=_client_name,
            amount_fen=_money,
        ),
        lambda _s, c: c.number,
    ),
    Receipt: _Spec(
        "receipt",
        _fields(
            ("received_on", "method", "notes"),
            client_id=_client_name,
            contract_id=_name_of(Contract, "number"),
            amount_fen=_money,
        ),
        _receipt_title,
    ),
    Meeting: _Spec(
        "minutes",
        _fields(
            (
                "title",
                "held_at",
                "place",
                "host",
                "attendees",
                "observers",
                "absentees",
                "recorder",
                "reviewer",
                "agenda",
                "discussion",
                "other_matters",
                "next_meeting",
                "distribution",
                "copies_to",
            ),
            tender_id=_name_of(Tender, "title"),
        ),
        lambda _s, m: m.title,
    ),
    Rebate: _Spec(
        "rebate",
        _fields(
            ("period_start", "period_end", "applicant"),
            client_id=_client_name,
            sales_fen=_money,
            receipts_fen=_money,
            rate=_rate,
            amount_fen=_money,
            status=_label(STATUS_LABELS),
        ),
        _rebate_title,
        status=("status",),
        # applying (again, after a rejection) is a status change; the steps' decisions approve
        status_action=lambda _old, new: STATUS if new == _APPLIED else APPROVE,
    ),
}

_MODEL_OF_KIND = {spec.kind: model for model, spec in SPECS.items()}
_ACTION_ITEM_FIELDS = {
    "task": _plain,
    "owner": _plain,
    "helpers": _plain,
    "due_on": _plain,
    "status": _plain,
    "result": _plain,
}


# --- one unit of work's entries ----------------------------------------------------------------


@dataclass
class _Entry:
    kind: str
    record_id: int | None
    action: str
    title: str = ""
    changes: dict[str, list] = field(default_factory=dict)
    count: int | None = None
    version: int | None = None  # the version the record was left at (models.Versioned)

    def merge(self, action: str | None, title: str | None, changes: Iterable[tuple]) -> None:
        if action is not None and _RANK.get(action, 0) > _RANK.get(self.action, 0):
            self.action = action
        if title:
            self.title = title
        for name, old, new in changes:
            if name in self.changes:
                self.changes[name][1] = new
            else:
                self.changes[name] = [old, new]

    def row(self, at: datetime, user: str) -> dict | None:
        changes = [
            {"field": name, "old": old, "new": new}
            for name, (old, new) in self.changes.items()
            if old != new
        ]
        if not changes and self.action not in (CREATE, BULK):
            return None
        return {
            "at": at,
            "user": (user or "")[:100],
            "action": self.action,
            "kind": self.kind,
            "record_id": self.record_id,
            "title": (self.title or "")[:300],
            "changes": json.dumps(changes, ensure_ascii=False, default=str),
            "count": self.count,
            "version": self.version,
        }


def _pending(session: Session) -> dict[tuple, _Entry]:
    return session.info.setdefault(_PENDING, {})


def note(
    session: Session,
    kind: str,
    record_id: int | None,
    *,
    action: str | None = None,
    title: str | None = None,
    changes: Sequence[tuple[str, object, object]] = (),
) -> None:
    """Adds to this unit of work's entry for one record (what the tracker cannot see itself:
    a list replaced as a whole, a derived summary). Values are words.shown()-ready text."""
    if session.info.get(_OFF):
        return
    key = (kind, record_id)
    entries = _pending(session)
    entry = entries.get(key)
    if entry is None:
        entry = entries[key] = _Entry(kind, record_id, action or EDIT)
    entry.merge(action, title, [(f, words.shown(o), words.shown(n)) for f, o, n in changes])


def replaced(
    session: Session,
    kind: str,
    record_id: int,
    name: str,
    old: Sequence[str],
    new: Sequence[str],
) -> None:
    """A list a record holds (price lines, decisions, linked contacts) replaced as a whole."""
    old_text, new_text = "；".join(old) or None, "；".join(new) or None
    if old_text != new_text:
        note(session, kind, record_id, changes=[(name, old_text, new_text)])


def bulk(session: Session, kind: str, count: int, title: str = "") -> None:
    """One entry for a bulk operation (an import, the demo): its count, not a row each."""
    entries = _pending(session)
    entries[("bulk", len(entries))] = _Entry(kind, None, BULK, title, count=count)


@contextlib.contextmanager
def off(session: Session) -> Iterator[None]:
    """No automatic entries for what this unit of work does inside the block."""
    session.info[_OFF] = session.info.get(_OFF, 0) + 1
    try:
        yield
    finally:
        session.info[_OFF] -= 1


# --- the listener ----------------------------------------------------------------------------


class ChangeTracker:
    """Writes the history of one archive's units of work (see the module's note)."""

    def __init__(self, who: Who, clock: Clock):
        self.who = who
        self.clock = clock
        self.paused = 0
        # ids of the entries this process wrote (committed): the window's refresh poll tells
        # its own writes from others' by them (app.services.refresh)
        self.own_ids: set[int] = set()

    def attach(self, listen: Callable[[str, Callable], None]) -> ChangeTracker:
        """`listen(name, fn)` registers a session event of the archive (Database.listen)."""
        listen("after_flush", self._after_flush)
        listen("before_commit", self._before_commit)
        listen("after_soft_rollback", self._after_soft_rollback)
        listen("after_commit", self._after_commit)
        return self

    @contextlib.contextmanager
    def pause(self) -> Iterator[None]:
        """No automatic entries while the block runs (building the demo archive)."""
        self.paused += 1
        try:
            yield
        finally:
            self.paused -= 1

    # -- events --
    def _after_flush(self, session: Session, _context) -> None:
        for obj in session.new:
            if isinstance(obj, ChangeLogEntry):
                session.info.setdefault(_WRITTEN, []).append(obj.id)
                if obj.action in (DELETE, RESTORE, PURGE):
                    session.info[_EXPLICIT] = True
        if self.paused or session.info.get(_OFF) or session.info.get(_EXPLICIT):
            return
        seen = [(o, CREATE) for o in session.new] + [(o, EDIT) for o in session.dirty]
        seen += [(o, DELETE) for o in session.deleted]
        # a record's own fields first, then what its rows (steps, reviews, items) add
        for obj, state in seen:
            spec = SPECS.get(type(obj))
            if spec is not None and state != DELETE:
                self._record(session, spec, obj, state)
        for obj, state in seen:
            child = _CHILDREN.get(type(obj))
            if child is not None:
                child(session, obj, state)

    def _before_commit(self, session: Session) -> None:
        session.flush()  # the last changes are in the history too
        entries = session.info.pop(_PENDING, None)
        explicit = session.info.pop(_EXPLICIT, False)
        if not entries:
            return
        if explicit or self.paused:  # the recycle bin told the story itself, or the demo is
            # being built: only bulk entries stay
            entries = {k: e for k, e in entries.items() if e.action == BULK}
        for entry in entries.values():
            if not entry.title and entry.record_id is not None:
                entry.title = _title_of(session, entry.kind, entry.record_id) or ""
            entry.version = _version_of(session, entry.kind, entry.record_id)
        at, user = self.clock(), self.who(session)
        rows = [r for r in (e.row(at, user) for e in entries.values()) if r is not None]
        if rows:
            table = ChangeLogEntry.__table__
            ids = session.scalars(insert(table).returning(table.c.id), rows).all()
            session.info.setdefault(_WRITTEN, []).extend(ids)

    def _after_commit(self, session: Session) -> None:
        self.own_ids.update(session.info.pop(_WRITTEN, ()))
        if len(self.own_ids) > _OWN_KEPT:  # nobody polls (a command line run): keep it small
            newest = sorted(self.own_ids)[-_OWN_KEPT // 2 :]
            self.own_ids.intersection_update(newest)

    def _after_soft_rollback(self, session: Session, previous_transaction) -> None:
        if not previous_transaction.nested:
            session.info.pop(_PENDING, None)
            session.info.pop(_EXPLICIT, None)
            session.info.pop(_WRITTEN, None)

    # -- one record --
    def _record(self, session: Session, spec: _Spec, obj: Any, state: str) -> None:
        if state == CREATE:
            changes = [(n, None, fmt(session, getattr(obj, n))) for n, fmt in spec.fields.items()]
            # what a new record was created with; a box left unticked says nothing
            changes = [c for c in changes if c[2] is not None and getattr(obj, c[0]) is not False]
            action = CREATE
        else:
            changes = list(_diff(session, obj, spec.fields))
            if not changes:
                return
            moved = [(old, new) for name, old, new in changes if name in spec.status]
            action = spec.status_action(*moved[0]) if moved else EDIT
        note_entry(session, spec.kind, obj.id, action, spec.title(session, obj), changes)


def note_entry(
    session: Session,
    kind: str,
    record_id: int,
    action: str,
    title: str | None,
    changes: Sequence[tuple[str, str | None, str | None]],
) -> None:
    """Like note(), with values already shown as text."""
    key = (kind, record_id)
    entries = _pending(session)
    entry = entries.get(key)
    if entry is None:
        entry = entries[key] = _Entry(kind, record_id, action)
    entry.merge(action, title, changes)


def _diff(
    session: Session, obj: Any, fields: Mapping[str, Formatter], prefix: str = ""
) -> Iterator[tuple[str, str | None, str | None]]:
    attrs = inspect(obj).attrs
    for name, fmt in fields.items():
        history = attrs[name].history
        if not history.added and not history.deleted:
            continue
        old = fmt(session, history.deleted[0]) if history.deleted else None
        new = fmt(session, history.added[0]) if history.added else None
        if old != new:
            yield prefix + name, old, new


def _version_of(session: Session, kind: str, record_id: int | None) -> int | None:
    """The version a versioned record is at now (None for a bulk entry or another kind)."""
    model = _MODEL_OF_KIND.get(kind)
    if record_id is None or model is None or "version" not in model.__table__.c:
        return None
    row = session.get(model, record_id)
    return None if row is None else row.version


def _title_of(session: Session, kind: str, record_id: int) -> str | None:
    model = _MODEL_OF_KIND.get(kind)
    row = session.get(model, record_id) if model is not None else None
    if row is None:
        return None
    return SPECS[model].title(session, row)


# --- rows that belong to a record ---------------------------------------------------------------


def _action_item(session: Session, item: ActionItem, state: str) -> None:
    """A meeting's action item: its changes are the minutes' ("事项3·状态：进行中 → 已完成")."""
    base = f"action.{item.position}"
    action = EDIT
    if state == CREATE:
        changes = [(base, None, words.shown(item.task))]
    elif state == DELETE:
        changes = [(base, words.shown(item.task), None)]
    else:
        changes = list(_diff(session, item, _ACTION_ITEM_FIELDS, base + "."))
        if any(name.endswith(".status") for name, _o, _n in changes):
            action = STATUS
    if changes:
        title = _title_of(session, "minutes", item.meeting_id)
        note_entry(session, "minutes", item.meeting_id, action, title, changes)


def _rebate_step(session: Session, step: RebateStep, state: str) -> None:
    if state != CREATE:
        return
    if step.decision == "apply":
        text, action = "申请", STATUS
    elif step.step == "settle":  # an advance rebate settled in its approved tier (issue 13)
        text, action = "结算", STATUS
    else:
        decided = "同意" if step.decision == "approve" else "驳回"
        text, action = f"{STEP_LABELS.get(step.step, step.step)}{decided}", APPROVE
    if step.actor:
        text += f"（{step.actor}）"
    if step.comment:
        text += f"：{step.comment}"
    title = _title_of(session, "rebate", step.rebate_id)
    note_entry(session, "rebate", step.rebate_id, action, title, [("approval", None, text)])


def _document_version(session: Session, version: DocumentVersion, state: str) -> None:
    if state != CREATE:
        return
    text = f"第{version.version}版"
    if version.note:
        text += f"：{version.note}"
    title = _title_of(session, "document", version.document_id)
    note_entry(session, "document", version.document_id, EDIT, title, [("version", None, text)])


def _document_review(session: Session, review: DocumentReview, state: str) -> None:
    if state != CREATE:
        return
    try:
        what = ReviewAction(review.action)
    except ValueError:
        return
    text = ACTION_ZH[what]
    if review.actor:
        text += f"（{review.actor}）"
    if review.comment:
        text += f"：{review.comment}"
    action = APPROVE if what in (ReviewAction.APPROVE, ReviewAction.RETURN) else STATUS
    title = _title_of(session, "document", review.document_id)
    note_entry(session, "document", review.document_id, action, title, [("review", None, text)])


def _attachment(session: Session, attachment: Attachment, state: str) -> None:
    kind = attachment.owner_kind
    if kind not in words.KINDS or state == EDIT:
        return
    name = words.shown(attachment.original_name)
    change = ("attachment", None, name) if state == CREATE else ("attachment", name, None)
    title = _title_of(session, kind, attachment.owner_id)
    note_entry(session, kind, attachment.owner_id, EDIT, title, [change])


_CHILDREN: dict[type, Callable[[Session, Any, str], None]] = {
    ActionItem: _action_item,
    RebateStep: _rebate_step,
    DocumentVersion: _document_version,
    DocumentReview: _document_review,
    Attachment: _attachment,
}


# --- reading ---------------------------------------------------------------------------------


def names_of(session: Session, model: type, ids: Iterable[int], attr: str = "name") -> list[str]:
    """What linked rows are called, in the order of `ids` (for replaced())."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    column = getattr(model, attr)
    found = dict(session.execute(select(model.id, column).where(model.id.in_(ids))).all())
    return [str(found.get(i, f"#{i}")) for i in ids]
