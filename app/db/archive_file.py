"""The archive file itself: recognise it, create it, migrate it (atomically), copy it, check it.

Crash safety: a new archive is built under a temporary name and renamed into place only when it
is at head, and an upgrade runs in one SQLite transaction, so a kill at any moment leaves the
archive at its old revision or at the new one, never between."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from app.db import cipher
from app.domain.errors import ArchiveError
from app.paths import MIGRATIONS
from app.safe_files import fsync_folder, temporary_sibling

SQLITE_MAGIC = b"SQLite format 3\x00"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
# Every file of an archive is readable by its owner only (SQLite gives its -wal, -shm and
# -journal the database file's own mode); a folder the app creates for one, likewise.
FILE_MODE = 0o600
FOLDER_MODE = 0o700
_UNSET = cipher._UNSET


def alembic_config(path: Path, connection=None):
    from alembic.config import Config  # only when migrating: alembic takes a while to import

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", f"sqlite+pysqlite:///{path}")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


_REVISION = re.compile(r'^revision = "([^"]+)"$', re.MULTILINE)
_DOWN = re.compile(r'^down_revision = (?:"([^"]+)"|None)$', re.MULTILINE)


@lru_cache(maxsize=1)
def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files without importing alembic, so
    opening an archive that is already current costs no alembic import."""
    graph: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision and down:
            graph[revision.group(1)] = down.group(1)
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    parents = set(graph.values())
    heads = [rev for rev in graph if rev not in parents]
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {heads}")
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revision_graph())


# --- recognising an archive -------------------------------------------------------------------


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """Opens without writing anything. Media that cannot take SQLite's -shm file (a CD, a
    write-protected stick) are read as immutable. An encrypted archive is opened with the key
    it was unlocked with (ArchiveError 'archive_needs_password' when it was not). Schema text
    that is not UTF-8 any more (a damaged page of sqlite_master) is ArchiveError
    'archive_corrupt': the driver raises UnicodeDecodeError for it, not a database error."""
    try:
        try:
            conn = cipher.connect(path, read_only=True)
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            return conn
        except cipher.operational_errors():
            conn = cipher.connect(path, immutable=True)
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            return conn
    except UnicodeDecodeError as exc:
        raise ArchiveError("archive_corrupt", path=str(path), reason=str(exc)) from exc


def _header_problem(path: Path) -> str | None:
    """A reason code when the file is not a whole SQLite database, judged from its header."""
    size = path.stat().st_size
    if size == 0:
        return "archive_empty_file"
    with open(path, "rb") as handle:
        header = handle.read(100)
    if len(header) >= 100 and cipher.looks_encrypted(header, size):
        return None  # nothing more can be told without the key
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return "archive_not_sqlite"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    # A checkpoint or transaction cut short by a crash leaves the file shorter than its header
    # says until SQLite finishes it from the WAL or journal: only a file alone is judged by size.
    if counter_valid and pages and size < pages * page_size and not _has_journal(path):
        return "archive_truncated"
    return None


def _has_journal(path: Path) -> bool:
    for suffix in ("-wal", "-journal"):
        try:
            if Path(str(path) + suffix).stat().st_size > 0:
                return True
        except OSError:
            pass
    return False


def current_revision(path: Path) -> str | None:
    """The archive's revision (None: ours, but at base), read without writing anything.

    Anything that is not a Sales Compass archive raises ArchiveError naming why."""
    path = Path(path)
    if not path.exists():
        raise ArchiveError("archive_missing", path=str(path))
    problem = _header_problem(path)
    if problem:
        raise ArchiveError(problem, path=str(path))
    try:
        conn = _read_only_connection(path)
    except cipher.error_classes() as exc:
        raise ArchiveError("archive_unreadable", path=str(path), reason=str(exc)) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            code = "archive_foreign" if tables else "archive_empty_db"
            raise ArchiveError(code, path=str(path))
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except cipher.database_errors() as exc:
        raise ArchiveError("archive_corrupt", path=str(path), reason=str(exc)) from exc
    finally:
        conn.close()
    revision = row[0] if row else None
    if revision is not None and revision not in known_revisions():
        raise ArchiveError("archive_too_new", revision=revision, path=str(path))
    return revision


def quick_check(path: Path) -> list[str]:
    """SQLite's quick check (structure, no index cross-check): empty when the file is sound."""
    try:
        conn = _read_only_connection(path)
        try:
            return [r[0] for r in conn.execute("PRAGMA quick_check(20)") if r[0] != "ok"]
        finally:
            conn.close()
    except cipher.database_errors() as exc:
        return [str(exc)]


def integrity_problems(path: Path) -> list[str]:
    """SQLite's integrity check and foreign-key check, as plain lines (empty when sound)."""
    try:
        conn = _read_only_connection(path)
    except cipher.database_errors() as exc:
        return [str(exc)]
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(50)") if r[0] != "ok"]
        if problems:
            return problems
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"foreign key: {table} row {rowid} points to a missing {parent}")
        return problems
    except cipher.database_errors() as exc:
        return [str(exc)]
    finally:
        conn.close()


def validate_archive(path: Path, thorough: bool = False) -> str | None:
    """Raises ArchiveError unless `path` is a whole archive of this app; returns its revision.

    thorough=True adds SQLite's full integrity check (restore does this before touching anything)."""
    revision = current_revision(path)
    problems = integrity_problems(path) if thorough else quick_check(path)
    if problems:
        raise ArchiveError("archive_corrupt", path=str(path), reason="; ".join(problems[:3]))
    return revision


# --- copying ----------------------------------------------------------------------------------


def copy_database(source: Path, dest: Path) -> None:
    """A consistent copy through SQLite's online backup API (safe while others write).

    The copy is written under a temporary name and renamed into place, so a killed copy never
    leaves a file that looks complete; it is in rollback-journal mode so that it can be read
    straight from read-only media. The copy of an encrypted archive is encrypted with the same
    keys (and salt), and like every file here it is readable by its owner only."""
    dest = Path(dest)
    tmp = temporary_sibling(dest)  # mkstemp: mode 0600
    try:
        src = _read_only_connection(Path(source))
        dst = cipher.connect(tmp, key=cipher.key_for(Path(source)))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
        fsync_folder(dest.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def restrict_to_owner(path: Path) -> None:
    """Makes an archive written by an older version (or copied in) readable by its owner only:
    the database file and its journals. A no-op on Windows and for files of another owner."""
    if os.name == "nt":
        return
    path = Path(path)
    for item in (path, *(Path(str(path) + s) for s in JOURNAL_SUFFIXES)):
        with contextlib.suppress(OSError):
            if item.stat().st_mode & 0o077:
                os.chmod(item, FILE_MODE)
    store = path.with_name(path.stem + ".files")  # the attachment folder (app.db.blob_store)
    for folder in (store, *store.glob("??")):
        with contextlib.suppress(OSError):
            if folder.is_dir() and folder.stat().st_mode & 0o077:
                os.chmod(folder, FOLDER_MODE)


def convert_database(source: Path, dest: Path, key: cipher.ArchiveKey | None) -> None:
    """Writes the archive database at `source` into the new file `dest`, encrypted with `key`
    (None: plain), in rollback-journal mode, readable by its owner only, flushed to disk.
    `source` is read as it is (its own key when encrypted): held by the caller, nobody writes."""
    dest = Path(dest)
    with contextlib.suppress(FileNotFoundError):
        dest.unlink()
    remove_journals(dest)
    os.close(os.open(dest, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE))
    if key is not None:
        cipher.remember(key)
    cipher.export_database(Path(source), dest, key)
    with open(dest, "rb+") as handle:
        os.fsync(handle.fileno())


def row_counts(path: Path) -> dict[str, int]:
    """How many rows each table of the database holds (to prove a converted copy whole)."""
    conn = _read_only_connection(Path(path))
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def remove_journals(path: Path) -> None:
    for suffix in JOURNAL_SUFFIXES:
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()


def settle_journal(path: Path) -> None:
    """Folds the WAL back into the database file and leaves it in rollback-journal mode, so the
    file alone is the whole archive (before it is replaced). Fails with 'database is locked'
    while anyone else has it open."""
    conn = cipher.connect(path, timeout=3)
    try:
        conn.execute("PRAGMA journal_mode=DELETE").fetchall()
    except cipher.operational_errors() as exc:
        raise ArchiveError("archive_busy", path=str(path)) from exc
    finally:
        conn.close()


# --- migrating --------------------------------------------------------------------------------


def _migration_engine(path: Path, key: cipher.ArchiveKey | None | object = _UNSET):
    """An engine whose transactions really include DDL: pysqlite otherwise commits before each
    CREATE/ALTER, which is what left half-migrated archives (SQLAlchemy's documented recipe).
    An encrypted archive's connections come keyed from app.db.cipher, through SQLCipher's
    driver (the same DB-API, so the pysqlite dialect serves it)."""
    from sqlalchemy import create_engine, event

    if key is _UNSET:
        key = cipher.key_for(path)
    if key is None:
        engine = create_engine(f"sqlite+pysqlite:///{path}", poolclass=_null_pool())
    else:
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: cipher.connect(path, key=key),
            module=cipher.driver(),
            poolclass=_null_pool(),
        )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA busy_timeout=3000")

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _null_pool():
    from sqlalchemy.pool import NullPool

    return NullPool


def _in_one_transaction(
    path: Path, direction: str, target: str, key: cipher.ArchiveKey | None | object = _UNSET
) -> None:
    """alembic's upgrade or downgrade to `target`, every statement in one transaction."""
    from alembic import command

    engine = _migration_engine(path, key)
    try:
        with engine.begin() as connection:
            getattr(command, direction)(alembic_config(path, connection), target)
    finally:
        engine.dispose()


def _upgrade_in_one_transaction(
    path: Path, target: str, key: cipher.ArchiveKey | None | object = _UNSET
) -> None:
    _in_one_transaction(path, "upgrade", target, key)


def _create(path: Path, target: str, key: cipher.ArchiveKey | None = None) -> None:
    """Builds a new archive beside `path` and renames it into place once it is at `target`
    (encrypted with `key` when one is given)."""
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    building = path.with_name(f".{path.name}.creating")
    with contextlib.suppress(FileNotFoundError):
        building.unlink()
    remove_journals(building)
    os.close(os.open(building, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE))
    if key is not None:
        cipher.remember(key)
    _upgrade_in_one_transaction(building, target, key)
    remove_journals(building)
    with open(building, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(building, path)
    fsync_folder(path.parent)


def before_upgrade_copy_path(path: Path, revision: str, when: datetime) -> Path:
    """One copy per revision and day: a retried upgrade replaces its own copy, never piles up."""
    return path.with_name(f"{path.stem}.before-upgrade-{revision}-{when:%Y%m%d}{path.suffix}")


def needs_migration(path: Path, target: str = "head") -> bool:
    path = Path(path)
    if not path.exists():
        return True
    revision = current_revision(path)
    return not (target == "head" and revision == head_revision())


def migrate(path: Path, target: str = "head", key: cipher.ArchiveKey | None = None) -> Path | None:
    """Brings the archive to `target` (creating it when there is no file). Returns the path of the
    copy made first, if any.

    A file that is not an archive of this app (empty, foreign, truncated, from a newer version)
    is refused with ArchiveError and left untouched."""
    path = Path(path)
    if not path.exists():
        _create(path, target, key)
        return None
    revision = current_revision(path)
    if target == "head" and revision == head_revision():
        return None
    backup = None
    if revision is not None:
        backup = before_upgrade_copy_path(path, revision, datetime.now())
        copy_database(path, backup)
    _upgrade_in_one_transaction(path, target)
    reclaim_free_space(path)
    return backup


# An upgrade that rebuilds a big table leaves the old table's pages free inside the file (0011,
# which rebuilds the search index, leaves a third of a big archive free): when they are more than
# this share of the file, VACUUM gives them back to the disk.
RECLAIM_FREE_SHARE = 0.25


def reclaim_free_space(path: Path) -> bool:
    """VACUUMs the archive when more than RECLAIM_FREE_SHARE of its pages are free; True when it
    did. VACUUM is one transaction of its own: a kill leaves the file as it was, only larger."""
    conn = cipher.connect(path, timeout=3, isolation_level=None)
    try:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        if not pages or free <= pages * RECLAIM_FREE_SHARE:
            return False
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()  # no WAL the size of it left
        return True
    finally:
        conn.close()


def downgrade(path: Path, target: str) -> None:
    _in_one_transaction(path, "downgrade", target)


def referenced_blobs(path: Path) -> list[tuple[str, int]]:
    """(sha256, size) of every attachment file the archive's database names, read-only."""
    conn = _read_only_connection(path)
    try:
        return [
            (str(sha), int(size)) for sha, size in conn.execute("SELECT sha256, size FROM blobs")
        ]
    finally:
        conn.close()
