from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.db.models import (
    Activity,
    Attachment,
    Blob,
    Client,
    ClientNews,
    DocumentTemplate,
    Letter,
    PacketSection,
    Qualification,
    RecycleBinItem,
)

# Record types that can carry attachments; later contexts add theirs here.
OWNER_MODELS: dict[str, type] = {
    "client": Client,
    "activity": Activity,
    "qualification": Qualification,
    "packet_section": PacketSection,
    "letter": Letter,
    "document_template": DocumentTemplate,  # the .docx of a Word template
    "news": ClientNews,  # a 客户动态's scan (issue 13)
}


def for_owner(session: Session, owner_kind: str, owner_id: int) -> list[Attachment]:
    return list(
        session.scalars(
            select(Attachment)
            .where(Attachment.owner_kind == owner_kind, Attachment.owner_id == owner_id)
            .order_by(Attachment.added_at, Attachment.id)
        )
    )


def owner_ids(session: Session, owner_kind: str) -> set[int]:
    """The records of one kind that carry attachments."""
    stmt = select(Attachment.owner_id).where(Attachment.owner_kind == owner_kind).distinct()
    return set(session.scalars(stmt))


def get(session: Session, attachment_id: int) -> Attachment | None:
    return session.get(Attachment, attachment_id)


def ensure_blob(session: Session, sha256: str, size: int, now) -> None:
    if session.get(Blob, sha256) is None:
        session.add(Blob(sha256=sha256, size=size, created_at=now))
        session.flush()


def is_blob_used(session: Session, sha256: str) -> bool:
    """By an attachment, or by a record in the recycle bin (which keeps its files)."""
    if session.scalar(select(func.count(Attachment.id)).where(Attachment.sha256 == sha256)):
        return True
    in_bin = RecycleBinItem.blobs.like(f'%"{sha256}"%')  # hex digests: no LIKE wildcards
    return bool(session.scalar(select(func.count(RecycleBinItem.id)).where(in_bin)))


def delete_blob_row(session: Session, sha256: str) -> None:
    session.execute(delete(Blob).where(Blob.sha256 == sha256))


def delete_for_owners(session: Session, owner_kind: str, owner_ids: Sequence[int]) -> list[str]:
    """Removes the attachment rows of these records; returns the blob digests they used."""
    rows = session.execute(
        select(Attachment.id, Attachment.sha256).where(
            Attachment.owner_kind == owner_kind, Attachment.owner_id.in_(owner_ids)
        )
    ).all()
    if rows:
        session.execute(delete(Attachment).where(Attachment.id.in_([r[0] for r in rows])))
    return sorted({r[1] for r in rows})


def all_blobs(session: Session) -> list[tuple[str, int]]:
    return [tuple(r) for r in session.execute(select(Blob.sha256, Blob.size))]


def orphan_attachments(session: Session) -> list[tuple[int, str, int]]:
    """Attachments whose owner record no longer exists: (id, owner_kind, owner_id)."""
    out = []
    for kind, model in OWNER_MODELS.items():
        stmt = select(Attachment.id, Attachment.owner_kind, Attachment.owner_id).where(
            Attachment.owner_kind == kind,
            ~select(model.id).where(model.id == Attachment.owner_id).exists(),
        )
        out.extend(tuple(r) for r in session.execute(stmt))
    return out


def record_exists(session: Session, owner_kind: str, owner_id: int) -> bool:
    """Whether the record of that kind and id is in its table (not deleted)."""
    return session.get(OWNER_MODELS[owner_kind], owner_id) is not None
