"""Opening, backing up, restoring and checking an archive (database + attachment store).

One process writes an archive at a time: opening it for writing takes the lock beside it
(app.db.archive_lock); a second window or writing command is told who holds it. Opening it
read-only takes no lock and writes nothing."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app import file_systems, safe_files
from app.db import archive_file, archive_lock, checked_copies, cipher
from app.db.blob_store import BlobStore
from app.db.file_reader import PlainReader
from app.domain.errors import ArchiveClosedError, ArchiveError
from app.domain.locations import is_server_address
from app.safe_files import temporary_sibling

if TYPE_CHECKING:  # SQLAlchemy is imported only when a session is first asked for (issue 11)
    from app.db.engine import Database
    from app.db.server import ServerAddress

Clock = Callable[[], datetime]
_MAKING_ENGINES = threading.Lock()
WINDOW = archive_lock.WINDOW
COMMAND = archive_lock.COMMAND
# A command waits this long for another command to finish with the archive; a window is
# reported at once.
COMMAND_WAIT_SECONDS = 5.0


@dataclass
class Archive:
    """One open archive: the database and its attachment store, plus the clock services use.

    A read-only archive file starts without its SQLAlchemy engine: `plain` reads it with the
    standard library (what `company` and `search` need), and `db` is made on first use."""

    path: Path | None  # None for a team archive on a server
    _db: Database | None
    blobs: BlobStore
    clock: Clock = datetime.now
    upgrade_backup: Path | None = None
    read_only: bool = False
    server: ServerAddress | None = None
    # this user's font for documents, handed over by the window (kept per user, not in the
    # archive); None: the one stored in the archive by older versions (app.services.settings)
    document_font: str | None = None
    rare_font: str | None = None  # likewise the 补充字体 for rare characters
    _locked: bool = field(default=False, repr=False)
    _plain: PlainReader | None = field(default=None, repr=False)
    _closed: bool = field(default=False, repr=False)

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def db(self) -> Database:
        if self._db is None:
            with _MAKING_ENGINES:  # background queries may ask at once: one engine, not several
                if self._db is None:
                    if self._closed or self.path is None:
                        raise ArchiveClosedError()  # a late background read: cancelled
                    from app.db.engine import Database

                    self._db = Database(self.path, read_only=True)
        return self._db

    def plain(self) -> PlainReader | None:
        """A reader of the archive file without SQLAlchemy, for a read-only archive whose engine
        was not needed yet; None otherwise (use `db`)."""
        if self._db is not None or self.path is None or not self.read_only or self._closed:
            return None
        if self._plain is None:
            self._plain = PlainReader(self.path)
        return self._plain

    def today(self) -> date:
        return self.clock().date()

    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)

    @property
    def label(self) -> str:
        """How a title bar or a message names it: the file, or user@host/dbname."""
        return self.server.display if self.server is not None else str(self.path)

    def file_path(self) -> Path:
        """The archive's file; ArchiveError 'not_for_team_archive' for a server's archive
        (backups, encryption and file checks are the server's own business there)."""
        if self.path is None:
            raise ArchiveError("not_for_team_archive", path=self.label)
        return self.path

    def __post_init__(self) -> None:
        if self.path is not None:
            safe_files.protect(archive_files(self.path))
        if not self.read_only:
            from app.services import change_tracking  # the ORM models: a reader needs none

            change_tracking.track_changes(self.db, self.now)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True  # a closed archive cannot be used by mistake
        if self._plain is not None:
            self._plain.close()
        if self._db is not None:
            self._db.dispose()
            self._db = None
        if self.path is None:
            return
        safe_files.unprotect(archive_files(self.path))
        if self._locked:
            self._locked = False
            archive_lock.release(self.path)


def open_archive(
    path: Path,
    clock: Clock = datetime.now,
    create: bool = True,
    *,
    read_only: bool = False,
    holder: str = COMMAND,
    wait: float = COMMAND_WAIT_SECONDS,
    password: str | None = None,
) -> Archive:
    """Opens (or creates) the archive and brings it to the current schema.

    For writing, the archive is taken for this process first (ArchiveError 'archive_in_use'
    names who has it). Read-only opening takes nothing, unless the archive must be upgraded
    first, which needs it to itself. An archive from a newer app version, or a file that is not
    an archive, raises ArchiveError and is left untouched.

    An encrypted archive opens with its `password` (or once unlocked in this process, see
    unlock()); a new archive created with a password is encrypted. An archive on a network
    share is refused for writing ('archive_on_network_share') and may be opened read-only.

    A server address (postgresql://user@host/dbname) opens the team archive there, with
    `password` as the login's (see open_team_archive)."""
    if is_server_address(path):
        return open_team_archive(str(path), password, clock, read_only=read_only)
    path = Path(path).expanduser().resolve()
    if not create and not path.exists():
        raise ArchiveError("archive_missing", path=str(path))
    new_key = _unlock_or_new_key(path, password)
    if read_only:
        return _open_read_only(path, clock, create, wait, new_key)
    refuse_network_share(path)
    archive_lock.acquire(path, holder, wait)
    try:
        backup = archive_file.migrate(path, key=new_key)
        archive_file.restrict_to_owner(path)
        _refuse_if_damaged(path)
        from app.db.engine import Database

        archive = Archive(path, Database(path), BlobStore.beside(path), clock, backup)
        archive._locked = True
        _rebuild_search_if_needed(archive)
        return archive
    except BaseException:
        archive_lock.release(path)
        raise


def open_team_archive(
    address: str, password: str | None, clock: Clock = datetime.now, *, read_only: bool = False
) -> Archive:
    """The team archive at `address` on a PostgreSQL server, brought to the current schema
    (once, under an advisory lock, however many open it at once). Many people write it at the
    same time: there is no archive lock; the server keeps each unit of work whole."""
    from app.db.engine import Database
    from app.db.server import make_engine as make_server_engine
    from app.db.server import parse_address
    from app.db.server_blobs import ServerBlobStore

    server = parse_address(address)
    engine = make_server_engine(server, password, read_only=read_only)
    db = Database(None, read_only, server=server, engine=engine)
    try:
        _migrate_team_archive(server, password, engine, read_only)
        archive = Archive(
            None, db, ServerBlobStore(engine), clock, read_only=read_only, server=server
        )
        _rebuild_team_search_if_needed(archive, password)
        return archive
    except BaseException:
        db.dispose()
        raise


def _rebuild_team_search_if_needed(archive: Archive, password: str | None) -> None:
    """The owner rebuilds a team archive's index when it is out of date (after an upgrade),
    also when opening it read-only (with a writer of its own, as for the migration), so that
    search is whole for everyone. Another login leaves it to the owner: under row-level
    security it would rebuild only the records it sees."""
    from app.db.engine import Database
    from app.db.server import make_engine as make_server_engine
    from app.db.server import owns_archive
    from app.services import indexing

    with archive.db.read() as session:
        if not indexing.out_of_date(session):
            return
    if not owns_archive(archive.db.engine):
        return
    if not archive.read_only:
        _rebuild_search_if_needed(archive)
        return
    writer = make_server_engine(archive.server, password, pool_size=1)
    try:
        with Database(None, False, server=archive.server, engine=writer).session() as session:
            indexing.rebuild(session)
    finally:
        writer.dispose()


def _migrate_team_archive(
    server: ServerAddress, password: str | None, engine, read_only: bool
) -> None:
    """Brings the schema to head; a read-only archive's engine cannot write, so a writable one
    of its own does (and is let go)."""
    from app.db.server import make_engine as make_server_engine
    from app.db.server import migrate as migrate_server
    from app.db.server import translate_error as server_error

    writer = make_server_engine(server, password, pool_size=1) if read_only else engine
    try:
        migrate_server(writer)
    except ArchiveError:
        raise
    except Exception as exc:
        meaning = server_error(exc, server)
        if meaning is not None:
            raise meaning from exc
        raise
    finally:
        if writer is not engine:
            writer.dispose()


def _open_read_only(
    path: Path, clock: Clock, create: bool, wait: float, new_key: cipher.ArchiveKey | None = None
) -> Archive:
    backup = None
    if archive_file.needs_migration(path):
        if not create and not path.exists():
            raise ArchiveError("archive_missing", path=str(path))
        refuse_network_share(path)
        archive_lock.acquire(path, COMMAND, wait)
        try:
            backup = archive_file.migrate(path, key=new_key)
        finally:
            archive_lock.release(path)
    archive_file.current_revision(path)  # refuses what is not an archive
    _refuse_if_damaged(path, remember=True)  # exports and prints never use a damaged file
    return Archive(path, None, BlobStore.beside(path), clock, backup, read_only=True)


# --- encryption and where the archive lives --------------------------------------------------------


def is_encrypted(path: Path) -> bool:
    return cipher.is_encrypted(Path(path).expanduser())


def needs_password(path: Path) -> bool:
    """True for an encrypted archive that has not been unlocked in this process."""
    return cipher.needs_password(Path(path).expanduser())


def unlock(path: Path, password: str) -> None:
    """Proves `password` on the encrypted archive (or backup) at `path` and keeps its keys for
    this process. ArchiveError('wrong_password') changes nothing."""
    cipher.unlock(Path(path).expanduser().resolve(), password)


def _unlock_or_new_key(path: Path, password: str | None) -> cipher.ArchiveKey | None:
    """Unlocks an existing encrypted archive with `password`; for an archive about to be
    created, the keys it will be encrypted with."""
    if password is None:
        return None
    if not path.exists():
        return cipher.new_key(password)
    if cipher.is_encrypted(path) and cipher.needs_password(path):
        cipher.unlock(path, password)
    return None


def refuse_network_share(path: Path) -> None:
    """SQLite's WAL cannot be shared safely over SMB/NFS: such an archive is only read."""
    kind = file_systems.network_share(path)
    if kind is not None:
        raise ArchiveError("archive_on_network_share", path=str(path), fstype=kind)


def _refuse_if_damaged(path: Path, remember: bool = False) -> None:
    """SQLite's quick check before anything is written, skipped when the file is unchanged
    since the last writer of this app closed it in good order. A read-only opening (`remember`)
    also skips it when this user's last read-only check saw the file as it is, and notes a
    check that passes, since it never writes the lock file where writers note theirs."""
    state = archive_lock.file_state(path)
    if archive_lock.verified_state(path) == state:
        return
    if remember and checked_copies.checked_state(path) == state:
        return
    problems = archive_file.quick_check(path)
    if problems:
        raise ArchiveError("archive_corrupt", path=str(path), reason="; ".join(problems[:3]))
    if remember:
        checked_copies.remember_checked(path, state)


def _rebuild_search_if_needed(archive: Archive) -> None:
    from app.services import indexing  # every record type's repository: only a writer needs it

    with archive.db.read() as session:
        if not indexing.out_of_date(session):
            return
    with archive.db.session() as session:
        indexing.rebuild(session)


def copy_database(source: Path, dest: Path) -> None:
    """A consistent copy of an archive's database file (SQLite backup API)."""
    archive_file.copy_database(Path(source), Path(dest))


# --- files the user names ---------------------------------------------------------------------


def archive_files(archive_path: Path) -> list[Path]:
    """The files and folders that make up an archive: never a place to write an export."""
    archive_path = Path(archive_path).resolve()
    own = [Path(str(archive_path) + s) for s in ("", *archive_file.JOURNAL_SUFFIXES)]
    return [*own, archive_lock.lock_path(archive_path), BlobStore.beside(archive_path).root]


def guard_output(archive: Archive | Path, out: Path, *also: Path) -> Path:
    """Refuses an output path that is the open archive, its journals, lock or attachment store
    (or one of `also`, e.g. the backup being read). Returns the resolved path."""
    if isinstance(archive, Archive) and archive.path is None:
        protected = []  # a team archive has no files on this computer
    else:
        archive_path = archive.path if isinstance(archive, Archive) else Path(archive)
        protected = archive_files(archive_path)
    out = Path(out).expanduser().resolve()
    for extra in also:
        protected += archive_files(extra)
    if safe_files.is_protected(out) or any(out == i or i in out.parents for i in protected):
        raise ArchiveError("output_is_archive", path=str(out))
    if out.is_dir():
        raise ArchiveError("output_is_folder", path=str(out))
    return out


# --- backup -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupResult:
    path: Path
    attachments: int
    damaged: tuple[str, ...] = ()  # digests of the archive's own damaged files (not copied)


def backup_target(archive: Archive, dest: Path | str) -> Path:
    """`dest` as a file. A folder (existing, ending in a separator, or a name without a
    suffix) gets a dated file inside it and is created when missing."""
    text = str(dest)
    dest = Path(dest).expanduser()
    folder = (
        dest.is_dir() or text.endswith(("/", os.sep)) or (not dest.exists() and not dest.suffix)
    )
    if folder:
        stamp = f"{archive.now():%Y%m%d-%H%M%S}"
        dest = dest / f"{archive.file_path().stem}-backup-{stamp}{archive.file_path().suffix}"
    return dest.resolve()


def backup(archive: Archive, dest: Path | str) -> BackupResult:
    """Copies the attachments, then the database (SQLite backup API), to `dest`.

    Every file goes in under a temporary name and is renamed into place, and the database comes
    last: a killed backup never leaves a database that looks complete without its attachments."""
    target = guard_output(archive, backup_target(archive, dest))
    _refuse_if_damaged(archive.file_path())
    from app.db.repositories import attachments as attachment_repo

    with archive.db.read() as session:
        blobs = attachment_repo.all_blobs(session)
    store = BlobStore.beside(target, key=archive.blobs.key)  # an encrypted archive's stays so
    damaged = [sha for sha, _size in blobs if not store.copy_verified_from(archive.blobs, sha)]
    archive_file.copy_database(archive.file_path(), target)
    return BackupResult(target, len(blobs) - len(damaged), tuple(damaged))


# --- restore ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    kept: Path | None
    attachments_copied: int


def restore(
    source: Path,
    dest: Path,
    *,
    wait: float = COMMAND_WAIT_SECONDS,
    attachments_from: Path | None = None,
) -> RestoreResult:
    """Replaces the archive at `dest` by a backup; the archive replaced is kept beside it first,
    with its attachments. `attachments_from` is the store that holds the backup's attachment
    files when it is not the one beside it (the backup folder's shared store).

    Nothing is touched until the backup has proved whole: a valid archive of this app (not empty,
    not foreign, not truncated, integrity check passed) whose every attachment is present with its
    SHA-256 (or already present, intact, in the archive being replaced)."""
    source = Path(source).expanduser().resolve()
    dest = Path(dest).expanduser().resolve()
    if not source.exists():
        raise ArchiveError("file_missing", path=str(source))
    if source == dest:
        raise ArchiveError("restore_onto_itself", path=str(source))
    archive_file.validate_archive(source, thorough=True)
    source_store = (
        BlobStore(attachments_from, archive=source)
        if attachments_from
        else BlobStore.beside(source)
    )
    dest_store = BlobStore.beside(dest, key=source_store.key)  # the backup's keys from now on
    to_copy = _attachments_to_restore(source, source_store, dest_store)
    archive_lock.acquire(dest, COMMAND, wait)
    try:
        kept = _keep_current(dest) if dest.exists() else None
        for sha in to_copy:
            if not dest_store.copy_verified_from(source_store, sha):
                raise ArchiveError("backup_attachment_damaged", path=str(source), count=1)
        _replace_database(source, dest)
    finally:
        archive_lock.release(dest)
    return RestoreResult(dest, kept, len(to_copy))


def _attachments_to_restore(
    source: Path, source_store: BlobStore, dest_store: BlobStore
) -> list[str]:
    """The digests to copy from the backup; raises when one is damaged or missing there and
    not already intact in the archive being replaced."""
    to_copy, bad = [], []
    for sha, size in archive_file.referenced_blobs(source):
        if dest_store.is_intact(sha, size):
            continue
        if source_store.is_intact(sha, size):
            to_copy.append(sha)
        else:
            bad.append(sha)
    if bad:
        raise ArchiveError(
            "backup_attachment_damaged", path=str(source), count=len(bad), first=bad[0]
        )
    return to_copy


def _keep_current(dest: Path) -> Path:
    """A whole copy of the archive about to be replaced: database and attachments (hard links
    where the file system allows, so it costs no space)."""
    kept = dest.with_name(f"{dest.stem}.before-restore-{datetime.now():%Y%m%d-%H%M%S}{dest.suffix}")
    store = BlobStore.beside(dest)
    if store.root.exists():
        store.link_tree_to(BlobStore.beside(kept))
    archive_file.copy_database(dest, kept)
    return kept


def _replace_database(source: Path, dest: Path) -> None:
    incoming = temporary_sibling(dest)
    try:
        archive_file.copy_database(source, incoming)
        if dest.exists():
            archive_file.settle_journal(dest)
        archive_file.remove_journals(dest)
        os.replace(incoming, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            incoming.unlink()
        raise


# --- building an archive aside -----------------------------------------------------------------


def building_path(dest: Path, purpose: str) -> Path:
    """Where an archive is built before it is installed at `dest` (stale leftovers removed)."""
    dest = Path(dest).expanduser().resolve()
    building = dest.with_name(f".{dest.stem}.{purpose}{dest.suffix}")
    discard_archive(building)
    return building


def discard_archive(path: Path) -> None:
    """Removes an archive file with its journals, lock and attachment store (a temporary one)."""
    import shutil

    for item in archive_files(path):
        if item.is_dir():
            shutil.rmtree(item, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                item.unlink()


def install_built_archive(built: Path, dest: Path) -> None:
    """Moves a finished archive built aside into place at `dest` (taken for this process): its
    attachments first, then the database in one rename. A kill before that rename leaves `dest`
    exactly as it was; after it, `dest` is the whole new archive."""
    built, dest = Path(built).resolve(), Path(dest).resolve()
    archive_lock.acquire(dest, COMMAND, COMMAND_WAIT_SECONDS)
    try:
        BlobStore.beside(built).move_tree_to(BlobStore.beside(dest))
        archive_file.settle_journal(built)
        if dest.exists():
            archive_file.settle_journal(dest)
        archive_file.remove_journals(dest)
        os.replace(built, dest)
    finally:
        archive_lock.release(dest)
    discard_archive(built)


# --- check ------------------------------------------------------------------------------------


def check_path(path: Path) -> list[str]:
    """Checks an archive file without opening it for use: whether it is an archive at all, the
    database's integrity and links, the search index's count of documents, and every
    attachment's file against its SHA-256."""
    path = Path(path).expanduser().resolve()
    archive_file.current_revision(path)  # raises when it is not an archive (or missing)
    problems = archive_file.integrity_problems(path)
    if problems:
        return problems
    from app.db import search_index
    from app.db.engine import Database
    from app.db.repositories import attachments as attachment_repo

    db = Database(path, read_only=True)
    try:
        with db.read() as session:
            blobs = attachment_repo.all_blobs(session)
            orphans = attachment_repo.orphan_attachments(session)
            problems += search_index.problems(session)
    finally:
        db.dispose()
    store = BlobStore.beside(path)
    for sha, size in blobs:
        actual = store.hash_of_stored(sha)
        if actual is None:
            problems.append(f"attachment file missing: {sha}")
        elif actual != sha:
            problems.append(f"attachment file damaged: {sha} (content hashes to {actual})")
        elif store.path_of(sha).stat().st_size != store.stored_size(size):
            problems.append(f"attachment file has the wrong size: {sha}")
    for att_id, kind, owner_id in orphans:
        problems.append(f"attachment #{att_id} belongs to a missing {kind} #{owner_id}")
    return problems


def check(archive: Archive) -> list[str]:
    """Database integrity, foreign keys, and every attachment's file against its SHA-256."""
    if archive.server is not None:
        return check_team_archive(archive)
    return check_path(archive.file_path())


def check_team_archive(archive: Archive) -> list[str]:
    """A team archive's check: the server keeps the database whole and its links enforced
    (constraints), so what is left to look at is the search index (documents without their
    tokens) and every attachment's content in the database against its SHA-256, and attachments
    whose record is gone. Same wording as an archive file's problems."""
    from app.db import search_index
    from app.db.repositories import attachments as attachment_repo

    with archive.db.read() as session:
        blobs = attachment_repo.all_blobs(session)
        orphans = attachment_repo.orphan_attachments(session)
        problems = search_index.problems(session)
    stored = archive.blobs.stored()
    for sha, _size in blobs:
        if sha not in stored:
            problems.append(f"attachment file missing: {sha}")
            continue
        actual = archive.blobs.hash_of_stored(sha)
        if actual != sha:
            problems.append(f"attachment file damaged: {sha} (content hashes to {actual})")
    for att_id, kind, owner_id in orphans:
        problems.append(f"attachment #{att_id} belongs to a missing {kind} #{owner_id}")
    return problems
