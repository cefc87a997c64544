"""What others changed since the window last looked (issue 14 §3: lists and the home page follow
other people's writes). The counter is the id of the newest change_log entry: every change a
unit of work makes is recorded there in the same transaction (app.db.history), on SQLite and
PostgreSQL alike, and reading the entries after a counter is a primary-key range scan.

The entries this process wrote itself (the archive's change tracker keeps their ids) are left
out: the window already announced them when its own write succeeded."""

from __future__ import annotations

from app.db.repositories import change_log
from app.services.archive import Archive

BATCH = 5000  # entries read at one look; more are read at the next
_BIN_ACTIONS = frozenset({change_log.DELETE, change_log.RESTORE, change_log.PURGE})
# a change_log kind and the kinds the window's pages listen for when it changed
_KINDS = {"minutes": ("minutes", "meeting", "action")}


def change_counter(archive: Archive) -> int:
    """The counter now (where a window starts watching)."""
    with archive.db.read() as session:
        return change_log.newest_id(session)


def changes_since(archive: Archive, counter: int) -> tuple[int, frozenset[str]]:
    """(the new counter, the kinds of record others changed after `counter`): nothing when
    only this process wrote meanwhile. 'recycle_bin' is among them when a record was deleted,
    restored or purged."""
    with archive.db.read() as session:
        entries = change_log.kinds_after(session, counter, BATCH)
    if not entries:
        return counter, frozenset()
    tracker = getattr(archive.db, "change_tracker", None)
    own: set[int] = tracker.own_ids if tracker is not None else set()
    kinds: set[str] = set()
    for entry_id, kind, action in entries:
        if entry_id in own:
            own.discard(entry_id)  # seen: never asked about again
            continue
        kinds.update(_KINDS.get(kind, (kind,)))
        if action in _BIN_ACTIONS:
            kinds.add("recycle_bin")
    return entries[-1][0], frozenset(kinds)
