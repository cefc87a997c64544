"""Building a demo archive: clients, contacts and activities, then contracts and rebates,
documents and letters, tenders and minutes, in an empty archive or one built aside and
installed whole."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from app.db import archive_lock, bulk
from app.demo.clients import DemoSummary, add_demo_clients
from app.demo.documents import add_demo_documents
from app.demo.minutes import add_demo_minutes
from app.demo.news_budgets import add_demo_budgets_and_news
from app.demo.sales import add_demo_sales
from app.demo.tenders import add_demo_tenders
from app.domain.errors import ValidationError
from app.services import history
from app.services.archive import (
    COMMAND_WAIT_SECONDS,
    Archive,
    Clock,
    building_path,
    discard_archive,
    install_built_archive,
    open_archive,
)


def generate_demo(
    archive: Archive, clients: int = 300, activities: int | None = None, seed: int = 7, task=None
) -> DemoSummary:
    """Fills an empty archive with demo data. Raises ValidationError if it has clients.

    The history gets one entry for it all, not one per record."""
    with history.paused(archive):
        summary = _generate_demo(archive, clients, activities, seed, task)
    history.record_bulk(
        archive,
        "archive",
        summary.clients + summary.contacts + summary.activities,
        f"示例数据：{summary.clients} 个客户、{summary.contacts} 个联系人、"
        f"{summary.activities} 条活动，及合同、回款、返点、文书、函件、投标项目、会议纪要、费用预算和客户动态",
    )
    return summary


def _generate_demo(
    archive: Archive, clients: int, activities: int | None, seed: int, task
) -> DemoSummary:
    activities = check_counts(clients, activities)
    summary = add_demo_clients(archive, clients, activities, seed, task)
    add_demo_sales(archive, seed=seed)  # issue 5: contracts, plans, rebates
    add_demo_documents(archive, seed=seed)  # issue 4: documents, letters
    add_demo_tenders(archive, rng_seed=seed)  # issue 3: tenders, packets
    add_demo_minutes(archive, seed=seed)  # issue 4: minutes, action items
    add_demo_budgets_and_news(archive, seed=seed)  # issue 13: 费用预算, 客户动态
    return summary


def create_demo_archive(
    path: Path,
    clients: int = 300,
    activities: int | None = None,
    seed: int = 7,
    clock: Clock = datetime.now,
    task=None,
) -> DemoSummary:
    """A demo archive at `path`, all or nothing: it is built aside and moved into place only when
    complete, so a kill or a cancel leaves `path` as it was (no file, or the empty archive that
    was there). An archive that already has clients is refused untouched."""
    check_counts(clients, activities)
    path = Path(path).expanduser().resolve()
    archive_lock.acquire(path, archive_lock.COMMAND, COMMAND_WAIT_SECONDS)
    try:
        if path.exists():
            _refuse_unless_empty(path, clock)
        building = building_path(path, "demo-building")
        try:
            built = open_archive(building, clock)
            try:
                summary = generate_demo(built, clients, activities, seed, task)
                with built.db.read() as session:
                    total = bulk.row_count(session, "clients")
            finally:
                built.close()
            install_built_archive(building, path)
        except BaseException:
            discard_archive(building)
            raise
    finally:
        archive_lock.release(path)
    return replace(summary, purchasers=total - summary.clients)


def fill_team_archive(
    archive: Archive, clients: int = 300, activities: int | None = None, seed: int = 7, task=None
) -> DemoSummary:
    """Demo data in an empty team archive (an archive with clients is refused), all or nothing:
    a server's database cannot be built aside and moved into place, so everything goes in one
    transaction (files too), and a failure or a cancel half-way leaves the archive as it was."""
    check_counts(clients, activities)
    with archive.db.one_transaction() as connection, archive.blobs.joined(connection):
        summary = generate_demo(archive, clients, activities, seed, task)
        with archive.db.read() as session:
            total = bulk.row_count(session, "clients")
    return replace(summary, purchasers=total - summary.clients)


def needs_demo(path: Path) -> bool:
    """True when there is no archive at `path` yet, or one without clients."""
    path = Path(path).expanduser().resolve()
    if not path.exists():
        return True
    existing = open_archive(path, read_only=True)
    try:
        with existing.db.read() as session:
            return bulk.table_is_empty(session, "clients")
    finally:
        existing.close()


def _refuse_unless_empty(path: Path, clock: Clock) -> None:
    existing = open_archive(path, clock, read_only=True)
    try:
        with existing.db.read() as session:
            if not bulk.table_is_empty(session, "clients"):
                raise ValidationError("clients", "archive_not_empty")
    finally:
        existing.close()


def check_counts(clients: int, activities: int | None) -> int:
    """Raises ValidationError for a count that makes no sense; returns the activity count."""
    if clients < 1:
        raise ValidationError("clients", "bad_count", value=clients)
    activities = clients * 10 if activities is None else activities
    if activities < 0:
        raise ValidationError("activities", "bad_count", value=activities)
    return activities
