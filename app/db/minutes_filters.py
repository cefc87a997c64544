"""The filters of the meeting list and the follow-up of action items: plain values both readers
take (app.db.repositories.minutes through a session, app.db.plain_minutes on an archive file's
sqlite3 connection), importable without SQLAlchemy (issue 11)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
