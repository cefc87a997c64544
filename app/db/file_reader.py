"""Reading an archive file with the standard library's sqlite3 alone: the read-only connection
every reader of a file uses (SQLAlchemy's read-only engine makes its connections here too), and a
plain reader for a command that only looks.

Why a reader without SQLAlchemy: importing SQLAlchemy takes 0.25-0.35 s on a modest laptop, more
than a whole `company` or `search` command may take (issue 11, goal 0.3 s). A read-only archive
therefore starts with a PlainReader, and its SQLAlchemy engine is made only when a service asks
for a session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.db import cipher
from app.domain.errors import ArchiveError

# One writer at a time is guaranteed by the archive lock; the timeout only covers a checkpoint
# or a reader's snapshot, which take milliseconds, so a wait longer than this means trouble.
BUSY_TIMEOUT_MS = 3000
# SQLite's page cache, per connection: 16 MB keeps the hot pages of a large archive (the rest are
# in the operating system's file cache, which costs the process nothing). 64 MB per connection
# made the window grow by 60-80 MB for each area that scans a big table (issue 11).
CACHE_SIZE = "PRAGMA cache_size=-16384"

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
    """One read-only connection to an archive file, made on first use and kept until close().
    SQLite's failures leave it as ArchiveError, as they do a session."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._connection = None

    @contextmanager
    def connection(self) -> Iterator[object]:
        try:
            if self._connection is None:
                self._connection = read_only_connector(self.path, cipher.key_for(self.path))()
                prepare_read_only(self._connection)
            yield self._connection
        except cipher.database_errors() as exc:
            meaning = meaning_of(str(exc), self.path, read_only=True)
            if meaning is not None:
                raise meaning from exc
            raise

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
