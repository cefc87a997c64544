"""Monthly plan (月计划) arithmetic and receivable ageing.

A month's targets are split into 上旬 (1-10), 中旬 (11-20), 下旬 (21-end), per ISO week and per
working day in proportion to the working days each part holds, using the Chinese calendar
(holidays and 调休 make-up days, app.domain.working_days). A year the calendar does not cover yet
falls back to Monday-Friday less the statutory holidays and is marked "调休未公布". Counts are split by largest remainder and
money to the fen, so the parts always add up exactly to the target.

Receivable ageing counts from the due date (signed date + payment days): an amount not yet due
is "未到期"; overdue 0-30 days (due today is 0), 31-60, 61-90, and more than 90 days ("90天以上")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from app.domain.money import fen_to_yuan, yuan_to_fen
from app.domain.periods import month_bounds
from app.domain.working_days import CALENDAR_NOT_PUBLISHED, NO_ENTRIES, HolidayCalendar

DECADE_NAMES = ("上旬", "中旬", "下旬")
METRIC_LABELS = {
    "clients": "客户数量",
    "visits": "拜访数量",
    "signings": "签约数量",
    "signed_products": "签约产品",
    "signed_amount": "签约总额",
    "receipts": "回款",
}
MONEY_METRICS = frozenset({"signed_amount", "receipts"})
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PlanTargets:
    clients: int = 0
    visits: int = 0
    signings: int = 0
    signed_products: int = 0
    signed_amount: Decimal = ZERO
    receipts: Decimal = ZERO

    def values(self) -> dict[str, int | Decimal]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __add__(self, other: PlanTargets) -> PlanTargets:
        return PlanTargets(**{k: v + getattr(other, k) for k, v in self.values().items()})

    def is_zero(self) -> bool:
        return all(v == 0 for v in self.values().values())


@dataclass(frozen=True)
class Period:
    key: str  # "上旬" / "2026-W09" / "2026-02-03"
    label: str
    first: date
    last: date
    working_days: tuple[date, ...]

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class PeriodPart:
    period: Period
    targets: PlanTargets


@dataclass(frozen=True)
class MonthCalendar:
    year: int
    month: int
    first: date
    last: date
    working_days: tuple[date, ...]
    makeup_days: tuple[date, ...]  # 调休: Saturdays/Sundays that are working days
    holidays: tuple[date, ...]  # Monday-Friday days off
    official: bool  # False: the calendar for this year is not published; weekdays assumed

    @property
    def note(self) -> str:
        return "" if self.official else CALENDAR_NOT_PUBLISHED


@dataclass(frozen=True)
class MonthSplit:
    calendar: MonthCalendar
    targets: PlanTargets
    decades: tuple[PeriodPart, ...]
    weeks: tuple[PeriodPart, ...]
    days: tuple[PeriodPart, ...]

    def due_by(self, day: date) -> PlanTargets:
        """The share of the month's targets planned for the working days up to `day` included."""
        return due_share(self.targets, self.calendar.working_days, day)


def due_share(targets: PlanTargets, working_days: Sequence[date], day: date) -> PlanTargets:
    """Targets pro rata to the working days elapsed up to `day` included (rounded half up), so
    the share grows day by day and reaches the whole target on the last working day."""
    total = len(working_days)
    done = sum(1 for d in working_days if d <= day)
    if total == 0:
        return targets
    values = {}
    for name, value in targets.values().items():
        if name in MONEY_METRICS:
            values[name] = fen_to_yuan(_pro_rata(yuan_to_fen(value), done, total))
        else:
            values[name] = _pro_rata(value, done, total)
    return PlanTargets(**values)


def _pro_rata(value: int, done: int, total: int) -> int:
    return (2 * value * done + total) // (2 * total)


def month_calendar(year: int, month: int, calendar: HolidayCalendar = NO_ENTRIES) -> MonthCalendar:
    """The month's working days by the archive's `calendar` (see app.domain.working_days)."""
    first, last = month_bounds(year, month)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    work = tuple(d for d in days if calendar.is_workday(d))
    return MonthCalendar(
        year=year,
        month=month,
        first=first,
        last=last,
        working_days=work,
        makeup_days=tuple(d for d in work if d.weekday() >= 5),
        holidays=tuple(d for d in days if d.weekday() < 5 and d not in work),
        official=calendar.published(year),
    )


def decade_of(day: date) -> int:
    """0 for 上旬 (1-10), 1 for 中旬 (11-20), 2 for 下旬 (21-end)."""
    return min((day.day - 1) // 10, 2)


def decades(cal: MonthCalendar) -> tuple[Period, ...]:
    bounds = (
        (cal.first, cal.first.replace(day=10)),
        (cal.first.replace(day=11), cal.first.replace(day=20)),
        (cal.first.replace(day=21), cal.last),
    )
    return tuple(
        _period(name, f"{name}({a.day}-{b.day}日)", a, b, cal)
        for name, (a, b) in zip(DECADE_NAMES, bounds, strict=True)
    )


def iso_weeks(cal: MonthCalendar) -> tuple[Period, ...]:
    """ISO weeks that touch the month, each cut to the month's days."""
    periods = []
    start = cal.first
    while start <= cal.last:
        end = min(start + timedelta(days=6 - start.weekday()), cal.last)
        year, week, _ = start.isocalendar()
        label = f"第{week}周({start:%m-%d}至{end:%m-%d})"
        periods.append(_period(f"{year}-W{week:02d}", label, start, end, cal))
        start = end + timedelta(days=1)
    return tuple(periods)


def day_periods(cal: MonthCalendar) -> tuple[Period, ...]:
    return tuple(_period(d.isoformat(), f"{d:%m-%d}", d, d, cal) for d in cal.working_days)


def _period(key: str, label: str, first: date, last: date, cal: MonthCalendar) -> Period:
    return Period(key, label, first, last, tuple(d for d in cal.working_days if first <= d <= last))


def split_targets(targets: PlanTargets, periods: Sequence[Period]) -> tuple[PeriodPart, ...]:
    weights = [len(p.working_days) for p in periods]
    columns: dict[str, list] = {}
    for name, value in targets.values().items():
        if name in MONEY_METRICS:
            columns[name] = split_money(value, weights)
        else:
            columns[name] = largest_remainder(value, weights)
    return tuple(
        PeriodPart(p, replace(PlanTargets(), **{k: v[i] for k, v in columns.items()}))
        for i, p in enumerate(periods)
    )


def split_month(
    year: int, month: int, targets: PlanTargets, calendar: HolidayCalendar = NO_ENTRIES
) -> MonthSplit:
    cal = month_calendar(year, month, calendar)
    return MonthSplit(
        calendar=cal,
        targets=targets,
        decades=split_targets(targets, decades(cal)),
        weeks=split_targets(targets, iso_weeks(cal)),
        days=split_targets(targets, day_periods(cal)),
    )


def largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """Whole parts proportional to `weights` adding up exactly to `total` (Hamilton's method;
    ties go to the earlier part). With no weight at all, the parts are equal."""
    if not weights:
        return []
    if sum(weights) <= 0:
        weights = [1] * len(weights)
    whole = sum(weights)
    floors = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    left = total - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def split_money(total: Decimal, weights: Sequence[int]) -> list[Decimal]:
    """Money split to the fen; the parts add up exactly to `total`."""
    return [fen_to_yuan(f) for f in largest_remainder(yuan_to_fen(total), weights)]


# --- receivable ageing ----------------------------------------------------------------------


class AgeBucket(StrEnum):
    NOT_DUE = "not_due"
    D0_30 = "0-30"
    D31_60 = "31-60"
    D61_90 = "61-90"
    D90_PLUS = "90+"


AGE_BUCKET_LABELS = {
    AgeBucket.NOT_DUE: "未到期",
    AgeBucket.D0_30: "0-30天",
    AgeBucket.D31_60: "31-60天",
    AgeBucket.D61_90: "61-90天",
    AgeBucket.D90_PLUS: "90天以上",
}


def due_date(signed_on: date, payment_days: int) -> date:
    return signed_on + timedelta(days=max(payment_days, 0))


def age_days(due: date, today: date) -> int:
    """Days past the due date (negative: not due yet)."""
    return (today - due).days


def age_bucket(due: date, today: date) -> AgeBucket:
    age = age_days(due, today)
    if age < 0:
        return AgeBucket.NOT_DUE
    if age <= 30:
        return AgeBucket.D0_30
    if age <= 60:
        return AgeBucket.D31_60
    if age <= 90:
        return AgeBucket.D61_90
    return AgeBucket.D90_PLUS


@dataclass(frozen=True)
class OpenItem:
    """A contract's share of the receivable: what is still unpaid on it."""

    contract_id: int
    due: date
    outstanding_fen: int


def allocate_receipts(
    contracts: Sequence[tuple[int, date, int]],
    paid_on_contract: dict[int, int],
    unassigned_fen: int,
) -> tuple[tuple[OpenItem, ...], int]:
    """(contract id, due date, amount in fen) -> what stays open on each.

    Receipts booked to a contract pay that contract; receipts without a contract (and any
    overpayment) pay the oldest due contracts first. Returns the open items and the credit left
    over when the client paid more than it owes."""
    open_fen = {cid: amount - paid_on_contract.get(cid, 0) for cid, _, amount in contracts}
    credit = unassigned_fen + sum(-v for v in open_fen.values() if v < 0)
    open_fen = {cid: max(v, 0) for cid, v in open_fen.items()}
    items = []
    for cid, due, _ in sorted(contracts, key=lambda c: (c[1], c[0])):
        pay = min(credit, open_fen[cid])
        credit -= pay
        if open_fen[cid] - pay > 0:
            items.append(OpenItem(cid, due, open_fen[cid] - pay))
    return tuple(items), credit
