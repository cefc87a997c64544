"""Create or edit one tender (投标项目): every field of the register in five tabs, the priced line
items with exact totals (line_items.py), the computed refund/challenge/contract dates and live
warnings. Saved in the background; Enter saves, closing with changes asks."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime, time
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError, FieldProblem
from app.domain.messages import problem_text
from app.domain.money import AmountError, parse_yuan, to_yuan
from app.domain.tenders import (
    ALLOWED_MOVES,
    BID_DEPOSIT_MAX_RATE,
    MAX_ANNOUNCEMENT_DAYS,
    TenderDraft,
    TenderMethod,
    TenderStatus,
    tender_warnings,
)
from app.services import clients, holiday_calendar, tenders
from app.services.archive import Archive
from app.services.tenders import TenderItemLine, TenderRecord
from app.ui.context import UiContext
from app.ui.history.view import HistoryView
from app.ui.kit import boxes, keys, ops
from app.ui.kit.forms import (
    ClientPicker,
    FieldErrors,
    FormDialog,
    OptionalDate,
    OptionalDateTime,
    problems_of,
)
from app.ui.kit.labels import add_choices
from app.ui.tenders.deadline_labels import DeadlineLabels
from app.ui.tenders.line_items import LineItemsModel, PriceBreakdown, line_text
from app.ui.widgets import confirm, error_text, format_money, message_lang

WARNING_STYLE = "color: #8a5a00; background: #fff4d6; padding: 6px;"
MONEY = ("budget", "ceiling", "bid_deposit", "performance_deposit", "service_fee")
MONEY += ("winning_price", "our_price")
DATES = ("published_on", "evaluation_on", "award_notice_on", "contract_signed_on")
DATES += ("deposit_paid_on", "deposit_refunded_on")
MOMENTS = ("documents_deadline", "clarification_deadline", "bid_deadline")  # with the time
TEXTS = ("title", "number", "agency", "source", "delivery_period", "opening_place", "winner")
Row = tuple[str, str]  # (label, field name): the input is self.inputs[field name]


def save_tender(
    archive: Archive,
    tender_id: int | None,
    draft: TenderDraft,
    items: Sequence[TenderItemLine] | None,
    expected_version: int | None = None,
) -> TenderRecord:
    """The form's save, on a worker thread: the tender, then its line items when they changed
    (a tender changed by someone else after `expected_version` is refused: ConflictError)."""
    if tender_id is None:
        record = tenders.create_tender(archive, draft)
    else:
        record = tenders.update_tender(archive, tender_id, draft, expected_version)
    return record if items is None else tenders.set_items(archive, record.id, items)


class TenderDialog(FormDialog):
    """New tender (tender_id None; optionally for a given purchaser client) or edit one."""

    def __init__(
        self,
        ctx: UiContext,
        tender_id: int | None = None,
        client_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.tender_id = tender_id
        self.record = tenders.get_tender(ctx.archive, tender_id) if tender_id else None
        self.holidays = holiday_calendar.load(ctx.archive)  # the archive's entered days count
        self.saved: TenderRecord | None = None
        self.packet_dialog = None
        self.errors = FieldErrors(ctx.lang)
        self.money: dict[str, QLineEdit] = {}
        self.texts: dict[str, QLineEdit] = {}  # by their TenderDraft attribute
        self.dates: dict[str, OptionalDate | OptionalDateTime] = {}
        self.inputs: dict[str, QWidget] = {}  # by the field name its errors are told under
        self.setWindowTitle(self.tr("New tender") if tender_id is None else self.tr("Edit tender"))
        self.setMinimumSize(720, 560)
        self._build()
        if self.record is not None:
            self._fill(self.record)
        elif client_id is not None:
            self.purchaser.set_client(client_id, clients.get_client(ctx.archive, client_id).name)
        self._fill_statuses(self.record.draft.status if self.record else None)
        self._connect_live()
        self.refresh_live()

    # --- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = self._bar("color: #a61b1b; background: #fdecea; padding: 6px;")
        self.warning_bar = self._bar(WARNING_STYLE)
        self._make_inputs()
        self.breakdown = PriceBreakdown(self.errors, self.ctx.lang, self)
        self.breakdown.use_total.connect(lambda t: self.money["our_price"].setText(f"{t:.2f}"))
        self.items_model: LineItemsModel = self.breakdown.model
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._form(self._basic_rows())[0], self.tr("Basic information"))
        self.tabs.addTab(self._dates_tab(), self.tr("Dates"))
        self.tabs.addTab(self._money_tab(), self.tr("Deposits and fees"))
        self.tabs.addTab(self.breakdown, self.tr("Price breakdown"))
        self.tabs.addTab(self._form(self._result_rows())[0], self.tr("Result"))
        self.history = None
        if self.tender_id is not None:  # issue 9: 修改记录
            self.history = HistoryView(self.ctx, "tender", self)
            self.history.show_record(self.tender_id)
            self.tabs.addTab(self.history, self.history.title())
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.warning_bar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._buttons())

    def _bar(self, style: str) -> QLabel:
        label = QLabel(self, wordWrap=True, styleSheet=style)
        label.hide()
        return label

    def _make_inputs(self) -> None:
        for name in MONEY:
            edit = self.money[name] = QLineEdit(self)
            edit.setPlaceholderText(self.tr("yuan"))
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        today = self.ctx.archive.today()
        for name in DATES:
            self.dates[name] = OptionalDate("", today, self)
        for name in MOMENTS:
            self.dates[name] = OptionalDateTime("", datetime.combine(today, time(9, 30)), self)
        for name in TEXTS:
            self.texts[name] = self.inputs[name] = QLineEdit(self)
        self.inputs.update(self.money, **self.dates, tender_title=self.texts["title"])
        self.title_edit, self.number_edit = self.texts["title"], self.texts["number"]
        self.bid_deadline = self.dates["bid_deadline"]
        self.award_notice = self.dates["award_notice_on"]
        self.deposit_paid = self.dates["deposit_paid_on"]
        self.deposit_refunded = self.dates["deposit_refunded_on"]

    def _form(self, rows: Sequence[Row]) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, name in rows:
            form.addRow(label, self.errors.wrap(name, self.inputs[name]))
        return page, form

    def _basic_rows(self) -> list[Row]:
        self.purchaser = ClientPicker(self.ctx, self)
        self.purchaser.setPlaceholderText(
            self.tr("An existing client, or a new name (the client is created)")
        )
        self.method_combo = QComboBox(self)
        add_choices(self.method_combo, TenderMethod, self.ctx.lang)
        self.texts["source"].setPlaceholderText(self.tr("Notice URL, or where the paper notice is"))
        self.validity_spin = QSpinBox(self)
        self.validity_spin.setRange(1, 3650)
        self.validity_spin.setValue(90)
        self.validity_spin.setSuffix(self.tr(" days"))
        self.announcement_spin = QSpinBox(self)
        self.announcement_spin.setRange(1, MAX_ANNOUNCEMENT_DAYS)
        self.announcement_spin.setSuffix(self.tr(" working days"))
        self.announcement_spin.setToolTip(
            self.tr(
                "How long the result announcement runs (usually 1 working day); the challenge "
                "period is counted from its end."
            )
        )
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(60)
        self.inputs.update(
            purchaser=self.purchaser,
            method=self.method_combo,
            bid_validity_days=self.validity_spin,
            announcement_days=self.announcement_spin,
            notes=self.notes_edit,
        )
        return [
            (self.tr("Project name *"), "tender_title"),
            (self.tr("Project number"), "number"),
            (self.tr("Purchaser *"), "purchaser"),
            (self.tr("Procurement agency"), "agency"),
            (self.tr("Method"), "method"),
            (self.tr("Budget"), "budget"),
            (self.tr("Ceiling price"), "ceiling"),
            (self.tr("Source"), "source"),
            (self.tr("Bid validity"), "bid_validity_days"),
            (self.tr("Delivery period"), "delivery_period"),
            (self.tr("Notes"), "notes"),
        ]

    def _dates_tab(self) -> QWidget:
        page, form = self._form(
            [
                (self.tr("Notice published"), "published_on"),
                (self.tr("Documents deadline"), "documents_deadline"),
                (self.tr("Clarification deadline"), "clarification_deadline"),
                (self.tr("Bid deadline (opening)"), "bid_deadline"),
                (self.tr("Opening place"), "opening_place"),
                (self.tr("Evaluation"), "evaluation_on"),
                (self.tr("Award notice"), "award_notice_on"),
                (self.tr("Announcement period"), "announcement_days"),
                (self.tr("Contract signed"), "contract_signed_on"),
            ]
        )
        self.deadline_labels = DeadlineLabels(form, self)
        self.refund_due_label = self.deadline_labels.labels["refund_due"]
        self.announcement_end_label = self.deadline_labels.labels["announcement_ends"]
        self.challenge_label = self.deadline_labels.labels["challenge_until"]
        self.contract_due_label = self.deadline_labels.labels["contract_due"]
        self.calendar_note = self.deadline_labels.calendar_note
        return page

    def _money_tab(self) -> QWidget:
        self.deposit_hint = QLabel(self, styleSheet="color: gray;")
        self.deposit_warning = self._bar(WARNING_STYLE)
        # 免收: the tender asks no bid deposit (stored as 0), said in so many words
        self.deposit_waived = QCheckBox(self.tr("Waived"), self, toggled=self._on_deposit_waived)
        deposit = QWidget(self)
        boxes.row((self.money["bid_deposit"], 1), self.deposit_waived, parent=deposit, margin=0)
        self.inputs["bid_deposit"] = deposit
        page, form = self._form(
            [
                (self.tr("Bid deposit"), "bid_deposit"),
                (self.tr("Deposit paid on"), "deposit_paid_on"),
                (self.tr("Deposit refunded on"), "deposit_refunded_on"),
                (self.tr("Performance deposit"), "performance_deposit"),
                (self.tr("Service fee"), "service_fee"),
            ]
        )
        form.insertRow(1, "", self.deposit_hint)
        form.addRow("", self.deposit_warning)
        return page

    def _on_deposit_waived(self, waived: bool) -> None:
        """A waived deposit has no amount and is neither paid nor refunded."""
        if waived:
            self.money["bid_deposit"].clear()
            for moment in (self.deposit_paid, self.deposit_refunded):
                moment.check.setChecked(False)
        for widget in (self.money["bid_deposit"], self.deposit_paid, self.deposit_refunded):
            widget.setEnabled(not waived)

    def _result_rows(self) -> list[Row]:
        self.status_combo = QComboBox(self)
        self.lessons_edit = QPlainTextEdit(self)
        self.lessons_edit.setPlaceholderText(self.tr("What we learned: price, scoring, documents…"))
        self.inputs.update(tender_status=self.status_combo, lessons=self.lessons_edit)
        return [
            (self.tr("Status"), "tender_status"),
            (self.tr("Our price"), "our_price"),
            (self.tr("Winner"), "winner"),
            (self.tr("Winning price"), "winning_price"),
            (self.tr("Lessons learned"), "lessons"),
        ]

    def _buttons(self) -> QHBoxLayout:
        self.packet_button = QPushButton(self.tr("Tender packet…"), self)
        keys.mark(self.packet_button, keys.PRINT)  # Ctrl+P: its packet
        self.packet_button.setToolTip(self.tr("Save the tender first to build its packet."))
        self.packet_button.clicked.connect(self.open_packet)
        self.delete_button = QPushButton(self.tr("Delete"), self, clicked=self.delete_tender)
        row = QHBoxLayout()
        row.addWidget(self.packet_button)
        row.addWidget(self.delete_button)
        row.addWidget(self.save_buttons(self.save, self.tr("Save"), self.tr("Cancel")), 1)
        self._update_buttons()
        return row

    def _update_buttons(self) -> None:
        saved = self.tender_id is not None
        self.packet_button.setEnabled(saved)
        self.delete_button.setVisible(saved)

    def _fill_statuses(self, current: TenderStatus | None) -> None:
        """Only the moves the pipeline allows; a new tender may be entered in any status."""
        if current is None:
            choices = list(TenderStatus)
        else:
            choices = [s for s in TenderStatus if s == current or s in ALLOWED_MOVES[current]]
        self.status_combo.clear()
        add_choices(self.status_combo, TenderStatus, self.ctx.lang, choices)
        self.status_combo.setCurrentIndex(
            self.status_combo.findData((current or TenderStatus.TRACKING).value)
        )

    def status_choices(self) -> list[str]:
        return [self.status_combo.itemData(i) for i in range(self.status_combo.count())]

    # --- filling --------------------------------------------------------------------------
    def _fill(self, record: TenderRecord) -> None:
        draft = record.draft
        for name, edit in self.texts.items():
            edit.setText(getattr(draft, name))
        self.purchaser.set_client(draft.client_id, record.client_name)
        self.method_combo.setCurrentIndex(self.method_combo.findData(str(draft.method)))
        self.validity_spin.setValue(draft.bid_validity_days or 90)
        self.announcement_spin.setValue(draft.announcement_days)
        self.notes_edit.setPlainText(draft.notes)
        for name, edit in self.money.items():
            value = getattr(draft, name)
            edit.setText("" if value is None else f"{value:,.2f}")
        for name, widget in self.dates.items():
            widget.set_value(getattr(draft, name))
        self.deposit_waived.setChecked(draft.deposit_waived)
        self.lessons_edit.setPlainText(draft.lessons)
        self.items_model.set_lines([line_text(i) for i in record.items])
        fetch = functools.partial(tenders.get_tender, self.ctx.archive, record.id)
        self.edits_version(record.version, fetch, self._refill)

    def _refill(self, record: TenderRecord) -> None:
        """The tender as it is now (载入最新 after a refused save)."""
        self.record = record
        self._fill_statuses(TenderStatus(record.draft.status))
        self._fill(record)

    # --- live feedback --------------------------------------------------------------------
    def _connect_live(self) -> None:
        for edit in self.money.values():
            edit.textChanged.connect(self.refresh_live)
        self.status_combo.currentIndexChanged.connect(self.refresh_live)
        for moment in (self.award_notice, self.dates["contract_signed_on"]):
            moment.check.toggled.connect(self.refresh_live)
            moment.edit.dateChanged.connect(self.refresh_live)
        self.announcement_spin.valueChanged.connect(self.refresh_live)
        self.deposit_waived.toggled.connect(self.refresh_live)

    def _amount(self, name: str) -> Decimal | None:
        try:
            return parse_yuan(self.money[name].text())
        except ValueError:
            return None

    def refresh_live(self, *_args: object) -> None:
        self.refresh_warnings()
        self.refresh_computed_dates()

    def warning_texts(self) -> list[str]:
        draft = TenderDraft(
            title="",
            status=TenderStatus(self.status_combo.currentData() or TenderStatus.TRACKING.value),
            **{name: self._amount(name) for name in MONEY},
        )
        words = {
            "deposit_above_2_percent": self.tr(
                "The bid deposit is more than 2% of the budget; check the tender documents."
            ),
            "performance_deposit_above_10_percent": self.tr(
                "The performance deposit is more than 10% of the contract amount."
            ),
            "price_above_budget": self.tr(
                "Our price is above the budget or ceiling price: the bid would be rejected."
            ),
        }
        return [words.get(code, code) for code in tender_warnings(draft)]

    def refresh_warnings(self) -> None:
        texts = self.warning_texts()
        self.warning_bar.setText("\n".join(texts))
        self.warning_bar.setVisible(bool(texts))
        budget = self._amount("budget")
        if budget is not None and budget > 0:
            limit = to_yuan(budget * BID_DEPOSIT_MAX_RATE)
            self.deposit_hint.setText(
                self.tr("At most 2% of the budget: {0}").format(format_money(limit))
            )
        else:
            self.deposit_hint.setText(self.tr("At most 2% of the budget."))
        deposit = [t for t in texts if "2%" in t]
        self.deposit_warning.setText("\n".join(deposit))
        self.deposit_warning.setVisible(bool(deposit))

    def refresh_computed_dates(self) -> None:
        """The dates the regulations count from the award notice, each with its rule as the
        tooltip; the winner's refund waits for the contract signed date."""
        draft = TenderDraft(
            title="",
            status=TenderStatus(self.status_combo.currentData() or TenderStatus.TRACKING.value),
            award_notice_on=self.award_notice.value(),
            contract_signed_on=self.dates["contract_signed_on"].value(),
            announcement_days=self.announcement_spin.value(),
            bid_deposit=Decimal("0.00") if self.deposit_waived.isChecked() else None,
        )
        self.deadline_labels.show_for(draft, self.holidays)

    # --- saving ---------------------------------------------------------------------------
    def _draft(self, problems: list[FieldProblem]) -> TenderDraft:
        amounts = {}
        for name, edit in self.money.items():
            try:
                amounts[name] = parse_yuan(edit.text())
            except AmountError as exc:  # not a number, finer than the fen, or too large
                problems.append(FieldProblem(name, exc.code, {"value": edit.text()}))
                amounts[name] = None
        if self.deposit_waived.isChecked():
            amounts["bid_deposit"] = Decimal("0.00")
        client_id = self.purchaser.resolve()
        return TenderDraft(
            client_id=client_id,
            purchaser_name="" if client_id is not None else self.purchaser.text(),
            method=TenderMethod(self.method_combo.currentData()),
            status=TenderStatus(self.status_combo.currentData()),
            lessons=self.lessons_edit.toPlainText().strip(),
            bid_validity_days=self.validity_spin.value(),
            announcement_days=self.announcement_spin.value(),
            notes=self.notes_edit.toPlainText().strip(),
            **{name: edit.text() for name, edit in self.texts.items()},
            **amounts,
            **{name: widget.value() for name, widget in self.dates.items()},
        )

    def _items(self, problems: list[FieldProblem]) -> list[TenderItemLine]:
        numbered: list[tuple[int | None, FieldProblem]] = []
        lines = self.items_model.parsed(numbered)
        if numbered:
            lang = message_lang(self.ctx.lang)
            texts = []
            for row, p in numbered:
                text = problem_text(p.field, p.code, p.details, lang)
                texts.append(text if row is None else self.tr("Line {0}: {1}").format(row, text))
            problems.append(FieldProblem("items", "line_problems", {"text": "\n".join(texts)}))
        return lines

    def save(self) -> None:
        """Saves the tender and its line items in the background; on bad input marks the
        fields and keeps everything typed."""
        self.errors.clear()
        self.banner.hide()
        problems: list[FieldProblem] = []
        draft = self._draft(problems)
        lines = self._items(problems)
        if problems:
            self.show_problems(problems)
            return
        unchanged = self.record is not None and list(self.record.items) == lines
        kinds = {"tender", "client"} if draft.client_id is None else {"tender"}  # a new purchaser
        ops.write(
            self,
            self.versioned(save_tender),
            self.ctx.archive,
            self.tender_id,
            draft,
            None if unchanged else lines,
            changes=kinds,
            on_done=self._saved,
            on_error=self._refused,
        )

    def _saved(self, record: TenderRecord) -> None:
        self.tender_id = record.id
        self.record = self.saved = record
        self._update_buttons()
        self.accept()

    def _refused(self, exc: Exception) -> None:
        found = problems_of(exc) if isinstance(exc, AppError) else []
        if found:
            self.show_problems(found)
        else:
            self._show_banner(error_text(exc, self.ctx.lang))

    def show_problems(self, problems: list[FieldProblem]) -> None:
        lang = message_lang(self.ctx.lang)
        unplaced = self.errors.show([p for p in problems if p.field != "items"])
        for problem in problems:
            if problem.field == "items":
                label = self.errors.labels["items"]
                label.setText(problem.details["text"])
                label.show()
        if unplaced:
            self._show_banner(
                "\n".join(problem_text(p.field, p.code, p.details, lang) for p in unplaced)
            )
        self.errors.reveal_first()  # its tab chosen, the field focused

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def field_error(self, name: str) -> str:
        """The message shown under a field ('' if none), for tests and screen readers."""
        label = self.errors.labels.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    # --- other actions --------------------------------------------------------------------
    def open_packet(self) -> None:
        if self.tender_id is None:
            return
        # The packet builder (and the PDF preview it brings) is loaded when first asked for.
        from app.ui.tenders.packet_builder import PacketBuilderDialog

        self.packet_dialog = PacketBuilderDialog(self.ctx, self.tender_id, parent=self)
        self.packet_dialog.show()

    def delete_tender(self) -> None:
        if self.tender_id is None or self.record is None:
            return
        question = self.tr(
            "Delete the tender “{0}” with its packet? It goes to the recycle bin, where it can be "
            "restored."
        )
        if not confirm(self, self.tr("Delete tender"), question.format(self.record.draft.title)):
            return
        ops.write(
            self,
            tenders.delete_tender,
            self.ctx.archive,
            self.tender_id,
            changes={"tender"},
            on_done=lambda _none: self.accept(),
            on_error=lambda exc: self._show_banner(error_text(exc, self.ctx.lang)),
        )
