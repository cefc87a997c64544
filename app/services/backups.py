"""Automatic backups: written into the backup folder, verified, listed, pruned, restored by id.

The backup folder (a setting; by default `backups` in the per-user data folder, often a USB disk
or a synced folder instead) holds, for any number of archives:

    archive-20261126-103000-auto.sqlite3    the database, copied with SQLite's backup API
    archive-20261126-103000-auto.json       its manifest (what it holds and whether it verified)
    attachments/ab/ab12…                    ONE content-addressed store shared by every backup

so each backup costs its database copy plus only the attachment files the store lacks. A backup
is written database first (one consistent snapshot), then the attachment files that snapshot
names, then it is verified (SQLite's integrity check of the copy, its SHA-256, every attachment
file it names hashed again) and only then gets its manifest: a backup without a manifest never
finished and is never counted. One writer at a time per folder (a lock file in it).

Rotation (app.domain.backup_rotation) keeps 7 daily, 4 weekly and 12 monthly good backups by
default. The copies made beside the archive before an upgrade or a restore are moved into the
folder at the next backup (verified like the others; the original is removed once its copy has
verified) and rotate under the same rules, each kind on its own, so that a restore made by
mistake keeps the archive it replaced for as long as a daily backup would be kept. An attachment
file is removed from the store only when no backup left in the folder (of any archive) names it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from app import paths, safe_files
from app.db import archive_file, archive_lock
from app.db.backup_files import ChangeCounter, record_counts, sha256_of, stored_setting
from app.db.blob_store import BlobStore
from app.db.repositories import settings as settings_repo
from app.domain.backup_rotation import Dated, Retention, to_remove
from app.domain.errors import ArchiveError, ValidationError
from app.services import archive as archive_service
from app.services.archive import Archive, RestoreResult

PREFIX = "backup."
ATTACHMENTS = "attachments"
MANIFEST_FORMAT = 1
AUTO, MANUAL, BEFORE_UPGRADE, BEFORE_RESTORE = "auto", "manual", "before-upgrade", "before-restore"
KINDS = (AUTO, MANUAL, BEFORE_UPGRADE, BEFORE_RESTORE)
# Rotation pools: regular backups together, each kind of kept copy on its own.
POOLS = ((AUTO, MANUAL), (BEFORE_UPGRADE,), (BEFORE_RESTORE,))
MAX_KEEP = 1000
MAX_WARN_DAYS = 3650
LOCK_WAIT_SECONDS = 120.0
_ID = re.compile(r"^\d{8}-\d{6}(?:-(\d+))?$")


# --- settings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    custom_folder: bool = False  # False: the default folder (created when first needed)
    keep_daily: int = 7
    keep_weekly: int = 4
    keep_monthly: int = 12
    warn_after_days: int = 7
    automatic: bool = True

    @property
    def retention(self) -> Retention:
        return Retention(self.keep_daily, self.keep_weekly, self.keep_monthly)


def default_folder() -> Path:
    return paths.default_backup_folder()


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _settings_from(stored: dict[str, object]) -> BackupSettings:
    folder = str(stored.get(PREFIX + "folder") or "")
    return BackupSettings(
        folder=Path(folder) if folder else default_folder(),
        custom_folder=bool(folder),
        keep_daily=_int(stored.get(PREFIX + "keep_daily"), 7),
        keep_weekly=_int(stored.get(PREFIX + "keep_weekly"), 4),
        keep_monthly=_int(stored.get(PREFIX + "keep_monthly"), 12),
        warn_after_days=_int(stored.get(PREFIX + "warn_after_days"), 7),
        automatic=stored.get(PREFIX + "automatic", True) is not False,
    )


def backup_settings(archive: Archive) -> BackupSettings:
    with archive.db.read() as session:
        return _settings_from(settings_repo.get_prefix(session, PREFIX))


def settings_of_file(archive_path: Path) -> BackupSettings:
    """The backup settings of an archive that is not open (the defaults when it cannot be read:
    it may be the broken archive a restore is about to replace)."""
    stored = {}
    for key in ("folder", "keep_daily", "keep_weekly", "keep_monthly", "warn_after_days"):
        value = stored_setting(Path(archive_path), PREFIX + key)
        if value is not None:
            stored[PREFIX + key] = value
    return _settings_from(stored)


def _check_count(name: str, value: int, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(name, "bad_backup_count", value=value, low=low, high=high)
    return value


def check_folder(archive_path: Path, folder: Path | str) -> Path:
    """The folder as it will be stored: absolute, never inside the archive's own files; created
    when missing if its parent exists (a USB disk that is not plugged in is not created)."""
    text = str(folder).strip()
    if not text:
        raise ValidationError("backup_folder", "required")
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        raise ValidationError("backup_folder", "folder_not_absolute", value=text)
    folder = folder.resolve()
    protected = archive_service.archive_files(Path(archive_path))
    if any(folder == item or item in folder.parents for item in protected):
        raise ValidationError("backup_folder", "folder_in_archive", value=str(folder))
    if folder.exists() and not folder.is_dir():
        raise ValidationError("backup_folder", "folder_is_file", value=str(folder))
    if not folder.exists():
        if not folder.parent.is_dir():
            raise ValidationError("backup_folder", "folder_missing", value=str(folder))
        try:
            folder.mkdir()
        except OSError as exc:
            raise ValidationError(
                "backup_folder", "folder_not_writable", value=str(folder)
            ) from exc
    if not os.access(folder, os.W_OK):
        raise ValidationError("backup_folder", "folder_not_writable", value=str(folder))
    return folder


def save_backup_settings(
    archive: Archive,
    *,
    folder: Path | str | None = None,
    default_folder: bool = False,
    keep_daily: int | None = None,
    keep_weekly: int | None = None,
    keep_monthly: int | None = None,
    warn_after_days: int | None = None,
    automatic: bool | None = None,
) -> BackupSettings:
    """Changes what is given (None leaves a setting as it is; default_folder=True goes back to
    the default folder)."""
    current = backup_settings(archive)
    values: dict[str, object] = {}
    if default_folder:
        values["folder"] = ""
    elif folder is not None:
        values["folder"] = str(check_folder(archive.file_path(), folder))
    counts = {"keep_daily": keep_daily, "keep_weekly": keep_weekly, "keep_monthly": keep_monthly}
    for name, value in counts.items():
        if value is not None:
            values[name] = _check_count(name, value, 0, MAX_KEEP)
    if warn_after_days is not None:
        values["warn_after_days"] = _check_count(
            "warn_after_days", warn_after_days, 1, MAX_WARN_DAYS
        )
    if automatic is not None:
        values["automatic"] = bool(automatic)
    merged = {name: values.get(name, getattr(current, name)) for name in counts}
    if not any(merged.values()):
        raise ValidationError("keep_daily", "keep_nothing")
    with archive.db.session() as session:
        for name, value in values.items():
            settings_repo.put(session, PREFIX + name, value)
    return backup_settings(archive)


# --- what is in a backup folder ---------------------------------------------------------------


@dataclass(frozen=True)
class BackupEntry:
    """One backup (or a copy kept beside the archive, not moved into the folder yet)."""

    id: str
    created_at: datetime
    kind: str
    path: Path  # the database copy
    size: int  # bytes of the database copy (attachments are shared, see attachments_size)
    verified: bool | None  # None: not verified yet (a copy still beside the archive)
    attachments: int = 0
    attachments_size: int = 0
    app_version: str = ""
    schema_revision: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    archive: str = ""
    location: str = "folder"  # "folder", or "archive": beside the archive, moved at the next backup
    attachments_from: Path | None = None  # the store that holds its attachment files
    verified_at: datetime | None = None

    @property
    def good(self) -> bool:
        return self.verified is True

    @property
    def seq(self) -> int:
        match = _ID.match(self.id)
        return int(match.group(1)) if match and match.group(1) else 1


def store_of(folder: Path) -> BlobStore:
    return BlobStore(Path(folder) / ATTACHMENTS)


def manifest_path(database: Path) -> Path:
    return Path(database).with_suffix(".json")


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else None


def _when(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return None


def _entry_from_manifest(path: Path, data: dict) -> BackupEntry | None:
    created = _when(data.get("created_at"))
    database = path.with_name(str(data.get("database", "")))
    if created is None or not data.get("id") or database.parent != path.parent:
        return None
    try:
        size = database.stat().st_size
    except OSError:
        size = 0
    attachments = data.get("attachments") or []
    return BackupEntry(
        id=str(data["id"]),
        created_at=created,
        kind=str(data.get("kind", MANUAL)),
        path=database,
        size=size,
        verified=data.get("verified") is True,
        attachments=len(attachments),
        attachments_size=int(data.get("attachments_size") or 0),
        app_version=str(data.get("app_version", "")),
        schema_revision=data.get("schema_revision"),
        counts=dict(data.get("counts") or {}),
        problems=tuple(str(p) for p in data.get("problems") or ()),
        archive=str(data.get("archive", "")),
        attachments_from=path.parent / ATTACHMENTS,
        verified_at=_when(data.get("verified_at")) if data.get("verified_at") else None,
    )


@dataclass(frozen=True)
class FolderContents:
    entries: list[BackupEntry]  # every readable manifest, any archive
    orphans: list[Path]  # database copies without a manifest: backups that never finished
    unreadable: list[Path]  # manifests that could not be read


_NAME = re.compile(r"^(?P<stem>.+)-(?P<id>\d{8}-\d{6}(?:-\d+)?)-(?P<kind>[a-z-]+)$")


def scan_folder(folder: Path) -> FolderContents:
    folder = Path(folder)
    entries, orphans, unreadable, named = [], [], [], set()
    if not folder.is_dir():
        return FolderContents([], [], [])
    for path in sorted(folder.glob("*.json")):
        data = _read_json(path)
        entry = _entry_from_manifest(path, data) if data else None
        if entry is None:
            if _NAME.match(path.stem):
                unreadable.append(path)
            continue
        entries.append(entry)
        named.add(entry.path.name)
    for path in sorted(folder.iterdir()):
        if path.suffix == ".json" or path.name.startswith(".") or not path.is_file():
            continue
        if _NAME.match(path.stem) and path.name not in named:
            orphans.append(path)
    return FolderContents(entries, orphans, unreadable)


def _same_archive(entry: BackupEntry, archive_path: Path) -> bool:
    return entry.archive == str(Path(archive_path).resolve())


KEPT_COPY = re.compile(r"\.before-(upgrade|restore)-")


def kept_copies(archive_path: Path) -> list[Path]:
    """The copies made beside the archive before an upgrade or a restore."""
    archive_path = Path(archive_path).resolve()
    stem, suffix = archive_path.stem, archive_path.suffix
    pattern = re.compile(
        rf"^{re.escape(stem)}\.before-(upgrade|restore)-[\w.-]+{re.escape(suffix)}$"
    )
    if not archive_path.parent.is_dir():
        return []
    return sorted(
        path
        for path in archive_path.parent.iterdir()
        if pattern.match(path.name) and path.is_file()
    )


def _kept_kind(path: Path) -> str:
    return BEFORE_UPGRADE if ".before-upgrade-" in path.name else BEFORE_RESTORE


def _pending_entry(path: Path, live_store: BlobStore) -> BackupEntry:
    stat = path.stat()
    created = datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0)
    own = BlobStore.beside(path)
    return BackupEntry(
        id=f"{created:%Y%m%d-%H%M%S}",
        created_at=created,
        kind=_kept_kind(path),
        path=path,
        size=stat.st_size,
        verified=None,
        location="archive",
        attachments_from=own.root if own.root.is_dir() else live_store.root,
    )


def list_backups(
    archive_path: Path, folder: Path, *, everything: bool = False
) -> list[BackupEntry]:
    """This archive's backups in the folder (every archive's with everything=True) and the
    copies still beside the archive, newest first."""
    archive_path = Path(archive_path).resolve()
    contents = scan_folder(folder)
    entries = [e for e in contents.entries if everything or _same_archive(e, archive_path)]
    adopted = _adopted_sources(contents)
    live = BlobStore.beside(archive_path)
    for path in kept_copies(archive_path):
        if str(path) not in adopted:
            with contextlib.suppress(OSError):
                entries.append(_pending_entry(path, live))
    return sorted(entries, key=lambda e: (e.created_at, e.seq), reverse=True)


def _adopted_sources(contents: FolderContents) -> set[str]:
    sources = set()
    for entry in contents.entries:
        data = _read_json(manifest_path(entry.path)) or {}
        if data.get("source"):
            sources.add(str(data["source"]))
    return sources


def backups_of(archive: Archive, *, everything: bool = False) -> list[BackupEntry]:
    return list_backups(archive.file_path(), backup_settings(archive).folder, everything=everything)


def find_backup(archive_path: Path, folder: Path, backup_id: str) -> BackupEntry:
    """A backup by the id `backups list` shows: this archive's first, then any in the folder."""
    wanted = str(backup_id).strip()
    for everything in (False, True):
        for entry in list_backups(archive_path, folder, everything=everything):
            if entry.id == wanted:
                return entry
    raise ArchiveError("backup_not_found", id=wanted, folder=str(folder))


def looks_like_id(text: str) -> bool:
    return bool(_ID.match(str(text).strip()))


# --- writing and verifying ------------------------------------------------------------------


def app_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("sales-compass")
    except metadata.PackageNotFoundError:
        import tomllib

        with (paths.PROJECT_ROOT / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """One writer per backup folder: this process's threads, and other processes (a window and a
    command, or two laptops sharing a synced folder, through a lock file in it)."""
    key = os.path.normcase(str(Path(folder).resolve()))
    with _locks_guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        marker = Path(folder) / "backups"
        try:
            archive_lock.acquire(marker, archive_lock.COMMAND, LOCK_WAIT_SECONDS)
        except OSError:  # a file system without locks (some network shares): this process only
            yield
            return
        try:
            yield
        finally:
            archive_lock.release(marker)


def _progress(task, done: int, total: int) -> None:
    if task is not None:
        task.raise_if_cancelled()
        task.progress(done, total)


def _new_id(folder: Path, when: datetime) -> str:
    base = f"{when:%Y%m%d-%H%M%S}"
    taken = {m.group("id") for p in folder.iterdir() if (m := _NAME.match(Path(p.name).stem))}
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


@dataclass
class Checked:
    """What verifying a database copy and its attachment files found."""

    digest: str | None = None
    blobs: list[tuple[str, int]] = field(default_factory=list)
    database_problems: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [
            *self.database_problems,
            *(f"attachment file missing: {sha}" for sha in self.missing),
            *(f"attachment file damaged: {sha}" for sha in self.damaged),
        ]


def verify_files(
    database: Path, stores: list[BlobStore], expected_sha: str | None = None, task=None
) -> Checked:
    """Verifies a database copy: its SHA-256 is what was recorded, SQLite's integrity and
    foreign-key checks pass, and every attachment file it names is in one of `stores` with its
    hash. A backup is good when nothing is found."""
    checked = Checked()
    try:
        checked.digest = sha256_of(database)
    except OSError as exc:
        checked.database_problems.append(f"database copy unreadable: {exc.strerror or exc}")
        return checked
    if expected_sha and checked.digest != expected_sha:
        checked.database_problems.append(
            "database copy changed since it was written (SHA-256 differs)"
        )
    try:
        archive_file.current_revision(database)
        checked.database_problems += archive_file.integrity_problems(database)
    except ArchiveError as exc:
        checked.database_problems.append(f"database copy is not a whole archive ({exc.code})")
    if checked.database_problems:
        return checked
    try:
        checked.blobs = archive_file.referenced_blobs(database)
    except Exception as exc:  # noqa: BLE001 - a damaged copy says so, never raises
        checked.database_problems.append(f"database copy unreadable: {exc}")
        return checked
    for number, (sha, size) in enumerate(checked.blobs):
        _progress(task, number, len(checked.blobs))
        try:
            if any(store.is_intact(sha, size) for store in stores):
                continue
            present = any(store.path_of(sha).exists() for store in stores)
        except ArchiveError as exc:  # an encrypted backup nobody has unlocked
            checked.database_problems.append(f"attachment files cannot be read ({exc.code})")
            return checked
        (checked.damaged if present else checked.missing).append(sha)
    return checked


def _write_manifest(entry_path: Path, data: dict) -> None:
    payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    safe_files.write_bytes_atomically(manifest_path(entry_path), payload)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _write_backup(
    folder: Path,
    archive_path: Path,
    source: Path,
    sources: list[BlobStore],
    kind: str,
    created_at: datetime,
    task=None,
    extra: dict | None = None,
) -> tuple[BackupEntry, int, int, list[str]]:
    """One backup: the database copy, the attachment files it names that the store lacks, the
    verification, the manifest. Returns (entry, files copied, bytes copied, digests of the
    archive's own attachment files that are missing or damaged)."""
    backup_id = _new_id(folder, created_at)
    target = folder / f"{archive_path.stem}-{backup_id}-{kind}{archive_path.suffix or '.sqlite3'}"
    store = BlobStore(folder / ATTACHMENTS, key=sources[0].key)  # encrypted stays encrypted
    copied = copied_bytes = 0
    try:
        archive_file.copy_database(source, target)
        blobs = archive_file.referenced_blobs(target)
        total = len(blobs) * 2 + 2
        _progress(task, 1, total)
        for number, (sha, size) in enumerate(blobs):
            _progress(task, 1 + number, total)
            if store.path_of(sha).exists():
                continue  # already in the store: the verification below hashes it
            if any(store.copy_verified_from(other, sha) for other in sources):
                copied += 1
                copied_bytes += size
        checked = verify_files(target, [store], task=_Offset(task, len(blobs), total))
        for sha in list(
            checked.damaged
        ):  # damaged in the store since an earlier backup: copy again
            store.delete(sha)
            if any(store.copy_verified_from(other, sha) for other in sources):
                checked.damaged.remove(sha)
                copied += 1
        unsound = [*checked.missing, *checked.damaged]
        problems = [
            *checked.database_problems,
            *(
                f"attachment file of the archive itself missing or damaged: {sha}"
                for sha in unsound
            ),
        ]
        counts: dict[str, int] = {}
        revision = None
        if not checked.database_problems:
            with contextlib.suppress(Exception):
                counts = record_counts(target)
            with contextlib.suppress(ArchiveError):
                revision = archive_file.current_revision(target)
        now = datetime.now().replace(microsecond=0)
        data = {
            "format": MANIFEST_FORMAT,
            "app": "sales-compass",
            "id": backup_id,
            "kind": kind,
            "archive": str(archive_path),
            "database": target.name,
            "created_at": created_at.isoformat(timespec="seconds"),
            "app_version": app_version(),
            "schema_revision": revision,
            "counts": counts,
            "database_size": target.stat().st_size,
            "database_sha256": checked.digest,
            "attachments": [[sha, size] for sha, size in checked.blobs],
            "attachment_files": sorted({store.path_of(sha).name for sha, _ in checked.blobs}),
            "attachments_size": sum(size for _sha, size in checked.blobs),
            "verified": not problems,
            "verified_at": now.isoformat(timespec="seconds"),
            "problems": problems,
            **(extra or {}),
        }
        _write_manifest(target, data)
    except BaseException:
        _remove_quietly(target)  # a backup that did not finish leaves no database behind
        raise
    entry = _entry_from_manifest(manifest_path(target), data)
    assert entry is not None
    return entry, copied, copied_bytes, unsound


class _Offset:
    """Progress of a later phase reported as part of the whole."""

    def __init__(self, task, offset: int, total: int):
        self.task, self.offset, self.total = task, offset, total

    def raise_if_cancelled(self) -> None:
        if self.task is not None:
            self.task.raise_if_cancelled()

    def progress(self, done: int, _total: int) -> None:
        if self.task is not None:
            self.task.progress(1 + self.offset + done, self.total)


@dataclass(frozen=True)
class BackupReport:
    entry: BackupEntry
    copied_attachments: int
    copied_bytes: int
    damaged: tuple[str, ...]  # the archive's own attachment files that could not be copied
    adopted: tuple[BackupEntry, ...] = ()  # copies moved in from beside the archive
    removed: tuple[BackupEntry, ...] = ()  # backups the rotation let go
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.entry.good and all(e.good for e in self.adopted)

    @property
    def failed(self) -> tuple[BackupEntry, ...]:
        return tuple(e for e in (self.entry, *self.adopted) if not e.good)


def usable_folder(settings: BackupSettings) -> Path:
    """The folder to write into, created when it is the default one. A chosen folder that is not
    there (a USB disk not plugged in) or cannot be written is an error, never created."""
    folder = Path(settings.folder)
    if not settings.custom_folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArchiveError("backup_folder_unusable", path=str(folder)) from exc
    if not folder.is_dir():
        raise ArchiveError("backup_folder_missing", path=str(folder))
    if not os.access(folder, os.W_OK):
        raise ArchiveError("backup_folder_unusable", path=str(folder))
    return folder


def folder_problem(settings: BackupSettings) -> str | None:
    """'missing' or 'unusable' when backups cannot be written there now (nothing is created)."""
    folder = Path(settings.folder)
    if not folder.exists():
        return None if not settings.custom_folder else "missing"
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        return "unusable"
    return None


def back_up(archive: Archive, kind: str = MANUAL, task=None) -> BackupReport:
    """A backup into the backup folder now, verified, then the rotation."""
    if kind not in (AUTO, MANUAL):
        raise ValueError(kind)
    started = datetime.now()
    settings = backup_settings(archive)
    folder = usable_folder(settings)
    with folder_lock(folder):
        adopted = _adopt_kept_copies(archive.file_path(), folder, archive.blobs)
        entry, copied, copied_bytes, damaged = _write_backup(
            folder,
            archive.file_path(),
            archive.file_path(),
            [archive.blobs],
            kind,
            archive.now(),
            task,
        )
        removed = _prune_locked(archive.file_path(), folder, settings.retention)
    seconds = (datetime.now() - started).total_seconds()
    return BackupReport(
        entry, copied, copied_bytes, tuple(damaged), tuple(adopted), tuple(removed), seconds
    )


def backed_up_today(archive: Archive) -> bool:
    """Whether this archive has a backup attempt (auto or manual, good or not) made today."""
    today = archive.today()
    folder = backup_settings(archive).folder
    return any(
        entry.kind in (AUTO, MANUAL) and entry.created_at.date() == today
        for entry in list_backups(archive.file_path(), folder)
        if entry.location == "folder"
    )


def back_up_if_due(archive: Archive, task=None) -> BackupReport | None:
    """The daily automatic backup: None when one was already made today (or they are off)."""
    settings = backup_settings(archive)
    if not settings.automatic or backed_up_today(archive):
        return None
    return back_up(archive, AUTO, task)


def _adopt_kept_copies(archive_path: Path, folder: Path, live: BlobStore) -> list[BackupEntry]:
    """Moves the copies made before an upgrade or a restore into the folder: each is written as
    a backup of its kind (its own attachments, else the archive's), and the original is removed
    once the backup has verified. One that does not verify stays where it is, and is not moved
    twice."""
    contents = scan_folder(folder)
    already = _adopted_sources(contents)
    adopted = []
    for path in kept_copies(archive_path):
        if str(path) in already:
            continue
        try:
            archive_file.current_revision(path)
            created = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
        except (ArchiveError, OSError):
            continue  # not a whole archive: left for a person to look at
        own = BlobStore.beside(path)
        entry, _copied, _bytes, _damaged = _write_backup(
            folder,
            Path(archive_path).resolve(),
            path,
            [own, live],
            _kept_kind(path),
            created,
            extra={"source": str(path)},
        )
        adopted.append(entry)
        if entry.good:
            _remove_kept_copy(path)
    return adopted


def _remove_kept_copy(path: Path) -> None:
    with contextlib.suppress(OSError):
        shutil.rmtree(BlobStore.beside(path).root, ignore_errors=True)
        for extra in archive_file.JOURNAL_SUFFIXES:
            _remove_quietly(Path(str(path) + extra))
        _remove_quietly(path)


# --- verifying later --------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyResult:
    entry: BackupEntry
    problems: tuple[str, ...]

    @property
    def good(self) -> bool:
        return not self.problems


def verify(
    archive_path: Path, folder: Path, backup_id: str | None = None, task=None
) -> list[VerifyResult]:
    """Verifies one backup (or every backup of this archive) again, and records the outcome in
    its manifest: a backup damaged since it was written stops counting as good."""
    entries = (
        [find_backup(archive_path, folder, backup_id)]
        if backup_id
        else list_backups(archive_path, folder)
    )
    results = []
    with contextlib.ExitStack() as stack:
        if Path(folder).is_dir() and any(e.location == "folder" for e in entries):
            stack.enter_context(folder_lock(folder))
        for number, entry in enumerate(entries):
            _progress(task, number, len(entries))
            results.append(_verify_entry(entry, Path(archive_path)))
    return results


def _verify_entry(entry: BackupEntry, archive_path: Path) -> VerifyResult:
    if entry.location == "archive":  # beside the archive: checked, nothing is written
        stores = [BlobStore.beside(entry.path), BlobStore.beside(archive_path)]
        problems = verify_files(entry.path, stores).problems
        return VerifyResult(replace(entry, verified=not problems), tuple(problems))
    data = _read_json(manifest_path(entry.path)) or {}
    store = BlobStore(entry.path.parent / ATTACHMENTS, archive=entry.path)
    checked = verify_files(entry.path, [store], data.get("database_sha256"))
    problems = checked.problems
    if checked.blobs and data.get("attachments") is not None:
        recorded = {(str(s), int(n)) for s, n in data["attachments"]}
        if recorded != set(checked.blobs):
            problems.append("the attachments named in the manifest differ from the database's")
    now = datetime.now().replace(microsecond=0)
    data.update(verified=not problems, verified_at=now.isoformat(), problems=problems)
    if not data.get("database_sha256") and checked.digest:
        data["database_sha256"] = checked.digest
    with contextlib.suppress(OSError):
        _write_manifest(entry.path, data)
    updated = replace(entry, verified=not problems, problems=tuple(problems), verified_at=now)
    return VerifyResult(updated, tuple(problems))


# --- pruning ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PruneReport:
    adopted: tuple[BackupEntry, ...]
    removed: tuple[BackupEntry, ...]
    attachments_removed: int
    bytes_freed: int


def prune(archive: Archive, task=None) -> PruneReport:
    """The rotation now: kept copies moved in, old backups and unreferenced files removed."""
    settings = backup_settings(archive)
    folder = usable_folder(settings)
    with folder_lock(folder):
        _progress(task, 0, 3)
        adopted = _adopt_kept_copies(archive.file_path(), folder, archive.blobs)
        _progress(task, 1, 3)
        store = store_of(folder)
        before = _store_usage(store)
        removed = _prune_locked(archive.file_path(), folder, settings.retention)
        after = _store_usage(store)
    freed = sum(e.size for e in removed) + before[1] - after[1]
    return PruneReport(tuple(adopted), tuple(removed), before[0] - after[0], freed)


def _store_usage(store: BlobStore) -> tuple[int, int]:
    files = [p for p in store.root.glob("??/*") if not p.name.startswith(".")]
    return len(files), sum(p.stat().st_size for p in files if p.exists())


def _prune_locked(archive_path: Path, folder: Path, retention: Retention) -> list[BackupEntry]:
    archive_path = Path(archive_path).resolve()
    contents = scan_folder(folder)
    mine = [e for e in contents.entries if _same_archive(e, archive_path)]
    removed: list[BackupEntry] = []
    for kinds in POOLS:
        pool = [e for e in mine if e.kind in kinds]
        if kinds == POOLS[0]:
            pool += [_orphan_entry(p) for p in contents.orphans if _orphan_of(p, archive_path)]
        by_key = {e.path: e for e in pool}
        dated = [Dated(e.path, e.created_at, e.good, e.seq) for e in pool]
        for item in to_remove(dated, retention):
            entry = by_key[item.key]
            _remove_backup(entry)
            removed.append(entry)
    _collect_garbage(folder)
    return removed


def _orphan_of(path: Path, archive_path: Path) -> bool:
    match = _NAME.match(path.stem)
    return bool(match and match.group("stem") == archive_path.stem)


def _orphan_entry(path: Path) -> BackupEntry:
    match = _NAME.match(path.stem)
    assert match is not None
    stamp = match.group("id")[:15]
    return BackupEntry(
        id=match.group("id"),
        created_at=datetime.strptime(stamp, "%Y%m%d-%H%M%S"),
        kind=match.group("kind"),
        path=path,
        size=path.stat().st_size if path.exists() else 0,
        verified=False,
        problems=("the backup did not finish",),
    )


def _remove_backup(entry: BackupEntry) -> None:
    data = _read_json(manifest_path(entry.path)) or {}
    _remove_quietly(entry.path)
    _remove_quietly(manifest_path(entry.path))
    source = data.get("source")
    if source and Path(source).exists():  # a kept copy that never verified goes with it
        _remove_kept_copy(Path(source))


def _collect_garbage(folder: Path) -> int:
    """Removes attachment files no backup in the folder names. Nothing is removed while any
    manifest cannot be read or any unfinished backup's database cannot be read."""
    contents = scan_folder(folder)
    if contents.unreadable:
        return 0
    wanted: set[str] = set()
    for entry in contents.entries:
        data = _read_json(manifest_path(entry.path))
        if data is None:
            return 0
        files = data.get("attachment_files")
        if files is None:
            files = [sha for sha, _size in data.get("attachments") or ()]
        wanted.update(str(name) for name in files)
    for orphan in contents.orphans:
        try:
            orphan_store = BlobStore(Path(folder) / ATTACHMENTS, archive=orphan)
            wanted.update(
                orphan_store.path_of(sha).name for sha, _ in archive_file.referenced_blobs(orphan)
            )
        except Exception:  # noqa: BLE001 - unknown references: keep everything
            return 0
    store = store_of(folder)
    removed = 0
    stale = datetime.now().timestamp() - 86400
    for path in store.root.glob("??/*"):
        if path.name.startswith(".incoming-"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < stale:
                    path.unlink()
            continue
        if path.name not in wanted:
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed


# --- restoring by id --------------------------------------------------------------------------


def restore_backup(archive_path: Path, backup_id: str, folder: Path | None = None) -> RestoreResult:
    """Replaces the archive by one of its backups (the id `backups list` shows)."""
    archive_path = Path(archive_path).expanduser().resolve()
    folder = Path(folder) if folder else settings_of_file(archive_path).folder
    entry = find_backup(archive_path, folder, backup_id)
    return restore_entry(entry, archive_path)


def restore_entry(entry: BackupEntry, archive_path: Path) -> RestoreResult:
    return archive_service.restore(
        entry.path, archive_path, attachments_from=entry.attachments_from
    )


def attachments_for_file(path: Path) -> Path | None:
    """The attachment store of a backup named by its path: the folder's shared store when the
    file is a backup with a manifest beside it; None for any other file."""
    path = Path(path).expanduser().resolve()
    data = _read_json(manifest_path(path))
    if data and data.get("database") == path.name:
        return path.parent / ATTACHMENTS
    return None


# --- the home page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupStatus:
    folder: Path
    custom_folder: bool
    folder_problem: str | None  # 'missing' or 'unusable'
    newest_good: datetime | None
    newest: BackupEntry | None
    warn_after_days: int
    automatic: bool
    now: datetime

    @property
    def stale(self) -> bool:
        if self.newest_good is None:
            return True
        return self.now - self.newest_good > timedelta(days=self.warn_after_days)

    @property
    def newest_failed(self) -> bool:
        return self.newest is not None and self.newest.verified is False

    @property
    def needs_attention(self) -> bool:
        return bool(self.folder_problem) or self.stale or self.newest_failed

    @property
    def days_since_good(self) -> int | None:
        return None if self.newest_good is None else (self.now - self.newest_good).days


def status(archive: Archive) -> BackupStatus:
    settings = backup_settings(archive)
    problem = folder_problem(settings)
    entries = [] if problem else list_backups(archive.file_path(), settings.folder)
    in_folder = [e for e in entries if e.location == "folder"]
    good = [e.created_at for e in in_folder if e.good]
    return BackupStatus(
        folder=settings.folder,
        custom_folder=settings.custom_folder,
        folder_problem=problem,
        newest_good=max(good) if good else None,
        newest=in_folder[0] if in_folder else None,
        warn_after_days=settings.warn_after_days,
        automatic=settings.automatic,
        now=archive.now(),
    )


# --- changes ----------------------------------------------------------------------------------


def watch_changes(archive: Archive) -> ChangeCounter:
    """Counts the commits that change the archive from now on (`.count`; `.detach()`)."""
    return ChangeCounter(archive.db)
