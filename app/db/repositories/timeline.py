"""A client's timeline: its activities, its meetings (会议纪要) and its tenders as purchaser.

Each query is bounded by the client's index and a LIMIT, so one client's timeline stays fast on
an archive of a million activities."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import ActionItem, Activity, Client, Meeting, MeetingClient, Tender


def activities(session: Session, client_id: int, limit: int) -> list[tuple]:
    """(id, started_at, kind, subject, next_step, next_step_due), newest first."""
    stmt = (
        select(
            Activity.id,
            Activity.started_at,
            Activity.kind,
            Activity.subject,
            Activity.next_step,
            Activity.next_step_due,
        )
        .where(Activity.client_id == client_id)
        .order_by(Activity.started_at.desc(), Activity.id.desc())
        .limit(limit)
    )
    return [tuple(r) for r in session.execute(stmt)]


def meetings(session: Session, client_id: int, limit: int) -> list[tuple]:
    """(id, held_at, title, place), newest first."""
    stmt = (
        select(Meeting.id, Meeting.held_at, Meeting.title, Meeting.place)
        .join(MeetingClient, MeetingClient.meeting_id == Meeting.id)
        .where(MeetingClient.client_id == client_id)
        .order_by(Meeting.held_at.desc(), Meeting.id.desc())
        .limit(limit)
    )
    return [tuple(r) for r in session.execute(stmt)]


def open_action_counts(
    session: Session, meeting_ids: Sequence[int], open_statuses: Sequence[str]
) -> dict[int, int]:
    """meeting id -> its open action items (meetings without any are left out)."""
    if not meeting_ids:
        return {}
    stmt = (
        select(ActionItem.meeting_id, func.count())
        .where(
            ActionItem.meeting_id.in_(list(meeting_ids)),
            ActionItem.status.in_(list(open_statuses)),
        )
        .group_by(ActionItem.meeting_id)
    )
    return {meeting_id: count for meeting_id, count in session.execute(stmt)}


def tenders(session: Session, client_id: int, limit: int) -> list[tuple]:
    """(id, title, number, status, published_on, bid_deadline, award_notice_on, created_at),
    latest first by the bid deadline (or, without one, the publication day, then entry)."""
    anchor = func.coalesce(Tender.bid_deadline, Tender.published_on, Tender.created_at)
    stmt = (
        select(
            Tender.id,
            Tender.title,
            Tender.number,
            Tender.status,
            Tender.published_on,
            Tender.bid_deadline,
            Tender.award_notice_on,
            Tender.created_at,
        )
        .where(Tender.client_id == client_id)
        .order_by(anchor.desc(), Tender.id.desc())
        .limit(limit)
    )
    return [tuple(r) for r in session.execute(stmt)]


def counts(session: Session, client_id: int) -> tuple[int, int, int] | None:
    """How many activities, meetings and tenders the client has (one statement); None when
    there is no such client."""

    def count(column):
        return select(func.count()).where(column == client_id).scalar_subquery()

    row = session.execute(
        select(
            select(Client.id).where(Client.id == client_id).scalar_subquery(),
            count(Activity.client_id),
            count(MeetingClient.client_id),
            count(Tender.client_id),
        )
    ).one()
    return None if row[0] is None else (row[1], row[2], row[3])
