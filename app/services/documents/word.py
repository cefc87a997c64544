"""Word (.docx) templates and documents: importing a Word file with content controls as a
template (kept in the attachment store, so backups carry it), exporting any template as a .docx
with its placeholders, and writing a document as a filled .docx for the other party's redlines.

Placeholders in Word are plain-text content controls (开发工具 → 纯文本内容控件) whose 标记 (tag)
is the field's key and whose 标题 (title) its label; `{{key|标签}}` typed as text is read too.
The PDF of a document from a Word template is printed by the app's own layout from the same
lines (app.services.documents.printing): no converter is needed."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields
from pathlib import Path

from app.db.models import Attachment, DocumentTemplate
from app.db.repositories import attachments as attachment_repo
from app.db.repositories import documents as repo
from app.domain import documents as rules
from app.domain.documents import DocumentKind, Placeholder
from app.domain.errors import CancelledError, NotFoundError, ValidationError
from app.domain.text import clean
from app.safe_files import write_bytes_atomically
from app.services.archive import Archive
from app.services.attachments import collect_garbage
from app.services.documents.filling import version_data
from app.services.documents.printing import line_blocks, prepare_print
from app.services.documents.records import load_document
from app.services.documents.templates import (
    DOCX_OWNER,
    TemplateRecord,
    file_templates,
    get_template,
    new_template_key,
    template_record,
)
from app.services.settings import CompanySettings

DOCX_SUFFIX = ".docx"
MAX_DOCX_BYTES = 20 << 20
KEY_SHAPE = re.compile(r"[A-Za-z_][\w.]*", re.ASCII)
LEFTOVER = re.compile(r"\{\{[^{}]*\}\}|\{%[^%]*%\}|\{\{|\}\}|\{%|%\}")


@dataclass(frozen=True)
class ImportResult:
    template: TemplateRecord
    fields: tuple[Placeholder, ...]  # every placeholder, in order of first use
    replaced: bool  # a template of that name was there and now has the new file


@dataclass(frozen=True)
class DocxResult:
    path: Path
    draft: bool  # the version written is not approved yet


# --- reading a Word template ---------------------------------------------------------------------


def known_keys() -> frozenset[str]:
    """The automatic placeholders the app fills from the archive."""
    company = {f"company.{f.name}" for f in fields(CompanySettings)}
    return frozenset(rules.KNOWN_LABELS) | company


def read_template(data: bytes) -> tuple[str, list[Placeholder]]:
    """A Word file's template text and its fields; ValidationError naming what is wrong (not a
    .docx, a damaged file, an unknown placeholder)."""
    from app.exports.docx_read import control_tags, source_lines
    from app.exports.docx_xml import DocxError, read_package

    try:
        package = read_package(data)
    except DocxError as exc:
        code = "docx_too_large" if exc.reason == "too_large" else "broken_docx"
        raise ValidationError("template_file", code, value="", reason=exc.reason) from exc
    for tag in control_tags(package):
        _check_key(tag.key)
        if tag.key in rules.BLOCK_KEYS and not tag.alone:
            raise ValidationError("template_file", "block_not_alone", value=tag.key)
    body = "\n".join(line.text for line in source_lines(package)).strip()
    if not body:
        raise ValidationError("template_file", "empty_docx")
    _check_text(body)
    return body + "\n", rules.placeholders(body)


def _check_key(key: str) -> None:
    automatic = key.startswith(rules.AUTO_PREFIXES)
    if not KEY_SHAPE.fullmatch(key) or (automatic and key not in known_keys()):
        raise ValidationError("template_file", "unknown_placeholder", value=key)


def _check_text(body: str) -> None:
    for match in LEFTOVER.finditer(body):
        found = rules.PLACEHOLDER.fullmatch(match.group(0))
        if found is None:
            raise ValidationError("template_file", "bad_placeholder", value=match.group(0))
        _check_key(found.group(1))
    for line in body.splitlines():
        parsed = rules.parse_lines(line)
        keys = {p.key for p in rules.placeholders(line)}
        if keys & set(rules.BLOCK_KEYS) and parsed and parsed[0].kind != "block":
            raise ValidationError("template_file", "block_not_alone", value=line.strip()[:40])


def _file_bytes(path: Path) -> bytes:
    path = Path(path)
    if path.suffix.lower() != DOCX_SUFFIX:
        raise ValidationError("template_file", "not_docx", value=path.name)
    if not path.is_file():
        raise ValidationError("template_file", "docx_missing", value=str(path))
    if path.stat().st_size > MAX_DOCX_BYTES:
        raise ValidationError("template_file", "docx_too_large", value=f"“{path.name}”")
    return path.read_bytes()


# --- import and export ---------------------------------------------------------------------------


def import_template(
    archive: Archive, path: Path, kind: DocumentKind | str, name: str
) -> ImportResult:
    """Reads and checks a Word template, then keeps it: the .docx in the attachment store and
    its lines as the template's text. A template of the same name made by an earlier import is
    replaced. Nothing is kept when anything is wrong."""
    kind = rules.parse_kind(str(kind))
    name = clean(name)
    if not name:
        raise ValidationError("template_name", "required")
    if any(t.name == name for t in file_templates()):
        raise ValidationError("template_name", "builtin_template", value=name)
    data = _file_bytes(path)
    body, found = read_template(data)
    sha = hashlib.sha256(data).hexdigest()
    stored_before = archive.blobs.exists(sha)
    archive.blobs.put_bytes(data)
    try:
        record, replaced, old = _save_imported(archive, kind, name, body, sha, len(data), path)
    except BaseException:
        if not stored_before:
            _forget_blob(archive, sha)
        raise
    collect_garbage(archive, [d for d in old if d != sha])
    return ImportResult(record, tuple(found), replaced)


def _save_imported(archive: Archive, kind, name: str, body: str, sha: str, size: int, path):
    key = new_template_key(archive)
    with archive.db.session() as session:
        row = next((t for t in repo.templates(session) if t.title == name), None)
        replaced = row is not None
        if row is None:
            row = DocumentTemplate(key=key)
            session.add(row)
        row.kind, row.title, row.body, row.updated_at = kind.value, name, body, archive.now()
        session.flush()
        old = attachment_repo.delete_for_owners(session, DOCX_OWNER, [row.id])
        attachment_repo.ensure_blob(session, sha, size, archive.now())
        session.add(
            Attachment(
                owner_kind=DOCX_OWNER,
                owner_id=row.id,
                sha256=sha,
                original_name=Path(path).name[:300],
                size=size,
                added_at=archive.now(),
            )
        )
        session.flush()
        return template_record(row, True), replaced, old


def _forget_blob(archive: Archive, sha: str) -> None:
    with archive.db.read() as session:
        used = attachment_repo.is_blob_used(session, sha)
    if not used:
        archive.blobs.delete(sha)


def template_docx(archive: Archive, key: str) -> bytes:
    """A template as a Word file: an imported one as it was imported, any other written from
    its text with content controls for its placeholders."""
    template = get_template(archive, key)
    stored = _stored_docx(archive, template.key) if template.docx else None
    if stored is not None:
        return stored
    from app.exports.docx_write import template_docx as written

    return written(template.body)


def _stored_docx(archive: Archive, key: str) -> bytes | None:
    with archive.db.read() as session:
        row = repo.template(session, key)
        files = attachment_repo.for_owner(session, DOCX_OWNER, row.id) if row else []
        digest = files[-1].sha256 if files else None
    if digest is None:
        return None
    try:
        return archive.blobs.read_bytes(digest)
    except FileNotFoundError:
        return None


def export_template(archive: Archive, key: str, out: Path) -> Path:
    return write_file(Path(out), template_docx(archive, key))


def write_file(out: Path, data: bytes) -> Path:
    """Writes under a temporary name first (safe_files): a failed write leaves no half file, and
    a file of the archive itself is never overwritten."""
    write_bytes_atomically(Path(out), data)
    return Path(out)


# --- a filled document ---------------------------------------------------------------------------


def document_docx(archive: Archive, document_id: int, out: Path, task=None) -> DocxResult:
    """The latest version as a filled Word file: on the Word template it was drafted from
    (formatting kept; clauses edited in the app rewritten in place), or written from its text
    for the app's own templates. Refused, like printing, while values are missing."""
    from app.exports.docx_fill import Filling, fill_docx
    from app.exports.docx_write import block_elements
    from app.exports.docx_write import template_docx as written

    job = prepare_print(archive, document_id)
    with archive.db.read() as session:
        document = load_document(session, document_id)
        row, _values, _lines = version_data(session, document_id, None)
        body, template_key = row.body, document.template_key
    source = _source_of(archive, template_key) or written(body)
    if task is not None and task.cancelled():
        raise CancelledError()
    filling = Filling(
        lines=body.splitlines(),
        fill_line=lambda text: rules.fill(text, job.context),
        value=lambda key: job.context.get(key, ""),
        block=lambda key: block_elements(line_blocks(rules.Line("block", key), job)),
    )
    write_file(Path(out), fill_docx(source, filling))
    return DocxResult(Path(out), job.draft)


def _source_of(archive: Archive, template_key: str) -> bytes | None:
    try:
        template = get_template(archive, template_key)
    except NotFoundError:  # deleted since: the document's own text is used
        return None
    return _stored_docx(archive, template.key) if template.docx else None
