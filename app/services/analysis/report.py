"""The monthly key-account report (大客户月报): everything it prints for a month, as plain data
(app.services.analysis.report_pdf lays it out)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.db.repositories import analysis as repo
from app.domain.errors import ValidationError
from app.domain.periods import (
    add_months,
    last_twelve_months,
    month_bounds,
    month_key,
    previous_range,
)
from app.domain.plans import PlanTargets, split_month
from app.domain.rebates import STATUS_LABELS, RebateStatus, is_pending
from app.domain.working_days import HolidayCalendar, calendar_from_rows
from app.services.analysis.figures import (
    DEFAULT_CHURN_DAYS,
    ZERO,
    Churn,
    OwnerLine,
    Pareto,
    ageing_by_bucket,
    as_of_for,
    churn_risks,
    money,
    month_targets,
    owner_name,
    owners_and_total,
    pareto_curve,
    read,
    to_date,
)
from app.services.archive import Archive
from app.services.readers import reading

PENDING = tuple(s.value for s in RebateStatus if is_pending(s))


@dataclass(frozen=True)
class KeyAccountLine:
    """A key account's month: what it signed and paid, how often it was visited."""

    client_id: int
    client: str
    owner: str
    tier: str
    contracts: int
    signed: Decimal
    receipts: Decimal
    visits: int
    complaints: int


@dataclass(frozen=True)
class Receivable:
    client_id: int
    client: str
    owner: str
    outstanding: Decimal
    oldest_days: int
    over_90: Decimal


@dataclass(frozen=True)
class Signing:
    contract_id: int
    number: str
    client_id: int
    client: str
    owner: str
    signed_on: date
    amount: Decimal
    first_contract: bool


@dataclass(frozen=True)
class TierChange:
    client_id: int
    client: str
    owner: str
    old_tier: str
    new_tier: str
    changed_on: date


@dataclass(frozen=True)
class RebateLine:
    rebate_id: int
    client: str
    period_start: date
    period_end: date
    amount: Decimal
    status: str  # label


@dataclass(frozen=True)
class Rebates:
    accrued: Decimal  # period ending in the month, not rejected
    accrued_count: int
    by_status: tuple[tuple[str, int, Decimal], ...]  # (label, count, amount)
    pending: tuple[RebateLine, ...]
    pending_count: int
    pending_amount: Decimal


@dataclass(frozen=True)
class PlanLine:
    owner: str  # '团队' for the team
    targets: PlanTargets


@dataclass(frozen=True)
class NextPlan:
    year: int
    month: int
    team: PlanTargets
    team_explicit: bool
    owners: tuple[PlanLine, ...]
    working_days: int
    decades: tuple[tuple[str, int, PlanTargets], ...]  # (label, working days, targets)
    calendar_note: str


@dataclass(frozen=True)
class MonthPoint:
    month: str  # YYYY-MM
    signed: Decimal
    receipts: Decimal


@dataclass(frozen=True)
class MonthlyReport:
    year: int
    month: int
    first: date
    last: date
    as_of: date
    owners: tuple[OwnerLine, ...]
    total: OwnerLine
    ageing: tuple[tuple[str, Decimal], ...]  # (bucket label, amount), not due first
    receivable: Decimal
    top_receivables: tuple[Receivable, ...]
    key_accounts: tuple[KeyAccountLine, ...]
    open_complaints: int
    signings: tuple[Signing, ...]
    signings_count: int
    first_signings: int
    growing_clients: int
    tier_changes: tuple[TierChange, ...]
    churn: Churn
    rebates: Rebates
    next_plan: NextPlan
    trend: tuple[MonthPoint, ...]
    pareto: Pareto

    @property
    def title(self) -> str:
        return f"大客户月报 {self.year}年{self.month}月"


def monthly_report(
    archive: Archive,
    year: int,
    month: int,
    *,
    churn_days: int = DEFAULT_CHURN_DAYS,
    list_limit: int = 30,
) -> MonthlyReport:
    """Everything the 大客户月报 prints for the month (lists cut to `list_limit` rows)."""
    return report_and_spent(archive, year, month, churn_days=churn_days, list_limit=list_limit)[0]


def report_and_spent(
    archive: Archive,
    year: int,
    month: int,
    *,
    churn_days: int = DEFAULT_CHURN_DAYS,
    list_limit: int = 30,
) -> tuple[MonthlyReport, list[tuple[str, str, int]]]:
    """The report, and the month's expenses per owner and kind (app.db.repositories.budgets.
    spent's rows, for its budget chapter): both from one read of the month's activities."""
    first, last = month_bounds(year, month)
    as_of = as_of_for(archive, last)
    if churn_days < 1:
        raise ValidationError("churn_days", "not_positive")
    # The receivables, churn and Pareto queries are the heaviest: SQLite runs them on
    # connections of their own while this one does the rest (the GIL is released inside
    # SQLite). A plain reader (a command) opens a connection per thread, so two run side by
    # side; a session pool (the window, a team archive) lends one more connection only.
    # The ageing and the largest receivables come from the same open items, worked out once.
    plain = archive.plain() is not None
    with ThreadPoolExecutor(max_workers=2 if plain else 1) as pool:
        receivables_job = pool.submit(
            read, archive, lambda s: repo.receivables(s, as_of, min(list_limit, 20))
        )
        churn_job = pool.submit(
            read, archive, lambda s: churn_risks(s, as_of, churn_days, list_limit)
        )
        pareto_job = (
            pool.submit(read, archive, lambda s: _pareto(s, first, last)) if plain else None
        )
        with reading(archive) as session:
            found = _assemble_report(
                session, year, month, as_of, list_limit, receivables_job, churn_job, pareto_job
            )
    return found


def _assemble_report(
    session, year, month, as_of, list_limit, receivables_job, churn_job, pareto_job
):
    first, last = month_bounds(year, month)
    # what needs no figure of the other threads first, so that this thread does not wait for
    # the receivables with work left to do while the others finish
    activity, spent = repo.activity_and_spent(session, first, last, as_of)
    parts = _own_parts(session, year, month, as_of, list_limit)
    lines, total = owners_and_total(
        session, first, last, as_of, lambda: receivables_job.result()[0], activity=activity
    )
    ageing_rows, top_rows = receivables_job.result()
    report = MonthlyReport(
        year=year,
        month=month,
        first=first,
        last=last,
        as_of=as_of,
        owners=lines,
        total=total,
        ageing=ageing_by_bucket(ageing_rows),
        receivable=total.receivable,
        top_receivables=tuple(
            Receivable(r[0], r[1], owner_name(r[2]), money(r[3]), int(r[4]), money(r[5]))
            for r in top_rows
        ),
        signings_count=total.signings,
        churn=churn_job.result(),
        pareto=pareto_job.result() if pareto_job else _pareto(session, first, last),
        **parts,
    )
    return report, spent


def _own_parts(session, year: int, month: int, as_of: date, list_limit: int) -> dict:
    """The report's parts read on this thread alone: key accounts, complaints, signings, growth,
    tier changes, rebates, next month's plan and the trend."""
    first, last = month_bounds(year, month)
    _new, growing = repo.growth_counts(session, first, last, previous_range(first, last)[0])
    return {
        "key_accounts": tuple(
            KeyAccountLine(
                r[0], r[1], owner_name(r[2]), r[3], r[4], money(r[5]), money(r[6]), r[7], r[8]
            )
            for r in repo.key_accounts(session, first, last, list_limit, as_of)
        ),
        "open_complaints": repo.open_complaints(session, as_of)[0],
        "signings": _signings(session, first, last, list_limit),
        "first_signings": repo.first_signings(session, first, last),
        "growing_clients": growing,
        "tier_changes": _tier_changes(session, first, last),
        "rebates": _rebates(session, first, last, as_of, list_limit),
        "next_plan": _next_plan(session, year, month),
        "trend": _trend(session, last),
    }


# --- what only the report prints ----------------------------------------------------------------


def _signings(session, first: date, last: date, limit: int | None) -> tuple[Signing, ...]:
    return tuple(
        Signing(r[0], r[1], r[2], r[3], owner_name(r[4]), to_date(r[5]), money(r[6]), bool(r[7]))
        for r in repo.signings(session, first, last, limit if limit is not None else -1)
    )


def _tier_changes(session, first: date, last: date) -> tuple[TierChange, ...]:
    return tuple(
        TierChange(r[0], r[1], owner_name(r[2]), r[3], r[4], to_date(r[5]))
        for r in repo.tier_changes(session, first, last)
    )


def _rebates(session, first: date, last: date, as_of: date, limit: int) -> Rebates:
    by_status = []
    accrued, accrued_count = ZERO, 0
    for status, count, fen in repo.rebates_ending(session, first, last, as_of):
        label = STATUS_LABELS.get(RebateStatus(status), status) if _known(status) else status
        by_status.append((label, count, money(fen)))
        if status != RebateStatus.REJECTED.value:
            accrued += money(fen)
            accrued_count += count
    pending = tuple(
        RebateLine(r[0], r[1], to_date(r[2]), to_date(r[3]), money(r[4]), _status_label(r[5]))
        for r in repo.pending_rebates(session, PENDING, limit, as_of)
    )
    count, fen = repo.pending_totals(session, PENDING, as_of)
    order = {STATUS_LABELS[s]: i for i, s in enumerate(RebateStatus)}
    by_status.sort(key=lambda x: order.get(x[0], 99))
    return Rebates(accrued, accrued_count, tuple(by_status), pending, count, money(fen))


def _known(status: str) -> bool:
    return status in {s.value for s in RebateStatus}


def _status_label(status: str) -> str:
    return STATUS_LABELS[RebateStatus(status)] if _known(status) else status


def _next_plan(session, year: int, month: int) -> NextPlan:
    nxt = add_months(date(year, month, 1), 1)
    owners, team, explicit = month_targets(session, nxt.year, nxt.month)
    split = split_month(nxt.year, nxt.month, team, _calendar(session))
    return NextPlan(
        year=nxt.year,
        month=nxt.month,
        team=team,
        team_explicit=explicit,
        owners=tuple(PlanLine(o, t) for o, t in sorted(owners.items())),
        working_days=len(split.calendar.working_days),
        decades=tuple(
            (p.period.label, len(p.period.working_days), p.targets) for p in split.decades
        ),
        calendar_note=split.calendar.note,
    )


def _pareto(session, first: date, last: date) -> Pareto:
    return pareto_curve(session, *last_twelve_months(first, last))[0]


def _calendar(session) -> HolidayCalendar:
    """The archive's holiday calendar, built as every reader builds it (calendar_from_rows)."""
    return calendar_from_rows(repo.calendar_days(session))


def _trend(session, last: date) -> tuple[MonthPoint, ...]:
    start = add_months(date(last.year, last.month, 1), -11)
    found = {m: (s, r) for m, s, r in repo.monthly_series(session, start, last)}
    points = []
    for k in range(12):
        key = month_key(add_months(start, k))
        signed, received = found.get(key, (0, 0))
        points.append(MonthPoint(key, money(signed), money(received)))
    return tuple(points)
