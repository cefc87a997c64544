"""Someone else's save landing between a unit of work's read and its write (issue 14 §3): the
save's own version check has passed, and its UPDATE then matches no row. `beaten_by(step)`
runs `step` (the other person's save, on their own archive) just before the first flush of
any unit of work that is about to change a versioned record, once: whatever front end or
service made it (a command run in the test's process, a window's form)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session


def _changes_a_versioned_record(session: Session) -> bool:
    return any(inspect(o).mapper.version_id_col is not None for o in session.dirty)


@contextmanager
def beaten_by(step: Callable[[], object]) -> Iterator[list]:
    """Yields a list that holds True once the other save ran."""
    ran: list = []

    def before_flush(session: Session, _context, _instances) -> None:
        if ran or not _changes_a_versioned_record(session):
            return
        ran.append(True)  # first: the other save flushes too
        step()

    event.listen(Session, "before_flush", before_flush)
    try:
        yield ran
    finally:
        event.remove(Session, "before_flush", before_flush)
