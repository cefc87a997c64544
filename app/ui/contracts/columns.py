"""The columns of the contracts, receipts and receivables lists (the 合同 area, the client page's
合同 tab, a contract's own receipts). Titles keep the translation context "ContractsPage"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.plans import AgeBucket
from app.services.contracts import ClientReceivable, ContractRow, ReceiptRow
from app.ui.kit.labels import shown
from app.ui.kit.tables import LEFT, RIGHT, Column, attribute
from app.ui.widgets import format_date, format_money

OVERDUE_RED = "#c0392b"


def _column(title: str, name: str, fmt: Callable[[Any], str] = str, **options: Any) -> Column:
    """The attribute `name` under `title` (a QT_TRANSLATE_NOOP), sorted by it; amounts right."""
    options.setdefault("align", RIGHT if fmt in (format_money, _blank_or_money) else LEFT)
    title = QCoreApplication.translate("ContractsPage", title)
    return Column(title, attribute(name, fmt=fmt), sort=name, **options)


def _blank_or_money(value: Any) -> str:
    return format_money(value) if value else ""


def contract_columns(today: date) -> tuple[Column[ContractRow], ...]:
    """Open amounts and due dates in red once a contract is overdue (as of `today`)."""

    def overdue(row: ContractRow) -> str | None:
        return OVERDUE_RED if row.outstanding > 0 and row.due_on < today else None

    return (
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Contract number"), "number", width=150),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Client"), "client_name", stretch=True),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Signed on"), "signed_on", format_date),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Amount"), "amount", format_money),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Received"), "received", format_money),
        _column(
            QT_TRANSLATE_NOOP("ContractsPage", "Open"), "outstanding", format_money, colour=overdue
        ),
        _column(
            QT_TRANSLATE_NOOP("ContractsPage", "Due on"), "due_on", format_date, colour=overdue
        ),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Products"), "products", align=RIGHT),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Owner"), "owner"),
    )


def receipt_columns(with_client: bool = True) -> tuple[Column[ReceiptRow], ...]:
    """Date, client and contract number (not for one contract's receipts), amount, method, notes."""
    whose = (
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Client"), "client_name", stretch=True),
        _column(
            QT_TRANSLATE_NOOP("ContractsPage", "Contract number"), "contract_number", width=150
        ),
    )
    return (
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Received on"), "received_on", format_date),
        *(whose if with_client else ()),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Amount"), "amount", format_money),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Method"), "method"),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Notes"), "notes", tooltip=attribute("notes")),
    )


def receivable_columns(lang: str) -> tuple[Column[ClientReceivable], ...]:
    """Each client's open amount, by age (the oldest in red), and what it paid ahead."""
    oldest = list(AgeBucket)[-1]

    def bucket(age: AgeBucket) -> Column[ClientReceivable]:
        return Column(
            shown(age, lang),
            lambda r: format_money(r.buckets[age]) if r.buckets[age] else "",
            align=RIGHT,
            sort=lambda r: r.buckets[age],
            colour=(lambda _r: OVERDUE_RED) if age is oldest else None,
        )

    return (
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Client"), "client_name", stretch=True),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Owner"), "owner"),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Open in total"), "outstanding", format_money),
        *(bucket(age) for age in AgeBucket),
        _column(QT_TRANSLATE_NOOP("ContractsPage", "Paid ahead"), "credit", _blank_or_money),
    )
