"""Annual sales plan (年度销售计划): a year's 回款 target per account manager and for the team
(owner ''), split into quarters and months, and plan vs actual vs forecast for the year.

The months of the annual plan ARE the monthly plan's 回款 targets (monthly_targets.receipts_fen):
setting a year writes them, and a month set by hand (here or in the monthly plan) is pinned and
keeps its value while the other months re-balance (app.domain.annual_plans). Actual: receipts by
the client's account manager, as in the monthly plan. Forecast: a month already over counts its
actual; the current month and the ones after count the figure entered for it, else the one
suggested from the pipeline (app.services.forecasts), the current month's suggestion on top of
what it has received so far."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from app.db.models import AnnualPlan, MonthlyTarget
from app.db.repositories import annual as repo
from app.db.repositories import sales as sales_repo
from app.domain.annual_plans import (
    MONTHS,
    Split,
    amount_fen,
    quarter_sums,
    split_year,
    weights_for,
)
from app.domain.errors import ValidationError
from app.domain.money import fen_to_yuan
from app.domain.periods import FIRST_YEAR, LAST_YEAR
from app.domain.text import clean
from app.services import forecasts
from app.services.archive import Archive

TEAM = ""


@dataclass(frozen=True)
class Figures:
    """Plan, actual and forecast of one month, quarter or the year."""

    label: str  # "1月", "一季度", "全年"
    plan: Decimal
    actual: Decimal
    forecast: Decimal
    pinned: bool = False  # a month entered by hand
    source: str = ""  # a month's forecast: "actual", "entered", "suggested", "mixed" or ""
    month: int = 0  # 1-12 for a month, else 0

    @property
    def percent(self) -> int | None:
        """Whole percent of the plan received (None without a plan)."""
        return int(self.actual * 100 / self.plan) if self.plan else None


@dataclass(frozen=True)
class YearView:
    year: int
    owner: str  # '' = the team
    target: Decimal  # the year's target (stored, or the months' sum)
    explicit: bool  # False: no annual plan stored; the target is the sum of what is there
    split: str
    months: tuple[Figures, ...]
    quarters: tuple[Figures, ...]
    total: Figures
    owners: tuple[str, ...]  # the account managers one can look at


QUARTER_LABELS = ("一季度", "二季度", "三季度", "四季度")


def check_year(year: int) -> int:
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError("year", "bad_year", value=year)
    return year


# --- the plan's months ----------------------------------------------------------------------


def _last_year_weights(session, year: int, owner: str) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for who, month, fen in repo.receipts_by_month(session, year - 1):
        if owner == TEAM or who == owner:
            out[month] += fen
    return out


def _month_row(session, year: int, month: int, owner: str) -> MonthlyTarget:
    row = sales_repo.target(session, year, month, owner)
    if row is None:
        row = MonthlyTarget(
            year=year,
            month=month,
            owner=owner,
            clients=0,
            visits=0,
            signings=0,
            signed_products=0,
            signed_amount_fen=0,
            receipts_fen=0,
            receipts_pinned=False,
        )
        session.add(row)
    return row


def rebalance_in(session, plan: AnnualPlan) -> None:
    """Writes the year's months from its target: pinned months stay, the others share the rest."""
    rows = {m: _month_row(session, plan.year, m, plan.owner) for m in MONTHS}
    session.flush()
    pinned = {m: r.receipts_fen for m, r in rows.items() if r.receipts_pinned}
    weights = weights_for(Split(plan.split), _last_year_weights(session, plan.year, plan.owner))
    split = split_year(plan.receipts_fen, weights, pinned)
    plan.receipts_fen = split.total_fen
    for m, fen in zip(MONTHS, split.months_fen, strict=True):
        rows[m].receipts_fen = fen


def month_edited_in(session, year: int, month: int, owner: str, now) -> None:
    """A month's 回款 target was entered by hand: pin it and re-balance the year, when the
    owner has an annual plan for that year."""
    plan = repo.annual_plan(session, year, owner)
    row = sales_repo.target(session, year, month, owner)
    if plan is None or row is None:
        return
    row.receipts_pinned = True
    plan.updated_at = now
    rebalance_in(session, plan)


def set_year_plan(
    archive: Archive,
    year: int,
    amount: Decimal | None,
    owner: str = TEAM,
    split: Split | None = None,
    months: dict[int, Decimal] | None = None,
    unpin: tuple[int, ...] = (),
) -> YearView:
    """Stores a year's 回款 target (or keeps the stored one when `amount` is None) and writes its
    months: `months` are entered by hand (pinned), `unpin` months go back to the split, the rest
    re-balances. ValidationError when the pinned months exceed the target; nothing is stored."""
    check_year(year)
    owner = clean(owner)
    fen = None if amount is None else amount_fen(amount, "annual_receipts")
    entered = {m: amount_fen(v, "receipts") for m, v in (months or {}).items()}
    for m in (*entered, *unpin):
        if m not in MONTHS:
            raise ValidationError("month", "bad_month", value=f"{year}-{m}")
    with archive.db.session() as session:
        plan = repo.annual_plan(session, year, owner)
        if plan is None:
            if fen is None:  # a year is planned from its target first
                raise ValidationError("annual_receipts", "required")
            plan = AnnualPlan(year=year, owner=owner, receipts_fen=0, split=Split.EVEN.value)
            session.add(plan)
        if fen is not None:
            plan.receipts_fen = fen
        if split is not None:
            plan.split = split.value
        plan.updated_at = archive.now()
        for m in unpin:
            _month_row(session, year, m, owner).receipts_pinned = False
        for m, value in entered.items():
            row = _month_row(session, year, m, owner)
            row.receipts_fen, row.receipts_pinned = value, True
        rebalance_in(session, plan)
    return year_view(archive, year, owner)


def clear_year_plan(archive: Archive, year: int, owner: str = TEAM) -> None:
    """Drops the year's target; the months keep their figures (now an ordinary monthly plan)."""
    with archive.db.session() as session:
        plan = repo.annual_plan(session, year, clean(owner))
        if plan is not None:
            session.delete(plan)
        for row in repo.month_rows(session, year, clean(owner)):
            row.receipts_pinned = False


# --- plan vs actual vs forecast -------------------------------------------------------------


def _plan_months(session, year: int, owner: str) -> tuple[list[int], list[bool]]:
    """(fen per month, pinned per month) of one owner, or of the team: month by month its own
    row, else the account managers' sum (as the monthly plan reads it)."""
    rows = repo.month_rows(session, year)
    fen, pinned = [0] * 12, [False] * 12
    team_months = {r.month for r in rows if r.owner == TEAM}
    for r in rows:
        team_reads = r.owner == TEAM or r.month not in team_months
        if (r.owner == owner) if owner != TEAM else team_reads:
            fen[r.month - 1] += r.receipts_fen
            pinned[r.month - 1] |= r.receipts_pinned and r.owner == owner
    return fen, pinned


def _actual_months(session, year: int, owner: str) -> list[int]:
    fen = [0] * 12
    for who, month, amount in repo.receipts_by_month(session, year):
        if owner == TEAM or who == owner:
            fen[month - 1] += amount
    return fen


def year_view(archive: Archive, year: int, owner: str = TEAM) -> YearView:
    """Plan, actual and forecast of each month and quarter of the year and of the whole year."""
    check_year(year)
    owner = clean(owner)
    today = archive.today()
    with archive.db.read() as session:
        plan = repo.annual_plan(session, year, owner)
        stored = (plan.receipts_fen, plan.split) if plan is not None else None
        plan_fen, pinned = _plan_months(session, year, owner)
        actual_fen = _actual_months(session, year, owner)
        names = sorted(
            set(sales_repo.owners(session))
            | {p.owner for p in repo.annual_plans(session, year)} - {TEAM}
        )
    ahead = forecasts.expected_by_month(archive, year, owner, today)
    forecast_fen, sources = [], []
    for m in MONTHS:
        if (year, m) < (today.year, today.month):
            forecast_fen.append(actual_fen[m - 1])
            sources.append("actual")
        else:
            fen, source = ahead.get(m, (0, ""))
            if source == "suggested" and (year, m) == (today.year, today.month):
                fen += actual_fen[m - 1]  # received so far, and what is still expected
            forecast_fen.append(fen)
            sources.append(source)
    months = tuple(
        Figures(
            f"{m}月",
            fen_to_yuan(plan_fen[m - 1]),
            fen_to_yuan(actual_fen[m - 1]),
            fen_to_yuan(forecast_fen[m - 1]),
            pinned[m - 1],
            sources[m - 1],
            m,
        )
        for m in MONTHS
    )
    quarters = tuple(
        Figures(label, fen_to_yuan(p), fen_to_yuan(a), fen_to_yuan(f))
        for label, p, a, f in zip(
            QUARTER_LABELS,
            quarter_sums(plan_fen),
            quarter_sums(actual_fen),
            quarter_sums(forecast_fen),
            strict=True,
        )
    )
    total = Figures(
        "全年",
        fen_to_yuan(sum(plan_fen)),
        fen_to_yuan(sum(actual_fen)),
        fen_to_yuan(sum(forecast_fen)),
    )
    return YearView(
        year=year,
        owner=owner,
        target=fen_to_yuan(stored[0]) if stored else total.plan,
        explicit=stored is not None,
        split=stored[1] if stored else "",
        months=months,
        quarters=quarters,
        total=total,
        owners=tuple(names),
    )
