"""Activities of every kind: visits, calls, meetings, complaints, after-sales maintenance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from app.db.models import Activity
from app.db.repositories import activities as repo
from app.db.repositories import clients as client_repo
from app.domain.enums import ActivityKind
from app.domain.errors import NotFoundError, ValidationError
from app.domain.money import fen_to_yuan, yuan_to_fen
from app.domain.queries import ActivityQuery
from app.domain.records import ActivityDraft, validate_activity
from app.services import indexing, record_versions, recycle_bin
from app.services.activity_list import ActivityRow as ActivityRow
from app.services.activity_list import activity_page as activity_page
from app.services.activity_list import activity_row as _row
from app.services.activity_list import count_activities as count_activities
from app.services.archive import Archive


@dataclass(frozen=True)
class ActivityRecord:
    id: int
    client_id: int
    client_name: str
    kind: ActivityKind
    started_at: datetime
    ended_at: datetime | None
    subject: str
    participants: str
    notes: str
    outcome: str
    next_step: str
    next_step_due: date | None
    next_step_done_on: date | None
    expense: Decimal
    resolution: str
    closed_on: date | None
    contact_ids: tuple[int, ...]
    version: int = 1  # what a save of an edit of it is checked against (record_versions)

    def draft(self) -> ActivityDraft:
        return ActivityDraft(
            client_id=self.client_id,
            kind=self.kind,
            started_at=self.started_at,
            subject=self.subject,
            ended_at=self.ended_at,
            participants=self.participants,
            notes=self.notes,
            outcome=self.outcome,
            next_step=self.next_step,
            next_step_due=self.next_step_due,
            expense=self.expense,
            resolution=self.resolution,
            closed_on=self.closed_on,
            contact_ids=self.contact_ids,
        )


def _record(activity: Activity, client_name: str, contact_ids: Sequence[int]) -> ActivityRecord:
    return ActivityRecord(
        activity.id,
        activity.client_id,
        client_name,
        ActivityKind(activity.kind),
        activity.started_at,
        activity.ended_at,
        activity.subject,
        activity.participants,
        activity.notes,
        activity.outcome,
        activity.next_step,
        activity.next_step_due,
        activity.next_step_done_on,
        fen_to_yuan(activity.expense_fen),
        activity.resolution,
        activity.closed_on,
        tuple(contact_ids),
        activity.version,
    )


def _apply(activity: Activity, draft: ActivityDraft) -> None:
    activity.client_id = draft.client_id
    activity.kind = ActivityKind(draft.kind).value
    activity.started_at = draft.started_at
    activity.ended_at = draft.ended_at
    activity.subject = draft.subject
    activity.participants = draft.participants
    activity.notes = draft.notes
    activity.outcome = draft.outcome
    activity.next_step = draft.next_step
    activity.next_step_due = draft.next_step_due
    activity.expense_fen = yuan_to_fen(draft.expense)
    activity.resolution = draft.resolution
    activity.closed_on = draft.closed_on


def _client_name(session, client_id: int) -> str:
    client = client_repo.get(session, client_id)
    if client is None:
        if not client_id:
            raise ValidationError("client", "required")
        raise NotFoundError("client", client_id)
    return client.name


def create_activity(archive: Archive, draft: ActivityDraft) -> ActivityRecord:
    draft = validate_activity(draft)
    with archive.db.session() as session:
        name = _client_name(session, draft.client_id)
        now = archive.now()
        activity = Activity(created_at=now, updated_at=now)
        _apply(activity, draft)
        session.add(activity)
        session.flush()
        repo.set_contacts(session, activity.id, draft.contact_ids)
        _after_write(session, activity, name, {draft.client_id})
        return _record(activity, name, draft.contact_ids)


def update_activity(
    archive: Archive, activity_id: int, draft: ActivityDraft, expected_version: int | None = None
) -> ActivityRecord:
    """Saves the activity; refused when it changed after `expected_version` (ConflictError,
    nothing saved; None: no check)."""
    draft = validate_activity(draft)
    with archive.db.session() as session:
        activity = _get(session, activity_id)
        record_versions.check(session, "activity", activity, expected_version)
        previous_client = activity.client_id
        name = _client_name(session, draft.client_id)
        _apply(activity, draft)
        activity.updated_at = archive.now()
        session.flush()
        repo.set_contacts(session, activity.id, draft.contact_ids)
        _after_write(session, activity, name, {previous_client, draft.client_id})
        return _record(activity, name, draft.contact_ids)


def _after_write(session, activity: Activity, client_name: str, client_ids: set[int]) -> None:
    for client_id in client_ids:
        client_repo.refresh_last_visit(session, client_id, ActivityKind.VISIT.value)
    indexing.reindex(session, [indexing.activity_document(activity, client_name)])


def delete_activity(
    archive: Archive, activity_id: int, expected_version: int | None = None
) -> None:
    """Moves the activity, with its attachments, to the recycle bin; not when someone else
    changed it after `expected_version` (the form it is deleted from: ConflictError)."""
    with archive.db.session() as session:
        activity = _get(session, activity_id)
        record_versions.check(session, "activity", activity, expected_version)
        client_id = activity.client_id
        recycle_bin.move_to_bin(archive, session, "activity", activity_id)
        client_repo.refresh_last_visit(session, client_id, ActivityKind.VISIT.value)


def mark_next_step_done(archive: Archive, activity_id: int, done_on: date | None = None) -> None:
    with archive.db.session() as session:
        activity = _get(session, activity_id)
        activity.next_step_done_on = done_on or archive.today()
        activity.updated_at = archive.now()


def close_complaint(
    archive: Archive, activity_id: int, resolution: str, closed_on: date | None = None
) -> ActivityRecord:
    record = get_activity(archive, activity_id)
    from dataclasses import replace

    draft = replace(record.draft(), resolution=resolution, closed_on=closed_on or archive.today())
    return update_activity(archive, activity_id, draft)


def get_activity(archive: Archive, activity_id: int) -> ActivityRecord:
    with archive.db.read() as session:
        activity = _get(session, activity_id)
        name = _client_name(session, activity.client_id)
        return _record(activity, name, repo.contact_ids(session, activity_id))


def _get(session, activity_id: int) -> Activity:
    activity = repo.get(session, activity_id)
    if activity is None:
        raise NotFoundError("activity", activity_id)
    return activity


def list_activity_ids(archive: Archive, query: ActivityQuery) -> Sequence[int]:
    with archive.db.read() as session:
        return repo.list_ids(session, query)


def activity_rows(archive: Archive, ids: Sequence[int]) -> list[ActivityRow]:
    with archive.db.read() as session:
        return [_row(r) for r in repo.rows_for_ids(session, ids)]


def timeline(archive: Archive, client_id: int, limit: int = 200) -> list[ActivityRow]:
    """A client's activities, newest first."""
    with archive.db.read() as session:
        return [_row(r) for r in repo.timeline(session, client_id, limit)]


def due_next_steps(archive: Archive, within_days: int = 0, limit: int = 200) -> list[ActivityRow]:
    """Next steps due by today (+ within_days) and not done, overdue ones first."""
    until = archive.today() + timedelta(days=within_days)
    with archive.db.read() as session:
        return [_row(r) for r in repo.due_next_steps(session, until, limit)]


def open_complaints(archive: Archive, limit: int = 200) -> list[ActivityRow]:
    with archive.db.read() as session:
        return [_row(r) for r in repo.open_complaints(session, limit)]
