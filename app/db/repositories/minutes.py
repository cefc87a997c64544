"""Meetings, their decisions and action items; the follow-up query over open action items."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import and_, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from app.db import history
from app.db.bulk import id_array
from app.db.dialect_sql import like_any_case
from app.db.list_filters import ActionFilter, MeetingFilter
from app.db.models import (
    ActionItem,
    Client,
    Meeting,
    MeetingClient,
    MeetingDecision,
    NumberSequence,
    Tender,
)

MINUTES_SCOPE = "minutes"  # the number_sequences row of the 纪要编号


def get(session: Session, meeting_id: int) -> Meeting | None:
    return session.get(Meeting, meeting_id)


def next_minutes_number(session: Session, year: int) -> int:
    """Takes the year's next 纪要编号; the counter only goes up, so a binned number is not reused."""
    row = session.get(NumberSequence, (MINUTES_SCOPE, year))
    if row is None:
        row = NumberSequence(scope=MINUTES_SCOPE, year=year, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return row.last


def get_action(session: Session, action_id: int) -> ActionItem | None:
    return session.get(ActionItem, action_id)


def decisions(session: Session, meeting_id: int) -> list[str]:
    stmt = (
        select(MeetingDecision.text)
        .where(MeetingDecision.meeting_id == meeting_id)
        .order_by(MeetingDecision.position)
    )
    return list(session.scalars(stmt))


def actions(session: Session, meeting_id: int) -> list[ActionItem]:
    stmt = (
        select(ActionItem)
        .where(ActionItem.meeting_id == meeting_id)
        .order_by(ActionItem.position, ActionItem.id)
    )
    return list(session.scalars(stmt))


def clients_of(session: Session, meeting_ids: Sequence[int]) -> dict[int, list[tuple[int, str]]]:
    """meeting id -> [(client id, name)], names in pinyin-free plain order."""
    out: dict[int, list[tuple[int, str]]] = {}
    if not meeting_ids:
        return out
    stmt = (
        select(MeetingClient.meeting_id, Client.id, Client.name)
        .join(Client, Client.id == MeetingClient.client_id)
        .where(MeetingClient.meeting_id.in_(list(meeting_ids)))
        .order_by(MeetingClient.meeting_id, Client.name)
    )
    for meeting_id, client_id, name in session.execute(stmt):
        out.setdefault(meeting_id, []).append((client_id, name))
    return out


def existing_client_ids(session: Session, client_ids: Sequence[int]) -> set[int]:
    if not client_ids:
        return set()
    return set(session.scalars(select(Client.id).where(Client.id.in_(list(client_ids)))))


def tender_title(session: Session, tender_id: int | None) -> str | None:
    if tender_id is None:
        return None
    return session.scalar(select(Tender.title).where(Tender.id == tender_id))


def set_clients(session: Session, meeting_id: int, client_ids: Sequence[int]) -> None:
    old = session.scalars(
        select(MeetingClient.client_id).where(MeetingClient.meeting_id == meeting_id)
    )
    before = history.names_of(session, Client, sorted(old))
    after = history.names_of(session, Client, sorted(client_ids))
    history.replaced(session, "minutes", meeting_id, "clients", before, after)
    session.execute(delete(MeetingClient).where(MeetingClient.meeting_id == meeting_id))
    session.add_all(MeetingClient(meeting_id=meeting_id, client_id=c) for c in client_ids)


def set_decisions(session: Session, meeting_id: int, texts: Sequence[str]) -> None:
    before = session.scalars(
        select(MeetingDecision.text)
        .where(MeetingDecision.meeting_id == meeting_id)
        .order_by(MeetingDecision.position)
    ).all()
    history.replaced(session, "minutes", meeting_id, "decisions", before, list(texts))
    session.execute(delete(MeetingDecision).where(MeetingDecision.meeting_id == meeting_id))
    session.add_all(
        MeetingDecision(meeting_id=meeting_id, position=i, text=t)
        for i, t in enumerate(texts, start=1)
    )


def list_meetings(session: Session, flt: MeetingFilter) -> list[Meeting]:
    stmt = select(Meeting)
    if flt.text:
        like = f"%{flt.text}%"
        stmt = stmt.where(
            or_(
                like_any_case(Meeting.title, like),
                like_any_case(Meeting.place, like),
                like_any_case(Meeting.host, like),
                like_any_case(Meeting.attendees, like),
                like_any_case(Meeting.agenda, like),
            )
        )
    if flt.client_id is not None:
        stmt = stmt.where(_has_client(Meeting.id, flt.client_id))
    if flt.date_from:
        stmt = stmt.where(Meeting.held_at >= datetime.combine(flt.date_from, datetime.min.time()))
    if flt.date_to:
        stmt = stmt.where(Meeting.held_at <= datetime.combine(flt.date_to, datetime.max.time()))
    return list(session.scalars(stmt.order_by(Meeting.held_at.desc(), Meeting.id.desc())))


def action_counts(session: Session, meeting_ids: Sequence[int], open_statuses) -> dict:
    """meeting id -> (all items, open items)."""
    if not meeting_ids:
        return {}
    is_open = ActionItem.status.in_(open_statuses)
    stmt = select(ActionItem.meeting_id, func.count(), func.count().filter(is_open))
    stmt = stmt.where(ActionItem.meeting_id.in_(list(meeting_ids))).group_by(ActionItem.meeting_id)
    return {m: (total, open_) for m, total, open_ in session.execute(stmt)}


def _has_client(meeting_id_column, client_id: int):
    return exists().where(
        and_(MeetingClient.meeting_id == meeting_id_column, MeetingClient.client_id == client_id)
    )


def _action_where(stmt, flt: ActionFilter):
    stmt = stmt.where(ActionItem.status.in_(flt.open_statuses))
    if flt.owner:
        stmt = stmt.where(ActionItem.owner == flt.owner)
    if flt.client_id is not None:
        stmt = stmt.where(_has_client(ActionItem.meeting_id, flt.client_id))
    if flt.overdue_only:
        stmt = stmt.where(ActionItem.due_on < flt.today)
    if flt.due_by is not None:
        stmt = stmt.where(ActionItem.due_on <= flt.due_by)
    return stmt


# overdue first: by due day ascending every overdue item comes ahead; no due day comes last
_OVERDUE_FIRST = (ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)


def open_actions(
    session: Session, flt: ActionFilter, limit: int, offset: int
) -> list[tuple[ActionItem, str, datetime]]:
    """Open items, overdue first: ordering by due day ascending puts every overdue item (due
    before today) ahead of the rest; items without a due day come last."""
    stmt = select(ActionItem, Meeting.title, Meeting.held_at).join(
        Meeting, Meeting.id == ActionItem.meeting_id
    )
    stmt = _action_where(stmt, flt).order_by(*_OVERDUE_FIRST)
    return [tuple(r) for r in session.execute(stmt.limit(limit).offset(offset))]


def open_action_ids(session: Session, flt: ActionFilter) -> Sequence[int]:
    """The ids of `open_actions`, all of them, in its order (a list fetches rows as shown)."""
    stmt = _action_where(select(ActionItem.id), flt).order_by(*_OVERDUE_FIRST)
    return id_array(session, stmt)


def actions_by_ids(
    session: Session, action_ids: Sequence[int]
) -> list[tuple[ActionItem, str, datetime]]:
    """The items of these ids (any order) with their meeting's title and time."""
    stmt = select(ActionItem, Meeting.title, Meeting.held_at).join(
        Meeting, Meeting.id == ActionItem.meeting_id
    )
    return [tuple(r) for r in session.execute(stmt.where(ActionItem.id.in_(list(action_ids))))]


def count_actions(session: Session, flt: ActionFilter) -> int:
    return session.scalar(_action_where(select(func.count(ActionItem.id)), flt)) or 0


def open_owners(session: Session, open_statuses: Sequence[str]) -> list[str]:
    stmt = (
        select(ActionItem.owner)
        .where(ActionItem.status.in_(list(open_statuses)))
        .distinct()
        .order_by(ActionItem.owner)
    )
    return list(session.scalars(stmt))


def meeting_ids_for_client(session: Session, client_id: int) -> list[int]:
    stmt = select(MeetingClient.meeting_id).where(MeetingClient.client_id == client_id)
    return list(session.scalars(stmt))


def stream_meetings(
    session: Session, client_id: int | None = None
) -> Iterator[tuple[Meeting, list[str], list[str]]]:
    """Every meeting with its decision texts and client names (for the search index); only the
    meetings linked to `client_id` when it is given (each still with all of its clients)."""
    meetings_stmt = select(Meeting)
    decisions_stmt = select(MeetingDecision.meeting_id, MeetingDecision.text)
    names_stmt = select(MeetingClient.meeting_id, Client.name).join(
        Client, Client.id == MeetingClient.client_id
    )
    if client_id is not None:
        linked = select(MeetingClient.meeting_id).where(MeetingClient.client_id == client_id)
        meetings_stmt = meetings_stmt.where(Meeting.id.in_(linked))
        decisions_stmt = decisions_stmt.where(MeetingDecision.meeting_id.in_(linked))
        names_stmt = names_stmt.where(MeetingClient.meeting_id.in_(linked))
    meetings = list(session.scalars(meetings_stmt.execution_options(yield_per=2000)))
    texts: dict[int, list[str]] = {}
    for meeting_id, text in session.execute(
        decisions_stmt.order_by(MeetingDecision.meeting_id, MeetingDecision.position)
    ):
        texts.setdefault(meeting_id, []).append(text)
    names: dict[int, list[str]] = {}
    # in clients_of's order (by name), as the minutes service indexes a saved meeting
    for meeting_id, name in session.execute(
        names_stmt.order_by(MeetingClient.meeting_id, Client.name)
    ):
        names.setdefault(meeting_id, []).append(name)
    for meeting in meetings:
        yield meeting, texts.get(meeting.id, []), names.get(meeting.id, [])


def stream_actions(session: Session) -> Iterator[tuple[ActionItem, str]]:
    stmt = select(ActionItem, Meeting.title).join(Meeting, Meeting.id == ActionItem.meeting_id)
    for row in session.execute(stmt.execution_options(yield_per=5000)):
        yield row[0], row[1]


def action_ids(session: Session, meeting_id: int) -> list[int]:
    return list(session.scalars(select(ActionItem.id).where(ActionItem.meeting_id == meeting_id)))
