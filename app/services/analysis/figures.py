"""The figures the monthly report and the analysis views both use, from the same aggregate
queries (app.db.repositories.analysis), so the two agree to the fen: per account manager
lines and their total, receivable ageing, churn risks and the Pareto curve."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from app.db.repositories import analysis as repo
from app.domain.enums import ClientStatus
from app.domain.errors import CancelledError, ValidationError
from app.domain.money import fen_to_yuan
from app.domain.periods import add_months, month_key, whole_months
from app.domain.plans import AGE_BUCKET_LABELS, AgeBucket, PlanTargets
from app.domain.ratios import pareto_top, percent
from app.services.archive import Archive
from app.services.readers import reading

ZERO = Decimal("0.00")
DEFAULT_CHURN_DAYS = 90
PARETO_SHARE = Decimal("0.8")
NO_OWNER = "(未分配)"


@dataclass(frozen=True)
class OwnerLine:
    owner: str  # NO_OWNER for clients without an account manager
    clients: int
    new_clients: int
    visits: int
    visits_target: int
    complaints: int
    complaints_closed: int
    response_days: Decimal | None  # average days from a complaint to its closing
    slowest_days: int | None
    signings: int
    signed: Decimal
    signed_target: Decimal
    receipts: Decimal
    receipts_target: Decimal
    receivable: Decimal
    overdue_90: Decimal
    expenses: Decimal


@dataclass(frozen=True)
class ChurnRisk:
    client_id: int
    client: str
    owner: str
    tier: str
    last_visit: date | None
    last_order: date | None
    monthly_sales: tuple[Decimal, Decimal, Decimal, Decimal]  # oldest first
    no_visit: bool
    no_order: bool
    falling: bool

    def reasons(self) -> str:
        out = []
        if self.no_visit:
            out.append("久未拜访")
        if self.no_order:
            out.append("久未下单")
        if self.falling:
            out.append("销售额连续三个月下降")
        return "、".join(out)


@dataclass(frozen=True)
class Churn:
    days: int
    quiet_since: date
    months: tuple[str, str, str, str]
    rows: tuple[ChurnRisk, ...]
    total: int
    no_visit: int
    no_order: int
    falling: int


@dataclass(frozen=True)
class Pareto:
    first: date
    last: date
    clients: int
    revenue: Decimal
    cut: int  # the clients who make PARETO_SHARE of the revenue
    curve: tuple[tuple[int, Decimal], ...]  # (rank, cumulative revenue)

    @property
    def cut_share_of_clients(self) -> Decimal | None:
        return percent(self.cut, self.clients)


@dataclass(frozen=True)
class ParetoShares:
    """The 80/20 as the handbook means it: the top 20% of all active clients (合作中, and any
    other client with revenue in the window) and their share of revenue, beside the top 20% of
    the clients with revenue."""

    revenue: Decimal
    active: int  # active clients
    top_active: int  # the top 20% of them
    top_active_revenue: Decimal
    with_revenue: int  # clients with revenue
    top_with_revenue: int  # the top 20% of them
    top_with_revenue_revenue: Decimal

    @property
    def active_share(self) -> Decimal | None:
        return percent(self.top_active_revenue, self.revenue)

    @property
    def with_revenue_share(self) -> Decimal | None:
        return percent(self.top_with_revenue_revenue, self.revenue)


# --- reading ----------------------------------------------------------------------------------


def read(archive: Archive, fn):
    """fn(reader) on a reader of its own (app.services.readers: a plain sqlite3 one for a
    command that only reads an archive file)."""
    with reading(archive) as reader:
        return fn(reader)


def as_of_for(archive: Archive, last: date) -> date:
    """The cut-off of a period ending on `last`: every figure is as of this day (its last day,
    or today while it runs), so records dated after it never change a past month's figures."""
    return min(last, archive.today())


def step(task, done: int, total: int) -> None:
    if task is None:
        return
    if task.cancelled():
        raise CancelledError()
    task.progress(done, total)


def money(fen: int | None) -> Decimal:
    return fen_to_yuan(int(fen or 0))


def owner_name(name: str | None) -> str:
    return name or NO_OWNER


def to_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# --- per account manager ------------------------------------------------------------------------


def month_targets(
    session, year: int, month: int
) -> tuple[dict[str, PlanTargets], PlanTargets, bool]:
    """Per owner targets, the team's (its own row, else the owners' sum) and whether explicit."""
    owners: dict[str, PlanTargets] = {}
    team = None
    for owner, clients, visits, signings, products, signed, receipts in repo.monthly_targets(
        session, year, month
    ):
        targets = PlanTargets(clients, visits, signings, products, money(signed), money(receipts))
        if owner:
            owners[owner] = targets
        else:
            team = targets
    if team is not None:
        return owners, team, True
    return owners, sum(owners.values(), PlanTargets()), False


def _owner_lines(
    session,
    first: date,
    last: date,
    as_of: date,
    ageing=None,
    full: bool = True,
    activity=None,
) -> tuple[OwnerLine, ...]:
    """Per account manager figures. `ageing` and `activity`: repo.ageing's and
    repo.activity_by_owner's rows (or futures of them) when already on their way, None to read
    them here; `full=False`: activities and targets only (the service view)."""
    acc: dict[str, dict] = {}

    def line(owner: str | None) -> dict:
        return acc.setdefault(owner_name(owner), {})

    if full:
        _client_counts(session, first, last, as_of, line)
    if activity is None:
        activity = repo.activity_by_owner(session, first, last, as_of)
    for owner, visits, complaints, closed, days, slowest, expense in _value_of(activity):
        line(owner).update(
            visits=int(visits or 0),
            complaints=int(complaints or 0),
            complaints_closed=int(closed or 0),
            response_days=(
                (Decimal(str(days)) / closed).quantize(Decimal("0.1"), ROUND_HALF_UP)
                if closed
                else None
            ),
            slowest_days=int(slowest) if slowest is not None else None,
            expenses=money(expense),
        )
    if full:
        _sales(session, first, last, as_of, ageing, line)
    if whole_months(first, last) == 1:
        targets, _team, _explicit = month_targets(session, first.year, first.month)
        for owner, t in targets.items():
            line(owner).update(
                visits_target=t.visits, signed_target=t.signed_amount, receipts_target=t.receipts
            )
    return tuple(_make_line(o, d) for o, d in sorted(acc.items(), key=_owner_order))


def _client_counts(session, first: date, last: date, as_of: date, line) -> None:
    for owner, clients in repo.clients_by_owner(session, as_of):
        line(owner)["clients"] = clients
    for owner, count in repo.new_clients_by_owner(session, first, last):
        line(owner)["new_clients"] = count


def _sales(session, first: date, last: date, as_of: date, ageing, line) -> None:
    for owner, count, fen in repo.signed_by_owner(session, first, last):
        d = line(owner)
        d["signings"] = d.get("signings", 0) + count
        d["signed"] = d.get("signed", ZERO) + money(fen)
    for owner, _count, fen in repo.receipts_by_owner(session, first, last):
        line(owner)["receipts"] = money(fen)
    if ageing is None:
        ageing = repo.ageing(session, as_of)
    for owner, bucket, _count, fen in _value_of(ageing):
        d = line(owner)
        d["receivable"] = d.get("receivable", ZERO) + money(fen)
        if bucket == AgeBucket.D90_PLUS.value:
            d["overdue_90"] = money(fen)


def _value_of(rows_or_future):
    """Rows, or a Future of them, or a function returning them (rows still on their way)."""
    if isinstance(rows_or_future, Future):
        return rows_or_future.result()
    return rows_or_future() if callable(rows_or_future) else rows_or_future


def _owner_order(item: tuple[str, dict]) -> tuple[bool, str]:
    return item[0] == NO_OWNER, item[0]


def _make_line(owner: str, d: dict) -> OwnerLine:
    return OwnerLine(
        owner=owner,
        clients=d.get("clients", 0),
        new_clients=d.get("new_clients", 0),
        visits=d.get("visits", 0),
        visits_target=d.get("visits_target", 0),
        complaints=d.get("complaints", 0),
        complaints_closed=d.get("complaints_closed", 0),
        response_days=d.get("response_days"),
        slowest_days=d.get("slowest_days"),
        signings=d.get("signings", 0),
        signed=d.get("signed", ZERO),
        signed_target=d.get("signed_target", ZERO),
        receipts=d.get("receipts", ZERO),
        receipts_target=d.get("receipts_target", ZERO),
        receivable=d.get("receivable", ZERO),
        overdue_90=d.get("overdue_90", ZERO),
        expenses=d.get("expenses", ZERO),
    )


def _total_line(lines: Sequence[OwnerLine], team: PlanTargets | None) -> OwnerLine:
    closed = sum(x.complaints_closed for x in lines)
    weighted = sum(
        (x.response_days * x.complaints_closed for x in lines if x.response_days is not None),
        Decimal(0),
    )
    slowest = [x.slowest_days for x in lines if x.slowest_days is not None]
    return OwnerLine(
        owner="合计",
        clients=sum(x.clients for x in lines),
        new_clients=sum(x.new_clients for x in lines),
        visits=sum(x.visits for x in lines),
        visits_target=team.visits if team else sum(x.visits_target for x in lines),
        complaints=sum(x.complaints for x in lines),
        complaints_closed=closed,
        response_days=(weighted / closed).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if closed
        else None,
        slowest_days=max(slowest) if slowest else None,
        signings=sum(x.signings for x in lines),
        signed=sum((x.signed for x in lines), ZERO),
        signed_target=team.signed_amount if team else sum((x.signed_target for x in lines), ZERO),
        receipts=sum((x.receipts for x in lines), ZERO),
        receipts_target=team.receipts if team else sum((x.receipts_target for x in lines), ZERO),
        receivable=sum((x.receivable for x in lines), ZERO),
        overdue_90=sum((x.overdue_90 for x in lines), ZERO),
        expenses=sum((x.expenses for x in lines), ZERO),
    )


def owners_and_total(
    session, first: date, last: date, as_of: date, ageing=None, full=True, activity=None
):
    """Owner lines and their total; see _owner_lines for `ageing` and `activity`."""
    lines = _owner_lines(session, first, last, as_of, ageing, full, activity)
    team = (
        month_targets(session, first.year, first.month)[1]
        if whole_months(first, last) == 1
        else None
    )
    return lines, _total_line(lines, team)


# --- receivables, churn and value -----------------------------------------------------------------


def ageing_by_bucket(rows: list) -> tuple[tuple[str, Decimal], ...]:
    sums = {b: ZERO for b in AgeBucket}
    for _owner_name, bucket, _count, fen in rows:
        sums[AgeBucket(bucket)] += money(fen)
    return tuple((AGE_BUCKET_LABELS[b], sums[b]) for b in AgeBucket)


def churn_risks(session, as_of: date, days: int, limit: int | None) -> Churn:
    if days < 1:
        raise ValidationError("churn_days", "not_positive")
    quiet = as_of - timedelta(days=days)
    this = date(as_of.year, as_of.month, 1)
    months = tuple(month_key(add_months(this, k)) for k in (-3, -2, -1, 0))
    rows, (total, no_visit, no_order, falling) = repo.churn(session, as_of, quiet, months, limit)
    risks = tuple(
        ChurnRisk(
            client_id=r[0],
            client=r[1],
            owner=owner_name(r[2]),
            tier=r[3],
            last_visit=to_date(r[4]),
            last_order=to_date(r[5]),
            monthly_sales=(money(r[6]), money(r[7]), money(r[8]), money(r[9])),
            no_visit=bool(r[10]),
            no_order=bool(r[11]),
            falling=bool(r[12]),
        )
        for r in rows
    )
    return Churn(days, quiet, months, risks, total, no_visit, no_order, falling)


def pareto_curve(
    session, first: date, last: date, points: int = 60, rows: int | None = 0
) -> tuple[Pareto, list[tuple]]:
    """The curve, and the first `rows` ranks as repo.pareto gives them (None: all)."""
    clients, total, cut, curve, ranked = repo.pareto(
        session, first, last, float(PARETO_SHARE), points, rows
    )
    pareto = Pareto(first, last, clients, money(total), cut, tuple((r, money(c)) for r, c in curve))
    return pareto, ranked


def pareto_shares(session, first: date, last: date) -> ParetoShares:
    """The revenue share of the top 20% over all active clients and over clients with revenue."""
    active, with_revenue = repo.pareto_counts(session, first, last, ClientStatus.ACTIVE.value)
    top_active, top_with = pareto_top(active), pareto_top(with_revenue)
    total, by_active, by_with = repo.top_revenue(
        session, first, last, with_revenue, top_active, top_with
    )
    return ParetoShares(
        money(total), active, top_active, money(by_active), with_revenue, top_with, money(by_with)
    )
