"""The activity list: a window of its rows by keyset and its count. On an archive file opened
read-only the first window and the count are read with the standard library alone
(app.db.plain_activities: the `activities` command starts without SQLAlchemy or the ORM models,
issue 11); otherwise, and for the windows that follow, through a session. Either way the same
rows come out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.db import plain_activities
from app.domain.enums import ActivityKind
from app.domain.money import fen_to_yuan
from app.domain.queries import ActivityQuery, Page
from app.services.archive import Archive
from app.services.readers import reader


@dataclass(frozen=True)
class ActivityRow:
    """One line of an activity list or a client's timeline."""

    id: int
    started_at: datetime
    kind: ActivityKind
    client_name: str
    subject: str
    participants: str
    next_step: str
    next_step_due: date | None
    expense: Decimal
    closed_on: date | None
    client_id: int
    version: int = 1


def activity_row(values: tuple) -> ActivityRow:
    """The row of a list's values (the repository's LIST_COLUMNS, from either reader)."""
    values = list(values)
    values[2] = ActivityKind(values[2])
    values[8] = fen_to_yuan(values[8])
    return ActivityRow(*values)


def activity_page(
    archive: Archive, query: ActivityQuery, after: Any = None, limit: int = 200
) -> Page[ActivityRow]:
    """The `limit` rows of the list that follow the row of key `after` (the first ones when
    None): a window read by keyset through the sort column's index, never the whole list."""
    with reader(archive, plain_activities, "activities", plain_ok=after is None) as (repo, r):
        found, chosen = repo.page(r, query, after, limit + 1)
    shown = found[:limit]
    last = (shown[-1][-1], shown[-1][0]) if shown else after
    return Page([activity_row(r[:-1]) for r in shown], last, chosen > limit)


def count_activities(archive: Archive, query: ActivityQuery) -> int:
    with reader(archive, plain_activities, "activities") as (repo, session):
        return repo.count(session, query)
