"""A record's attachments as a list (the `attachments` command and the window's 附件 lists). On
an archive file opened read-only they are read with the standard library alone
(app.db.plain_attachments: no SQLAlchemy or ORM models, issue 11); otherwise through a session.
Either way the same records come out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.db import plain_attachments
from app.domain.errors import NotFoundError
from app.services.archive import Archive
from app.services.readers import reader


@dataclass(frozen=True)
class AttachmentRecord:
    id: int
    owner_kind: str
    owner_id: int
    original_name: str
    size: int
    added_at: datetime
    sha256: str


def attachment_record(att) -> AttachmentRecord:
    """The record of an attachment row: the model's object, or a plain reader's row."""
    return AttachmentRecord(
        att.id, att.owner_kind, att.owner_id, att.original_name, att.size, att.added_at, att.sha256
    )


def list_for(archive: Archive, owner_kind: str, owner_id: int) -> list[AttachmentRecord]:
    """The record's attachments, oldest first."""
    with reader(archive, plain_attachments, "attachments") as (repo, session):
        return [attachment_record(a) for a in repo.for_owner(session, owner_kind, owner_id)]


def check_owner(archive: Archive, owner_kind: str, owner_id: int) -> None:
    """NotFoundError when the client or activity ('client' or 'activity') does not exist."""
    with reader(archive, plain_attachments, "attachments") as (repo, session):
        if not repo.record_exists(session, owner_kind, owner_id):
            raise NotFoundError(owner_kind, owner_id)
