"""Which backups to keep: the grandfather-father-son rotation of the backup tools people trust.

The rules are BorgBackup's `prune` (restic's `forget` is the same idea): going from the newest
backup to the oldest, the daily rule keeps the newest backup of each of the last N days that have
one, then the weekly rule the newest of each ISO week not already kept by the daily rule, then
the monthly rule likewise. A rule that finds fewer periods than it may keep keeps the oldest
backup too, so a young archive's first backup is not thrown away too early. Only good (verified)
backups count; the newest good backup is always kept, whatever the settings."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Retention:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def __post_init__(self) -> None:
        for value in (self.daily, self.weekly, self.monthly):
            if not isinstance(value, int) or value < 0:
                raise ValueError("a retention count is a whole number, 0 or more")


@dataclass(frozen=True)
class Dated:
    """One backup as the rotation sees it."""

    key: Hashable
    when: datetime
    good: bool = True
    seq: int = 0  # orders backups made within the same second


def _day(when: datetime) -> object:
    return when.date()


def _week(when: datetime) -> object:
    iso = when.isocalendar()
    return (iso.year, iso.week)


def _month(when: datetime) -> object:
    return (when.year, when.month)


RULES: tuple[tuple[str, Callable[[datetime], object]], ...] = (
    ("daily", _day),
    ("weekly", _week),
    ("monthly", _month),
)


def newest_first(items: Sequence[Dated]) -> list[Dated]:
    return sorted(items, key=lambda item: (item.when, item.seq), reverse=True)


def kept(items: Sequence[Dated], retention: Retention) -> dict[Hashable, str]:
    """The keys of the backups to keep, each with the rule that keeps it ('daily', 'weekly',
    'monthly', 'newest'; '[oldest]' appended when a rule kept the oldest for lack of periods).
    A backup that is not good is never kept by a rule (what becomes of it is the caller's
    choice)."""
    good = newest_first([item for item in items if item.good])
    because: dict[Hashable, str] = {}
    if not good:
        return because
    for rule, period_of in RULES:
        wanted = getattr(retention, rule)
        if wanted == 0:
            continue
        count = 0
        last = None
        for item in good:
            period = period_of(item.when)
            if period == last:
                continue
            last = period
            if item.key in because:
                continue
            because[item.key] = rule
            count += 1
            if count == wanted:
                break
        oldest = good[-1]
        if count < wanted and oldest.key not in because:
            because[oldest.key] = f"{rule}[oldest]"
    because.setdefault(good[0].key, "newest")  # never without the newest good backup
    return because


def to_remove(items: Sequence[Dated], retention: Retention) -> list[Dated]:
    """The backups the rotation lets go: good ones no rule keeps, and bad ones (failed
    verification, or never finished) once a newer good backup exists. Oldest first."""
    keep = kept(items, retention)
    good_times = [(item.when, item.seq) for item in items if item.good]
    newest_good = max(good_times) if good_times else None
    out = []
    for item in items:
        if item.good:
            if item.key not in keep:
                out.append(item)
        elif newest_good is not None and (item.when, item.seq) < newest_good:
            out.append(item)
    return sorted(out, key=lambda item: (item.when, item.seq))
