"""The tender packet builder: an ordered, editable list of sections per tender, the checklist
before printing, and the one-PDF output. The checklist's checks are pure functions of records
(app.services.tender_checks), read by app.services.tender_view, which `tender show` uses too."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.db.models import PacketFile, PacketSection
from app.db.repositories import tender_view as view_repo
from app.db.repositories import tenders as repo
from app.domain.errors import AppError, CancelledError, NotFoundError, ValidationError
from app.domain.text import clean
from app.services import attachments, qualifications, settings, tenders
from app.services.archive import Archive
from app.services.packet_forms import FORM_LABELS, FORMS, is_blank_table
from app.services.tender_checks import (
    QUALIFICATION_SECTION,
    TEMPLATE,
    CheckItem,
    PacketFileRecord,
    SectionRecord,
    date_text,
    form_context,
)
from app.services.tender_view import checklist, section_record

if TYPE_CHECKING:
    from app.exports.tender_packet import PacketResult

FILES_OWNER = "packet_section"
FILE_TITLE_MAX = 200


def sections(archive: Archive, tender_id: int) -> list[SectionRecord]:
    """The packet's sections; a tender without any gets the template first."""
    ensure_packet(archive, tender_id)
    with archive.db.read() as session:
        return [
            _section_record(session, s, archive.today()) for s in repo.sections(session, tender_id)
        ]


def section(archive: Archive, section_id: int) -> SectionRecord:
    """One section of a packet, with its files."""
    with archive.db.read() as session:
        return _section_record(session, _section(session, section_id), archive.today())


def ensure_packet(archive: Archive, tender_id: int) -> None:
    """Stores the template's sections for a tender without any (the builder opening it; reading
    commands check against tender_checks.template_sections instead and write nothing)."""
    with archive.db.session() as session:
        if repo.get(session, tender_id) is None:
            raise NotFoundError("tender", tender_id)
        if repo.sections(session, tender_id):
            return
        for position, (title, form, required) in enumerate(TEMPLATE):
            session.add(
                PacketSection(
                    tender_id=tender_id,
                    position=position,
                    title=title,
                    form=form,
                    required=required,
                    content="{}",
                )
            )


def _section_record(session, section: PacketSection, today: date) -> SectionRecord:
    return section_record(view_repo, session, section, today)


def add_section(archive: Archive, tender_id: int, title: str, form: str = "") -> SectionRecord:
    title = clean(title)
    if not title:
        raise ValidationError("section_title", "required")
    if form and form not in FORMS:
        raise ValidationError("form", "unknown_kind", value=form)
    ensure_packet(archive, tender_id)
    with archive.db.session() as session:
        existing = repo.sections(session, tender_id)
        position = (existing[-1].position + 1) if existing else 0
        row = PacketSection(
            tender_id=tender_id,
            position=position,
            title=title,
            form=form,
            required=False,
            content="{}",
        )
        session.add(row)
        session.flush()
        return _section_record(session, row, archive.today())


def rename_section(archive: Archive, section_id: int, title: str) -> None:
    title = clean(title)
    if not title:
        raise ValidationError("section_title", "required")
    with archive.db.session() as session:
        _section(session, section_id).title = title


def remove_section(archive: Archive, section_id: int) -> None:
    with archive.db.session() as session:
        section = _section(session, section_id)
        freed = attachments.detach_all(session, FILES_OWNER, [section_id])
        session.delete(section)
    attachments.collect_garbage(archive, freed)


def move_section(archive: Archive, section_id: int, offset: int) -> None:
    """Moves a section up (negative) or down (positive) in the packet."""
    with archive.db.session() as session:
        section = _section(session, section_id)
        ordered = repo.sections(session, section.tender_id)
        index = ordered.index(section)
        target = max(0, min(len(ordered) - 1, index + offset))
        ordered.insert(target, ordered.pop(index))
        for position, row in enumerate(ordered):
            row.position = position


def set_content(archive: Archive, section_id: int, content: dict) -> None:
    with archive.db.session() as session:
        _section(session, section_id).content = json.dumps(content, ensure_ascii=False)


def attach_qualification(
    archive: Archive, tender_id: int, qualification_id: int, section_id: int | None = None
) -> SectionRecord:
    """Adds a library item to a section (default: the qualification section, made if missing)."""
    qualifications.get(archive, qualification_id)
    ensure_packet(archive, tender_id)
    with archive.db.session() as session:
        section = (
            _section(session, section_id)
            if section_id
            else _qualification_section(session, tender_id)
        )
        session.add(
            PacketFile(
                section_id=section.id,
                qualification_id=qualification_id,
                position=repo.next_file_position(session, section.id),
            )
        )
        session.flush()
        return _section_record(session, section, archive.today())


def _qualification_section(session, tender_id: int) -> PacketSection:
    for section in repo.sections(session, tender_id):
        if not section.form and section.title == QUALIFICATION_SECTION:
            return section
    existing = repo.sections(session, tender_id)
    row = PacketSection(
        tender_id=tender_id,
        position=len(existing),
        title=QUALIFICATION_SECTION,
        form="",
        required=True,
        content="{}",
    )
    session.add(row)
    session.flush()
    return row


def find_file_section(archive: Archive, tender_id: int, title: str) -> SectionRecord:
    """The packet's section titled `title` (spaces and full-width forms ignored) that takes
    files; an unknown title or a form section is refused with the sections that take files."""
    packet = sections(archive, tender_id)
    wanted = clean(title)
    if not wanted:
        raise ValidationError("section_title", "required")
    takes_files = "、".join(s.title for s in packet if not s.is_form) or "—"
    for section in packet:
        if clean(section.title) == wanted:
            if section.is_form:
                raise ValidationError(
                    "section_title", "form_section", value=section.title, choices=takes_files
                )
            return section
    raise ValidationError(
        "section_title",
        "unknown_section",
        value=title,
        choices="、".join(s.title for s in packet),
        takes_files=takes_files,
    )


def attach_file(
    archive: Archive, section_id: int, path: Path, title: str | None = None
) -> SectionRecord:
    """Adds a scan (PDF, JPG, PNG) straight to a files section. `title` names it in the
    section, the 目录 and the bookmarks (by default the file's name without its extension)."""
    path = Path(path)
    qualifications._check_scans([path])
    with archive.db.read() as session:
        section = _section(session, section_id)
        if section.form:
            takes_files = [s.title for s in repo.sections(session, section.tender_id) if not s.form]
            raise ValidationError(
                "section_title",
                "form_section",
                value=section.title,
                choices="、".join(takes_files) or "—",
            )
    name = _file_title(title)
    attachment = attachments.add(archive, FILES_OWNER, section_id, path, original_name=path.name)
    with archive.db.session() as session:
        section = _section(session, section_id)
        session.add(
            PacketFile(
                section_id=section_id,
                attachment_id=attachment.id,
                position=repo.next_file_position(session, section_id),
                title=name,
            )
        )
        session.flush()
        return _section_record(session, section, archive.today())


def _file_title(title: str | None) -> str:
    """A file's title in its section: '' (blank) stands for the default name."""
    name = clean(title or "")
    if len(name) > FILE_TITLE_MAX:
        raise ValidationError("file_title", "too_long", limit=FILE_TITLE_MAX)
    return name


def rename_file(archive: Archive, packet_file_id: int, title: str) -> PacketFileRecord:
    """Names a file in its section (the 目录 and the bookmarks print the name); a blank title
    gives it back its default name (the qualification's, or the file's without extension)."""
    name = _file_title(title)
    with archive.db.session() as session:
        row = _packet_file(session, packet_file_id)
        row.title = name
        session.flush()
        record = _section_record(session, _section(session, row.section_id), archive.today())
    return next(f for f in record.files if f.id == packet_file_id)


def move_file(archive: Archive, packet_file_id: int, offset: int) -> SectionRecord:
    """Moves a file up (negative) or down (positive) within its section."""
    with archive.db.session() as session:
        row = _packet_file(session, packet_file_id)
        ordered = repo.section_files(session, row.section_id)
        index = ordered.index(row)
        target = max(0, min(len(ordered) - 1, index + offset))
        ordered.insert(target, ordered.pop(index))
        for position, item in enumerate(ordered, start=1):
            item.position = position
        session.flush()
        return _section_record(session, _section(session, row.section_id), archive.today())


def find_file(archive: Archive, packet_file_id: int) -> tuple[SectionRecord, PacketFileRecord]:
    """The section a packet file belongs to, and the file."""
    with archive.db.read() as session:
        row = _packet_file(session, packet_file_id)
        section = _section_record(session, _section(session, row.section_id), archive.today())
    return section, next(f for f in section.files if f.id == packet_file_id)


def _packet_file(session, packet_file_id: int) -> PacketFile:
    row = repo.packet_file(session, packet_file_id)
    if row is None:
        raise NotFoundError("packet_file", packet_file_id)
    return row


def remove_file(archive: Archive, packet_file_id: int) -> None:
    with archive.db.session() as session:
        row = repo.packet_file(session, packet_file_id)
        if row is None:
            raise NotFoundError("packet_file", packet_file_id)
        attachment_id = row.attachment_id
        session.delete(row)
    if attachment_id is not None:
        attachments.remove(archive, attachment_id)


def _section(session, section_id: int) -> PacketSection:
    section = repo.section(session, section_id)
    if section is None:
        raise NotFoundError("packet_section", section_id)
    return section


def _entries_of(archive: Archive, section: SectionRecord) -> list[tuple[str, list[Path]]]:
    """Each file of a section with its title and the scans it prints (a qualification may
    have several); files without a scan are left out."""
    entries: list[tuple[str, list[Path]]] = []
    for f in section.files:
        paths: list[Path] = []
        if f.qualification_id is not None:
            paths = list(qualifications.scan_paths(archive, f.qualification_id))
        elif f.sha256 is not None:
            # read while the section was loaded: an ORM row never outlives its session
            paths = [archive.blobs.readable_path(f.sha256)]
        if paths:
            entries.append((f.label, paths))
    return entries


def _form_blocks(
    archive: Archive,
    record: tenders.TenderRecord,
    section: SectionRecord,
    missing: list[str],
    font: str | None = None,
):
    """The form's blocks. With `font` (printing) an empty deviation table gets as many blank
    rows as fill its page."""
    ctx = replace(
        form_context(record, settings.company(archive), section, archive.today()), missing=missing
    )
    build = FORMS[section.form]
    if font is not None and is_blank_table(section.form, section.content):
        from app.exports.tender_packet import rows_filling_page

        fits = rows_filling_page(
            lambda n: build(replace(ctx, blank_rows=n)), Path(font) if font else None
        )
        ctx = replace(ctx, blank_rows=fits)
    return build(ctx)


class PacketNotReady(AppError):
    code = "packet_not_ready"

    def __init__(self, problems: list[CheckItem]):
        super().__init__(problems="; ".join(p.text for p in problems))
        self.problems = problems


def build_pdf(
    archive: Archive,
    tender_id: int,
    out: Path,
    copy: str = "正本",
    draft: bool = False,
    watermark: bool = False,
    task=None,
) -> PacketResult:
    """Prints the packet. With errors on the checklist only a draft (marked on every page) prints."""
    from app.exports.tender_packet import (  # the PDF libraries, now
        PacketCover,
        PacketEntry,
        build_packet,
    )
    from app.exports.tender_packet import PacketSection as PdfSection

    if copy not in ("正本", "副本"):
        raise ValidationError("copy", "unknown_kind", value=copy)
    errors = [c for c in checklist(archive, tender_id, False) if c.level == "error"]
    if errors and not draft:
        raise PacketNotReady(errors)
    record = tenders.get_tender(archive, tender_id)
    font = settings.print_font(archive)
    pdf_sections = []
    for s in sections(archive, tender_id):
        if task is not None and task.cancelled():
            raise CancelledError()
        if s.is_form:
            pdf_sections.append(
                PdfSection(s.title, blocks=_form_blocks(archive, record, s, [], str(font or "")))
            )
        else:
            entries = [PacketEntry(t, tuple(p)) for t, p in _entries_of(archive, s)]
            if entries:
                pdf_sections.append(PdfSection(s.title, entries=entries))
    company = settings.company(archive)
    cover = PacketCover(
        record.draft.title,
        record.draft.number,
        company.name or "(公司名称未设置)",
        date_text(archive.today()),
        copy,
        record.client_name,
    )
    mark = f"仅供 {record.draft.title} 投标使用" if watermark else None
    progress = task.progress if task is not None else None
    return build_packet(
        cover,
        pdf_sections,
        Path(out),
        font_path=font,
        draft=draft,
        scan_watermark=mark,
        progress=progress,
    )


__all__ = [
    "FORM_LABELS",
    "QUALIFICATION_SECTION",
    "TEMPLATE",
    "CheckItem",
    "PacketFileRecord",
    "SectionRecord",
    "build_pdf",
    "checklist",
    "sections",
]
