"""Visit plan by tier: who is overdue for a visit, A and B first, most overdue first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.db.repositories import clients as client_repo
from app.domain.enums import Tier
from app.domain.visits import VisitIntervals, days_overdue, overdue_sort_key
from app.services import settings
from app.services.archive import Archive


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


def _due_dates(archive: Archive) -> tuple[dict[str, date], VisitIntervals]:
    today = archive.today()
    intervals = settings.visit_intervals(archive)
    return {t.value: today - timedelta(days=intervals.for_tier(t)) for t in Tier}, intervals


def overdue_visits(
    archive: Archive, key_accounts_only: bool = False, limit: int | None = None, offset: int = 0
) -> list[OverdueVisit]:
    """Clients overdue for a visit, A and B first, most overdue first within a tier.

    With a limit the ordering and paging happen in SQL (fast on 100,000 clients)."""
    due_before, intervals = _due_dates(archive)
    with archive.db.read() as session:
        if limit is None:
            rows = client_repo.overdue_candidates(session, due_before, key_accounts_only)
        else:
            rows = client_repo.overdue_page(session, due_before, key_accounts_only, limit, offset)
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
    result.sort(key=lambda o: overdue_sort_key(o.tier, o.days_overdue))
    return result


def overdue_count(archive: Archive, key_accounts_only: bool = False) -> int:
    due_before, _ = _due_dates(archive)
    with archive.db.read() as session:
        return client_repo.overdue_count(session, due_before, key_accounts_only)
