"""Sales forecast (销售预测): the 回款 each account manager expects in the coming months, entered
by hand, and a suggestion from the pipeline (open receivables and open tenders) with the records
that make it up (app.domain.forecasts says how each counts). The team's forecast is the sum of
its account managers'."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from app.db.models import SalesForecast
from app.db.repositories import annual as repo
from app.domain.annual_plans import amount_fen
from app.domain.errors import ValidationError
from app.domain.forecasts import (
    NOT_DUE,
    OVERDUE,
    WIN_PERCENT,
    PipelineItem,
    receivable_expected_on,
    tender_award_day,
    tender_expected_on,
    tender_percent,
    weighted,
)
from app.domain.money import fen_to_yuan, yuan_to_fen
from app.domain.periods import add_months, month_bounds
from app.domain.text import clean
from app.services import contracts
from app.services.archive import Archive

DEFAULT_MONTHS = 3
MAX_MONTHS = 24


@dataclass(frozen=True)
class Suggestion:
    first: date  # the first day of the first month
    months: tuple[tuple[int, int], ...]  # (year, month) of each month forecast
    items: tuple[PipelineItem, ...]  # the records, by expected date
    undated: tuple[PipelineItem, ...]  # open tenders with no date to place them (left out)

    def fen(self, owner: str | None, year: int, month: int) -> int:
        return self._sums.get((owner, year, month), 0)

    @cached_property
    def _sums(self) -> dict[tuple[str | None, int, int], int]:
        """(owner or None for all, year, month) -> fen, summed once over the items (a cell
        each summing 24,000 items took most of a second)."""
        sums: dict[tuple[str | None, int, int], int] = defaultdict(int)
        for i in self.items:
            year, month = i.expected_on.year, i.expected_on.month
            sums[(i.owner, year, month)] += i.amount_fen
            sums[(None, year, month)] += i.amount_fen
        return dict(sums)

    def owners(self) -> set[str]:
        return {i.owner for i in self.items}


@dataclass(frozen=True)
class ForecastCell:
    owner: str
    year: int
    month: int
    entered: Decimal | None  # the figure entered by hand, if any
    suggested: Decimal  # from the pipeline
    note: str = ""

    @property
    def forecast(self) -> Decimal:
        return self.entered if self.entered is not None else self.suggested


@dataclass(frozen=True)
class ForecastView:
    months: tuple[tuple[int, int], ...]
    owners: tuple[str, ...]
    cells: tuple[ForecastCell, ...]  # owner by owner, month by month
    suggestion: Suggestion

    def total(self, year: int, month: int) -> Decimal:
        return sum(
            (c.forecast for c in self.cells if (c.year, c.month) == (year, month)), Decimal("0.00")
        )


def _months(first: date, count: int) -> tuple[tuple[int, int], ...]:
    return tuple((d.year, d.month) for d in (add_months(first, i) for i in range(count)))


def check_months(count: int) -> int:
    if not isinstance(count, int) or not 1 <= count <= MAX_MONTHS:
        raise ValidationError("months", "bad_months", value=count, most=MAX_MONTHS)
    return count


def suggest(
    archive: Archive,
    first: date | None = None,
    months: int = DEFAULT_MONTHS,
    owner: str | None = None,
) -> Suggestion:
    """The pipeline's records expected from the month of `first` (default: this month) for
    `months` months, of one account manager when `owner` is given. What is overdue is expected
    in the current month, whatever month the window starts at."""
    check_months(months)
    return _suggest(archive, first, months, owner)


def _suggest(archive: Archive, first: date | None, months: int, owner: str | None) -> Suggestion:
    now = archive.today().replace(day=1)  # what is overdue is expected this month
    first = (first or now).replace(day=1)
    span = _months(first, months)
    last = month_bounds(*span[-1])[1]
    items = _receivable_items(archive, now, last) + _tender_items(archive, now)
    undated = tuple(i for i in items if i.expected_on is None)
    chosen = tuple(
        sorted(
            (
                i
                for i in items
                if i.expected_on is not None
                and first <= i.expected_on <= last
                and (owner is None or i.owner == clean(owner))
            ),
            key=lambda i: (i.expected_on, i.kind, i.ref_id),
        )
    )
    if owner is not None:
        undated = tuple(i for i in undated if i.owner == clean(owner))
    return Suggestion(first, span, chosen, undated)


def _receivable_items(archive: Archive, first: date, last: date) -> list[PipelineItem]:
    """The open receivables expected by `last` (overdue ones in the month of `first`): those
    due later are outside the view and not made (issue 11)."""
    out = []
    for item in contracts.open_receivables(archive, archive.today(), due_by=last):
        fen = item.outstanding_fen
        out.append(
            PipelineItem(
                kind="contract",
                ref_id=item.contract_id,
                label=item.number,
                client=item.client_name,
                owner=item.owner,
                stage=OVERDUE if item.due_on < first else NOT_DUE,
                basis_fen=fen,
                percent=100,
                expected_on=receivable_expected_on(item.due_on, first),
                amount_fen=fen,
            )
        )
    return out


def _tender_items(archive: Archive, first: date) -> list[PipelineItem]:
    with archive.db.read() as session:
        rows = repo.open_tenders(session, [s.value for s in WIN_PERCENT])
    out = []
    for (
        tid,
        title,
        client,
        owner,
        status,
        budget,
        ceiling,
        notice,
        evaluation,
        deadline,
        signed,
    ) in rows:
        percent = tender_percent(status, signed)
        basis = budget if budget is not None else ceiling
        if not percent or not basis:
            continue
        award = tender_award_day(notice, evaluation, deadline)
        expected = receivable_expected_on(tender_expected_on(award), first) if award else None
        out.append(
            PipelineItem(
                kind="tender",
                ref_id=tid,
                label=title,
                client=client,
                owner=owner,
                stage=status,
                basis_fen=basis,
                percent=percent,
                expected_on=expected,
                amount_fen=weighted(basis, percent),
            )
        )
    return out


def show(
    archive: Archive,
    first: date | None = None,
    months: int = DEFAULT_MONTHS,
    owner: str | None = None,
) -> ForecastView:
    """Entered and suggested figures of each account manager (or one) for the coming months."""
    check_months(months)
    return _show(archive, first, months, owner)


def _show(archive: Archive, first: date | None, months: int, owner: str | None) -> ForecastView:
    first = (first or archive.today()).replace(day=1)
    suggestion = _suggest(archive, first, months, owner)
    span = suggestion.months
    with archive.db.read() as session:
        rows = repo.forecasts(session, date(*span[0], 1), date(*span[-1], 1))
        entered = {(r.owner, r.year, r.month): (fen_to_yuan(r.amount_fen), r.note) for r in rows}
    names = {o for o, _y, _m in entered} | suggestion.owners()
    if owner is not None:
        names = {clean(owner)}
    cells = []
    for name in sorted(names):
        for year, month in span:
            value, note = entered.get((name, year, month), (None, ""))
            suggested = fen_to_yuan(suggestion.fen(name, year, month))
            cells.append(ForecastCell(name, year, month, value, suggested, note))
    return ForecastView(span, tuple(sorted(names)), tuple(cells), suggestion)


def set_forecast(
    archive: Archive, owner: str, year: int, month: int, amount: Decimal | None, note: str = ""
) -> ForecastCell:
    """Stores (amount None: clears) the figure forecast for an account manager and month."""
    set_forecasts(archive, [(owner, year, month, amount)], note)
    view = _show(archive, date(year, month, 1), 1, clean(owner))
    return view.cells[0]


def set_forecasts(
    archive: Archive, cells: list[tuple[str, int, int, Decimal | None]], note: str = ""
) -> None:
    """Stores several (owner, year, month, amount or None to clear) at once: every figure is
    checked first, and a refused one stores none."""
    checked = []
    for owner, year, month, amount in cells:
        owner = clean(owner)
        if not owner:
            raise ValidationError("owner", "required")
        month_bounds(year, month)
        checked.append(
            (owner, year, month, None if amount is None else amount_fen(amount, "forecast"))
        )
    with archive.db.session() as session:
        for owner, year, month, fen in checked:
            _store(session, archive, owner, year, month, fen, note)


def _store(session, archive: Archive, owner: str, year: int, month: int, fen, note: str) -> None:
    row = repo.forecast(session, owner, year, month)
    if fen is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = SalesForecast(owner=owner, year=year, month=month)
        session.add(row)
    row.amount_fen, row.note, row.updated_at = fen, clean(note), archive.now()


def expected_by_month(
    archive: Archive, year: int, owner: str, today: date
) -> dict[int, tuple[int, str]]:
    """month -> (fen, 'entered'/'suggested'/'mixed') for the months of `year` from today's month on:
    per account manager the figure entered, else the suggested one; the team ('') sums them."""
    first = today.replace(day=1)
    if year < first.year:
        return {}
    count = (year - first.year) * 12 + 13 - first.month
    view = _show(archive, first, count, owner or None)
    fen: dict[int, int] = defaultdict(int)
    kinds: dict[int, set[str]] = defaultdict(set)
    for cell in view.cells:
        if cell.year == year:
            fen[cell.month] += yuan_to_fen(cell.forecast)
            kinds[cell.month].add("entered" if cell.entered is not None else "suggested")
    return {m: (fen[m], _source(kinds[m])) for y, m in view.months if y == year}


def _source(kinds: set[str]) -> str:
    """'entered' when every account manager's month is entered, 'mixed' when some are."""
    if len(kinds) > 1:
        return "mixed"
    return next(iter(kinds), "suggested")
