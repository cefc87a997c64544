"""年度计划: a year's 回款 plan (the team's or one account manager's) split into quarters and
months, with plan vs actual vs forecast and a total row. The year's target is set with its split
(even, or by last year's receipts); a month's plan typed in the table is entered by hand: it keeps
its value and the other months re-balance (app.services.annual_plans)."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain.annual_plans import QUARTERS, Split
from app.domain.errors import AppError
from app.domain.parsing import parse_money
from app.domain.periods import FIRST_YEAR, LAST_YEAR
from app.services import annual_plans
from app.services.annual_plans import Figures, YearView
from app.ui.context import Changes, UiContext
from app.ui.kit import boxes, ops
from app.ui.widgets import error_text, format_money

FOLLOWS = ("plan", "forecast", "receipt", "contract", "tender", "client")
PLAN, ACTUAL, FORECAST, PERCENT, SOURCE = range(5)


def money_cell(text: str, editable: bool = False) -> QTableWidgetItem:
    """A right-aligned figure cell of the year and forecast tables; only `editable` ones take typing."""
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    flags = item.flags() | Qt.ItemFlag.ItemIsEditable
    item.setFlags(flags if editable else flags & ~Qt.ItemFlag.ItemIsEditable)
    return item


def row_months() -> list[int]:
    """The table's rows: months 1-3, quarter 1 (0), months 4-6, quarter 2 (0) ...; the total
    row comes last."""
    rows: list[int] = []
    for quarter in QUARTERS:
        rows += [*quarter, 0]
    return rows


class YearPlanView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.view: YearView | None = None
        self.year = QSpinBox(minimum=FIRST_YEAR, maximum=LAST_YEAR)
        self.year.setValue(ctx.archive.today().year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.owner = QComboBox()
        self.owner.addItem(self.tr("Team"), "")
        self.owner.currentIndexChanged.connect(lambda _i: self.reload())
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("Annual receipts target (yuan)"))
        self.amount.setMinimumWidth(200)
        self.split = QComboBox()
        self.split.addItem(self.tr("Evenly"), Split.EVEN.value)
        self.split.addItem(self.tr("By last year's receipts"), Split.SEASONAL.value)
        self.set_button = QPushButton(self.tr("Set annual target"), clicked=self.set_target)
        self.save_months = QPushButton(self.tr("Save months"), clicked=self.save_month_edits)
        self.unpin_button = QPushButton(self.tr("Back to the split"), clicked=self.unpin_selected)
        self.unpin_button.setToolTip(
            self.tr("The selected month entered by hand follows the split again")
        )
        self.summary = QLabel(wordWrap=True)
        self.message = QLabel(wordWrap=True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Plan"),
                self.tr("Actual"),
                self.tr("Forecast"),
                self.tr("Achieved"),
                self.tr("Forecast from"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        top = boxes.row(
            QLabel(self.tr("Year")),
            self.year,
            QLabel(self.tr("Account manager")),
            self.owner,
            self.amount,
            self.split,
            self.set_button,
        )
        bottom = boxes.row((self.message, 1), self.unpin_button, self.save_months)
        boxes.column(top, self.summary, (self.table, 1), bottom, parent=self)
        ctx.events.changes.connect(self._on_changes)
        self.reload()

    def chosen_owner(self) -> str:
        return self.owner.currentData() or ""

    def reload(self) -> None:
        query = (self.ctx.archive, self.year.value(), self.chosen_owner())
        ops.query(self, annual_plans.year_view, *query, key="year", on_done=self._show)

    def _show(self, view: YearView) -> None:
        self.view = view
        self._fill_owners(view.owners)
        if view.explicit:
            self.amount.setText(f"{view.target:,.2f}")
            self.split.setCurrentIndex(max(self.split.findData(view.split), 0))
            text = self.tr("Annual target {0}, split: {1}").format(
                format_money(view.target), self.split.currentText()
            )
        else:
            self.amount.clear()
            text = self.tr("No annual target set: the plan is the months' targets added up")
        self.summary.setText(text)
        rows = row_months()
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows) + 1)
        for row, month in enumerate(rows):
            figures = view.months[month - 1] if month else view.quarters[row // 4]
            self._fill_row(row, figures, editable=bool(month))
        self._fill_row(len(rows), view.total, editable=False)
        self.table.blockSignals(False)

    def _fill_owners(self, owners: tuple[str, ...]) -> None:
        known = [self.owner.itemData(i) for i in range(1, self.owner.count())]
        if list(owners) == known:
            return
        chosen = self.chosen_owner()
        self.owner.blockSignals(True)
        while self.owner.count() > 1:
            self.owner.removeItem(1)
        for name in owners:
            self.owner.addItem(name, name)
        self.owner.setCurrentIndex(max(self.owner.findData(chosen), 0))
        self.owner.blockSignals(False)

    def _fill_row(self, row: int, figures: Figures, editable: bool) -> None:
        self.table.setVerticalHeaderItem(row, QTableWidgetItem(self.row_label(figures)))
        rate = f"{figures.percent}%" if figures.percent is not None else "—"
        cells = (
            money_cell(f"{figures.plan:,.2f}", editable),
            money_cell(format_money(figures.actual)),
            money_cell(format_money(figures.forecast)),
            money_cell(rate),
            money_cell(self.source_label(figures.source)),
        )
        for column, item in enumerate(cells):
            if not editable:  # quarters and the year in bold
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)
        if figures.pinned:
            plan = self.table.item(row, PLAN)
            plan.setForeground(Qt.GlobalColor.darkBlue)
            plan.setToolTip(self.tr("Entered by hand: kept when the other months re-balance"))
            plan.setText(plan.text() + " ✎")

    def row_label(self, figures: Figures) -> str:
        if figures.month:
            return self.tr("Month {0}").format(figures.month) if self._english() else figures.label
        if figures.label == "全年":
            return self.tr("Year total")
        quarter = annual_plans.QUARTER_LABELS.index(figures.label) + 1
        return self.tr("Q{0}").format(quarter)

    def _english(self) -> bool:
        return self.ctx.lang.startswith("en")

    def source_label(self, source: str) -> str:
        return {
            "actual": self.tr("actual (month over)"),
            "entered": self.tr("entered"),
            "suggested": self.tr("suggested"),
            "mixed": self.tr("partly entered"),
        }.get(source, "")

    # --- writing -----------------------------------------------------------------------------

    def _amount(self, text: str, field: str) -> Decimal:
        return parse_money(text, field, required=True)

    def set_target(self) -> bool:
        """Stores the year's target with the split chosen; the months follow."""
        try:
            amount = self._amount(self.amount.text(), "annual_receipts")
        except AppError as exc:
            self._say(error_text(exc, self.ctx.lang), error=True)
            return False
        split = Split(self.split.currentData())
        self._write(partial(annual_plans.set_year_plan, amount=amount, split=split))
        return True

    def edited_months(self) -> dict[int, Decimal]:
        """Months whose plan cell differs from what was read (ValidationError for a bad one)."""
        out = {}
        for row, month in enumerate(row_months()):
            if not month or self.view is None:
                continue
            text = self.table.item(row, PLAN).text().replace("✎", "").strip()
            value = self._amount(text, "receipts")
            if value != self.view.months[month - 1].plan:
                out[month] = value
        return out

    def save_month_edits(self) -> bool:
        try:
            months = self.edited_months()
        except AppError as exc:
            self._say(error_text(exc, self.ctx.lang), error=True)
            return False
        if not months:
            return False
        self._write(partial(annual_plans.set_year_plan, amount=None, months=months))
        return True

    def unpin_selected(self) -> bool:
        rows = row_months()
        row = self.table.currentRow()
        if not 0 <= row < len(rows) or not rows[row]:
            return False
        self._write(partial(annual_plans.set_year_plan, amount=None, unpin=(rows[row],)))
        return True

    def _write(self, fn) -> None:
        ops.write(
            self,
            partial(fn, owner=self.chosen_owner()),
            self.ctx.archive,
            self.year.value(),
            changes={"plan"},
            on_done=lambda _view: self._say(self.tr("Annual plan saved.")),
            on_error=lambda exc: self._say(error_text(exc, self.ctx.lang), error=True),
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #d9363e;" if error else "color: #2e9d4f;")
        self.message.setText(text)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(*FOLLOWS):
            self.reload()
