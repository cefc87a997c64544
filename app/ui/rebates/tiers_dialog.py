"""The rebate tiers (settings): where each tier starts, whether exactly that amount belongs to
it, and its rate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain.errors import ValidationError
from app.domain.money import parse_yuan
from app.domain.parsing import parse_percent
from app.domain.rebates import DEFAULT_TIERS, RebateTier, percent
from app.services import rebates
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.forms import FieldErrors, FormDialog


class TiersDialog(FormDialog):
    """The rebate tiers (settings): where each tier starts, whether exactly that amount belongs
    to it, and its rate. The handbook's tiers are the defaults."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Rebate tiers"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Sales from (yuan)"), self.tr("Includes that amount"), self.tr("Rate %")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(140)
        self.setMinimumWidth(520)
        for tier in rebates.tiers(ctx.archive):
            self.add_row(f"{tier.min_sales:,.2f}", tier.inclusive, percent(tier.rate))
        add = QPushButton(self.tr("Add tier"), clicked=lambda: self.add_row("", False, ""))
        remove = QPushButton(self.tr("Remove tier"))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.rowCount() - 1))
        defaults = QPushButton(self.tr("Handbook defaults"), clicked=self.load_defaults)
        self.errors = FieldErrors(ctx.lang)
        self.error = QLabel()  # what the table's error line does not show
        self.error.setStyleSheet("color: #d9363e;")
        self.error.setWordWrap(True)
        row = boxes.row(add, remove, defaults, ...)
        layout = boxes.column(
            self.errors.wrap("rebate_tiers", self.table), row, self.error, parent=self
        )
        layout.addWidget(self.save_buttons(self.save))  # Enter saves; Esc with changes asks

    def add_row(self, minimum: str, inclusive: bool, rate: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(minimum))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Checked if inclusive else Qt.CheckState.Unchecked)
        self.table.setItem(row, 1, check)
        self.table.setItem(row, 2, QTableWidgetItem(rate))

    def load_defaults(self) -> None:
        self.table.setRowCount(0)
        for tier in DEFAULT_TIERS:
            self.add_row(f"{tier.min_sales:,.2f}", tier.inclusive, percent(tier.rate))

    def read(self) -> tuple[RebateTier, ...]:
        tiers = []
        for row in range(self.table.rowCount()):
            minimum = self.table.item(row, 0).text() if self.table.item(row, 0) else ""
            rate = self.table.item(row, 2).text() if self.table.item(row, 2) else ""
            try:
                amount = parse_yuan(minimum)
                rate_value = parse_percent(rate, "rebate_tiers")
            except (ValueError, ArithmeticError):
                raise ValidationError(
                    "rebate_tiers", "bad_rate", rate=f"{minimum} {rate}"
                ) from None
            if amount is None or rate_value is None:
                raise ValidationError("rebate_tiers", "required")
            inclusive = self.table.item(row, 1).checkState() == Qt.CheckState.Checked
            tiers.append(RebateTier(amount, inclusive, rate_value))
        return tuple(tiers)

    def save(self) -> None:
        """Stores the tiers in the background (Changes 'rebate_tiers': the calculator follows)
        and closes, or says what is wrong under the table."""
        self.errors.clear()
        self.error.clear()
        try:
            tiers = self.read()
        except ValidationError as exc:
            self.errors.show_failure(exc, self.error)
            return
        ops.write(
            self,
            rebates.save_tiers,
            self.ctx.archive,
            tiers,
            changes={"rebate_tiers"},
            on_done=lambda _tiers: self.accept(),
            on_error=lambda exc: self.errors.show_failure(exc, self.error),
        )
