"""What the backup service needs from the database side: the counts of a copy's main records,
the SHA-256 of a file, and whether anything was written to an open archive since a moment.

Changes are counted with SQLite's own per-connection `total_changes` read at each commit of the
archive's engine: every row inserted, updated or deleted through the app (the ORM, the bulk
writers, the importers) moves it, while reads, read-only sessions and checkpoints do not. It
costs nothing to keep, needs no service to remember to bump a counter, and is not fooled by the
file's own state (SQLite rewrites the file and its WAL on a checkpoint, not only on a change).
`PRAGMA data_version` would need one connection held open for the window's lifetime, which
would keep a restore from folding the WAL back into the file."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from sqlalchemy import event, text

from app.db.engine import Database

CHUNK = 1 << 20

# The main records a manifest counts (table -> the name it has there).
COUNTED_TABLES = (
    ("clients", "clients"),
    ("contacts", "contacts"),
    ("activities", "activities"),
    ("tenders", "tenders"),
    ("contracts", "contracts"),
    ("receipts", "receipts"),
    ("documents", "documents"),
    ("letters", "letters"),
    ("meetings", "meetings"),
    ("attachments", "attachments"),
)


def record_counts(path: Path) -> dict[str, int]:
    """How many of each main record a database file holds (read-only; a table this revision
    does not have yet is left out)."""
    db = Database(Path(path), read_only=True)
    try:
        with db.read() as session:
            present = {
                row[0]
                for row in session.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'table'")
                )
            }
            return {
                name: int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for table, name in COUNTED_TABLES
                if table in present
            }
    finally:
        db.dispose()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class ChangeCounter:
    """Counts the commits that changed at least one row of the archive, on any connection of its
    engine, from the moment it is attached."""

    def __init__(self, db: Database):
        self.engine = db.engine
        self._count = 0
        self._lock = threading.Lock()
        self._key = f"backup_changes_seen_{id(self)}"
        event.listen(self.engine, "checkout", self._on_checkout)
        event.listen(self.engine, "commit", self._on_commit)

    @property
    def count(self) -> int:
        with self._lock:
            return self._count

    def _on_checkout(self, dbapi_connection, record, _proxy) -> None:
        """A connection first seen: what it changed before this counter is not counted."""
        if self._key not in record.info:
            record.info[self._key] = getattr(dbapi_connection, "total_changes", 0)

    def _on_commit(self, connection) -> None:
        try:
            record = connection.connection  # the pooled connection (its info outlives checkouts)
            total = record.driver_connection.total_changes
        except Exception:  # noqa: BLE001 - an unknown driver: count every commit
            with self._lock:
                self._count += 1
            return
        seen = record.info.get(self._key, 0)
        if total != seen:
            record.info[self._key] = total
            with self._lock:
                self._count += 1

    def detach(self) -> None:
        for name, listener in (("checkout", self._on_checkout), ("commit", self._on_commit)):
            if event.contains(self.engine, name, listener):
                event.remove(self.engine, name, listener)


def stored_setting(path: Path, key: str) -> object:
    """One setting of an archive file that is not open (None when the file cannot be read: it
    may be the broken archive about to be replaced)."""
    from app.db.repositories import settings as settings_repo

    try:
        db = Database(Path(path), read_only=True)
    except Exception:  # noqa: BLE001 - an unreadable archive simply has no settings
        return None
    try:
        with db.read() as session:
            return settings_repo.get(session, key)
    except Exception:  # noqa: BLE001
        return None
    finally:
        db.dispose()
