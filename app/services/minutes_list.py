"""Reading meeting minutes (会议纪要) and the follow-up of their action items (督促落实): the
meeting list, one meeting, the open action items. On an archive file opened read-only they are
read with sqlite3 alone (app.db.plain_minutes: `minutes list`, `minutes show` and `actions` start
without SQLAlchemy or the ORM models, issue 11); otherwise through a session. Either way the same
records come out. app.services.minutes writes them and re-exports these names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import ModuleType

from app.db import plain_minutes
from app.db.list_filters import ActionFilter, MeetingFilter
from app.domain.errors import NotFoundError
from app.domain.minutes import (
    OPEN_STATUSES,
    ActionItemDraft,
    MeetingDraft,
    days_overdue,
    is_due_today,
    minutes_number,
)
from app.services.archive import Archive
from app.services.readers import reader

OPEN = tuple(s.value for s in OPEN_STATUSES)
PAGE = 200


@dataclass(frozen=True)
class ActionRow:
    id: int
    meeting_id: int
    meeting_title: str
    held_at: datetime
    position: int
    task: str
    owner: str
    helpers: str
    due_on: date | None
    status: str
    result: str
    closed_on: date | None
    days_overdue: int
    due_today: bool

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0

    def draft(self) -> ActionItemDraft:
        return ActionItemDraft(
            self.task, self.owner, self.helpers, self.due_on, self.status, self.result, self.id
        )


@dataclass(frozen=True)
class ClientRef:
    id: int
    name: str


@dataclass(frozen=True)
class MeetingRow:
    id: int
    title: str
    held_at: datetime
    place: str
    host: str
    clients: tuple[ClientRef, ...]
    actions_total: int
    actions_open: int
    number: str = ""  # 纪要编号 〔2026〕第3期
    version: int = 1


@dataclass(frozen=True)
class MeetingDetail:
    id: int
    title: str
    held_at: datetime
    place: str
    host: str
    attendees: str
    observers: str
    absentees: str
    recorder: str
    reviewer: str
    agenda: str
    discussion: str
    decisions: tuple[str, ...]
    actions: tuple[ActionRow, ...]
    other_matters: str
    next_meeting: str
    clients: tuple[ClientRef, ...]
    tender_id: int | None
    tender_title: str
    created_at: datetime
    updated_at: datetime
    number: str = ""  # 纪要编号 〔2026〕第3期
    distribution: str = ""  # 分送
    copies_to: str = ""  # 抄送
    version: int = 1  # what a save of an edit of it is checked against (record_versions)

    def draft(self) -> MeetingDraft:
        return MeetingDraft(
            self.title,
            self.held_at,
            self.place,
            self.host,
            self.attendees,
            self.observers,
            self.absentees,
            self.recorder,
            self.reviewer,
            self.agenda,
            self.discussion,
            self.decisions,
            tuple(a.draft() for a in self.actions),
            self.other_matters,
            self.next_meeting,
            tuple(c.id for c in self.clients),
            self.tender_id,
            self.distribution,
            self.copies_to,
        )


@dataclass(frozen=True)
class ActionPage:
    rows: tuple[ActionRow, ...]
    total: int  # all open items matching the filter, for paging


# --- rows ---------------------------------------------------------------------------------


def action_row(item, title: str, held_at: datetime, today: date) -> ActionRow:
    return ActionRow(
        item.id,
        item.meeting_id,
        title,
        held_at,
        item.position,
        item.task,
        item.owner,
        item.helpers,
        item.due_on,
        item.status,
        item.result,
        item.closed_on,
        days_overdue(item.due_on, item.status, today),
        is_due_today(item.due_on, item.status, today),
    )


def refs(pairs) -> tuple[ClientRef, ...]:
    return tuple(ClientRef(i, n) for i, n in pairs)


def meeting_detail(repo: ModuleType, session, meeting, today: date) -> MeetingDetail:
    """The meeting's detail, read with `repo` (the repository or app.db.plain_minutes)."""
    actions = tuple(
        action_row(a, meeting.title, meeting.held_at, today)
        for a in repo.actions(session, meeting.id)
    )
    return MeetingDetail(
        meeting.id,
        meeting.title,
        meeting.held_at,
        meeting.place,
        meeting.host,
        meeting.attendees,
        meeting.observers,
        meeting.absentees,
        meeting.recorder,
        meeting.reviewer,
        meeting.agenda,
        meeting.discussion,
        tuple(repo.decisions(session, meeting.id)),
        actions,
        meeting.other_matters,
        meeting.next_meeting,
        refs(repo.clients_of(session, [meeting.id]).get(meeting.id, [])),
        meeting.tender_id,
        repo.tender_title(session, meeting.tender_id) or "",
        meeting.created_at,
        meeting.updated_at,
        minutes_number(meeting.number_year, meeting.number_seq),
        meeting.distribution or "",
        meeting.copies_to or "",
        meeting.version,
    )


def get_meeting(archive: Archive, meeting_id: int) -> MeetingDetail:
    """The meeting with its decisions and action items; NotFoundError when there is none."""
    with reader(archive, plain_minutes, "minutes") as (repo, session):
        meeting = repo.get(session, meeting_id)
        if meeting is None:
            raise NotFoundError("meeting", meeting_id)
        return meeting_detail(repo, session, meeting, archive.today())


def list_meetings(archive: Archive, flt: MeetingFilter | None = None) -> list[MeetingRow]:
    """The meetings of the filter, newest first."""
    with reader(archive, plain_minutes, "minutes") as (repo, session):
        meetings = repo.list_meetings(session, flt or MeetingFilter())
        ids = [m.id for m in meetings]
        clients = repo.clients_of(session, ids) if len(ids) < 5000 else {}
        counts = repo.action_counts(session, ids, OPEN) if len(ids) < 5000 else {}
        return [
            MeetingRow(
                m.id,
                m.title,
                m.held_at,
                m.place,
                m.host,
                refs(clients.get(m.id, [])),
                *counts.get(m.id, (0, 0)),
                minutes_number(m.number_year, m.number_seq),
                m.version,
            )
            for m in meetings
        ]


def action_filter(archive: Archive, owner, client_id, overdue_only, due_by=None) -> ActionFilter:
    """The follow-up's filter of open items (a blank owner: anyone's)."""
    return ActionFilter(
        OPEN, archive.today(), (owner or "").strip() or None, client_id, overdue_only, due_by
    )


def open_actions(
    archive: Archive,
    owner: str | None = None,
    client_id: int | None = None,
    overdue_only: bool = False,
    limit: int = PAGE,
    offset: int = 0,
) -> ActionPage:
    """Open action items across all meetings: overdue first (most overdue on top), then by due
    day, items without a due day last."""
    flt = action_filter(archive, owner, client_id, overdue_only)
    today = archive.today()
    with reader(archive, plain_minutes, "minutes") as (repo, session):
        rows = repo.open_actions(session, flt, limit, offset)
        total = repo.count_actions(session, flt) if (offset or len(rows) >= limit) else len(rows)
        return ActionPage(tuple(action_row(a, t, h, today) for a, t, h in rows), total)


def minutes_title(title: str) -> str:
    if title.endswith("纪要"):
        return title
    # 回款协调会 -> 回款协调会纪要, never 回款协调会会议纪要
    return f"{title}纪要" if title.endswith("会") else f"{title}会议纪要"
