"""The rotation rules (BorgBackup's prune): exactly which backups a year of daily backups keeps."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.domain.backup_rotation import Dated, Retention, kept, to_remove


def _daily(first: date, last: date, hour: int = 12) -> list[Dated]:
    days = (last - first).days + 1
    return [
        Dated(
            first + timedelta(days=n),
            datetime.combine(first + timedelta(days=n), datetime.min.time()).replace(hour=hour),
        )
        for n in range(days)
    ]


def test_a_year_of_daily_backups():
    backups = _daily(date(2026, 1, 1), date(2026, 12, 31))  # 2026-12-31 is a Thursday

    keep = kept(backups, Retention(daily=7, weekly=4, monthly=12))

    daily = [date(2026, 12, d) for d in range(25, 32)]
    weekly = [date(2026, 12, 20), date(2026, 12, 13), date(2026, 12, 6), date(2026, 11, 29)]
    monthly = [date(2026, m, d) for m, d in ((11, 30), (10, 31), (9, 30), (8, 31), (7, 31))]
    monthly += [date(2026, m, d) for m, d in ((6, 30), (5, 31), (4, 30), (3, 31), (2, 28))]
    monthly += [date(2026, 1, 31)]
    assert {k for k, rule in keep.items() if rule == "daily"} == set(daily)
    assert {k for k, rule in keep.items() if rule == "weekly"} == set(weekly)
    assert {k for k, rule in keep.items() if rule == "monthly"} == set(monthly)
    # eleven months found before the first backup: the oldest is kept as the twelfth
    assert keep[date(2026, 1, 1)] == "monthly[oldest]"
    assert len(keep) == 23
    removed = to_remove(backups, Retention())
    assert len(removed) == 365 - 23
    assert removed[0].key == date(2026, 1, 2)  # oldest first


def test_the_newest_of_a_day_is_the_one_kept():
    backups = [
        Dated((day, hour), datetime(2026, 3, day, hour)) for day in range(1, 11) for hour in (9, 18)
    ]
    keep = kept(backups, Retention(daily=7, weekly=0, monthly=0))
    assert set(keep) == {(day, 18) for day in range(4, 11)}


def test_a_young_archive_keeps_its_oldest_backup_too():
    """Fewer days than the rule may keep: the oldest backup is kept as well (borg >= 1.2)."""
    morning = Dated("morning", datetime(2026, 3, 2, 9))
    evening = Dated("evening", datetime(2026, 3, 2, 18))
    keep = kept([morning, evening], Retention(daily=7, weekly=0, monthly=0))
    assert keep == {"evening": "daily", "morning": "daily[oldest]"}


def test_backups_made_within_the_same_second_are_ordered_by_their_number():
    first = Dated("first", datetime(2026, 3, 2, 9), seq=1)
    second = Dated("second", datetime(2026, 3, 2, 9), seq=2)
    assert set(kept([second, first], Retention(1, 0, 0))) == {"second"}


def test_backups_that_failed_verification_are_never_kept_by_a_rule():
    good = Dated("good", datetime(2026, 3, 1, 9))
    bad_newer = Dated("bad", datetime(2026, 3, 2, 9), good=False)
    bad_older = Dated("older bad", datetime(2026, 2, 28, 9), good=False)
    keep = kept([good, bad_newer, bad_older], Retention())
    assert set(keep) == {"good"}
    # a failed backup goes once a newer good one exists; the newest attempt stays to be looked at
    assert [item.key for item in to_remove([good, bad_newer, bad_older], Retention())] == [
        "older bad"
    ]


def test_the_newest_good_backup_is_kept_whatever_the_settings():
    only = Dated("only", datetime(2026, 3, 1, 9))
    assert kept([only], Retention(0, 0, 0)) == {"only": "newest"}
    assert to_remove([only], Retention(0, 0, 0)) == []


def test_nothing_good_means_nothing_removed():
    bad = [Dated(n, datetime(2026, 3, n + 1), good=False) for n in range(5)]
    assert to_remove(bad, Retention()) == []
