"""What is in the recycle bin (回收站), as a list, and how long it keeps deleted records. On an
archive file opened read-only they are read with sqlite3 alone (app.db.plain_bin: `bin list`
starts without SQLAlchemy or the ORM models, issue 11); otherwise through a session. Either way
the same items come out. app.services.recycle_bin moves records in and out and re-exports
these names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.db import plain_bin, plain_settings
from app.domain.errors import ValidationError
from app.services.archive import Archive
from app.services.readers import reader

# The kinds of record that go to the bin, and the table each one is.
TABLES: dict[str, str] = {
    "client": "clients",
    "contact": "contacts",
    "activity": "activities",
    "tender": "tenders",
    "qualification": "qualifications",
    "document": "documents",
    "letter": "letters",
    "contract": "contracts",
    "receipt": "receipts",
    "minutes": "meetings",
    "rebate": "rebates",
    "news": "client_news",  # issue 13: 客户动态
}
KINDS: tuple[str, ...] = tuple(TABLES)
# Other words for a kind on the command line.
ALIASES = {"meeting": "minutes", "meetings": "minutes"}
RETENTION_KEY = "recycle_bin.retention_days"
DEFAULT_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 3650


@dataclass(frozen=True)
class BinItem:
    id: int
    kind: str
    record_id: int
    title: str
    deleted_at: datetime
    deleted_by: str


def kind_of(text: str) -> str:
    """The bin's kind for what a person typed ('client', 'meeting', ...)."""
    kind = ALIASES.get(text.strip().lower(), text.strip().lower())
    if kind not in TABLES:
        raise ValidationError("kind", "unknown_bin_kind", value=text, kinds=", ".join(KINDS))
    return kind


def list_items(archive: Archive, kind: str | None = None) -> list[BinItem]:
    """What is in the bin, newest first; only one kind when `kind` is given."""
    with reader(archive, plain_bin, "recycle_bin") as (repo, session):
        return [BinItem(*row) for row in repo.item_rows(session, kind)]


def retention_days(archive: Archive) -> int:
    """How many days deleted records are kept (the default when none or a bad one is set)."""
    with reader(archive, plain_settings, "settings") as (settings_repo, session):
        value = settings_repo.get(session, RETENTION_KEY)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_RETENTION_DAYS:
        return value
    return DEFAULT_RETENTION_DAYS
