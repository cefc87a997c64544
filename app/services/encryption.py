"""Encrypting, decrypting and re-keying an archive in place (`encrypt`, `decrypt`, `passwd`).

Each conversion takes the archive for itself, makes a verified backup first, builds the
converted archive aside (database through SQLCipher's export, every attachment decrypted and/or
sealed again and checked against its SHA-256), proves it whole (integrity check, the same row
count in every table, every attachment), and only then installs it with the same renames that
install a demo or a restore: a failure or a kill at any moment before the final rename leaves
the original archive exactly as it was, and after it the converted archive is whole. The
attachment files in their old form are removed last.

A plain copy left beside an archive that has just been encrypted would undo the point of it, so
the backup made before `encrypt` (a plain copy) and before `passwd` (a copy under the old
password) is removed once the converted archive has proved whole, unless asked to keep it; the
backup made before `decrypt` is encrypted and is kept."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.db import archive_file, archive_lock, cipher
from app.db.blob_store import BlobStore
from app.db.repositories import attachments as attachment_repo
from app.domain.errors import ArchiveError
from app.services import archive as archive_service

Clock = Callable[[], datetime]

ENCRYPT, DECRYPT, PASSWD = "encrypt", "decrypt", "passwd"


@dataclass(frozen=True)
class ConversionResult:
    path: Path
    encrypted: bool
    attachments: int
    backup: Path | None  # the verified backup made first, when it was kept
    # older copies beside the archive (before an upgrade or restore) that are not encrypted
    plain_copies: tuple[Path, ...] = ()


def encrypt(
    path: Path, password: str, *, clock: Clock = datetime.now, keep_backup: bool = False
) -> ConversionResult:
    """Encrypts a plain archive with `password` (creating an encrypted archive when there is
    none). ArchiveError('archive_already_encrypted') for one that is encrypted already."""
    path = Path(path).expanduser().resolve()
    if archive_service.is_encrypted(path):
        raise ArchiveError("archive_already_encrypted", path=str(path))
    key = cipher.new_key(password)
    if not path.exists():
        archive_service.open_archive(path, clock, password=password).close()
        return ConversionResult(path, True, 0, None)
    result = _convert(path, key, ENCRYPT, clock, keep_backup)
    plain = tuple(p for p in _copies_beside(path) if not cipher.is_encrypted(p))
    return ConversionResult(result.path, True, result.attachments, result.backup, plain)


def decrypt(path: Path, *, clock: Clock = datetime.now) -> ConversionResult:
    """Decrypts an unlocked encrypted archive (see archive.unlock)."""
    path = _encrypted(path)
    return _convert(path, None, DECRYPT, clock, keep_backup=True)


def change_password(
    path: Path, new_password: str, *, clock: Clock = datetime.now, keep_backup: bool = False
) -> ConversionResult:
    """Re-encrypts an unlocked encrypted archive under `new_password` (new salt, new keys: every
    attachment file is sealed again)."""
    path = _encrypted(path)
    return _convert(path, cipher.new_key(new_password), PASSWD, clock, keep_backup)


def _encrypted(path: Path) -> Path:
    path = Path(path).expanduser().resolve()
    if not path.exists():
        raise ArchiveError("archive_missing", path=str(path))
    if not archive_service.is_encrypted(path):
        raise ArchiveError("archive_not_encrypted", path=str(path))
    return path


def _copies_beside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.before-*{path.suffix}"))


def backup_path(path: Path, purpose: str, when: datetime) -> Path:
    return path.with_name(f"{path.stem}.before-{purpose}-{when:%Y%m%d-%H%M%S}{path.suffix}")


def _convert(
    path: Path, key: cipher.ArchiveKey | None, purpose: str, clock: Clock, keep_backup: bool
) -> ConversionResult:
    archive = archive_service.open_archive(path, clock)  # brought up to date, checked, taken
    archive_lock.acquire(path, archive_service.COMMAND)  # held on after the archive closes
    try:
        try:
            old_store = BlobStore(archive.blobs.root, key=archive.blobs.key)
            saved = _verified_backup(archive, purpose)
            with archive.db.read() as session:
                blobs = attachment_repo.all_blobs(session)
        finally:
            archive.close()
        counts = archive_file.row_counts(path)
        built = archive_service.building_path(path, f"{purpose}ing")
        try:
            archive_file.convert_database(path, built, key)
            new_store = BlobStore.beside(built, key=key)
            for sha, _size in blobs:
                if not new_store.copy_verified_from(old_store, sha):
                    raise ArchiveError("convert_attachments_damaged", path=str(path), count=1)
            _prove_whole(built, new_store, counts, blobs)
            archive_service.install_built_archive(built, path)
        except BaseException:
            archive_service.discard_archive(built)
            raise
        _remove_old_form(old_store, BlobStore(old_store.root, key=key), blobs)
    finally:
        archive_lock.release(path)
    kept: Path | None = saved
    if not keep_backup:
        archive_service.discard_archive(saved)
        kept = None
    return ConversionResult(path, key is not None, len(blobs), kept)


def _verified_backup(archive: archive_service.Archive, purpose: str) -> Path:
    target = backup_path(archive.file_path(), purpose, archive.now())
    result = archive_service.backup(archive, target)
    if result.damaged:
        archive_service.discard_archive(result.path)
        raise ArchiveError(
            "convert_attachments_damaged", path=str(archive.file_path()), count=len(result.damaged)
        )
    problems = archive_service.check_path(result.path)
    if problems:
        archive_service.discard_archive(result.path)
        raise ArchiveError("backup_unverified", path=str(result.path), reason=problems[0])
    return result.path


def _prove_whole(
    built: Path, store: BlobStore, counts: dict[str, int], blobs: list[tuple[str, int]]
) -> None:
    try:
        archive_file.validate_archive(built, thorough=True)
    except ArchiveError as exc:
        reason = str(exc.details.get("reason", exc.code))
        raise ArchiveError("convert_unverified", reason=reason) from exc
    if archive_file.row_counts(built) != counts:
        raise ArchiveError("convert_unverified", reason="row counts differ")
    for sha, size in blobs:
        if not store.is_intact(sha, size):
            raise ArchiveError("convert_unverified", reason=f"attachment {sha[:12]}")


def _remove_old_form(old: BlobStore, new: BlobStore, blobs: list[tuple[str, int]]) -> None:
    """After the converted archive is in place: the attachment files in their old form (plain,
    or sealed with the old keys) go. A kill before this leaves only unused files behind."""
    for sha, _size in blobs:
        before, after = old.path_of(sha), new.path_of(sha)
        if before != after:
            with contextlib.suppress(FileNotFoundError):
                before.unlink()
