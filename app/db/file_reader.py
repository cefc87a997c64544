"""Reading an archive file with the standard library's sqlite3 alone: the read-only connection
every reader of a file uses (SQLAlchemy's read-only engine makes its connections here too), and a
plain reader for a command that only looks.

Why a reader without SQLAlchemy: importing SQLAlchemy takes 0.25-0.35 s on a modest laptop, more
than a whole `company` or `search` command may take (issue 11, goal 0.3 s). A read-only archive
therefore starts with a PlainReader, and its SQLAlchemy engine is made only when a service asks
for a session."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.db import cipher
from app.domain.errors import ArchiveClosedError, ArchiveError

# One writer at a time is guaranteed by the archive lock; the timeout only covers a checkpoint
# or a reader's snapshot, which take milliseconds, so a wait longer than this means trouble.
BUSY_TIMEOUT_MS = 3000
# SQLite's page cache, per connection: 16 MB keeps the hot pages of a large archive (the rest are
# in the operating system's file cache, which costs the process nothing). 64 MB per connection
# made the window grow by 60-80 MB for each area that scans a big table (issue 11).
CACHE_SIZE = "PRAGMA cache_size=-16384"
# A command's reads map the archive file (SQLite's memory-mapped I/O) instead of copying each page
# they read out of the system's file cache with a read() call: the 大客户月报 on the
# 100,000-client archive spent 0.25 s of system time on those copies, 0.10 s mapped (issue 11).
# Only for a command (PlainReader.mapped): a window would keep every page it ever touched in its
# memory for as long as it runs. SQLite clamps the size to what it was built for (2 GB by
# default); an encrypted archive's pages are never mapped.
MAP_FILE = "PRAGMA mmap_size=2147418112"
# How long closing the archive waits for a background read it interrupted to leave (an
# interrupted SQLite statement stops within its next few steps: milliseconds)
CLOSE_WAIT_S = 5.0

# SQLite's messages (stable across versions) and what they mean for the user.
SQLITE_MEANINGS = (
    ("database is locked", "archive_busy"),
    ("database table is locked", "archive_busy"),
    ("database or disk is full", "disk_full"),
    ("attempt to write a readonly database", "read_only_media"),
    ("disk i/o error", "disk_io_error"),
    ("database disk image is malformed", "archive_corrupt"),
    ("file is not a database", "archive_corrupt"),
    ("unable to open database file", "archive_cannot_open"),
)


def meaning_of(message: str, path: Path | None, read_only: bool = False) -> ArchiveError | None:
    """The ArchiveError a SQLite driver's message means, or None when it is not one of those."""
    lowered = message.lower()
    for fragment, code in SQLITE_MEANINGS:
        if fragment in lowered:
            if code == "read_only_media" and read_only:
                code = "archive_opened_read_only"
            return ArchiveError(code, path=str(path), reason=message)
    return None


def prepare_read_only(connection) -> None:
    """The settings of every read-only connection: it can write nothing, waits briefly for a
    writer's checkpoint, and keeps a bounded page cache."""
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute(CACHE_SIZE)
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def read_only_connector(path: Path, key: cipher.ArchiveKey | None) -> Callable[[], object]:
    """Makes connections that write nothing, not even SQLite's -shm file: media that cannot take
    one (a write-protected stick, a CD) are read as immutable. An encrypted archive's
    connections are keyed with `key`."""

    def connect():
        conn = None
        try:
            conn = cipher.connect(path, read_only=True, key=key, check_same_thread=False)
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            return conn
        except cipher.operational_errors():
            if conn is not None:
                conn.close()  # the file stays open otherwise, beside the immutable one
            return cipher.connect(path, immutable=True, key=key, check_same_thread=False)

    return connect


class PlainReader:
    """Read-only connections to an archive file, made on first use and kept until close().
    SQLite's failures leave it as ArchiveError, as they do a session.

    Each thread reading at a moment has a connection of its own (taken from the free ones, or
    made): a read-only window reads its lists, its search and its printing on pool threads at
    once, and one shared connection would mix their transactions (one reader's end of a
    snapshot aborts another's statement). A read nested in a read of the same thread uses the
    same connection, so it sees the same snapshot.

    Background reads may still be running when the archive is closed: close() interrupts them
    and waits for them to leave (CLOSE_WAIT_S) before closing their connections, and a read
    that was interrupted so, or starts after, ends as ArchiveClosedError (a CancelledError:
    quietly), never with sqlite3's 'Cannot operate on a closed database'."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        # the connections made from now on map the file (MAP_FILE): set by a command
        self.mapped = False
        self._free: list = []
        self._busy: list = []
        self._users = 0
        self._closed = False
        self._state = threading.Condition()
        self._held = threading.local()

    @contextmanager
    def connection(self) -> Iterator[object]:
        held = getattr(self._held, "connection", None)
        if held is not None:  # a read inside a read of this thread: the same snapshot
            yield held
            return
        with self._state:
            if self._closed:
                raise ArchiveClosedError()
            self._users += 1
        connection = None
        try:
            connection = self._take()
            self._held.connection = connection
            yield connection
        except cipher.database_errors() as exc:
            if self._closed:  # interrupted by close(): nobody waits for the answer
                raise ArchiveClosedError() from exc
            meaning = meaning_of(str(exc), self.path, read_only=True)
            if meaning is not None:
                raise meaning from exc
            raise
        finally:
            self._held.connection = None
            self._leave(connection)

    @property
    def connections(self) -> int:
        """How many connections are open (free or in use)."""
        with self._state:
            return len(self._free) + len(self._busy)

    def _take(self):
        with self._state:
            connection = self._free.pop() if self._free else None
        if connection is None:
            connection = read_only_connector(self.path, cipher.key_for(self.path))()
            try:
                prepare_read_only(connection)
                if self.mapped:
                    connection.execute(MAP_FILE)
            except BaseException:
                connection.close()
                raise
        with self._state:
            if not self._closed:
                self._busy.append(connection)
                return connection
        connection.close()  # closed while it was being made: close() could not interrupt it
        raise ArchiveClosedError()

    def _leave(self, connection) -> None:
        with self._state:
            self._users -= 1
            if connection is not None:
                self._busy.remove(connection)
                if not self._closed and _ended_snapshot(connection):
                    self._free.append(connection)
                    connection = None
            self._state.notify_all()
        if connection is not None:
            connection.close()  # closed while it read, or left in a state not to reuse

    def close(self) -> None:
        """Interrupts the reads still running, waits for them to leave, closes the
        connections (a read that takes longer closes its own when it leaves)."""
        with self._state:
            self._closed = True
            for connection in self._busy:
                connection.interrupt()  # thread-safe: the read stops at its next step
            self._state.wait_for(lambda: self._users == 0, timeout=CLOSE_WAIT_S)
            free, self._free = self._free, []
        for connection in free:
            connection.close()


def _ended_snapshot(connection) -> bool:
    """Ends a transaction a read left open (its snapshot); False when that fails."""
    try:
        if connection.in_transaction:
            connection.rollback()
        return True
    except cipher.database_errors():
        return False
