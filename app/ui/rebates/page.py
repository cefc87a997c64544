"""Sales rebates (销售返点): the list with approval states, a quote calculator, applying for a
client's rebate, and approving or rejecting step by step (大客户部经理 -> 市场营销中心 -> 总经理).

Only the step that is due can be clicked; the letter to the client is printed only once the
rebate is fully approved, the application form at any time (it says nothing may be promised)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import private_temp
from app.domain.errors import AppError, ValidationError
from app.domain.money import parse_yuan
from app.domain.parsing import parse_percent
from app.domain.rebates import (
    APPROVAL_ORDER,
    DEFAULT_TIERS,
    ApprovalStep,
    RebateStatus,
    RebateTier,
    percent,
    rebate_number,
)
from app.services import rebates
from app.services.rebates import RebateRecord
from app.ui.activity_dialog import ClientPicker
from app.ui.context import UiContext
from app.ui.kit import keys
from app.ui.kit.dates import DateEdit
from app.ui.kit.forms import FormDialog, reveal_problem
from app.ui.kit.labels import add_choices, shown
from app.ui.widgets import error_text, format_date, format_money, show_error

AnyIndex = QModelIndex | QPersistentModelIndex
PRINT_DIR = private_temp.session_path("rebates")
STATUS_COLOURS = {
    RebateStatus.APPROVED: "#1e8449",
    RebateStatus.REJECTED: "#c0392b",
}

COLUMNS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("RebateTableModel", "No."), "id"),
    (QT_TRANSLATE_NOOP("RebateTableModel", "Client"), "client_name"),
    (QT_TRANSLATE_NOOP("RebateTableModel", "Period"), "period"),
    (QT_TRANSLATE_NOOP("RebateTableModel", "Sales"), "sales"),
    (QT_TRANSLATE_NOOP("RebateTableModel", "Receipts"), "receipts"),
    (QT_TRANSLATE_NOOP("RebateTableModel", "Rate"), "rate"),
    (QT_TRANSLATE_NOOP("RebateTableModel", "Rebate"), "amount"),
    (QT_TRANSLATE_NOOP("RebateTableModel", "Status"), "status"),
    (QT_TRANSLATE_NOOP("RebateTableModel", "Applicant"), "applicant"),
)
MONEY = {"sales", "receipts", "amount"}


def status_text(status: RebateStatus | str, lang: str) -> str:
    return shown(status, lang, RebateStatus)


class RebateTableModel(QAbstractTableModel):
    """Rebates are a few thousand at most: one query, cached."""

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[RebateRecord] = []
        self.status: str | None = None

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = rebates.list_rebates(self.ctx.archive, status=self.status)
        self.endResetModel()

    def row_of(self, rebate_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == rebate_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("RebateTableModel", COLUMNS[section][0])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, attribute = self.rows[index.row()], COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, attribute)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and attribute in MONEY | {"rate"}:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and attribute == "status":
            colour = STATUS_COLOURS.get(row.status, "#d68910")
            return QBrush(QColor(colour))
        return None

    def _display(self, row: RebateRecord, attribute: str) -> str:
        if attribute == "id":
            return rebate_number(row.id)
        if attribute == "period":
            return f"{format_date(row.period_start)} ~ {format_date(row.period_end)}"
        if attribute in MONEY:
            return format_money(getattr(row, attribute))
        if attribute == "rate":
            return percent(row.rate)
        if attribute == "status":
            return status_text(row.status, self.ctx.lang)
        return str(getattr(row, attribute))


class QuoteCalculator(QGroupBox):
    """Sales and receipts in, the tier's rate and the rebate out, as one types."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(self.tr("Rebate calculator"), parent)
        self.ctx = ctx
        self.sales = QLineEdit()
        self.sales.setPlaceholderText(self.tr("e.g. 250,000"))
        self.receipts = QLineEdit()
        self.receipts.setPlaceholderText(self.tr("e.g. 180,000"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Sales (signed amount)"), self.sales)
        form.addRow(self.tr("Receipts"), self.receipts)
        form.addRow(self.result)
        self.sales.textChanged.connect(self.recalculate)
        self.receipts.textChanged.connect(self.recalculate)
        self.recalculate()

    def recalculate(self) -> None:
        try:
            sales = parse_yuan(self.sales.text())
            receipts = parse_yuan(self.receipts.text())
        except ValueError:
            self.result.setText(self.tr("Enter amounts such as 250,000.00"))
            return
        if sales is None or receipts is None:
            self.result.setText(self.tr("Enter the sales and the receipts of the period."))
            return
        try:
            quote = rebates.quote(sales, receipts, rebates.tiers(self.ctx.archive))
        except AppError as exc:
            self.result.setText(error_text(exc, self.ctx.lang))
            return
        self.result.setText(
            self.tr("Rate {0}: rebate {1}").format(percent(quote.rate), format_money(quote.amount))
        )


class ApplyDialog(FormDialog):
    """Apply for a client's rebate for a period: shows the computed rebate before applying."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.record: RebateRecord | None = None
        self.setWindowTitle(self.tr("Apply for a rebate"))
        self.setMinimumWidth(480)  # the client box shows its whole hint
        today = ctx.archive.today()
        self.client = ClientPicker(ctx, self)
        self.first = DateEdit(today.replace(month=1, day=1))
        self.last = DateEdit(today)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.applicant = QLineEdit()
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d9363e;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Client"), self.client)
        form.addRow(self.tr("From"), self.first)
        form.addRow(self.tr("To"), self.last)
        form.addRow(self.tr("Applicant"), self.applicant)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Apply"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("Nothing may be promised to the client before approval.")))
        layout.addWidget(buttons)
        self.client.chosen.connect(lambda _id: self.update_preview())
        self.first.dateChanged.connect(lambda _d: self.update_preview())
        self.last.dateChanged.connect(lambda _d: self.update_preview())
        self.set_form_buttons(self.ok_button)  # Enter applies; closing with changes asks

    def set_client(self, client_id: int, name: str) -> None:
        self.client.set_client(client_id, name)

    def _period(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()

    def update_preview(self) -> None:
        client_id = self.client.client_id
        if client_id is None:
            self.preview.clear()
            return
        try:
            quote = rebates.compute(self.ctx.archive, client_id, *self._period())
        except AppError as exc:
            self.preview.setText(error_text(exc, self.ctx.lang))
            return
        self.preview.setText(
            self.tr("Sales {0}, receipts {1}: rate {2}, rebate {3}").format(
                format_money(quote.sales),
                format_money(quote.receipts),
                percent(quote.rate),
                format_money(quote.amount),
            )
        )

    def submit(self) -> None:
        client_id = self.client.resolve()
        try:
            if client_id is None:
                raise ValidationError("client", "required")
            self.record = rebates.apply(
                self.ctx.archive, client_id, *self._period(), self.applicant.text()
            )
        except AppError as exc:
            self.error.setText(error_text(exc, self.ctx.lang))
            reveal_problem(exc, {"client": self.client, "period": self.first})
            return
        self.accept()


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
        add = QPushButton(self.tr("Add tier"))
        add.clicked.connect(lambda: self.add_row("", False, ""))
        remove = QPushButton(self.tr("Remove tier"))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.rowCount() - 1))
        defaults = QPushButton(self.tr("Handbook defaults"))
        defaults.clicked.connect(self.load_defaults)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d9363e;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (add, remove, defaults):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.set_form_buttons(self.save_button)  # Enter saves; closing with changes asks

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
        try:
            rebates.save_tiers(self.ctx.archive, self.read())
        except AppError as exc:
            self.error.setText(error_text(exc, self.ctx.lang))
            reveal_problem(exc, {"rebate_tiers": self.table})
            return
        self.accept()


class RebateDetail(QWidget):
    """One rebate: its numbers, the steps so far, and the buttons for the step that is due."""

    def __init__(self, ctx: UiContext, page: RebatesPage):
        super().__init__(page)
        self.ctx = ctx
        self.page = page
        self.record: RebateRecord | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.steps = QTableWidget(0, 5)
        self.steps.setHorizontalHeaderLabels(
            [
                self.tr("Step"),
                self.tr("Decision"),
                self.tr("By"),
                self.tr("When"),
                self.tr("Comment"),
            ]
        )
        steps_header = self.steps.horizontalHeader()
        steps_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        steps_header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.steps.setWordWrap(True)
        # room for the four steps of a full approval without scrolling
        self.steps.setMinimumHeight(self.steps.verticalHeader().defaultSectionSize() * 5 + 8)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.verticalHeader().hide()
        self.approver = QLineEdit()
        self.approver.setPlaceholderText(self.tr("Approver's name"))
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Comment (a reason is required to reject)"))
        step_names = {
            ApprovalStep.MANAGER: self.tr("Approve: key-account manager"),
            ApprovalStep.MARKETING: self.tr("Approve: marketing centre"),
            ApprovalStep.GM: self.tr("Approve: general manager"),
        }
        self.approve_buttons: dict[ApprovalStep, QPushButton] = {}
        buttons = QHBoxLayout()
        for step in APPROVAL_ORDER:
            button = QPushButton(step_names[step])
            button.clicked.connect(lambda _c=False, s=step: self.approve(s))
            self.approve_buttons[step] = button
            buttons.addWidget(button)
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.clicked.connect(self.reject)
        buttons.addWidget(self.reject_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.form_button = QPushButton(self.tr("Print application form…"))
        self.form_button.clicked.connect(self.print_form)
        self.letter_button = QPushButton(self.tr("Print letter to client…"))
        self.letter_button.clicked.connect(self.print_letter)
        keys.mark(self.form_button, keys.PRINT)  # Ctrl+P: the application form
        prints = QHBoxLayout()
        prints.addWidget(self.form_button)
        prints.addWidget(self.letter_button)
        prints.addStretch(1)
        decision = QFormLayout()
        decision.addRow(self.tr("Approver"), self.approver)
        decision.addRow(self.tr("Comment"), self.comment)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        from app.ui.history_view import HistoryView  # issue 9: 修改记录

        self.history = HistoryView(ctx, "rebate", self)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.steps, self.tr("Approval steps"))
        self.detail_tabs.addTab(self.history, self.history.title())
        layout.addWidget(self.detail_tabs, 1)
        layout.addLayout(decision)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addLayout(prints)
        self.show_record(None)

    def show_record(self, record: RebateRecord | None) -> None:
        self.record = record
        due = record.next_step if record else None
        for step, button in self.approve_buttons.items():
            button.setEnabled(step is due)
        self.reject_button.setEnabled(due is not None)
        self.form_button.setEnabled(record is not None)
        approved = record is not None and record.status is RebateStatus.APPROVED
        self.letter_button.setEnabled(approved)
        self.letter_button.setToolTip(
            "" if approved else self.tr("Only a fully approved rebate gets a letter.")
        )
        self.steps.setRowCount(0)
        self.history.show_record(record.id if record else None)
        if record is None:
            self.title.setText(self.tr("Select a rebate"))
            self.summary.clear()
            return
        self.title.setText(
            self.tr("FD-{0:05d} {1} — {2}").format(
                record.id, record.client_name, status_text(record.status, self.ctx.lang)
            )
        )
        self.summary.setText(
            self.tr("{0} to {1}: sales {2}, receipts {3}, rate {4}, rebate {5}").format(
                format_date(record.period_start),
                format_date(record.period_end),
                format_money(record.sales),
                format_money(record.receipts),
                percent(record.rate),
                format_money(record.amount),
            )
        )
        self._fill_steps(record)

    def _fill_steps(self, record: RebateRecord) -> None:
        decisions = {
            "apply": self.tr("Applied"),
            "approve": self.tr("Approved"),
            "reject": self.tr("Rejected"),
        }
        for s in record.steps:
            row = self.steps.rowCount()
            self.steps.insertRow(row)
            step = (
                self.tr("Application")
                if s.step == "apply"
                else shown(s.step, self.ctx.lang, ApprovalStep)
            )
            cells = (step, decisions[s.decision], s.actor, format_date(s.at), s.comment)
            for column, text in enumerate(cells):
                self.steps.setItem(row, column, QTableWidgetItem(text))

    def approve(self, step: ApprovalStep) -> None:
        self._decide(
            lambda: rebates.approve(
                self.ctx.archive, self.record.id, step, self.approver.text(), self.comment.text()
            )
        )

    def reject(self) -> None:
        self._decide(
            lambda: rebates.reject(
                self.ctx.archive, self.record.id, None, self.approver.text(), self.comment.text()
            )
        )

    def _decide(self, action) -> None:
        if self.record is None:
            return
        try:
            record = action()
        except AppError as exc:
            self.message.setStyleSheet("color: #d9363e;")
            self.message.setText(error_text(exc, self.ctx.lang))
            return
        self.message.setStyleSheet("")
        recorded = status_text(record.status, self.ctx.lang)
        self.message.setText(self.tr("Recorded: {0}").format(recorded))
        self.comment.clear()
        self.ctx.events.changed.emit("rebate")
        self.page.reload(record.id)

    def print_form(self) -> None:
        self._print(rebates.write_form, "form", self.tr("Rebate application form"))

    def print_letter(self) -> None:
        self._print(rebates.write_letter, "letter", self.tr("Rebate letter"))

    def _print(self, fn, kind: str, title: str):
        if self.record is None:
            return None
        PRINT_DIR.mkdir(parents=True, exist_ok=True)
        out = PRINT_DIR / f"rebate-{self.record.id}-{kind}.pdf"
        name = f"{title} {rebate_number(self.record.id)}.pdf"
        return self.ctx.runner.submit(
            self.tr("Printing {0}…").format(title),
            fn,
            self.ctx.archive,
            self.record.id,
            out,
            on_done=lambda _pages: self._show_pdf(out, name),
            on_error=lambda exc: show_error(self, exc, self.ctx.lang),
        )

    def _show_pdf(self, path: Path, name: str) -> None:
        from app.ui.pdf_preview import PdfPreviewDialog

        self.preview_dialog = PdfPreviewDialog(path, self, save_suggestion=name)
        self.preview_dialog.open()


class RebatesPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = RebateTableModel(ctx, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a few hundred rows
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_current())
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All states"), None)
        add_choices(self.status_filter, RebateStatus, self.ctx.lang)
        self.status_filter.currentIndexChanged.connect(self._on_filter)
        self.apply_button = QPushButton(self.tr("Apply for a rebate…"))
        self.apply_button.clicked.connect(lambda: self.open_apply_dialog())
        keys.mark(self.apply_button, keys.NEW)
        self.tiers_button = QPushButton(self.tr("Tiers…"))
        self.tiers_button.clicked.connect(self.open_tiers_dialog)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Status")))
        bar.addWidget(self.status_filter)
        bar.addStretch(1)
        bar.addWidget(self.tiers_button)
        bar.addWidget(self.apply_button)
        self.detail = RebateDetail(ctx, self)
        self.calculator = QuoteCalculator(ctx, self)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.calculator)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setSizes([300, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.apply_dialog: ApplyDialog | None = None
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.model.refresh()
        row = self.model.row_of(select_id) if select_id is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        self._on_current()

    def select(self, rebate_id: int) -> None:
        row = self.model.row_of(rebate_id)
        if row >= 0:
            self.table.selectRow(row)

    def _on_filter(self, _index: int) -> None:
        self.model.status = self.status_filter.currentData()
        self.reload()

    def _on_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            self.detail.show_record(None)
            return
        rebate_id = self.model.rows[index.row()].id
        try:
            self.detail.show_record(rebates.get_rebate(self.ctx.archive, rebate_id))
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)

    def open_apply_dialog(self, client_id: int | None = None, client_name: str = "") -> ApplyDialog:
        dialog = ApplyDialog(self.ctx, self)
        if client_id is not None:
            dialog.set_client(client_id, client_name)
        dialog.accepted.connect(lambda: self._applied(dialog))
        self.apply_dialog = dialog
        dialog.open()
        return dialog

    def open_tiers_dialog(self) -> TiersDialog:
        dialog = TiersDialog(self.ctx, self)
        dialog.accepted.connect(self.calculator.recalculate)
        self.tiers_dialog = dialog
        dialog.open()
        return dialog

    def _applied(self, dialog: ApplyDialog) -> None:
        if dialog.record is not None:
            self.ctx.events.changed.emit("rebate")
            self.reload(dialog.record.id)
