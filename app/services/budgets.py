"""费用预算: the expense budget per month, account manager and activity kind, and the budget
against what was spent (the expenses recorded on activities, counted for the client's account
manager, as the 费用 analysis counts them).

A period's budget is the sum of the monthly budgets of the months it touches; a range that cuts
a month counts that month's whole budget (the views say which months were counted). Setting an
amount of 0 keeps the line (a budget of nothing: every expense is over it); delete removes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from app.db.repositories import budgets as repo
from app.domain.budgets import BudgetLine, compare
from app.domain.enums import ACTIVITY_KIND_ZH, ActivityKind, activity_kind_from_text
from app.domain.errors import NotFoundError, ValidationError
from app.domain.money import AmountError, fen_to_yuan, parse_yuan, yuan_to_fen
from app.domain.periods import FIRST_YEAR, LAST_YEAR, month_bounds, parse_month
from app.domain.text import clean
from app.services.archive import Archive
from app.services.readers import reading

if TYPE_CHECKING:
    from app.db.models import Budget

NO_OWNER = "(未分配)"  # expenses of clients without an account manager (as the analyses say)
MAX_OWNER = 100


@dataclass(frozen=True)
class BudgetRecord:
    id: int
    month: str  # 'YYYY-MM'
    owner: str
    kind: str  # an ActivityKind value
    amount: Decimal


@dataclass(frozen=True)
class BudgetReport:
    """Budget against spent for a period: a line per (owner, kind) and the total."""

    first: date
    last: date
    months: tuple[str, ...]  # the months whose budgets are counted
    lines: tuple[BudgetLine, ...]
    total: BudgetLine

    @property
    def label(self) -> str:
        if len(self.months) == 1:
            year, month = self.months[0].split("-")
            return f"{year}年{int(month)}月"
        return f"{self.months[0]} 至 {self.months[-1]}"


def _record(row: Budget) -> BudgetRecord:
    return BudgetRecord(row.id, row.month, row.owner, row.kind, fen_to_yuan(row.amount_fen))


# --- reading what a person typed ------------------------------------------------------------


def month_text(text: object) -> str:
    """'2026-11', '2026年11月' ... -> '2026-11'."""
    year, month = parse_month(text)
    return f"{year}-{month:02d}"


def kind_value(text: object) -> str:
    """拜访 / visit / Visit -> 'visit'; ValidationError naming the field otherwise."""
    kind = activity_kind_from_text(str(text or ""))
    if kind is None:
        raise ValidationError("kind", "unknown_kind", value=text)
    return kind.value


def owner_text(text: object) -> str:
    owner = clean(text)
    if not owner:
        raise ValidationError("owner", "required")
    if len(owner) > MAX_OWNER:
        raise ValidationError("owner", "too_long", limit=MAX_OWNER)
    return owner


def amount_value(text: object) -> Decimal:
    """Yuan, at most two decimals, not negative."""
    if isinstance(text, Decimal):
        amount: Decimal | None = text
    else:
        try:
            amount = parse_yuan(str(text or ""))
        except AmountError as exc:
            raise ValidationError("budget_amount", exc.code, value=exc.text) from None
    if amount is None:
        raise ValidationError("budget_amount", "required")
    if amount < 0:
        raise ValidationError("budget_amount", "negative_amount")
    return amount


def period_months(text: object) -> tuple[str, str]:
    """'2026' -> ('2026-01', '2026-12'); '2026-11' -> ('2026-11', '2026-11')."""
    raw = clean(text)
    if raw.isdigit() and len(raw) == 4:
        if not FIRST_YEAR <= int(raw) <= LAST_YEAR:
            raise ValidationError("month", "bad_month", value=raw)
        return f"{raw}-01", f"{raw}-12"
    month = month_text(raw)
    return month, month


# --- writing ------------------------------------------------------------------------------------


def set_budget(
    archive: Archive, month: object, owner: object, kind: object, amount: object
) -> BudgetRecord:
    """Sets (adds or replaces) the month's budget for the owner and the activity kind."""
    month_key, owner_name = month_text(month), owner_text(owner)
    kind_key, value = kind_value(kind), amount_value(amount)
    with archive.db.session() as session:
        row = repo.find(session, month_key, owner_name, kind_key)
        if row is None:
            from app.db.models import Budget  # the ORM, for editing only

            row = Budget(month=month_key, owner=owner_name, kind=kind_key)
            session.add(row)
        row.amount_fen = yuan_to_fen(value)
        row.updated_at = archive.now()
        session.flush()
        return _record(row)


def delete_budget(archive: Archive, month: object, owner: object, kind: object) -> BudgetRecord:
    """Removes one budget line (a budget is a figure, not a record: no recycle bin)."""
    month_key, owner_name, kind_key = month_text(month), owner_text(owner), kind_value(kind)
    with archive.db.session() as session:
        row = repo.find(session, month_key, owner_name, kind_key)
        if row is None:
            label = ACTIVITY_KIND_ZH[ActivityKind(kind_key)]
            raise NotFoundError("budget", f"{month_key} {owner_name} {label}")
        record = _record(row)
        session.delete(row)
        return record


# --- reading ------------------------------------------------------------------------------------


def list_budgets(
    archive: Archive, period: object = None, owner: str | None = None
) -> list[BudgetRecord]:
    """The budget lines of a year ('2026') or a month ('2026-11'); all without a period."""
    first, last = period_months(period) if period else ("0000-00", "9999-99")
    with archive.db.read() as session:
        return [_record(r) for r in repo.in_months(session, first, last, clean(owner) or None)]


def months_of(first: date, last: date) -> tuple[str, ...]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def budget_report(
    archive: Archive, first: date, last: date, spent: list[tuple[str, str, int]] | None = None
) -> BudgetReport:
    """Budget against spent for first..last; `spent`: app.db.repositories.budgets.spent's rows
    when already read (the 大客户月报 reads them with its activity figures), None to read them."""
    with reading(archive) as reader:
        return report_in(reader, first, last, spent)


def report_in(
    session, first: date, last: date, spent_rows: list[tuple[str, str, int]] | None = None
) -> BudgetReport:
    """The same, inside a caller's unit of work (the 费用 analysis)."""
    months = months_of(first, last)
    budgets: dict[tuple[str, str], Decimal] = {}
    for owner, kind, fen in repo.amounts(session, months[0], months[-1]):
        key = (owner, kind)
        budgets[key] = budgets.get(key, Decimal("0.00")) + fen_to_yuan(fen)
    if spent_rows is None:
        spent_rows = repo.spent(session, first, last)
    spent: dict[tuple[str, str], Decimal] = {}
    for owner, kind, fen in spent_rows:
        key = (owner or NO_OWNER, kind)
        spent[key] = spent.get(key, Decimal("0.00")) + fen_to_yuan(fen)
    lines, total = compare(budgets, spent)
    return BudgetReport(first, last, months, lines, total)


def month_report(archive: Archive, month: object) -> BudgetReport:
    """Budget against spent for a month ('2026-11') or a year ('2026': its twelve months)."""
    first_key, last_key = period_months(month)
    first = month_bounds(*parse_month(first_key))[0]
    last = month_bounds(*parse_month(last_key))[1]
    return budget_report(archive, first, last)


KINDS = tuple(kind.value for kind in ActivityKind)
