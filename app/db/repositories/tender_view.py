"""What a tender's view reads (the tender, its price lines, the holiday calendar, the packet's
sections and files, the qualifications and attachments they name) through a session, under the
names app.db.plain_tender_view reads them with sqlite3 alone (app.services.readers.reader)."""

from __future__ import annotations

from app.db.repositories.attachments import for_owner
from app.db.repositories.attachments import get as attachment
from app.db.repositories.calendar_days import all_days
from app.db.repositories.tenders import (
    client_name,
    get,
    items,
    qualification,
    section_files,
    sections,
)

__all__ = [
    "all_days",
    "attachment",
    "client_name",
    "for_owner",
    "get",
    "items",
    "qualification",
    "section_files",
    "sections",
]
