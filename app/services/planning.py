"""Visit plan by tier: who is overdue for a visit, A and B first, most overdue first; the full
list (访问计划 / 逾期拜访) by owner and tier, as ids first and rows as they are shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.db import plain_clients
from app.domain.enums import Tier
from app.domain.visits import VisitIntervals, days_overdue, overdue_sort_key
from app.services import settings
from app.services.archive import Archive
from app.services.readers import reader


@dataclass(frozen=True)
class OverdueVisit:
    client_id: int
    name: str
    tier: Tier
    owner: str
    is_key_account: bool
    last_visit_on: date | None
    interval_days: int
    days_overdue: int


@dataclass(frozen=True)
class OverdueFilter:
    """Which overdue clients: only these tiers (none: every tier), one account manager (None:
    all; '' the clients without one), key accounts only."""

    tiers: tuple[Tier, ...] = ()
    owner: str | None = None
    key_accounts_only: bool = False


def _due_dates(
    archive: Archive, tiers: Sequence[Tier] = ()
) -> tuple[dict[str, date], VisitIntervals]:
    today = archive.today()
    intervals = settings.visit_intervals(archive)
    wanted = [Tier(t) for t in tiers] or list(Tier)
    return {t.value: today - timedelta(days=intervals.for_tier(t)) for t in wanted}, intervals


def overdue_visits(
    archive: Archive,
    key_accounts_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
    owner: str | None = None,
    tiers: Sequence[Tier] = (),
) -> list[OverdueVisit]:
    """Clients overdue for a visit, A and B first, most overdue first within a tier.

    With a limit the ordering and paging happen in SQL (fast on 100,000 clients)."""
    due_before, intervals = _due_dates(archive, tiers)
    paged = limit is not None  # the plain reader serves a page (the full list: a session)
    with reader(archive, plain_clients, "clients", plain_ok=paged) as (repo, session):
        if paged:
            rows = repo.overdue_page(session, due_before, key_accounts_only, limit, offset, owner)
        else:
            rows = repo.overdue_candidates(session, due_before, key_accounts_only, owner)
    return _sorted(_visits(archive, rows, intervals))


def _sorted(visits: list[OverdueVisit]) -> list[OverdueVisit]:
    return sorted(visits, key=lambda o: overdue_sort_key(o.tier, o.days_overdue))


def _visits(archive: Archive, rows, intervals: VisitIntervals) -> list[OverdueVisit]:
    today = archive.today()
    result = []
    for cid, name, tier, owner, key, last_visit, created_on in rows:
        tier = Tier(tier)
        interval = intervals.for_tier(tier)
        result.append(
            OverdueVisit(
                cid,
                name,
                tier,
                owner,
                key,
                last_visit,
                interval,
                days_overdue(last_visit, created_on, interval, today),
            )
        )
    return result


def overdue_count(
    archive: Archive,
    key_accounts_only: bool = False,
    owner: str | None = None,
    tiers: Sequence[Tier] = (),
) -> int:
    due_before, _ = _due_dates(archive, tiers)
    with reader(archive, plain_clients, "clients") as (repo, session):
        return repo.overdue_count(session, due_before, key_accounts_only, owner)


# --- the full list: ids first, rows as they are shown ------------------------------------------


def overdue_ids(archive: Archive, flt: OverdueFilter | None = None) -> Sequence[int]:
    """Every overdue client's id in visit-plan order (tier A first, the longest unvisited first
    within a tier): one query, however long the list (45,000 on a large archive)."""
    flt = flt or OverdueFilter()
    due_before, _ = _due_dates(archive, flt.tiers)
    from app.db.repositories import clients as client_repo

    with archive.db.read() as session:
        return client_repo.overdue_ids(session, due_before, flt.key_accounts_only, flt.owner)


def overdue_rows(archive: Archive, ids: Sequence[int]) -> list[OverdueVisit]:
    """The rows of these ids, in the order given (a batch of a lazy list)."""
    _, intervals = _due_dates(archive)
    from app.db.repositories import clients as client_repo

    with archive.db.read() as session:
        rows = client_repo.overdue_rows(session, ids)
    by_id = {v.client_id: v for v in _visits(archive, rows, intervals)}
    return [by_id[i] for i in ids if i in by_id]


def overdue_owners(archive: Archive) -> list[str]:
    """The account managers named in the archive, for the owner filter."""
    from app.db.repositories import clients as client_repo

    with archive.db.read() as session:
        return client_repo.distinct_values(session, "owner")
