"""费用预算: a month's expense budget per account manager and activity kind, set, changed and
removed here, shown against what was spent (the expenses recorded on activities) with what
remains and the share used, and the year's total beside it. Opened from 分析与月报."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.budgets import BudgetLine
from app.domain.enums import ActivityKind
from app.domain.errors import FieldProblem, ValidationError
from app.domain.labels import label as stored_label
from app.domain.periods import month_bounds
from app.services import budgets, plans
from app.services.budgets import BudgetReport
from app.ui.clients.client_dialog import ClientForm
from app.ui.context import Changes, UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.dates import DateEdit
from app.ui.kit.tables import RIGHT, Column, ListModel, ListView
from app.ui.widgets import confirm, format_money


def load(archive, year: int, month: int) -> tuple[BudgetReport, BudgetReport, list[str]]:
    """The month's budget vs spent, the year's, and the account managers to choose from."""
    first, last = month_bounds(year, month)
    month_report = budgets.budget_report(archive, first, last)
    year_report = budgets.budget_report(archive, date(year, 1, 1), date(year, 12, 31))
    return month_report, year_report, plans.owner_names(archive)


def _key(line: BudgetLine) -> int:
    return hash((line.owner, line.kind)) & 0x7FFFFFFF


class BudgetLineDialog(ClientForm):
    """Set one month's budget for an account manager and a kind (Enter saves, Esc cancels)."""

    def __init__(
        self,
        ctx: UiContext,
        month: str,
        owners: list[str],
        line: BudgetLine | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(ctx, parent)
        self.month = month
        self.setWindowTitle(self.tr("Expense budget {0}").format(month))
        self.owner_box = QComboBox(self, editable=True)
        self.owner_box.addItems(owners)
        self.kind_box = QComboBox(self)
        for kind in ActivityKind:
            self.kind_box.addItem(stored_label(kind.value, ctx.lang, ActivityKind), kind.value)
        self.amount_edit = QLineEdit(self, placeholderText=self.tr("Amount in yuan, e.g. 5,000"))
        if line is not None:
            self.owner_box.setCurrentText(line.owner)
            self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(line.kind)))
            self.amount_edit.setText(f"{line.budget:.2f}")
            self.owner_box.setEnabled(False)
            self.kind_box.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.label("owner") + " *", self.errors.wrap("owner", self.owner_box))
        form.addRow(self.label("kind") + " *", self.errors.wrap("kind", self.kind_box))
        form.addRow(
            self.label("budget_amount") + " *", self.errors.wrap("budget_amount", self.amount_edit)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.save_buttons(self.save, self.tr("Save"), self.tr("Cancel")))
        focus = self.amount_edit if line is not None else self.owner_box
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        self.clear_errors()
        return self.write(
            budgets.set_budget,
            self.month,
            self.owner_box.currentText(),
            self.kind_box.currentData(),
            self.amount_edit.text(),
            changes={"budget"},
        )

    def refused(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self.mark_problems([FieldProblem(exc.field, exc.code, dict(exc.details))])
            self.save_button.setEnabled(True)
        else:
            super().refused(exc)


class BudgetDialog(QDialog):
    """The month's budget lines against what was spent; 设置/修改/删除 change them."""

    def __init__(self, ctx: UiContext, year: int, month: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.owners: list[str] = []
        self.active_dialog = None
        self.setWindowTitle(self.tr("Expense budget"))
        self.resize(820, 520)
        self.month = DateEdit(QDate(year, month, 1), months=True, parent=self)
        self.month.dateChanged.connect(lambda _d: self.reload())
        self.model = ListModel(self._columns(), row_id=_key, parent=self)
        self.table = ListView(self.model, settings_key="budget_lines", parent=self)
        self.table.row_activated.connect(lambda _id: self.edit_line())
        self.set_button = QPushButton(self.tr("Set budget…"), self, clicked=lambda: self.add_line())
        self.edit_button = QPushButton(self.tr("Change…"), self, clicked=lambda: self.edit_line())
        self.delete_button = QPushButton(self.tr("Remove"), self, clicked=lambda: self.remove())
        keys.mark(self.delete_button, keys.DELETE, self.table)
        self.close_button = QPushButton(self.tr("Close"), self, clicked=self.accept)
        self.total_label = QLabel(self, wordWrap=True)
        self.year_label = QLabel(self, wordWrap=True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Month"), self))
        bar.addWidget(self.month)
        bar.addStretch(1)
        for button in (self.set_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
            bar.addWidget(button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.year_label, 1)
        bottom.addWidget(self.close_button)
        boxes.column(bar, (self.table, 1), self.total_label, bottom, parent=self)
        ctx.events.changes.connect(self._on_changes)
        self.reload()

    def _columns(self) -> tuple[Column[BudgetLine], ...]:
        def money(name: str):
            return lambda line: format_money(getattr(line, name))

        def used(line: BudgetLine) -> str:
            return "—" if line.used is None else f"{line.used}%"

        def over(line: BudgetLine) -> str | None:
            return "#d9363e" if line.remaining < 0 else None

        return (
            Column(self.tr("Account manager"), lambda line: line.owner, width=120),
            Column(
                self.tr("Kind"),
                lambda line: stored_label(line.kind, self.ctx.lang, ActivityKind),
                width=100,
            ),
            Column(self.tr("Budget"), money("budget"), align=RIGHT, width=120),
            Column(self.tr("Spent"), money("spent"), align=RIGHT, width=120),
            Column(self.tr("Remaining"), money("remaining"), align=RIGHT, width=120, colour=over),
            Column(self.tr("Used"), used, align=RIGHT, width=80, colour=over),
        )

    # --- reading ------------------------------------------------------------------------------
    def chosen(self) -> tuple[int, int]:
        day = self.month.date()
        return day.year(), day.month()

    def month_text(self) -> str:
        year, month = self.chosen()
        return f"{year}-{month:02d}"

    def reload(self):
        return ops.query(
            self,
            load,
            self.ctx.archive,
            *self.chosen(),
            key="budget",
            label=self.tr("Loading the budget"),
            on_done=self._show,
        )

    def _show(self, result: tuple[BudgetReport, BudgetReport, list[str]]) -> None:
        month_report, year_report, self.owners = result
        self.model.set_rows(month_report.lines)
        self.total_label.setText(self._total_text(self.tr("Month"), month_report.total))
        year = self.chosen()[0]
        self.year_label.setText(
            self._total_text(self.tr("Year {0}").format(year), year_report.total)
        )

    def _total_text(self, title: str, total: BudgetLine) -> str:
        used = "—" if total.used is None else f"{total.used}%"
        text = self.tr("{0}: budget {1}, spent {2}, remaining {3}, used {4}")
        return text.format(
            title,
            format_money(total.budget),
            format_money(total.spent),
            format_money(total.remaining),
            used,
        )

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("budget", "activity", "client"):
            self.reload()

    # --- changing -----------------------------------------------------------------------------
    def _open(self, line: BudgetLine | None) -> None:
        self.active_dialog = BudgetLineDialog(
            self.ctx, self.month_text(), self.owners, line, parent=self
        )
        self.active_dialog.open()

    def add_line(self) -> None:
        self._open(None)

    def edit_line(self) -> None:
        line = self.table.current_row()
        if line is not None:
            self._open(line)

    def remove(self) -> None:
        line = self.table.current_row()
        if line is None:
            return
        question = self.tr("Remove the budget of {0} for {1} in {2}?").format(
            line.owner, stored_label(line.kind, self.ctx.lang, ActivityKind), self.month_text()
        )
        if confirm(self, self.tr("Remove budget"), question):
            ops.write(
                self,
                budgets.delete_budget,
                self.ctx.archive,
                self.month_text(),
                line.owner,
                line.kind,
                changes={"budget"},
                label=self.tr("Remove budget"),
            )
