"""Monthly plan (月计划): targets per month for each account manager and for the team, their
split by 旬, ISO week and working day, and plan vs actual at any moment of the month.

The team's target is its own row (owner ''); when none is set it is the sum of the account
managers' targets. Actuals: clients put on file (created_on, by the client's account manager),
visits (activities of kind visit, by the client's account manager), contracts signed (count,
product lines, amount, by the contract's owner) and receipts (by the client's account manager)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date, timedelta
from decimal import Decimal

from app.db.models import MonthlyTarget
from app.db.repositories import sales as repo
from app.domain.errors import FieldProblem, ValidationErrors
from app.domain.money import fen_to_yuan, yuan_to_fen
from app.domain.periods import month_bounds, parse_month
from app.domain.plans import (
    MONEY_METRICS,
    MonthSplit,
    Period,
    PlanTargets,
    due_share,
    split_month,
)
from app.domain.text import clean
from app.services import annual_plans
from app.services.archive import Archive
from app.services.holiday_calendar import calendar_of

__all__ = ["parse_month"]

TEAM = ""


@dataclass(frozen=True)
class OwnerTargets:
    owner: str  # '' = the team
    targets: PlanTargets
    explicit: bool  # False: the team's target summed from the account managers'


@dataclass(frozen=True)
class MonthPlan:
    year: int
    month: int
    owners: tuple[OwnerTargets, ...]  # account managers, by name
    team: OwnerTargets
    split: MonthSplit  # the team's targets split


@dataclass(frozen=True)
class ProgressLine:
    key: str  # '' for the whole month, else the period key or the owner
    label: str
    target: PlanTargets  # planned for this period (the part of the month's target)
    due: PlanTargets  # planned up to the moment (for the month: working days elapsed)
    actual: PlanTargets


@dataclass(frozen=True)
class PlanProgress:
    year: int
    month: int
    as_of: date
    month_line: ProgressLine
    decades: tuple[ProgressLine, ...]
    weeks: tuple[ProgressLine, ...]
    owners: tuple[ProgressLine, ...]
    working_days_elapsed: int
    working_days: int
    calendar_note: str


def _targets_of(row: MonthlyTarget) -> PlanTargets:
    return PlanTargets(
        clients=row.clients,
        visits=row.visits,
        signings=row.signings,
        signed_products=row.signed_products,
        signed_amount=fen_to_yuan(row.signed_amount_fen),
        receipts=fen_to_yuan(row.receipts_fen),
    )


def get_plan(archive: Archive, year: int, month: int) -> MonthPlan:
    with archive.db.read() as session:
        rows = [(r.owner, _targets_of(r)) for r in repo.targets(session, year, month)]
        holidays = calendar_of(session)
    owners = tuple(OwnerTargets(o, t, True) for o, t in rows if o != TEAM)
    team_row = next((t for o, t in rows if o == TEAM), None)
    if team_row is not None:
        team = OwnerTargets(TEAM, team_row, True)
    else:
        total = sum((o.targets for o in owners), PlanTargets())
        team = OwnerTargets(TEAM, total, False)
    return MonthPlan(year, month, owners, team, split_month(year, month, team.targets, holidays))


def _check_targets(targets: PlanTargets) -> None:
    problems = []
    for name, value in targets.values().items():
        if name in MONEY_METRICS:
            if not isinstance(value, Decimal) or value < 0:
                problems.append(FieldProblem(name, "negative_amount"))
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(FieldProblem(name, "bad_count", {"value": value}))
    if problems:
        raise ValidationErrors(problems)


def set_targets(
    archive: Archive, year: int, month: int, targets: PlanTargets, owner: str = TEAM
) -> MonthPlan:
    """Stores (or replaces) the month's targets for one account manager or ('') the team."""
    month_bounds(year, month)  # refuses a month that is not one
    _check_targets(targets)
    owner = clean(owner)
    with archive.db.session() as session:
        row = repo.target(session, year, month, owner)
        if row is None:
            row = MonthlyTarget(year=year, month=month, owner=owner, receipts_fen=0)
            session.add(row)
        receipts_before = row.receipts_fen
        for name, value in targets.values().items():
            if name in MONEY_METRICS:
                setattr(row, f"{name}_fen", yuan_to_fen(value))
            else:
                setattr(row, name, value)
        if row.receipts_fen != receipts_before:  # a month of the annual plan entered by hand
            session.flush()
            annual_plans.month_edited_in(session, year, month, owner, archive.now())
    return get_plan(archive, year, month)


def clear_targets(archive: Archive, year: int, month: int, owner: str) -> MonthPlan:
    with archive.db.session() as session:
        row = repo.target(session, year, month, clean(owner))
        if row is not None:
            session.delete(row)
    return get_plan(archive, year, month)


def owner_names(archive: Archive) -> list[str]:
    with archive.db.read() as session:
        return repo.owners(session)


# --- actuals ---------------------------------------------------------------------------------


def daily_actuals(archive: Archive, year: int, month: int) -> dict[tuple[str, date], PlanTargets]:
    """(owner, day) -> what was achieved that day."""
    first, last = month_bounds(year, month)
    out: dict[tuple[str, date], dict] = defaultdict(dict)
    with archive.db.read() as session:
        for owner, day, n in repo.clients_created(session, first, last):
            out[(owner, day)]["clients"] = n
        for owner, day, n in repo.visits_made(session, first, last):
            out[(owner, day)]["visits"] = n
        for owner, day, n, products, fen in repo.contracts_signed(session, first, last):
            bucket = out[(owner, day)]
            bucket.update(signings=n, signed_products=int(products), signed_amount=fen_to_yuan(fen))
        for owner, day, fen in repo.receipts_received(session, first, last):
            out[(owner, day)]["receipts"] = fen_to_yuan(fen)
    return {key: PlanTargets(**values) for key, values in out.items()}


def _sum(actuals: dict[tuple[str, date], PlanTargets], keep) -> PlanTargets:
    total = PlanTargets()
    for (owner, day), value in actuals.items():
        if keep(owner, day):
            total = total + value
    return total


def progress(archive: Archive, year: int, month: int, as_of: date | None = None) -> PlanProgress:
    """Plan vs actual for the month as of `as_of` (default: now, or the month's end if past)."""
    plan = get_plan(archive, year, month)
    split = plan.split
    cal = split.calendar
    as_of = min(max(as_of or archive.today(), cal.first - timedelta(days=1)), cal.last)
    actuals = {k: v for k, v in daily_actuals(archive, year, month).items() if k[1] <= as_of}
    elapsed = sum(1 for d in cal.working_days if d <= as_of)

    def period_line(part_targets: PlanTargets, period: Period) -> ProgressLine:
        due = due_share(part_targets, period.working_days, as_of)
        actual = _sum(actuals, lambda _o, d: period.contains(d))
        return ProgressLine(period.key, period.label, part_targets, due, actual)

    owners = []
    names = sorted({o.owner for o in plan.owners} | {o for o, _ in actuals if o})
    by_owner = {o.owner: o.targets for o in plan.owners}
    for name in names:
        targets = by_owner.get(name, PlanTargets())
        due = due_share(targets, cal.working_days, as_of)
        actual = _sum(actuals, lambda o, _d, name=name: o == name)
        owners.append(ProgressLine(name, name, targets, due, actual))
    return PlanProgress(
        year=year,
        month=month,
        as_of=as_of,
        month_line=ProgressLine(
            "", f"{year}年{month}月", plan.team.targets, split.due_by(as_of), _sum(actuals, _all)
        ),
        decades=tuple(period_line(p.targets, p.period) for p in split.decades),
        weeks=tuple(period_line(p.targets, p.period) for p in split.weeks),
        owners=tuple(owners),
        working_days_elapsed=elapsed,
        working_days=len(cal.working_days),
        calendar_note=cal.note,
    )


def _all(_owner: str, _day: date) -> bool:
    return True


def achievement(actual: int | Decimal, target: int | Decimal) -> int | None:
    """Whole percent of the target reached (None when there is no target)."""
    if not target:
        return None
    return int(Decimal(actual) * 100 / Decimal(target))


def metric_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(PlanTargets))
