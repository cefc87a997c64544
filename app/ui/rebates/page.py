"""Sales rebates (销售返点): the list with approval states, a quote calculator, applying for a
client's rebate, and approving or rejecting step by step (大客户部经理 -> 市场营销中心 -> 总经理).

Only the step that is due can be clicked; the letter to the client is printed only once the
rebate is fully approved, the application form at any time (it says nothing may be promised)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from app.domain.conflicts import conflict_lines
from app.domain.errors import AppError, ConflictError
from app.domain.money import parse_yuan
from app.domain.progress import Progress
from app.domain.rebates import (
    APPROVAL_ORDER,
    ApprovalStep,
    Basis,
    RebateStatus,
    Settlement,
    StepState,
    percent,
    rebate_number,
)
from app.services import rebates
from app.services.archive import Archive
from app.services.rebates import RebateRecord
from app.ui import list_printing
from app.ui.context import UiContext
from app.ui.kit import boxes, forms, keys, ops
from app.ui.kit.labels import add_choices, shown
from app.ui.kit.splitters import ListOverPanel
from app.ui.kit.tables import LEFT, RIGHT, Column, ListModel, ListView, attribute
from app.ui.rebates.apply_dialog import ApplyDialog
from app.ui.rebates.tiers_dialog import TiersDialog
from app.ui.tasks import TaskHandle
from app.ui.widgets import error_text, format_date, format_money, message_lang

STATUS_COLOURS = {RebateStatus.APPROVED: "#1e8449", RebateStatus.REJECTED: "#c0392b"}
WAITING = "#d68910"  # a rebate waiting for a step
LISTENS_TO = ("rebate", "client")  # a client renamed shows in the list


def status_text(status: RebateStatus | str, lang: str) -> str:
    return shown(status, lang, RebateStatus)


def _column(title: str, name: str, fmt: Callable[[Any], str] = str, **options: Any) -> Column:
    """The attribute `name` under `title` (a QT_TRANSLATE_NOOP), sorted by it; amounts right."""
    options.setdefault("align", RIGHT if fmt in (format_money, percent) else LEFT)
    title = QCoreApplication.translate("RebateTableModel", title)
    return Column(title, attribute(name, fmt=fmt), sort=name, **options)


def rebate_columns(lang: str) -> tuple[Column[RebateRecord], ...]:
    def period(row: RebateRecord) -> str:
        return f"{format_date(row.period_start)} ~ {format_date(row.period_end)}"

    return (
        _column(QT_TRANSLATE_NOOP("RebateTableModel", "No."), "id", rebate_number),
        _column(QT_TRANSLATE_NOOP("RebateTableModel", "Client"), "client_name", stretch=True),
        Column(
            QCoreApplication.translate("RebateTableModel", "Period"),
            period,
            sort="period_start",
            width=190,
        ),
        _column(QT_TRANSLATE_NOOP("RebateTableModel", "Sales"), "sales", format_money),
        _column(QT_TRANSLATE_NOOP("RebateTableModel", "Receipts"), "receipts", format_money),
        _column(QT_TRANSLATE_NOOP("RebateTableModel", "Rate"), "rate", percent),
        _column(QT_TRANSLATE_NOOP("RebateTableModel", "Rebate"), "amount", format_money),
        _column(
            QT_TRANSLATE_NOOP("RebateTableModel", "Status"),
            "status",
            lambda status: status_text(status, lang),
            colour=lambda r: STATUS_COLOURS.get(r.status, WAITING),
            width=220,
        ),
        _column(QT_TRANSLATE_NOOP("RebateTableModel", "Applicant"), "applicant"),
        _column(
            QT_TRANSLATE_NOOP("RebateTableModel", "Settlement"),
            "settlement",
            lambda value: "" if value == Settlement.NONE else shown(value, lang, Settlement),
            width=200,
        ),
    )


class QuoteCalculator(QGroupBox):
    """Sales and receipts in, the tier's rate and the rebate out, as one types."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(self.tr("Rebate calculator"), parent)
        self.ctx = ctx
        self.sales = QLineEdit(placeholderText=self.tr("e.g. 250,000"))
        self.receipts = QLineEdit(placeholderText=self.tr("e.g. 180,000"))
        self.result = QLabel(wordWrap=True)
        form = QFormLayout(self)
        form.addRow(self.tr("Sales (signed amount)"), self.sales)
        form.addRow(self.tr("Receipts"), self.receipts)
        form.addRow(self.result)
        self.sales.textChanged.connect(self.recalculate)
        self.receipts.textChanged.connect(self.recalculate)
        ops.follow(self, self.recalculate, "rebate_tiers")
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
        try:  # the archive's tiers: one settings row, read at once
            quote = rebates.quote(sales, receipts, rebates.tiers(self.ctx.archive))
        except AppError as exc:
            self.result.setText(error_text(exc, self.ctx.lang))
            return
        self.result.setText(
            self.tr("Rate {0}: rebate {1}").format(percent(quote.rate), format_money(quote.amount))
        )


class RebateDetail(QWidget):
    """One rebate: its numbers, the steps so far, and the buttons for the step that is due."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.preview = None  # the PDF preview last opened (app.ui.list_printing)
        self.record: RebateRecord | None = None
        self.conflict_text = ""  # the last step refused by someone else's change (who, when)
        self.title = QLabel(styleSheet="font-size: 15px; font-weight: bold;")
        self.summary = QLabel(wordWrap=True)
        self.steps = QTableWidget(0, 5)
        headers = [self.tr("Step"), self.tr("Decision"), self.tr("By"), self.tr("When")]
        self.steps.setHorizontalHeaderLabels([*headers, self.tr("Comment")])
        steps_header = self.steps.horizontalHeader()
        steps_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        steps_header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.steps.setWordWrap(True)
        # room for the four steps of a full approval without scrolling
        self.steps.setMinimumHeight(self.steps.verticalHeader().defaultSectionSize() * 5 + 8)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.verticalHeader().hide()
        self.approver = QLineEdit(placeholderText=self.tr("Approver's name"))
        from app.ui.team.access import acting_login

        self.login = acting_login(ctx.archive)  # issue 14: on a team archive, the login decides
        if self.login is not None:
            self.approver.setText(self.login.name)
            self.approver.setReadOnly(True)
            self.approver.setToolTip(
                self.tr("On a team archive each step is recorded under your own login's name")
            )
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
            button = QPushButton(step_names[step], clicked=lambda _c=False, s=step: self.approve(s))
            self.approve_buttons[step] = button
            buttons.addWidget(button)
        self.reject_button = QPushButton(self.tr("Reject"), clicked=self.reject)
        buttons.addWidget(self.reject_button)
        self.settle_button = QPushButton(self.tr("Settle on actual receipts"))
        self.settle_button.clicked.connect(self.settle)
        self.settle_button.setToolTip(
            self.tr(
                "An advance rebate, once approved and its period over, is computed on the "
                "period's actual receipts; another tier goes back to all three approvals."
            )
        )
        buttons.addWidget(self.settle_button)
        self.message = QLabel(wordWrap=True)
        self.form_button = QPushButton(self.tr("Print application form…"), clicked=self.print_form)
        self.letter_button = QPushButton(self.tr("Print letter to client…"))
        self.letter_button.clicked.connect(self.print_letter)
        keys.mark(self.form_button, keys.PRINT)  # Ctrl+P: the application form
        prints = boxes.row(self.form_button, self.letter_button, ...)
        decision = QFormLayout()
        decision.addRow(self.tr("Approver"), self.approver)
        decision.addRow(self.tr("Comment"), self.comment)
        layout = boxes.column(self.title, self.summary, parent=self)
        from app.ui.history.view import HistoryView  # issue 9: 修改记录

        self.history = HistoryView(ctx, "rebate", self)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.steps, self.tr("Approval steps"))
        self.detail_tabs.addTab(self.history, self.history.title())
        boxes.fill(layout, (self.detail_tabs, 1), decision, buttons, self.message, prints)
        self.show_record(None)

    def show_record(self, record: RebateRecord | None) -> None:
        self.record = record
        due = record.next_step if record else None
        for step, button in self.approve_buttons.items():
            refusal = self._refusal(record, step) if step is due else ""
            button.setEnabled(step is due and not refusal)
            button.setToolTip(refusal)
        due_refusal = self._refusal(record, due) if due is not None else ""
        self.reject_button.setEnabled(due is not None and not due_refusal)
        self.reject_button.setToolTip(due_refusal)
        self.settle_button.setEnabled(record is not None and record.can_settle)
        self.form_button.setEnabled(record is not None)
        approved = record is not None and record.is_final
        self.letter_button.setEnabled(approved)
        self.letter_button.setToolTip(
            ""
            if approved
            else self.tr(
                "Only a fully approved rebate gets a letter (an advance one once settled)."
            )
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
        self.summary.setText("\n".join(self._summary_lines(record)))
        self._fill_steps(record)

    def _summary_lines(self, record: RebateRecord) -> list[str]:
        period = (format_date(record.period_start), format_date(record.period_end))
        lines = []
        if record.basis is Basis.ADVANCE:
            lines.append(
                self.tr("Applied in advance: expected sales {0}, rate {1}, about {2} ({3})").format(
                    format_money(record.expected_sales or Decimal(0)),
                    percent(record.approved_rate or Decimal(0)),
                    format_money(record.approved_amount or Decimal(0)),
                    shown(record.settlement, self.ctx.lang, Settlement),
                )
            )
        if record.settlement is not Settlement.OPEN:
            lines.append(
                self.tr("{0} to {1}: sales {2}, receipts {3}, rate {4}, rebate {5}").format(
                    *period,
                    format_money(record.sales),
                    format_money(record.receipts),
                    percent(record.rate),
                    format_money(record.amount),
                )
            )
        change = record.tier_change
        if change is not None:
            verdict = (
                self.tr("same tier, settled directly")
                if change.same_tier
                else self.tr("another tier: back to all three approvals")
            )
            lines.append(
                self.tr("Approved {0} {1}; actual {2} {3}; difference {4} — {5}").format(
                    percent(change.approved_rate),
                    format_money(change.approved_amount),
                    percent(change.actual_rate),
                    format_money(change.actual_amount),
                    format_money(change.difference),
                    verdict,
                )
            )
        return lines

    def _fill_steps(self, record: RebateRecord) -> None:
        decisions = {"apply": self.tr("Applied"), "approve": self.tr("Approved")}
        decisions["reject"] = self.tr("Rejected")
        for s in record.steps:
            if s.step == "apply":
                step = self.tr("Application")
            elif s.step == "settle":
                step = self.tr("Settlement")
            else:
                step = shown(s.step, self.ctx.lang, ApprovalStep)
            verdict = self.tr("Settled") if s.step == "settle" else decisions[s.decision]
            cells = (step, verdict, s.actor, format_date(s.at), s.comment)
            self._add_step_row(cells)
        decided = {s.step for s in rebates.current_round(record)[1:]}
        for step, state in record.step_states().items():
            if step.value in decided:
                continue  # its decision is listed above
            name = shown(step, self.ctx.lang, ApprovalStep)
            self._add_step_row((name, shown(state, self.ctx.lang, StepState), "", "", ""))

    def _add_step_row(self, cells: tuple[str, ...]) -> None:
        row = self.steps.rowCount()
        self.steps.insertRow(row)
        for column, text in enumerate(cells):
            self.steps.setItem(row, column, QTableWidgetItem(text))

    def _refusal(self, record: RebateRecord, step: ApprovalStep) -> str:
        """Why this team archive's login may not take `step` ('' when it may, and always on an
        archive file, where the approver's name is typed)."""
        if self.login is None:
            return ""
        refusal = rebates.step_refusal(self.login, record, step)
        return error_text(refusal, self.ctx.lang) if refusal is not None else ""

    def approve(self, step: ApprovalStep) -> None:
        self._decide(rebates.approve, step)

    def reject(self) -> None:
        self._decide(rebates.reject, None)

    def _decide(self, decide: Callable[..., RebateRecord], step: ApprovalStep | None) -> None:
        """Records the decision in the background (Changes 'rebate': the list and this panel
        show the new state), or says why it is refused. The step is taken on the version of
        the rebate shown (issue 14 §3): someone else's decision or change since refuses it."""
        if self.record is None:
            return
        ops.write(
            self,
            decide,
            self.ctx.archive,
            self.record.id,
            step,
            self.approver.text(),
            self.comment.text(),
            self.record.version,
            changes={"rebate"},
            on_done=self._decided,
            on_error=self._step_refused,
        )

    def _step_refused(self, exc: Exception) -> None:
        if isinstance(exc, ConflictError):
            self._changed_meanwhile(exc)
        else:
            self._refused(exc)

    def _changed_meanwhile(self, exc: ConflictError) -> None:
        """Someone else decided a step or changed the rebate after it was shown: says who and
        when, then shows the rebate as it is now. The approver's name and the comment (a
        rejection's reason) stay typed, to take the step again if it is still due."""
        lang = message_lang(self.ctx.lang)
        *said, _unsaved = conflict_lines(exc, lang)
        tail = self.tr("Your step was not taken; the rebate now shows as it is.")
        self.conflict_text = "\n".join([*said, tail])
        head = said[0].rstrip("：；:;.") + (". " if lang == "en" else "。")
        self.message.setStyleSheet("color: #d9363e;")
        self.message.setText(head + tail)  # one line on the page: who and when
        forms.choose(
            self,
            self.tr("Changed by someone else"),
            self.conflict_text,
            [(forms.KEEP, self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)],
            default=forms.KEEP,
            escape=forms.KEEP,
            icon=QMessageBox.Icon.Warning,
        )
        self.ctx.events.announce({"rebate"})  # the list shows its state as it is now
        self.reload()

    def reload(self) -> None:
        """The rebate shown, read again (in the background)."""
        if self.record is None:
            return
        ops.query(
            self,
            rebates.get_rebate,
            self.ctx.archive,
            self.record.id,
            key="detail",
            on_done=self.show_record,
        )

    def settle(self) -> None:
        """结算 on the period's actual receipts (in the background); says whether it is settled
        or goes back to approval in another tier. Settled on the version of the rebate shown:
        someone else's settlement or step since refuses it, says who and when, and reloads."""
        if self.record is None:
            return
        ops.write(
            self,
            rebates.settle,
            self.ctx.archive,
            self.record.id,
            "",
            self.record.version,
            changes={"rebate"},
            on_done=self._settled,
            on_error=self._step_refused,
        )

    def _settled(self, record: RebateRecord) -> None:
        self.message.setStyleSheet("" if record.is_final else f"color: {WAITING};")
        if record.is_final:
            self.message.setText(
                self.tr("Settled in the approved tier: {0}").format(format_money(record.amount))
            )
        else:
            self.message.setText(
                self.tr("Actual sales are in another tier: back to approval (all three steps).")
            )

    def _decided(self, record: RebateRecord) -> None:
        self.message.setStyleSheet("")
        recorded = status_text(record.status, self.ctx.lang)
        self.message.setText(self.tr("Recorded: {0}").format(recorded))
        self.comment.clear()

    def _refused(self, exc: Exception) -> None:
        self.message.setStyleSheet("color: #d9363e;")
        self.message.setText(error_text(exc, self.ctx.lang))

    def print_form(self) -> TaskHandle | None:
        return self._print(rebates.write_form, self.tr("Rebate application form"))

    def print_letter(self) -> TaskHandle | None:
        """Issues the 确认函 first (its 发文字号 and the 发文 in the register, told to every page),
        then prints it into the preview."""
        if self.record is None:
            return None
        title = self.tr("Rebate letter")
        return ops.write(
            self,
            rebates.issue_letter,
            self.ctx.archive,
            self.record.id,
            changes={"letter"},
            on_done=lambda _number: self._print(rebates.write_letter, title),
            on_error=self._refused,
        )

    def _print(self, write: Callable[..., int], title: str) -> TaskHandle | None:
        """The rebate's document as a PDF in the preview (app.ui.list_printing)."""
        if self.record is None:
            return None
        rebate_id = self.record.id

        def make(archive: Archive, out: Path, task: Progress | None = None) -> int:
            return write(archive, rebate_id, out, task=task)

        name = f"{title} {rebate_number(rebate_id)}.pdf"
        return list_printing.print_list(self, make, name, self.tr("Printing {0}…").format(title))


class RebatesPage(QWidget):
    """The list (filtered by state) above the chosen rebate's detail and the calculator."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.apply_dialog: ApplyDialog | None = None
        self.tiers_dialog: TiersDialog | None = None
        self.model = ListModel(rebate_columns(ctx.lang), parent=self)
        self.table = ListView(self.model, settings_key="rebates", parent=self)
        self.table.current_changed.connect(self._on_current)
        self.detail = RebateDetail(ctx, self)
        self.calculator = QuoteCalculator(ctx, self)
        side = QWidget()
        boxes.column((self.detail, 1), self.calculator, parent=side, margin=0)
        # the list keeps ten rows at 1366×768; the panel below scrolls (kit/splitters.py)
        self.splitter = ListOverPanel(self.table, side, "rebates", parent=self)
        boxes.column(self._bar(), (self.splitter, 1), parent=self)
        self._say_when_empty()
        ops.follow(self, self.reload, *LISTENS_TO)
        self.reload()

    def _bar(self) -> QHBoxLayout:
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All states"), None)
        add_choices(self.status_filter, RebateStatus, self.ctx.lang)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.apply_button = QPushButton(self.tr("Apply for a rebate…"))
        self.apply_button.clicked.connect(lambda: self.open_apply_dialog())
        keys.mark(self.apply_button, keys.NEW)
        self.tiers_button = QPushButton(self.tr("Tiers…"), clicked=self.open_tiers_dialog)
        return boxes.row(
            QLabel(self.tr("Status")), self.status_filter, ..., self.tiers_button, self.apply_button
        )

    def _say_when_empty(self) -> None:
        """An empty archive says how to start; a state with no rebate offers to show all."""
        self.table.empty_state.say(
            self.tr("No rebates yet"),
            self.tr("Apply for a client's sales rebate; the rebate tiers are set under “Tiers…”."),
            self.apply_button.text(),
            self.open_apply_dialog,
        )
        self.table.empty_state.say_when_filtered(
            self.is_filtered,
            self.tr("No rebate is in this state."),
            self.tr("Clear filters"),
            self.clear_filters,
        )

    def is_filtered(self) -> bool:
        return self.status_filter.currentIndex() > 0

    def clear_filters(self) -> None:
        """Every state again (the combo box's change reads the list)."""
        self.status_filter.setCurrentIndex(0)

    def reload(self, select_id: int | None = None) -> None:
        """Reads the list again (in the background), then chooses `select_id` if given."""
        if select_id is not None:
            self.table.select_id(select_id, when_listed=True)
        rows = partial(rebates.list_rebates, status=self.status_filter.currentData())
        ops.query(self, rows, self.ctx.archive, key="rebates", on_done=self.model.set_rows)

    def _on_current(self, rebate_id: int | None) -> None:
        """The chosen rebate with its steps in the detail (read in the background)."""
        if rebate_id is None:
            self.detail.show_record(None)
            return
        ops.query(
            self,
            rebates.get_rebate,
            self.ctx.archive,
            rebate_id,
            key="detail",
            on_done=self.detail.show_record,
        )

    def open_apply_dialog(self, client_id: int | None = None, client_name: str = "") -> ApplyDialog:
        dialog = ApplyDialog(self.ctx, self)
        if client_id is not None:
            dialog.set_client(client_id, client_name)
        dialog.accepted.connect(lambda: self.table.select_id(dialog.record.id, when_listed=True))
        self.apply_dialog = dialog
        dialog.open()
        return dialog

    def open_tiers_dialog(self) -> TiersDialog:
        self.tiers_dialog = TiersDialog(self.ctx, self)
        self.tiers_dialog.open()
        return self.tiers_dialog
