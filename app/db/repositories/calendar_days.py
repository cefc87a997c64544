"""The days entered from the State Council's holiday notice (table calendar_days)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db.models import CalendarDay


def all_days(session: Session) -> list[tuple[date, str, str]]:
    """(day, kind 休/班, name) of every entered day, in date order."""
    rows = session.execute(select(CalendarDay.day, CalendarDay.kind, CalendarDay.name))
    return sorted((r.day, r.kind, r.name) for r in rows)


def put(session: Session, day: date, kind: str, name: str, at: datetime) -> None:
    row = session.get(CalendarDay, day)
    if row is None:
        session.add(CalendarDay(day=day, kind=kind, name=name, entered_at=at))
    else:
        row.kind, row.name, row.entered_at = kind, name, at


def remove(session: Session, first: date, last: date) -> int:
    """Removes the entered days from first to last included; returns how many there were."""
    result = session.execute(
        delete(CalendarDay).where(CalendarDay.day >= first, CalendarDay.day <= last)
    )
    return result.rowcount or 0
