"""The filters of the lists that both readers take (a repository of app.db.repositories through
a session, its app.db.plain_* counterpart on an archive file's sqlite3 connection): plain values,
importable without SQLAlchemy (issue 11)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ActionFilter:
    open_statuses: tuple[str, ...]
    today: date
    owner: str | None = None
    client_id: int | None = None
    overdue_only: bool = False
    due_by: date | None = None  # open items due on or before this day (home page)


@dataclass(frozen=True)
class MeetingFilter:
    text: str = ""
    client_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class LetterFilter:
    direction: str | None = None  # 'in' | 'out' | None for both
    client_id: int | None = None
    statuses: tuple[str, ...] = ()
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    reply_due_before: date | None = None  # open letters whose reply is due before this day


@dataclass(frozen=True)
class DocumentFilter:
    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    client_id: int | None = None
    text: str = ""


@dataclass(frozen=True)
class TenderFilter:
    statuses: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    client_id: int | None = None
    text: str = ""
    deadline_from: datetime | None = None
    deadline_to: datetime | None = None
