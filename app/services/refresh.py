"""What others changed since the window last looked (issue 14 §3: lists and the home page follow
other people's writes). Every change a unit of work makes is recorded in change_log in the same
transaction (app.db.history), on SQLite and PostgreSQL alike.

The counter is the newest entry id seen plus the ids seen in a lookback window below it. On
PostgreSQL an id is taken from the sequence before its transaction commits, so a transaction
can commit after one with a higher id was already read: reading only the ids above the newest
would never announce it. Each look therefore reads the last LOOKBACK ids again (a primary-key
range scan) and announces those not seen before. The history's own entries take their ids in
the commit itself (ChangeTracker._before_commit), explicit ones (the recycle bin) during their
unit of work; LOOKBACK ids are far more than a department commits while one is in flight. On
SQLite a writer holds the file until it commits, so ids commit in order.

The entries this process wrote itself (the archive's change tracker keeps their ids) are left
out: the window already announced them when its own write succeeded."""

from __future__ import annotations

from dataclasses import dataclass

from app.db.repositories import change_log
from app.services.archive import Archive

LOOKBACK = 1000  # ids below the newest seen that are read again at each look
BATCH = 5000  # entries read at one look (more than LOOKBACK); more are read at the next
_BIN_ACTIONS = frozenset({change_log.DELETE, change_log.RESTORE, change_log.PURGE})
# a change_log kind and the kinds the window's pages listen for when it changed
_KINDS = {"minutes": ("minutes", "meeting", "action")}


@dataclass(frozen=True)
class Counter:
    """Where a window's watching stands: the newest entry id seen and the ids seen within
    LOOKBACK below it."""

    newest: int
    seen: frozenset[int] = frozenset()

    def after(self, ids: list[int]) -> Counter:
        """The counter once `ids` (read above newest - LOOKBACK) were seen."""
        newest = max([self.newest, *ids])
        floor = newest - LOOKBACK
        return Counter(newest, frozenset(i for i in (*self.seen, *ids) if i > floor))


def change_counter(archive: Archive) -> Counter:
    """The counter now (where a window starts watching)."""
    with archive.db.read() as session:
        newest = change_log.newest_id(session)
        entries = change_log.kinds_after(session, newest - LOOKBACK, BATCH)
    # an entry committed between the two reads is above `newest`: left unseen, so announced
    return Counter(newest).after([entry_id for entry_id, _k, _a in entries if entry_id <= newest])


def changes_since(archive: Archive, counter: Counter) -> tuple[Counter, frozenset[str]]:
    """(the new counter, the kinds of record others changed since `counter`): nothing when
    only this process wrote meanwhile. 'recycle_bin' is among them when a record was deleted,
    restored or purged."""
    with archive.db.read() as session:
        entries = change_log.kinds_after(session, counter.newest - LOOKBACK, BATCH)
    fresh = [entry for entry in entries if entry[0] not in counter.seen]
    if not fresh:
        return counter, frozenset()
    tracker = getattr(archive.db, "change_tracker", None)
    own: set[int] = tracker.own_ids if tracker is not None else set()
    kinds: set[str] = set()
    for entry_id, kind, action in fresh:
        if entry_id in own:
            own.discard(entry_id)  # seen: never asked about again
            continue
        kinds.update(_KINDS.get(kind, (kind,)))
        if action in _BIN_ACTIONS:
            kinds.add("recycle_bin")
    return counter.after([entry_id for entry_id, _k, _a in fresh]), frozenset(kinds)
