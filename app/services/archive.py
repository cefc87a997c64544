"""Opening, backing up, restoring and checking an archive (database + attachment store)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.db import archive_file
from app.db.blob_store import BlobStore
from app.db.engine import Database
from app.db.repositories import attachments as attachment_repo
from app.db.repositories import settings as settings_repo
from app.domain.errors import ArchiveError

Clock = Callable[[], datetime]


@dataclass
class Archive:
    """One open archive: the database and its attachment store, plus the clock services use."""

    path: Path
    db: Database
    blobs: BlobStore
    clock: Clock = datetime.now
    upgrade_backup: Path | None = None

    def today(self) -> date:
        return self.clock().date()

    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)

    def close(self) -> None:
        self.db.dispose()


def open_archive(path: Path, clock: Clock = datetime.now, create: bool = True) -> Archive:
    """Opens (or creates) the archive and brings it to the current schema.

    An archive from a newer app version raises ArchiveError('archive_too_new') untouched."""
    path = Path(path).expanduser().resolve()
    if not create and not path.exists():
        raise ArchiveError("archive_missing", path=str(path))
    backup = archive_file.migrate(path)
    archive = Archive(path, Database(path), BlobStore.beside(path), clock, backup)
    _rebuild_search_if_needed(archive)
    return archive


def _rebuild_search_if_needed(archive: Archive) -> None:
    # the feeders live with the search service
    from app.services.search import INDEX_VERSION, INDEX_VERSION_KEY, rebuild_index

    with archive.db.session() as session:
        if not settings_repo.get(session, "search.rebuild_needed") and (
            settings_repo.get(session, INDEX_VERSION_KEY) == INDEX_VERSION
        ):
            return
    rebuild_index(archive)


def copy_database(source: Path, dest: Path) -> None:
    """A consistent copy of an archive's database file (SQLite backup API)."""
    archive_file.copy_database(Path(source), Path(dest))


def backup(archive: Archive, dest: Path) -> Path:
    """Copies the database (SQLite backup API) and its attachment store to `dest`."""
    dest = Path(dest).expanduser().resolve()
    if dest.is_dir():
        dest = (
            dest / f"{archive.path.stem}-backup-{archive.now():%Y%m%d-%H%M%S}{archive.path.suffix}"
        )
    archive_file.copy_database(archive.path, dest)
    archive.blobs.copy_tree_to(BlobStore.beside(dest).root)
    return dest


def restore(source: Path, dest: Path) -> Path | None:
    """Replaces the archive at `dest` by a backup. The archive replaced is kept beside it first.

    The source is checked before anything is touched: a damaged or foreign file is refused."""
    source = Path(source).expanduser().resolve()
    dest = Path(dest).expanduser().resolve()
    if not source.exists():
        raise ArchiveError("file_missing", path=str(source))
    revision = archive_file.current_revision(source)
    if revision is not None and revision not in archive_file.known_revisions():
        raise ArchiveError("archive_too_new", revision=revision, path=str(source))
    problems = archive_file.integrity_problems(source)
    if problems:
        raise ArchiveError("not_an_archive", path=str(source), reason="; ".join(problems[:3]))
    kept = None
    if dest.exists():
        kept = dest.with_name(
            f"{dest.stem}.before-restore-{datetime.now():%Y%m%d-%H%M%S}{dest.suffix}"
        )
        archive_file.copy_database(dest, kept)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".restore-")
    os.close(fd)
    archive_file.copy_database(source, Path(tmp))
    for suffix in ("-wal", "-shm"):
        stale = Path(str(dest) + suffix)
        if stale.exists():
            stale.unlink()
    os.replace(tmp, dest)
    src_store = BlobStore.beside(source).root
    if src_store.exists():
        shutil.copytree(src_store, BlobStore.beside(dest).root, dirs_exist_ok=True)
    return kept


def check(archive: Archive) -> list[str]:
    """Database integrity, foreign keys, and every attachment's file against its SHA-256."""
    problems = archive_file.integrity_problems(archive.path)
    with archive.db.read() as session:
        for sha, size in attachment_repo.all_blobs(session):
            actual = archive.blobs.hash_of_stored(sha)
            if actual is None:
                problems.append(f"attachment file missing: {sha}")
            elif actual != sha:
                problems.append(f"attachment file damaged: {sha} (content hashes to {actual})")
            elif archive.blobs.path_of(sha).stat().st_size != size:
                problems.append(f"attachment file has the wrong size: {sha}")
        for att_id, kind, owner_id in attachment_repo.orphan_attachments(session):
            problems.append(f"attachment #{att_id} belongs to a missing {kind} #{owner_id}")
    return problems
