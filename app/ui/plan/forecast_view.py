"""销售预测: each account manager's forecast 回款 for the coming months. A cell shows the figure
entered (bold) or, without one, the figure suggested from the pipeline; typing a figure enters
it, clearing the cell goes back to the suggestion. Below, how the suggestion of the chosen cell
(or of all) is made: the receivables and tenders behind it (app.services.forecasts)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial
from operator import attrgetter

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain.errors import AppError, ValidationError
from app.domain.forecasts import OVERDUE, PipelineItem
from app.domain.money import AmountError, fen_to_yuan, parse_yuan
from app.domain.tenders import TenderStatus
from app.services import forecasts
from app.services.forecasts import ForecastCell, ForecastView
from app.ui.context import Changes, UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.dates import DateEdit
from app.ui.kit.labels import shown
from app.ui.kit.tables import RIGHT, Column, ListModel, ListView, attribute
from app.ui.plan.year_view import money_cell
from app.ui.widgets import error_text, format_money

FOLLOWS = ("forecast", "receipt", "contract", "tender", "client")


def _changed(cell: ForecastCell, value: Decimal | None) -> bool:
    """An entered figure changed or cleared, or a figure typed over a suggestion."""
    if cell.entered is not None:
        return value != cell.entered
    return value not in (None, cell.suggested)


class ForecastPanel(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.view: ForecastView | None = None
        self.first = DateEdit(ctx.archive.today().replace(day=1), months=True)
        self.first.setCalendarPopup(False)
        self.first.dateChanged.connect(lambda _d: self.reload())
        self.months = QSpinBox(minimum=1, maximum=12)
        self.months.setValue(forecasts.DEFAULT_MONTHS)
        self.months.valueChanged.connect(lambda _v: self.reload())
        self.save_button = QPushButton(self.tr("Save forecasts"), clicked=self.save)
        self.message = QLabel(wordWrap=True)
        self.grid = QTableWidget(0, 0)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.currentCellChanged.connect(lambda *_a: self._show_breakdown())
        self.suggested = QLabel(wordWrap=True)
        self.breakdown_model: ListModel[PipelineItem] = ListModel(
            self.breakdown_columns(), row_id=attrgetter("ref_id"), parent=self
        )
        # texts made by the model for the rows shown (24,227 receivables on the big archive)
        self.breakdown = ListView(self.breakdown_model, parent=self)
        method = QLabel(
            self.tr(
                "Suggested: receivables in full on their due date (overdue ones in the current "
                "month); open tenders at budget × win probability (tracking 10%, preparing 30%, "
                "bid 50%, won without contract 90%), 60 days after the award (30 days to sign, "
                "Government Procurement Law art. 46, and 30 days to pay)."
            ),
            wordWrap=True,
        )
        top = boxes.row(
            QLabel(self.tr("From")),
            self.first,
            QLabel(self.tr("Months")),
            self.months,
            ...,
            (self.message, 2),
            self.save_button,
        )
        lower = QWidget()
        boxes.column(self.suggested, (self.breakdown, 1), method, parent=lower)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.grid)
        splitter.addWidget(lower)
        boxes.column(top, (splitter, 1), parent=self)
        ctx.events.changes.connect(self._on_changes)
        self.reload()

    def reload(self) -> None:
        chosen = self.first.date()
        first = date(chosen.year(), chosen.month(), 1)
        args = (self.ctx.archive, first, self.months.value())
        ops.query(self, forecasts.show, *args, key="forecast", on_done=self._show)

    def _show(self, view: ForecastView) -> None:
        self.view = view
        self.grid.blockSignals(True)
        self.grid.clear()
        self.grid.setColumnCount(len(view.months))
        self.grid.setHorizontalHeaderLabels([f"{y:04d}-{m:02d}" for y, m in view.months])
        self.grid.setRowCount(len(view.owners) + 1)
        for row, owner in enumerate(view.owners):
            name = owner or self.tr("(no account manager)")
            self.grid.setVerticalHeaderItem(row, QTableWidgetItem(name))
            for column, cell in enumerate(self.cells_of(owner)):
                self.grid.setItem(row, column, self._forecast_item(cell))
        total_row = len(view.owners)
        self.grid.setVerticalHeaderItem(total_row, QTableWidgetItem(self.tr("Total")))
        for column, (year, month) in enumerate(view.months):
            item = money_cell(format_money(view.total(year, month)))
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
            self.grid.setItem(total_row, column, item)
        self.grid.blockSignals(False)
        self._show_breakdown()

    def cells_of(self, owner: str) -> list[ForecastCell]:
        return [c for c in self.view.cells if c.owner == owner]

    def _forecast_item(self, cell: ForecastCell) -> QTableWidgetItem:
        """An entered figure in bold; else the suggested one, in grey."""
        item = money_cell(f"{cell.forecast:,.2f}", editable=True)
        suggested = format_money(cell.suggested)
        if cell.entered is None:
            item.setForeground(Qt.GlobalColor.gray)
            item.setToolTip(self.tr("Suggested {0}: type a figure to enter one").format(suggested))
        else:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
            tip = self.tr("Entered; suggested {0}. Clear the cell to use the suggestion")
            item.setToolTip(tip.format(suggested))
        return item

    def _show_breakdown(self) -> None:
        """The pipeline behind the chosen cell (an owner's month), or behind every cell."""
        if self.view is None:
            return
        items = self.chosen_items()
        total = sum((i.amount_fen for i in items), 0)
        self.suggested.setText(
            self.tr("Suggested {0} from {1} records").format(
                format_money(fen_to_yuan(total)), len(items)
            )
        )
        self.breakdown_model.set_rows(items)

    def chosen_items(self) -> list[PipelineItem]:
        view = self.view
        row, column = self.grid.currentRow(), self.grid.currentColumn()
        items = list(view.suggestion.items)
        if 0 <= column < len(view.months):
            year, month = view.months[column]
            items = [i for i in items if (i.expected_on.year, i.expected_on.month) == (year, month)]
        if 0 <= row < len(view.owners):
            items = [i for i in items if i.owner == view.owners[row]]
        return items

    def breakdown_columns(self) -> tuple[Column[PipelineItem], ...]:
        """The breakdown's columns; a cell's text is made when the row is shown."""
        money = fen_to_yuan
        return (
            Column(
                self.tr("Expected on"),
                lambda i: f"{i.expected_on:%Y-%m-%d}",
                width=90,
                sort="expected_on",
            ),
            Column(self.tr("Source"), self.source_label, width=70, sort="kind"),
            Column(self.tr("Record"), attribute("label"), stretch=True, sort="label"),
            Column(self.tr("Client"), attribute("client"), width=200, sort="client"),
            Column(self.tr("Account manager"), attribute("owner"), width=120, sort="owner"),
            Column(self.tr("Stage"), self.stage_label, width=80),
            Column(
                self.tr("Amount × probability"),
                self.basis_text,
                align=RIGHT,
                width=150,
                sort="basis_fen",
            ),
            Column(
                self.tr("Counts"),
                lambda i: format_money(money(i.amount_fen)),
                align=RIGHT,
                width=110,
                sort="amount_fen",
            ),
        )

    def source_label(self, item: PipelineItem) -> str:
        return self.tr("Receivable") if item.kind == "contract" else self.tr("Tender")

    @staticmethod
    def basis_text(item: PipelineItem) -> str:
        basis = format_money(fen_to_yuan(item.basis_fen))
        return basis if item.kind == "contract" else f"{basis} × {item.percent}%"

    def breakdown_texts(self, item: PipelineItem) -> list[str]:
        """A row of the breakdown as its cells show it."""
        return [column.text(item) for column in self.breakdown_model.columns]

    def stage_label(self, item: PipelineItem) -> str:
        """A tender's stage, or whether a receivable is overdue, in the window's language."""
        if item.kind == "tender":
            return shown(item.stage, self.ctx.lang, TenderStatus)
        return self.tr("Overdue") if item.stage == OVERDUE else self.tr("Not due")

    # --- entering ------------------------------------------------------------------------------

    def edited_cells(self) -> list[tuple[str, int, int, Decimal | None]]:
        """Cells whose figure differs from what was read: (owner, year, month, amount or None
        to go back to the suggestion). ValidationError for a figure that is not an amount."""
        out = []
        for row, owner in enumerate(self.view.owners):
            for column, cell in enumerate(self.cells_of(owner)):
                text = self.grid.item(row, column).text().strip()
                try:
                    value = parse_yuan(text) if text else None
                except AmountError as exc:
                    raise ValidationError("forecast", exc.code, value=text) from None
                if _changed(cell, value):
                    out.append((owner, cell.year, cell.month, value))
        return out

    def save(self) -> bool:
        if self.view is None:
            return False
        try:
            cells = self.edited_cells()
        except AppError as exc:
            self._say(error_text(exc, self.ctx.lang), error=True)
            return False
        if not cells:
            return False
        ops.write(
            self,
            partial(forecasts.set_forecasts, cells=cells),
            self.ctx.archive,
            changes={"forecast"},
            on_done=lambda _none: self._say(self.tr("Forecasts saved.")),
            on_error=lambda exc: self._say(error_text(exc, self.ctx.lang), error=True),
        )
        return True

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #d9363e;" if error else "color: #2e9d4f;")
        self.message.setText(text)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(*FOLLOWS):
            self.reload()
