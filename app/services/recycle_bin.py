"""The recycle bin (回收站): deleting a record moves it, with everything that hangs on it, into
one bin item; 恢复 puts it back with its ids and links; 彻底删除 (or the retention period)
removes it for good, with the attachment files nothing else uses.

A binned record is not in its tables any more, so every list, search, analysis and report
leaves it out by itself. Its attachment files stay on disk (and in backups) until it is purged.

Every delete_* service calls move_to_bin inside its own unit of work; the delete, restore and
purge are written to the change history in the same unit of work."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.db import archive_file
from app.db.models import (
    ActionItem,
    Client,
    Document,
    Letter,
    Meeting,
    Qualification,
)
from app.db.repositories import change_log
from app.db.repositories import clients as client_repo
from app.db.repositories import documents as document_repo
from app.db.repositories import minutes as minutes_repo
from app.db.repositories import recycle_bin as repo
from app.db.repositories import settings as settings_repo
from app.domain.documents import search_text
from app.domain.enums import ActivityKind
from app.domain.errors import AppError, NotFoundError, ValidationError
from app.domain.money import fen_to_yuan, format_yuan
from app.domain.rebates import rebate_number
from app.services import identity, indexing
from app.services.archive import Archive
from app.services.bin_list import (  # noqa: F401 - the bin's names, used through this module
    ALIASES,
    DEFAULT_RETENTION_DAYS,
    KINDS,
    MAX_RETENTION_DAYS,
    RETENTION_KEY,
    TABLES,
    BinItem,
    kind_of,
    list_items,
    retention_days,
)

# What a table's rows are called (app.domain.messages.RECORD_NAMES), for messages.
RECORD_KINDS: dict[str, str] = {
    **{table: kind for kind, table in TABLES.items()},
    "meetings": "meeting",
    "action_items": "action",
    "packet_sections": "packet_section",
    "packet_files": "packet_file",
    "attachments": "attachment",
    "blobs": "attachment",
}
# The search index's kind of each table's rows.
SEARCH_KINDS: dict[str, str] = {
    "clients": "client",
    "contacts": "contact",
    "activities": "activity",
    "tenders": "tender",
    "qualifications": "qualification",
    "documents": "document",
    "letters": "letter",
    "contracts": "contract",
    "receipts": "receipt",
    "rebates": "rebate",
    "meetings": "meeting",
    "action_items": "action",
    "client_news": "news",
}
# Unique columns, as a person names them (app.domain.messages.FIELD_LABELS).
UNIQUE_FIELDS: dict[tuple[str, tuple[str, ...]], str] = {
    ("clients", ("name_key",)): "name",
    ("clients", ("uscc",)): "uscc",
    ("contracts", ("number",)): "contract_number",
    ("documents", ("doc_number",)): "doc_number",
    ("rebates", ("client_id", "period_start", "period_end")): "period",
}


@dataclass(frozen=True)
class RestoredRecord:
    item_id: int
    kind: str
    record_id: int
    title: str


# --- deleting ---------------------------------------------------------------------------------


def move_to_bin(archive: Archive, session, kind: str, record_id: int) -> int:
    """Inside the caller's unit of work: reads the record and everything that hangs on it into
    one bin item, deletes them, takes them out of the search index and records the delete.
    Refused (AppError 'delete_blocked') while records that must not lose it still point at it
    (a client's tenders, contracts, receipts and rebates). Returns the bin item's id."""
    table = TABLES[kind]
    try:
        bundle = repo.collect(session, table, record_id)
    except LookupError:
        raise NotFoundError(_record_kind(kind), record_id) from None
    title = _title(session, kind, bundle.root_row)
    if bundle.blockers:
        linked = {RECORD_KINDS.get(t, t): n for t, n in sorted(bundle.blockers.items())}
        raise AppError("delete_blocked", kind=_record_kind(kind), name=title, linked=linked)
    for name, kind_in_index in SEARCH_KINDS.items():
        ids = bundle.ids(name)
        if ids:
            indexing.unindex(session, kind_in_index, ids)
    repo.delete_rows(session, bundle)
    user = identity.current_user(archive)
    now = archive.now()
    item = repo.add_item(
        session,
        kind=kind,
        record_id=record_id,
        title=title,
        deleted_at=now,
        deleted_by=user,
        revision=archive_file.head_revision(),
        bundle=bundle,
    )
    change_log.record(
        session,
        at=now,
        user=user,
        action=change_log.DELETE,
        kind=kind,
        record_id=record_id,
        title=title,
    )
    return item.id


def _record_kind(kind: str) -> str:
    return "meeting" if kind == "minutes" else kind


def _client_name(session, client_id: int | None) -> str:
    if client_id is None:
        return ""
    client = session.get(Client, client_id)
    return client.name if client is not None else ""


def _title(session, kind: str, row: dict) -> str:
    """The record as a person recognises it in the bin's list."""
    client = _client_name(session, row.get("client_id"))
    if kind == "client":
        return row["name"]
    if kind in ("contact", "activity"):
        text = row["name"] if kind == "contact" else row["subject"]
        return f"{text}（{client}）" if client else text
    if kind == "document":
        return f"{row['title']}（{row['doc_number']}）" if row.get("doc_number") else row["title"]
    if kind == "contract":
        return f"合同 {row['number']} {client}".strip()
    if kind == "receipt":
        amount = format_yuan(fen_to_yuan(row["amount_fen"]))
        return f"回款 {client} {row['received_on']} ¥{amount}".replace("  ", " ")
    if kind == "minutes":
        return f"{row['title']}（{row['held_at']:%Y-%m-%d}）"
    if kind == "rebate":
        return f"{rebate_number(row['id'])} {client}".strip()
    return row["title"]  # tender, qualification, letter


# --- the list ---------------------------------------------------------------------------------


def get_item(archive: Archive, item_id: int) -> BinItem:
    with archive.db.read() as session:
        item = repo.get(session, item_id)
        if item is None:
            raise NotFoundError("bin_item", item_id)
        return _item(item)


def find_item(archive: Archive, kind: str, record_id: int) -> BinItem:
    """The newest bin item of that record. AppError 'deleted_with' when the record went to the
    bin with another one (a contact with its client), 'not_in_bin' when it is not there."""
    with archive.db.read() as session:
        item = repo.latest_for(session, kind, record_id)
        if item is not None:
            return _item(item)
        holder = repo.BinIndex(session).holder(TABLES[kind], (record_id,))
        if holder is not None:
            holder_kind, _id, holder_title = repo.titles(session, [holder])[holder]
            raise AppError(
                "deleted_with",
                kind=_record_kind(kind),
                record_id=record_id,
                parent_kind=_record_kind(holder_kind),
                parent_title=holder_title,
            )
        raise AppError("not_in_bin", kind=_record_kind(kind), record_id=record_id)


def _item(item) -> BinItem:
    return BinItem(item.id, item.kind, item.record_id, item.title, item.deleted_at, item.deleted_by)


# --- restoring --------------------------------------------------------------------------------

# The problem a person should hear about first.
_PROBLEM_ORDER = ("parent_in_bin", "parent_gone", "duplicate", "id_taken", "files_missing")


def restore(archive: Archive, kind: str, record_id: int) -> RestoredRecord:
    """Puts back the newest bin item of that record."""
    return restore_item(archive, find_item(archive, kind, record_id).id)


def restore_item(archive: Archive, item_id: int) -> RestoredRecord:
    """Puts the item's rows back with their own ids and links, relinks what the delete unlinked,
    and indexes them for the search again. Refused, with nothing changed, when a record it
    belongs to is in the bin too (restore that first) or gone for good, or when something made
    meanwhile has the same unique name or number."""
    user = identity.current_user(archive)
    with archive.db.session() as session:
        item = repo.get(session, item_id)
        if item is None:
            raise NotFoundError("bin_item", item_id)
        bundle = repo.decode(item.payload)
        plan = repo.plan_restore(session, bundle, repo.BinIndex(session, skip_item=item.id))
        if plan.problems:
            raise _problem_error(session, item, plan.problems)
        repo.apply_restore(session, plan)
        restored = RestoredRecord(item.id, item.kind, item.record_id, item.title)
        session.delete(item)
        session.flush()
        _after_restore(session, item.kind, item.record_id, plan)
        change_log.record(
            session,
            at=archive.now(),
            user=user,
            action=change_log.RESTORE,
            kind=restored.kind,
            record_id=restored.record_id,
            title=restored.title,
        )
    return restored


def _problem_error(session, item, problems: list[repo.Problem]) -> AppError:
    problem = min(problems, key=lambda p: _PROBLEM_ORDER.index(p.code))
    details = {"kind": _record_kind(item.kind), "title": item.title}
    if problem.code == "parent_in_bin":
        holder_kind, _record_id, holder_title = repo.titles(session, [problem.holder])[
            problem.holder
        ]
        return AppError(
            "restore_parent_in_bin",
            **details,
            parent_kind=_record_kind(holder_kind),
            parent_title=holder_title,
            parent_item=problem.holder,
        )
    if problem.code == "parent_gone":
        parent_kind = RECORD_KINDS.get(problem.table, problem.table)
        return AppError(
            "restore_parent_gone", **details, parent_kind=parent_kind, parent_id=problem.key[0]
        )
    if problem.code == "duplicate":
        field = UNIQUE_FIELDS.get((problem.table, problem.columns), problem.columns[0])
        return AppError(
            "restore_duplicate",
            **details,
            field=field,
            value=_unique_value(problem),
            existing_id=problem.existing[0] if problem.existing else "",
        )
    if problem.code == "id_taken":
        return AppError(
            "restore_id_taken",
            **details,
            other_kind=RECORD_KINDS.get(problem.table, problem.table),
            id=problem.key[0],
        )
    count = sum(1 for p in problems if p.code == "files_missing")
    return AppError("restore_files_missing", **details, count=count)


def _unique_value(problem: repo.Problem) -> str:
    row = problem.row
    if problem.table == "clients" and problem.columns == ("name_key",):
        return str(row.get("name", ""))
    if problem.table == "rebates":
        return f"{row.get('period_start')}—{row.get('period_end')}"
    return " ".join(str(row.get(c, "")) for c in problem.columns)


def _after_restore(session, kind: str, record_id: int, plan: repo.RestorePlan) -> None:
    for client_id in {r["client_id"] for r in plan.inserts.get("activities", [])}:
        if kind != "client":  # a client's own date comes back with it
            client_repo.refresh_last_visit(session, client_id, ActivityKind.VISIT.value)
    _reindex(session, kind, record_id, plan)


def _reindex(session, kind: str, record_id: int, plan: repo.RestorePlan) -> None:
    """Search documents for what came back, built as a full rebuild builds them."""
    wanted: set[tuple[str, int]] = set()
    clients: set[int] = set()
    for table, rows in plan.inserts.items():
        for row in rows:
            if table in SEARCH_KINDS:
                wanted.add((SEARCH_KINDS[table], row["id"]))
                if row.get("client_id") is not None:
                    clients.add(row["client_id"])
            elif table == "meeting_clients":
                clients.add(row["client_id"])
    if kind == "client":
        # with the client come back the names in its relinked documents, letters and meetings
        indexing.reindex(session, indexing.client_documents(session, record_id))
        wanted = {w for w in wanted if w[0] == "action"}
        clients.discard(record_id)
    for client_id in sorted(clients):
        if not wanted:
            break
        docs = [
            d for d in indexing.client_documents(session, client_id) if (d.kind, d.ref_id) in wanted
        ]
        indexing.reindex(session, docs)
        wanted -= {(d.kind, d.ref_id) for d in docs}
    indexing.reindex(session, _documents_without_client(session, wanted))


def _documents_without_client(session, wanted: Iterable[tuple[str, int]]):
    """Documents of records the client streams do not give: qualifications, action items, and
    minutes, documents and letters without a client."""
    for kind, ref_id in sorted(wanted):
        if kind == "qualification":
            row = session.get(Qualification, ref_id)
            if row is not None:
                yield indexing.qualification_document(row)
        elif kind == "document":
            row = session.get(Document, ref_id)
            if row is not None:
                latest = document_repo.latest_version(session, ref_id)
                values = search_text(latest.values) if latest is not None else ""
                name = document_repo.client_name(session, row.client_id)
                yield indexing.document_document(row, name, values)
        elif kind == "letter":
            row = session.get(Letter, ref_id)
            if row is not None:
                yield indexing.letter_document(row, _client_name(session, row.client_id) or None)
        elif kind == "meeting":
            row = session.get(Meeting, ref_id)
            if row is not None:
                yield indexing.meeting_document(row, minutes_repo.decisions(session, ref_id), [])
        elif kind == "action":
            row = session.get(ActionItem, ref_id)
            if row is not None:
                meeting = session.get(Meeting, row.meeting_id)
                yield indexing.action_document(row, meeting.title if meeting else "")


# --- purging ----------------------------------------------------------------------------------


def purge_item(archive: Archive, item_id: int) -> BinItem:
    """彻底删除: removes the item for good, and the attachment files nothing else uses."""
    user = identity.current_user(archive)
    with archive.db.session() as session:
        item = repo.get(session, item_id)
        if item is None:
            raise NotFoundError("bin_item", item_id)
        gone = _item(item)
        freed = _purge(session, [item_id])
        _record_purge(session, archive.now(), user, [gone])
    _delete_files(archive, freed)
    return gone


def older_than(archive: Archive, days: int) -> list[BinItem]:
    """The items deleted more than `days` days ago (0: every item), newest first."""
    before = _cutoff(archive, days)
    return [i for i in list_items(archive) if i.deleted_at < before]


def _cutoff(archive: Archive, days: object) -> datetime:
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_RETENTION_DAYS:
        raise ValidationError("older_than", "bad_days", value=days, low=0, limit=MAX_RETENTION_DAYS)
    return archive.now() - timedelta(days=days) if days else datetime.max


def purge_older_than(archive: Archive, days: int | None = None) -> int:
    """Purges the items deleted more than `days` days ago (default: the retention setting);
    0 empties the bin. Returns how many were purged."""
    before = _cutoff(archive, retention_days(archive) if days is None else days)
    user = identity.current_user(archive)
    with archive.db.session() as session:
        ids = repo.ids_older_than(session, before)
        if not ids:
            return 0
        gone = [_item(repo.get(session, i)) for i in ids]
        freed = _purge(session, ids)
        _record_purge(session, archive.now(), user, gone)
    _delete_files(archive, freed)
    return len(ids)


def purge_expired(archive: Archive) -> int:
    """The retention period at work (when the window opens): nothing on a read-only archive."""
    if archive.read_only:
        return 0
    with archive.db.read() as session:
        if not repo.any_item(session):
            return 0
    return purge_older_than(archive)


def _purge(session, item_ids: list[int]) -> list[str]:
    digests = repo.remove_items(session, item_ids)
    freed = repo.unused_blobs(session, digests)
    repo.delete_blob_rows(session, freed)
    return freed


def _record_purge(session, now: datetime, user: str, items: list[BinItem]) -> None:
    for item in items:
        change_log.record(
            session,
            at=now,
            user=user,
            action=change_log.PURGE,
            kind=item.kind,
            record_id=item.record_id,
            title=item.title,
        )


def _delete_files(archive: Archive, digests: list[str]) -> None:
    """After the commit: a file whose row is gone is deleted from the store."""
    for sha in digests:
        archive.blobs.delete(sha)


# --- retention --------------------------------------------------------------------------------


def set_retention_days(archive: Archive, days: int) -> int:
    if not isinstance(days, int) or not 1 <= days <= MAX_RETENTION_DAYS:
        raise ValidationError("retention", "bad_days", value=days, low=1, limit=MAX_RETENTION_DAYS)
    with archive.db.session() as session:
        settings_repo.put(session, RETENTION_KEY, days)
    return days


def blob_digests(archive: Archive, item_id: int) -> list[str]:
    """The attachment files an item keeps (for tests and the archive check)."""
    with archive.db.read() as session:
        item = repo.get(session, item_id)
        if item is None:
            raise NotFoundError("bin_item", item_id)
        return list(json.loads(item.blobs or "[]"))
