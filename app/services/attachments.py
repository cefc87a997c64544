"""Files attached to records. The archive keeps its own copy, named by content hash."""

from __future__ import annotations

import re
from pathlib import Path

from app.db.models import Attachment
from app.db.repositories import attachments as repo
from app.domain.errors import AppError, NotFoundError
from app.services.archive import Archive
from app.services.attachment_list import AttachmentRecord as AttachmentRecord
from app.services.attachment_list import attachment_record as _record
from app.services.attachment_list import list_for as list_for


def add(
    archive: Archive, owner_kind: str, owner_id: int, source: Path, original_name: str | None = None
) -> AttachmentRecord:
    source = Path(source)
    if not source.is_file():
        raise AppError("file_missing", fields=("file",), path=str(source))
    sha, size = archive.blobs.put(source)
    with archive.db.session() as session:
        repo.ensure_blob(session, sha, size, archive.now())
        att = Attachment(
            owner_kind=owner_kind,
            owner_id=owner_id,
            sha256=sha,
            original_name=original_name or source.name,
            size=size,
            added_at=archive.now(),
        )
        session.add(att)
        session.flush()
        return _record(att)


def remove(archive: Archive, attachment_id: int) -> None:
    with archive.db.session() as session:
        att = repo.get(session, attachment_id)
        if att is None:
            raise NotFoundError("attachment", attachment_id)
        sha = att.sha256
        session.delete(att)
    collect_garbage(archive, [sha])


def detach_all(session, owner_kind: str, owner_ids: list[int]) -> list[str]:
    """Inside a caller's unit of work: drops the attachments of records being deleted."""
    return repo.delete_for_owners(session, owner_kind, owner_ids) if owner_ids else []


def collect_garbage(archive: Archive, digests: list[str]) -> None:
    """Deletes stored files that no attachment uses any more (after the deleting commit)."""
    for sha in dict.fromkeys(digests):
        with archive.db.session() as session:
            if repo.is_blob_used(session, sha):
                continue
            repo.delete_blob_row(session, sha)
        archive.blobs.delete(sha)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def copy_out(archive: Archive, attachment_id: int, folder: Path) -> Path:
    """A copy under its original name (made safe), for the system viewer or "save as"."""
    with archive.db.read() as session:
        att = repo.get(session, attachment_id)
        if att is None:
            raise NotFoundError("attachment", attachment_id)
        record = _record(att)
    safe = _UNSAFE.sub("_", Path(record.original_name).name).strip(". ") or record.sha256[:12]
    target = Path(folder) / f"{record.id}-{safe}"
    target.parent.mkdir(parents=True, exist_ok=True)
    archive.blobs.export_to(record.sha256, target)  # decrypted when the archive is encrypted
    return target
