"""Templates: the shipped ones under resources/templates (read-only) and the user's own in the
archive."""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.db.models import Attachment, DocumentTemplate
from app.db.repositories import attachments as attachment_repo
from app.db.repositories import documents as repo
from app.domain import documents as rules
from app.domain.documents import DocumentKind
from app.domain.errors import NotFoundError, ValidationError
from app.domain.text import clean
from app.paths import RESOURCES
from app.services.archive import Archive

TEMPLATE_DIR = RESOURCES / "templates"
DOCX_OWNER = "document_template"  # the attachment kind holding a Word template's .docx


@dataclass(frozen=True)
class TemplateRecord:
    key: str
    kind: DocumentKind
    name: str
    body: str
    builtin: bool  # a file under resources/templates (read-only in the app)
    docx: bool = False  # imported from Word: the .docx is kept and filled for `docx document`


def file_templates() -> list[TemplateRecord]:
    out = []
    for path in sorted(TEMPLATE_DIR.glob("*.tpl")):
        parsed = rules.parse_template_file(path.read_text(encoding="utf-8"), path.stem)
        out.append(TemplateRecord(path.stem, parsed.kind, parsed.name, parsed.body, True))
    return out


def template_record(row: DocumentTemplate, docx: bool = False) -> TemplateRecord:
    return TemplateRecord(row.key, DocumentKind(row.kind), row.title, row.body, False, docx)


def list_templates(archive: Archive, kind: DocumentKind | None = None) -> list[TemplateRecord]:
    """The shipped templates, then the user's templates from the archive."""
    with archive.db.read() as session:
        words = attachment_repo.owner_ids(session, DOCX_OWNER)
        user = [template_record(t, t.id in words) for t in repo.templates(session)]
    every = file_templates() + user
    return [t for t in every if kind is None or t.kind == kind]


def get_template(archive: Archive, key: str) -> TemplateRecord:
    """A template by its key, or else by its name (the user's templates first)."""
    with archive.db.read() as session:
        row = repo.template(session, key)
        if row is not None:
            return template_record(row, _has_docx(session, row.id))
    for template in file_templates():
        if template.key == key:
            return template
    named = [t for t in list_templates(archive) if t.name == clean(key)]
    if named:
        return sorted(named, key=lambda t: t.builtin)[0]
    raise NotFoundError("template", key)


def _has_docx(session, template_id: int) -> bool:
    return bool(attachment_repo.for_owner(session, DOCX_OWNER, template_id))


def save_template(
    archive: Archive, key: str, name: str, body: str, kind: DocumentKind | str | None = None
) -> TemplateRecord:
    """Creates or updates a user template in the archive. Shipped templates cannot be replaced:
    copy one under a new key instead (see copy_template)."""
    key, name = clean(key), clean(name)
    if not key:
        raise ValidationError("template_key", "required")
    if any(t.key == key for t in file_templates()):
        raise ValidationError("template_key", "builtin_template", value=key)
    if not name:
        raise ValidationError("template_name", "required")
    if not (body or "").strip():
        raise ValidationError("template_body", "required")
    with archive.db.session() as session:
        row = repo.template(session, key)
        if row is None:
            if kind is None:
                raise ValidationError("document_kind", "required")
            row = DocumentTemplate(key=key)
            session.add(row)
        if kind is not None:
            row.kind = rules.parse_kind(str(kind)).value
        row.title, row.body, row.updated_at = name, body, archive.now()
        session.flush()
        return template_record(row)


def new_template_key(archive: Archive) -> str:
    """An unused key for a user template made in the window, where only its name is asked
    (keys are internal: the command line names templates by them)."""
    with archive.db.read() as session:
        taken = {t.key for t in repo.templates(session)} | {t.key for t in file_templates()}
    number = len(taken) + 1
    while f"own_{number}" in taken:
        number += 1
    return f"own_{number}"


def copy_template(archive: Archive, source_key: str, new_key: str, name: str) -> TemplateRecord:
    source = get_template(archive, source_key)
    with archive.db.read() as session:
        if repo.template(session, clean(new_key)) is not None:
            raise ValidationError("template_key", "template_exists", value=new_key)
    copy = save_template(archive, new_key, name, source.body, source.kind)
    if source.docx:  # a Word template's copy fills the same Word file
        _share_docx(archive, source.key, copy.key)
        return replace(copy, docx=True)
    return copy


def _share_docx(archive: Archive, source_key: str, copy_key: str) -> None:
    with archive.db.session() as session:
        source, copy = repo.template(session, source_key), repo.template(session, copy_key)
        for row in attachment_repo.for_owner(session, DOCX_OWNER, source.id):
            session.add(
                Attachment(
                    owner_kind=DOCX_OWNER,
                    owner_id=copy.id,
                    sha256=row.sha256,
                    original_name=row.original_name,
                    size=row.size,
                    added_at=archive.now(),
                )
            )


def delete_template(archive: Archive, key: str) -> None:
    """Deletes a user template, and the .docx of a Word template with it."""
    from app.services.attachments import collect_garbage, detach_all

    with archive.db.session() as session:
        row = repo.template(session, key)
        if row is None:
            raise NotFoundError("template", key)
        digests = detach_all(session, DOCX_OWNER, [row.id])
        session.delete(row)
    collect_garbage(archive, digests)
