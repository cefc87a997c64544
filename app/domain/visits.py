"""Visit plan by tier (拜访计划): how often each tier is visited and who is overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.enums import ClientStatus, Tier

DEFAULT_VISIT_INTERVAL_DAYS: dict[Tier, int] = {Tier.A: 7, Tier.B: 14, Tier.C: 30, Tier.D: 90}

# The clients a visit plan is for: the active ones and the prospects (not paused or lost ones).
VISIT_PLAN_STATUSES: tuple[str, ...] = (ClientStatus.ACTIVE.value, ClientStatus.PROSPECT.value)

# A and B first ("首期就拜访A级和B级客户"), then by how overdue.
TIER_PRIORITY = {Tier.A: 0, Tier.B: 1, Tier.C: 2, Tier.D: 3}


@dataclass(frozen=True)
class VisitIntervals:
    days: dict[Tier, int]

    @classmethod
    def default(cls) -> VisitIntervals:
        return cls(dict(DEFAULT_VISIT_INTERVAL_DAYS))

    def for_tier(self, tier: Tier) -> int:
        return self.days.get(tier, DEFAULT_VISIT_INTERVAL_DAYS[tier])


def days_overdue(last_visit: date | None, since: date | None, interval: int, today: date) -> int:
    """Days past the due date of the next visit; <= 0 means not overdue.

    A client never visited is due `interval` days after `since`: its 建档日期, or the day it
    entered the archive when that is later."""
    anchor = last_visit or since or today
    return (today - anchor).days - interval


def overdue_sort_key(tier: Tier, overdue_days: int) -> tuple[int, int]:
    return (TIER_PRIORITY[tier], -overdue_days)
