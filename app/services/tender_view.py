"""A tender as `tender show` and the packet builder see it: the record, the packet's sections with
their files, and the checklist. On an archive file opened read-only it is read with sqlite3 alone
(app.db.plain_tender_view: no SQLAlchemy or ORM models, issue 11), otherwise through a session
(app.db.repositories.tender_view); either way the same records come out and the same pure checks
(app.services.tender_checks) run on them. Reading never writes: a tender without a packet yet is
checked against the template's sections, which the packet builder stores when it opens."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from app.db import plain_tender_view
from app.domain.errors import NotFoundError
from app.domain.tenders import qualification_state
from app.domain.working_days import calendar_from_rows
from app.services import settings
from app.services.archive import Archive
from app.services.readers import reader
from app.services.tender_checks import (
    CheckItem,
    PacketFileRecord,
    SectionRecord,
    checks,
    template_sections,
)
from app.services.tender_record import TenderRecord, tender_record

SCANS_OWNER = "qualification"  # app.services.qualifications.OWNER


def read_record(repo, session, tender_id: int) -> TenderRecord:
    """The tender's record through `repo` (the plain module or the repository); NotFoundError
    for a tender that is not there (never made, or in the recycle bin)."""
    tender = repo.get(session, tender_id)
    if tender is None:
        raise NotFoundError("tender", tender_id)
    calendar = calendar_from_rows(repo.all_days(session))
    return tender_record(
        tender,
        repo.client_name(session, tender.client_id),
        repo.items(session, tender.id),
        calendar,
    )


def section_record(repo, session, section, today: date) -> SectionRecord:
    """A stored section with its files, as the builder and the checklist see it."""
    files = []
    for f in repo.section_files(session, section.id):
        if f.qualification_id is not None:
            q = repo.qualification(session, f.qualification_id)
            files.append(
                PacketFileRecord(
                    f.id,
                    f.title or q.title,
                    q.id,
                    None,
                    q.expires_on,
                    qualification_state(q.expires_on, today),
                    default_label=q.title,
                )
            )
        else:
            att = repo.attachment(session, f.attachment_id)
            default = Path(att.original_name).stem if att else "?"
            sha = att.sha256 if att else None
            files.append(
                PacketFileRecord(
                    f.id, f.title or default, None, f.attachment_id, None, None, sha, default
                )
            )
    return SectionRecord(
        section.id,
        section.position,
        section.title,
        section.form,
        section.required,
        json.loads(section.content or "{}"),
        tuple(files),
    )


def get_tender(archive: Archive, tender_id: int) -> TenderRecord:
    with reader(archive, plain_tender_view, "tender_view") as (repo, session):
        return read_record(repo, session, tender_id)


def show(
    archive: Archive, tender_id: int, missing_values: bool = True
) -> tuple[TenderRecord, list[CheckItem]]:
    """The tender and its checklist (app.services.tender_checks.checks), read in one go."""
    today = archive.today()
    with reader(archive, plain_tender_view, "tender_view") as (repo, session):
        record = read_record(repo, session, tender_id)
        stored = repo.sections(session, tender_id)
        packet = [section_record(repo, session, s, today) for s in stored] or template_sections()
        named = {f.qualification_id for s in packet for f in s.files} - {None}
        scanned = {q for q in named if repo.for_owner(session, SCANS_OWNER, q)}
    company = settings.company(archive)
    return record, checks(record, packet, company, today, scanned, missing_values)


def checklist(archive: Archive, tender_id: int, missing_values: bool = True) -> list[CheckItem]:
    """What would get the bid thrown out (废标), in plain words. Errors block a final print.
    `missing_values=False` leaves out the forms' unfilled values, as printing does."""
    return show(archive, tender_id, missing_values)[1]
