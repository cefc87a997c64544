"""The monthly key-account report (大客户月报) and the handbook's six analyses (动态分析).

One service computes both, from the same aggregate queries, so the report and the analysis
views agree to the fen. Money is Decimal yuan; every figure is grouped inside SQLite.

Rules where the handbook is silent:
- Revenue (销售额) is the signed contract amount, as for the rebate tiers; receipts are 回款.
- Signed amounts count for the contract's owner, receipts/visits/complaints for the client's.
- The report is "as of" the month's last day, or today while the month is still running.
- 价值 (Pareto) looks at the 12 months ending with the period, so a single month's few
  contracts do not make the curve.
- 流失 (churn): clients 合作中 created before the quiet window, with no visit in N days, or
  orders before but none in N days, or sales falling three months running (each of the last
  three months below the month before).
- 发展 (development): clients created in the period, and clients selling more than in the
  equally long period before."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from app.db.repositories import analysis as repo
from app.domain.errors import CancelledError, ValidationError
from app.domain.money import fen_to_yuan
from app.domain.plans import AGE_BUCKET_LABELS, AgeBucket, PlanTargets, split_month
from app.domain.rebates import STATUS_LABELS, RebateStatus, is_pending
from app.services import settings as settings_service
from app.services.archive import Archive

ZERO = Decimal("0.00")
DEFAULT_CHURN_DAYS = 90
PARETO_SHARE = Decimal("0.8")
NO_OWNER = "(未分配)"
VIEWS: dict[str, str] = {
    "development": "发展分析",
    "service": "服务分析",
    "churn": "流失分析",
    "cost": "费用分析",
    "value": "价值分析",
    "owners": "客户经理分析",
}
VIEW_ALIASES = {
    "发展": "development",
    "服务": "service",
    "流失": "churn",
    "费用": "cost",
    "价值": "value",
    "客户经理": "owners",
    "owner": "owners",
}
PENDING = tuple(s.value for s in RebateStatus if is_pending(s))


# --- plain results ------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text | int | money | percent | days | date


@dataclass(frozen=True)
class AnalysisTable:
    """One analysis view: rows and columns, plus the key figures above the table. `rows` may be
    cut to a limit; `total_rows` says how many there are in all."""

    view: str
    title: str
    first: date
    last: date
    period_label: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    total_rows: int
    summary: tuple[tuple[str, str], ...] = ()
    chart: tuple[tuple[str, Decimal], ...] = ()  # (label, value) bars worth drawing
    chart_title: str = ""


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
        return _ratio(self.cut, self.clients)


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


# --- periods ------------------------------------------------------------------------------


def month_range(year: int, month: int) -> tuple[date, date]:
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationError("month", "bad_month", value=f"{year}-{month:02d}")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def parse_month(text: str) -> tuple[int, int]:
    """'2026-11', '2026/11', '2026年11月' -> (2026, 11)."""
    cleaned = str(text or "").strip().replace("年", "-").replace("月", "").replace("/", "-")
    parts = cleaned.split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValidationError("month", "bad_month", value=text)
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationError("month", "bad_month", value=text)
    return year, month


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_key(day: date) -> str:
    return f"{day:%Y-%m}"


def _whole_months(first: date, last: date) -> int | None:
    """How many whole calendar months the range covers, or None when it is not whole months."""
    if first.day != 1 or (last + timedelta(days=1)).day != 1:
        return None
    return (last.year - first.year) * 12 + last.month - first.month + 1


def previous_range(first: date, last: date) -> tuple[date, date]:
    """The equally long period just before (whole months stay whole months)."""
    months = _whole_months(first, last)
    if months:
        return _add_months(first, -months), first - timedelta(days=1)
    length = (last - first).days + 1
    return first - timedelta(days=length), first - timedelta(days=1)


def value_window(first: date, last: date) -> tuple[date, date]:
    """价值 looks at the 12 months ending with the period (or the period itself if longer)."""
    start = _add_months(date(last.year, last.month, 1), -11)
    return min(first, start), last


def period_label(first: date, last: date) -> str:
    months = _whole_months(first, last)
    if months == 1:
        return f"{first.year}年{first.month}月"
    if months:
        return f"{first.year}年{first.month}月至{last.year}年{last.month}月"
    return f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}"


def _check_range(first: date, last: date) -> None:
    if last < first:
        raise ValidationError("period", "period_reversed")


def as_of_for(archive: Archive, last: date) -> date:
    return min(last, archive.today())


# --- the computations both the report and the views use ------------------------------------


def _money(fen: int | None) -> Decimal:
    return fen_to_yuan(int(fen or 0))


def _ratio(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _owner(name: str | None) -> str:
    return name or NO_OWNER


def _targets(session, year: int, month: int) -> tuple[dict[str, PlanTargets], PlanTargets, bool]:
    """Per owner targets, the team's (its own row, else the owners' sum) and whether explicit."""
    owners: dict[str, PlanTargets] = {}
    team = None
    for owner, clients, visits, signings, products, signed, receipts in repo.monthly_targets(
        session, year, month
    ):
        targets = PlanTargets(clients, visits, signings, products, _money(signed), _money(receipts))
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
        return acc.setdefault(_owner(owner), {})

    if full:
        _client_counts(session, first, last, line)
    if activity is None:
        activity = repo.activity_by_owner(session, first, last)
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
            expenses=_money(expense),
        )
    if full:
        _sales(session, first, last, as_of, ageing, line)
    if _whole_months(first, last) == 1:
        targets, _team, _explicit = _targets(session, first.year, first.month)
        for owner, t in targets.items():
            line(owner).update(
                visits_target=t.visits, signed_target=t.signed_amount, receipts_target=t.receipts
            )
    return tuple(_make_line(o, d) for o, d in sorted(acc.items(), key=_owner_order))


def _client_counts(session, first: date, last: date, line) -> None:
    for owner, clients in repo.clients_by_owner(session):
        line(owner)["clients"] = clients
    for owner, count in repo.new_clients_by_owner(session, first, last):
        line(owner)["new_clients"] = count


def _sales(session, first: date, last: date, as_of: date, ageing, line) -> None:
    for owner, count, fen in repo.signed_by_owner(session, first, last):
        d = line(owner)
        d["signings"] = d.get("signings", 0) + count
        d["signed"] = d.get("signed", ZERO) + _money(fen)
    for owner, _count, fen in repo.receipts_by_owner(session, first, last):
        line(owner)["receipts"] = _money(fen)
    if ageing is None:
        ageing = repo.ageing(session, as_of)
    for owner, bucket, _count, fen in _value_of(ageing):
        d = line(owner)
        d["receivable"] = d.get("receivable", ZERO) + _money(fen)
        if bucket == AgeBucket.D90_PLUS.value:
            d["overdue_90"] = _money(fen)


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


def _owners_and_total(
    session, first: date, last: date, as_of: date, ageing=None, full=True, activity=None
):
    """Owner lines and their total; see _owner_lines for `ageing` and `activity`."""
    lines = _owner_lines(session, first, last, as_of, ageing, full, activity)
    team = (
        _targets(session, first.year, first.month)[1] if _whole_months(first, last) == 1 else None
    )
    return lines, _total_line(lines, team)


def _ageing(rows: list) -> tuple[tuple[str, Decimal], ...]:
    sums = {b: ZERO for b in AgeBucket}
    for _owner_name, bucket, _count, fen in rows:
        sums[AgeBucket(bucket)] += _money(fen)
    return tuple((AGE_BUCKET_LABELS[b], sums[b]) for b in AgeBucket)


def _churn(session, as_of: date, days: int, limit: int | None) -> Churn:
    if days < 1:
        raise ValidationError("churn_days", "not_positive")
    quiet = as_of - timedelta(days=days)
    this = date(as_of.year, as_of.month, 1)
    months = tuple(_month_key(_add_months(this, k)) for k in (-3, -2, -1, 0))
    rows, (total, no_visit, no_order, falling) = repo.churn(session, as_of, quiet, months, limit)
    risks = tuple(
        ChurnRisk(
            client_id=r[0],
            client=r[1],
            owner=_owner(r[2]),
            tier=r[3],
            last_visit=_date(r[4]),
            last_order=_date(r[5]),
            monthly_sales=(_money(r[6]), _money(r[7]), _money(r[8]), _money(r[9])),
            no_visit=bool(r[10]),
            no_order=bool(r[11]),
            falling=bool(r[12]),
        )
        for r in rows
    )
    return Churn(days, quiet, months, risks, total, no_visit, no_order, falling)


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _pareto(
    session, first: date, last: date, points: int = 60, rows: int | None = 0
) -> tuple[Pareto, list[tuple]]:
    """The curve, and the first `rows` ranks as repo.pareto gives them (None: all)."""
    clients, total, cut, curve, ranked = repo.pareto(
        session, first, last, float(PARETO_SHARE), points, rows
    )
    pareto = Pareto(
        first, last, clients, _money(total), cut, tuple((r, _money(c)) for r, c in curve)
    )
    return pareto, ranked


def _signings(session, first: date, last: date, limit: int | None) -> tuple[Signing, ...]:
    return tuple(
        Signing(r[0], r[1], r[2], r[3], _owner(r[4]), _date(r[5]), _money(r[6]), bool(r[7]))
        for r in repo.signings(session, first, last, limit if limit is not None else -1)
    )


def _tier_changes(session, first: date, last: date) -> tuple[TierChange, ...]:
    return tuple(
        TierChange(r[0], r[1], _owner(r[2]), r[3], r[4], _date(r[5]))
        for r in repo.tier_changes(session, first, last)
    )


def _rebates(session, first: date, last: date, limit: int) -> Rebates:
    by_status = []
    accrued, accrued_count = ZERO, 0
    for status, count, fen in repo.rebates_ending(session, first, last):
        label = STATUS_LABELS.get(RebateStatus(status), status) if _known(status) else status
        by_status.append((label, count, _money(fen)))
        if status != RebateStatus.REJECTED.value:
            accrued += _money(fen)
            accrued_count += count
    pending = tuple(
        RebateLine(r[0], r[1], _date(r[2]), _date(r[3]), _money(r[4]), _status_label(r[5]))
        for r in repo.pending_rebates(session, PENDING, limit)
    )
    count, fen = repo.pending_totals(session, PENDING)
    order = {STATUS_LABELS[s]: i for i, s in enumerate(RebateStatus)}
    by_status.sort(key=lambda x: order.get(x[0], 99))
    return Rebates(accrued, accrued_count, tuple(by_status), pending, count, _money(fen))


def _known(status: str) -> bool:
    return status in {s.value for s in RebateStatus}


def _status_label(status: str) -> str:
    return STATUS_LABELS[RebateStatus(status)] if _known(status) else status


def _next_plan(session, year: int, month: int) -> NextPlan:
    nxt = _add_months(date(year, month, 1), 1)
    owners, team, explicit = _targets(session, nxt.year, nxt.month)
    split = split_month(nxt.year, nxt.month, team)
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


def _trend(session, last: date) -> tuple[MonthPoint, ...]:
    start = _add_months(date(last.year, last.month, 1), -11)
    found = {m: (s, r) for m, s, r in repo.monthly_series(session, start, last)}
    points = []
    for k in range(12):
        key = _month_key(_add_months(start, k))
        signed, received = found.get(key, (0, 0))
        points.append(MonthPoint(key, _money(signed), _money(received)))
    return tuple(points)


# --- the monthly report -------------------------------------------------------------------


def monthly_report(
    archive: Archive,
    year: int,
    month: int,
    *,
    churn_days: int = DEFAULT_CHURN_DAYS,
    list_limit: int = 30,
) -> MonthlyReport:
    """Everything the 大客户月报 prints for the month (lists cut to `list_limit` rows)."""
    first, last = month_range(year, month)
    as_of = as_of_for(archive, last)
    if churn_days < 1:
        raise ValidationError("churn_days", "not_positive")
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The receivable and churn queries are the heaviest; SQLite runs them on a second
        # connection while this one does the rest (the GIL is released inside SQLite).
        # The ageing and the largest receivables come from the same open items, worked out once.
        receivables_job = pool.submit(
            _read, archive, lambda s: repo.receivables(s, as_of, min(list_limit, 20))
        )
        churn_job = pool.submit(_read, archive, lambda s: _churn(s, as_of, churn_days, list_limit))
        with archive.db.read() as session:
            report = _assemble_report(
                session, year, month, as_of, list_limit, receivables_job, churn_job
            )
    return report


def _read(archive: Archive, fn):
    with archive.db.read() as session:
        return fn(session)


def _assemble_report(session, year, month, as_of, list_limit, receivables_job, churn_job):
    first, last = month_range(year, month)
    before = previous_range(first, last)
    lines, total = _owners_and_total(
        session, first, last, as_of, lambda: receivables_job.result()[0]
    )
    ageing_rows, top_rows = receivables_job.result()
    _new, growing = repo.growth_counts(session, first, last, before[0])
    report = MonthlyReport(
        year=year,
        month=month,
        first=first,
        last=last,
        as_of=as_of,
        owners=lines,
        total=total,
        ageing=_ageing(ageing_rows),
        receivable=total.receivable,
        top_receivables=tuple(
            Receivable(r[0], r[1], _owner(r[2]), _money(r[3]), int(r[4]), _money(r[5]))
            for r in top_rows
        ),
        key_accounts=tuple(
            KeyAccountLine(
                r[0], r[1], _owner(r[2]), r[3], r[4], _money(r[5]), _money(r[6]), r[7], r[8]
            )
            for r in repo.key_accounts(session, first, last, list_limit)
        ),
        open_complaints=repo.open_complaints(session, as_of)[0],
        signings=_signings(session, first, last, list_limit),
        signings_count=total.signings,
        first_signings=repo.first_signings(session, first, last),
        growing_clients=growing,
        tier_changes=_tier_changes(session, first, last),
        churn=churn_job.result(),
        rebates=_rebates(session, first, last, list_limit),
        next_plan=_next_plan(session, year, month),
        trend=_trend(session, last),
        pareto=_pareto(session, *value_window(first, last))[0],
    )
    return report


def write_monthly_report(
    archive: Archive,
    year: int,
    month: int,
    out: Path,
    *,
    churn_days: int = DEFAULT_CHURN_DAYS,
    task=None,
) -> int:
    """Writes the month's report PDF; returns its page count."""
    from app.services.report_pdf import report_chapters, write_report

    _step(task, 0, 3)
    report = monthly_report(archive, year, month, churn_days=churn_days)
    _step(task, 1, 3)
    pages = write_report(report_chapters(report), report.title, Path(out), _font(archive))
    _step(task, 3, 3)
    return pages


def _font(archive: Archive) -> Path | None:
    font = settings_service.preferences(archive).document_font
    return Path(font) if font else None


def _step(task, done: int, total: int) -> None:
    if task is None:
        return
    if task.cancelled():
        raise CancelledError()
    task.progress(done, total)


# --- the six views ------------------------------------------------------------------------


def view_name(text: str) -> str:
    name = VIEW_ALIASES.get(text.strip(), text.strip().lower())
    if name not in VIEWS:
        raise ValidationError("analysis_view", "unknown_view", value=text, views="、".join(VIEWS))
    return name


def analysis_view(
    archive: Archive,
    view: str,
    first: date,
    last: date,
    *,
    churn_days: int = DEFAULT_CHURN_DAYS,
    limit: int | None = 500,
    task=None,
) -> AnalysisTable:
    """One of the six views for the period (rows cut to `limit`; None: every row)."""
    name = view_name(view)
    _check_range(first, last)
    _step(task, 0, 1)
    with archive.db.read() as session:
        table = _BUILDERS[name](archive, session, first, last, churn_days, limit)
    _step(task, 1, 1)
    return table


def _table(name: str, first: date, last: date, columns, rows, total: int, **extra) -> AnalysisTable:
    return AnalysisTable(
        view=name,
        title=VIEWS[name],
        first=first,
        last=last,
        period_label=period_label(first, last),
        columns=tuple(Column(*c) for c in columns),
        rows=tuple(rows),
        total_rows=total,
        **extra,
    )


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _development(archive, session, first, last, _days, limit) -> AnalysisTable:
    before = previous_range(first, last)
    new, growing = repo.growth_counts(session, first, last, before[0])
    rows = []
    for cid, name, owner, created, now_fen, before_fen in repo.growth(
        session, first, last, before[0], limit
    ):
        created_on = _date(created)
        is_new = first <= created_on <= last
        now, prev = _money(now_fen), _money(before_fen)
        rows.append(
            (
                cid,
                name,
                _owner(owner),
                "新客户" if is_new else "增长",
                created_on,
                prev,
                now,
                now - prev,
                _ratio(now - prev, prev),
            )
        )
    columns = (
        ("client_id", "客户编号", "int"),
        ("client", "客户名称"),
        ("owner", "客户经理"),
        ("kind", "类别"),
        ("created_on", "建档日期", "date"),
        ("before", "上期销售额", "money"),
        ("now", "本期销售额", "money"),
        ("growth", "增长额", "money"),
        ("growth_pct", "增长率(%)", "percent"),
    )
    summary = (
        ("新客户", f"{new} 家"),
        ("销售增长的客户", f"{growing} 家"),
        ("对比期间", period_label(*before)),
    )
    chart = tuple(
        (_owner(o), Decimal(n)) for o, n in sorted(repo.new_clients_by_owner(session, first, last))
    )
    return _table(
        "development",
        first,
        last,
        columns,
        rows,
        new + growing,
        summary=summary,
        chart=chart,
        chart_title="各客户经理新客户数",
    )


def _service(archive, session, first, last, _days, _limit) -> AnalysisTable:
    lines, total = _owners_and_total(session, first, last, as_of_for(archive, last), full=False)
    rows = [
        (
            x.owner,
            x.visits,
            x.visits_target,
            _ratio(x.visits, x.visits_target),
            x.complaints,
            x.complaints_closed,
            x.complaints - x.complaints_closed,
            x.response_days,
            x.slowest_days,
        )
        for x in (*lines, total)
    ]
    columns = (
        ("owner", "客户经理"),
        ("visits", "拜访次数", "int"),
        ("visits_target", "拜访目标", "int"),
        ("visits_pct", "完成率(%)", "percent"),
        ("complaints", "投诉", "int"),
        ("closed", "已办结", "int"),
        ("open", "未办结", "int"),
        ("response", "平均响应(天)", "days"),
        ("slowest", "最长响应(天)", "int"),
    )
    open_now, _oldest = repo.open_complaints(session, as_of_for(archive, last))
    summary = (
        ("拜访", f"{total.visits} 次"),
        ("投诉", f"{total.complaints} 起,已办结 {total.complaints_closed} 起"),
        ("平均响应", f"{total.response_days} 天" if total.response_days is not None else "—"),
        ("目前未办结投诉", f"{open_now} 起"),
    )
    chart = tuple((x.owner, Decimal(x.visits)) for x in lines)
    return _table(
        "service",
        first,
        last,
        columns,
        rows,
        len(rows),
        summary=summary,
        chart=chart,
        chart_title="各客户经理拜访次数",
    )


def _churn_view(archive, session, first, last, days, limit) -> AnalysisTable:
    churn = _churn(session, as_of_for(archive, last), days, limit)
    rows = [
        (
            r.client_id,
            r.client,
            r.owner,
            r.tier,
            r.last_visit,
            r.last_order,
            *r.monthly_sales,
            r.reasons(),
        )
        for r in churn.rows
    ]
    columns = (
        ("client_id", "客户编号", "int"),
        ("client", "客户名称"),
        ("owner", "客户经理"),
        ("tier", "等级"),
        ("last_visit", "最近拜访", "date"),
        ("last_order", "最近签约", "date"),
        *((f"m{i}", f"{m} 销售额", "money") for i, m in enumerate(churn.months)),
        ("reasons", "风险原因"),
    )
    summary = (
        ("流失风险客户", f"{churn.total} 家"),
        (f"{days} 天未拜访", f"{churn.no_visit} 家"),
        (f"{days} 天未下单", f"{churn.no_order} 家"),
        ("销售额连续三个月下降", f"{churn.falling} 家"),
    )
    chart = (
        ("未拜访", Decimal(churn.no_visit)),
        ("未下单", Decimal(churn.no_order)),
        ("连续下降", Decimal(churn.falling)),
    )
    return _table(
        "churn",
        first,
        last,
        columns,
        rows,
        churn.total,
        summary=summary,
        chart=chart,
        chart_title="流失风险(家)",
    )


def _cost(archive, session, first, last, _days, limit) -> AnalysisTable:
    found = repo.expenses_vs_revenue(session, first, last, limit)
    rows = [
        (cid, name, _owner(owner), _money(e), _money(s), _ratio(_money(e), _money(s)))
        for cid, name, owner, e, s, *_totals in found
    ]
    total, expenses, revenue = (
        (found[0][5], _money(found[0][6]), _money(found[0][7])) if found else (0, ZERO, ZERO)
    )
    columns = (
        ("client_id", "客户编号", "int"),
        ("client", "客户名称"),
        ("owner", "客户经理"),
        ("expense", "费用", "money"),
        ("revenue", "销售额", "money"),
        ("ratio", "费用率(%)", "percent"),
    )
    ratio = _ratio(expenses, revenue)
    summary = (
        ("费用合计", f"{_yuan(expenses)} 元"),
        ("销售额合计", f"{_yuan(revenue)} 元"),
        ("费用率", f"{ratio}%" if ratio is not None else "—"),
        ("有费用或销售额的客户", f"{total} 家"),
    )
    chart = tuple((r[1][:8], r[3]) for r in rows[:10] if r[3])
    return _table(
        "cost",
        first,
        last,
        columns,
        rows,
        total,
        summary=summary,
        chart=chart,
        chart_title="费用最高的客户(元)",
    )


def _value(archive, session, first, last, _days, limit) -> AnalysisTable:
    window = value_window(first, last)
    pareto, ranked = _pareto(session, *window, rows=limit)
    rows = []
    for rank, cid, name, owner, tier, rev, cum in ranked:
        rows.append(
            (
                rank,
                cid,
                name,
                _owner(owner),
                tier,
                _money(rev),
                _ratio(_money(rev), pareto.revenue),
                _ratio(_money(cum), pareto.revenue),
                "是" if rank <= pareto.cut else "",
            )
        )
    columns = (
        ("rank", "排名", "int"),
        ("client_id", "客户编号", "int"),
        ("client", "客户名称"),
        ("owner", "客户经理"),
        ("tier", "等级"),
        ("revenue", "销售额", "money"),
        ("share", "占比(%)", "percent"),
        ("cumulative", "累计占比(%)", "percent"),
        ("core", "贡献80%", "text"),
    )
    summary = (
        ("统计期间", period_label(*window)),
        ("有销售额的客户", f"{pareto.clients} 家"),
        ("销售额合计", f"{_yuan(pareto.revenue)} 元"),
        (
            "贡献80%销售额的客户",
            f"{pareto.cut} 家(占 {pareto.cut_share_of_clients or 0}%)",
        ),
    )
    chart = (
        tuple(
            (str(rank), (cum / pareto.revenue * 100).quantize(Decimal("0.1")))
            for rank, cum in pareto.curve
        )
        if pareto.revenue
        else ()
    )
    return _table(
        "value",
        first,
        last,
        columns,
        rows,
        pareto.clients,
        summary=summary,
        chart=chart,
        chart_title="帕累托曲线(累计占比%)",
    )


def _owners_view(archive, session, first, last, _days, _limit) -> AnalysisTable:
    as_of = as_of_for(archive, last)
    with ThreadPoolExecutor(max_workers=2) as pool:
        # the two heaviest queries on their own connections while this one reads the rest
        ageing = pool.submit(_read, archive, lambda s: repo.ageing(s, as_of))
        activity = pool.submit(_read, archive, lambda s: repo.activity_by_owner(s, first, last))
        lines, total = _owners_and_total(session, first, last, as_of, ageing, activity=activity)
    rows = [
        (
            x.owner,
            x.clients,
            x.new_clients,
            x.visits,
            x.signings,
            x.signed,
            x.signed_target,
            _ratio(x.signed, x.signed_target),
            x.receipts,
            x.receipts_target,
            _ratio(x.receipts, x.receipts_target),
            x.receivable,
            x.overdue_90,
            x.expenses,
        )
        for x in (*lines, total)
    ]
    columns = (
        ("owner", "客户经理"),
        ("clients", "客户数", "int"),
        ("new_clients", "新客户", "int"),
        ("visits", "拜访", "int"),
        ("signings", "签约数", "int"),
        ("signed", "签约额", "money"),
        ("signed_target", "签约目标", "money"),
        ("signed_pct", "签约完成率(%)", "percent"),
        ("receipts", "回款", "money"),
        ("receipts_target", "回款目标", "money"),
        ("receipts_pct", "回款完成率(%)", "percent"),
        ("receivable", "应收余额", "money"),
        ("overdue_90", "超90天应收", "money"),
        ("expenses", "费用", "money"),
    )
    summary = (
        ("签约额", f"{_yuan(total.signed)} 元"),
        ("回款", f"{_yuan(total.receipts)} 元"),
        ("应收余额", f"{_yuan(total.receivable)} 元"),
    )
    chart = tuple((x.owner, x.signed) for x in lines)
    return _table(
        "owners",
        first,
        last,
        columns,
        rows,
        len(rows),
        summary=summary,
        chart=chart,
        chart_title="各客户经理签约额(元)",
    )


_BUILDERS = {
    "development": _development,
    "service": _service,
    "churn": _churn_view,
    "cost": _cost,
    "value": _value,
    "owners": _owners_view,
}


def export_view(table: AnalysisTable, out: Path) -> int:
    """Writes the view as .xlsx; returns the number of rows written."""
    from app.exports.analysis_xlsx import write_analysis

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise ValidationError("file", "not_xlsx", value=out.name)
    return write_analysis(
        out,
        title=table.title,
        period=table.period_label,
        columns=[(c.label, c.kind) for c in table.columns],
        rows=table.rows,
        summary=table.summary,
    )


def export_full_view(
    archive: Archive,
    view: str,
    first: date,
    last: date,
    out: Path,
    *,
    churn_days: int = DEFAULT_CHURN_DAYS,
    task=None,
) -> int:
    """Every row of the view (not just the first screenful) to .xlsx."""
    _step(task, 0, 2)
    table = analysis_view(archive, view, first, last, churn_days=churn_days, limit=None)
    _step(task, 1, 2)
    count = export_view(table, out)
    _step(task, 2, 2)
    return count


def cell_text(value: object, kind: str = "text") -> str:
    """How a cell reads on screen, in the CLI and in the PDF."""
    if value is None:
        return "—" if kind in ("percent", "days", "date", "money") else ""
    if kind == "money" and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def json_ready(table: AnalysisTable) -> dict:
    def plain(v: object) -> object:
        if isinstance(v, Decimal):
            return str(v)
        if isinstance(v, (date, datetime)):
            return v.isoformat()
        return v

    return {
        "view": table.view,
        "title": table.title,
        "first": table.first.isoformat(),
        "last": table.last.isoformat(),
        "period": table.period_label,
        "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in table.columns],
        "rows": [[plain(v) for v in row] for row in table.rows],
        "total_rows": table.total_rows,
        "summary": [list(s) for s in table.summary],
    }
