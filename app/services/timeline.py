"""A client's timeline: its activities, its meetings (会议纪要) and its tenders (投标) in one
chronological list, newest first. The client page and `sales-compass client ID --timeline` both
show what client_timeline returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from types import ModuleType

from app.db import plain_timeline
from app.domain.errors import NotFoundError, ValidationError
from app.domain.minutes import OPEN_STATUSES
from app.services.archive import Archive
from app.services.readers import reader

ACTIVITY = "activity"
MEETING = "meeting"
TENDER = "tender"
KINDS = (ACTIVITY, MEETING, TENDER)
DEFAULT_LIMIT = 200
_OPEN = tuple(s.value for s in OPEN_STATUSES)


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a client's timeline. kind and id name the record (the same kinds that
    open_record takes); the other fields are filled for their kind and None otherwise."""

    kind: str  # activity | meeting | tender
    id: int
    when: datetime
    title: str
    activity_kind: str | None = None  # ActivityKind value
    next_step: str | None = None
    next_step_due: date | None = None
    place: str | None = None
    open_actions: int | None = None  # meetings: action items not done yet
    status: str | None = None  # tenders: TenderStatus value
    number: str | None = None
    bid_deadline: datetime | None = None
    award_notice_on: date | None = None  # the result notice (中标公告)


@dataclass(frozen=True)
class Timeline:
    client_id: int
    kinds: tuple[str, ...]  # the kinds asked for
    counts: dict[str, int]  # every activity, meeting and tender of the client, by kind
    entries: tuple[TimelineEntry, ...]  # newest first, at most the limit asked for

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def truncated(self) -> bool:
        """More entries of the kinds asked for exist than were returned (the limit cut them)."""
        return sum(self.counts[kind] for kind in self.kinds) > len(self.entries)


def _sort_key(entry: TimelineEntry) -> tuple:
    return (entry.when, KINDS.index(entry.kind), entry.id)


def _at_midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def client_timeline(
    archive: Archive,
    client_id: int,
    kinds: Iterable[str] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Timeline:
    """The client's activities, meetings and tenders (or only the kinds given), newest first,
    at most `limit` of them. A tender is placed at its bid deadline (else its publication day,
    else when it was entered); a meeting at when it was held; an activity at when it started."""
    wanted = tuple(dict.fromkeys(KINDS if kinds is None else kinds))
    for kind in wanted:
        if kind not in KINDS:
            raise ValidationError("kind", "unknown_kind", value=kind)
    if limit < 0:
        raise ValidationError("limit", "bad_count", value=limit)
    with reader(archive, plain_timeline, "timeline") as (repo, session):
        found = repo.counts(session, client_id)
        if found is None:
            raise NotFoundError("client", client_id)
        counts = dict(zip(KINDS, found, strict=True))
        entries = _entries(repo, session, client_id, wanted, limit)
    entries.sort(key=_sort_key, reverse=True)
    return Timeline(client_id, wanted, counts, tuple(entries[:limit]))


def _entries(
    repo: ModuleType, session: object, client_id: int, wanted: tuple[str, ...], limit: int
) -> list[TimelineEntry]:
    """The entries of the kinds wanted, at most `limit` of each, read with `repo`."""
    entries: list[TimelineEntry] = []
    if ACTIVITY in wanted and limit:
        for id_, started_at, kind, subject, next_step, due in repo.activities(
            session, client_id, limit
        ):
            entries.append(
                TimelineEntry(
                    ACTIVITY,
                    id_,
                    started_at,
                    subject,
                    activity_kind=kind,
                    next_step=next_step,
                    next_step_due=due,
                )
            )
    if MEETING in wanted and limit:
        meetings = repo.meetings(session, client_id, limit)
        open_counts = repo.open_action_counts(session, [m[0] for m in meetings], _OPEN)
        for id_, held_at, title, place in meetings:
            entries.append(
                TimelineEntry(
                    MEETING,
                    id_,
                    held_at,
                    title,
                    place=place,
                    open_actions=open_counts.get(id_, 0),
                )
            )
    if TENDER in wanted and limit:
        for row in repo.tenders(session, client_id, limit):
            id_, title, number, status, published_on, deadline, award_on, created_at = row
            when = deadline or (_at_midnight(published_on) if published_on else created_at)
            entries.append(
                TimelineEntry(
                    TENDER,
                    id_,
                    when,
                    title,
                    status=status,
                    number=number,
                    bid_deadline=deadline,
                    award_notice_on=award_on,
                )
            )
    return entries
