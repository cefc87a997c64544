"""The company's qualification library (营业执照, 资质证书, 财务报告...) with expiry dates and scans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from app.db.models import Qualification
from app.db.repositories import tenders as repo
from app.domain.errors import NotFoundError, ValidationError
from app.domain.tenders import QualificationState, qualification_state
from app.domain.text import clean
from app.services import attachments, indexing, record_versions, recycle_bin
from app.services.archive import Archive

OWNER = "qualification"
SCAN_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg"}
KINDS = (
    "营业执照",
    "资质证书",
    "财务报告",
    "纳税证明",
    "社保证明",
    "无重大违法记录声明",
    "业绩合同",
    "ISO认证",
    "其他",
)


@dataclass(frozen=True)
class QualificationDraft:
    title: str
    kind: str = ""
    issuer: str = ""
    valid_from: date | None = None
    expires_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class QualificationRecord:
    id: int
    title: str
    kind: str
    issuer: str
    valid_from: date | None
    expires_on: date | None
    notes: str
    state: QualificationState
    files: tuple[attachments.AttachmentRecord, ...]
    version: int = 1  # what a save of an edit of it is checked against (record_versions)


def _validate(draft: QualificationDraft) -> QualificationDraft:
    title = clean(draft.title)
    if not title:
        raise ValidationError("qualification_title", "required")
    if draft.valid_from and draft.expires_on and draft.expires_on < draft.valid_from:
        raise ValidationError("expires_on", "ends_before_start")
    return QualificationDraft(
        title,
        clean(draft.kind),
        clean(draft.issuer),
        draft.valid_from,
        draft.expires_on,
        (draft.notes or "").strip(),
    )


def _check_scans(files: Sequence[Path]) -> None:
    for path in files:
        if Path(path).suffix.lower() not in SCAN_SUFFIXES:
            raise ValidationError("file", "unsupported_scan", value=Path(path).name)
        if not Path(path).exists():
            raise ValidationError("file", "no_such_file", value=str(path))
        if not Path(path).is_file():
            raise ValidationError("file", "unreadable", value=str(path))


def add(
    archive: Archive, draft: QualificationDraft, files: Sequence[Path] = ()
) -> QualificationRecord:
    draft = _validate(draft)
    _check_scans(files)
    with archive.db.session() as session:
        row = Qualification(created_at=archive.now(), **draft.__dict__)
        session.add(row)
        session.flush()
        indexing.reindex(session, [indexing.qualification_document(row)])
        qid = row.id
    for path in files:
        attachments.add(archive, OWNER, qid, Path(path))
    return get(archive, qid)


def update(
    archive: Archive,
    qualification_id: int,
    draft: QualificationDraft,
    expected_version: int | None = None,
) -> QualificationRecord:
    """Saves the qualification; refused when it changed after `expected_version`
    (ConflictError, nothing saved; None: no check)."""
    draft = _validate(draft)
    with archive.db.session() as session:
        row = _get(session, qualification_id)
        record_versions.check(session, "qualification", row, expected_version)
        for key, value in draft.__dict__.items():
            setattr(row, key, value)
        session.flush()
        indexing.reindex(session, [indexing.qualification_document(row)])
    return get(archive, qualification_id)


def add_files(
    archive: Archive, qualification_id: int, files: Sequence[Path]
) -> QualificationRecord:
    _check_scans(files)
    get(archive, qualification_id)
    for path in files:
        attachments.add(archive, OWNER, qualification_id, Path(path))
    return get(archive, qualification_id)


def delete(archive: Archive, qualification_id: int) -> None:
    """Moves the qualification, with its scans and its places in tender packets, to the
    recycle bin."""

    with archive.db.session() as session:
        _get(session, qualification_id)
        recycle_bin.move_to_bin(archive, session, "qualification", qualification_id)


def get(archive: Archive, qualification_id: int) -> QualificationRecord:
    with archive.db.read() as session:
        row = _get(session, qualification_id)
        return _record(row, archive.today(), attachments.list_for(archive, OWNER, row.id))


def list_all(archive: Archive, on: date | None = None) -> list[QualificationRecord]:
    """The library; `state` is judged on `on` (default today)."""
    on = on or archive.today()
    with archive.db.read() as session:
        rows = [(r.id, _record(r, on, ())) for r in repo.qualifications(session)]
    return [replace(rec, files=tuple(attachments.list_for(archive, OWNER, i))) for i, rec in rows]


def _record(row: Qualification, on: date, files) -> QualificationRecord:
    return QualificationRecord(
        row.id,
        row.title,
        row.kind,
        row.issuer,
        row.valid_from,
        row.expires_on,
        row.notes,
        qualification_state(row.expires_on, on),
        tuple(files),
        row.version,
    )


def _get(session, qualification_id: int) -> Qualification:
    row = repo.qualification(session, qualification_id)
    if row is None:
        raise NotFoundError("qualification", qualification_id)
    return row


def scan_paths(archive: Archive, qualification_id: int) -> list[Path]:
    """The stored scan files in the order they were added, for merging into a packet."""
    return [
        archive.blobs.readable_path(a.sha256)  # decrypted into the private temp folder
        for a in attachments.list_for(archive, OWNER, qualification_id)
    ]
