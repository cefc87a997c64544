"""The tender register's columns, shared by the 投标 area and a client's tenders tab: a deadline
within three days of a bid not yet in is red and bold, a status has its colour."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from app.domain.tenders import TenderMethod, TenderStatus
from app.services.tenders import TenderRow
from app.ui.context import UiContext
from app.ui.kit.labels import shown
from app.ui.kit.tables import RIGHT, Column, attribute
from app.ui.widgets import format_date, format_money

URGENT_RED = QColor("#d9363e")
URGENT_DAYS = 3
OPEN_STATUSES = (TenderStatus.TRACKING.value, TenderStatus.PREPARING.value)
STATUS_COLOURS = {
    TenderStatus.WON.value: "#1e8449",
    TenderStatus.LOST.value: "#7f8c8d",
    TenderStatus.VOID.value: "#7f8c8d",
    TenderStatus.ABANDONED.value: "#7f8c8d",
    TenderStatus.SUBMITTED.value: "#2471a3",
}
DEADLINE_COLUMN = 5
translate = QCoreApplication.translate  # lupdate reads a bare tr() as self.tr()


def is_urgent(row: TenderRow, now: datetime) -> bool:
    """Red: the bid deadline is within 3 days (or already passed) and the bid is not in."""
    if row.bid_deadline is None or row.status not in OPEN_STATUSES:
        return False
    return row.bid_deadline <= now + timedelta(days=URGENT_DAYS)


def _money(name: str, heading: str) -> Column[TenderRow]:
    return Column(heading, attribute(name, fmt=format_money), align=RIGHT, sort=name, width=110)


def tender_columns(ctx: UiContext, purchaser: bool = True) -> tuple[Column[TenderRow], ...]:
    """The register's columns (without the purchaser on the purchaser's own page)."""

    def urgent(row: TenderRow) -> bool:
        return is_urgent(row, ctx.archive.now())

    columns = (
        Column(
            translate("TenderTableModel", "Project name"),
            attribute("title"),
            sort="title",
            tooltip=attribute("title"),
            width=240,
        ),
        Column(
            translate("TenderTableModel", "Project number"),
            attribute("number"),
            sort=lambda row: row.number or None,  # those without a number last
            width=130,
        ),
        Column(
            translate("TenderTableModel", "Purchaser"),
            attribute("client_name"),
            sort="client_name",
            width=180,
        ),
        Column(
            translate("TenderTableModel", "Method"),
            lambda row: shown(row.method, ctx.lang, TenderMethod),
            sort="method",
            width=80,
        ),
        _money("budget", translate("TenderTableModel", "Budget")),
        Column(
            translate("TenderTableModel", "Bid deadline"),
            lambda row: format_date(row.bid_deadline),
            sort="bid_deadline",
            colour=lambda row: URGENT_RED if urgent(row) else None,
            bold=urgent,
            width=130,
        ),
        Column(
            translate("TenderTableModel", "Status"),
            lambda row: shown(row.status, ctx.lang, TenderStatus),
            sort="status",
            colour=lambda row: STATUS_COLOURS.get(row.status),
            width=70,
        ),
        _money("our_price", translate("TenderTableModel", "Our price")),
        _money("winning_price", translate("TenderTableModel", "Winning price")),
    )
    return columns if purchaser else columns[:2] + columns[3:]
