"""Create or edit one tender (投标项目): every field of the register in five tabs, the priced line
items with exact totals, the computed refund/challenge/contract dates and live warnings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.amounts import rmb_capitals
from app.domain.errors import AppError, FieldProblem, ValidationError
from app.domain.messages import problem_text
from app.domain.money import AmountError, parse_yuan, to_yuan, too_large
from app.domain.tenders import (
    ALLOWED_MOVES,
    BID_DEPOSIT_MAX_RATE,
    TenderDraft,
    TenderMethod,
    TenderStatus,
    challenge_deadline,
    contract_due,
    deposit_refund_due,
    tender_warnings,
)
from app.domain.working_days import CALENDAR_NOT_PUBLISHED
from app.services import clients, tenders
from app.services.tenders import TenderItemLine, TenderRecord
from app.ui.activity_dialog import ClientPicker
from app.ui.context import UiContext
from app.ui.kit import keys
from app.ui.kit.dates import DateEdit, DateTimeEdit, to_qdate
from app.ui.kit.forms import FieldErrors, FormDialog, problems_of
from app.ui.kit.labels import add_choices
from app.ui.widgets import confirm, error_text, format_date, format_money, message_lang

AnyIndex = QModelIndex | QPersistentModelIndex
BAD_CELL = QColor("#fde2e2")
WARNING_STYLE = "color: #8a5a00; background: #fff4d6; padding: 6px;"


class OptionalMoment(QWidget):
    """A date (or date and time) that may be left empty: the checkbox switches it on."""

    def __init__(self, default: datetime, with_time: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.with_time = with_time
        self.check = QCheckBox(self)
        if with_time:
            self.edit: QDateEdit | QDateTimeEdit = DateTimeEdit(parent=self)
            self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            self.edit.setDateTime(QDateTime(to_qdate(default.date()), QTime(9, 30)))
        else:
            self.edit = DateEdit(parent=self)
            self.edit.setDisplayFormat("yyyy-MM-dd")
            self.edit.setDate(to_qdate(default.date()))
        self.edit.setCalendarPopup(True)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def value(self) -> date | datetime | None:
        if not self.check.isChecked():
            return None
        if self.with_time:
            moment = self.edit.dateTime().toPython()
            return moment.replace(second=0, microsecond=0)
        return self.edit.date().toPython()

    def set_value(self, value: date | datetime | None) -> None:
        self.check.setChecked(value is not None)
        if value is None:
            return
        if self.with_time and isinstance(value, datetime):
            self.edit.setDateTime(
                QDateTime(to_qdate(value.date()), QTime(value.hour, value.minute))
            )
        else:
            day = value.date() if isinstance(value, datetime) else value
            self.edit.setDate(to_qdate(day))


@dataclass
class LineText:
    """One line item as typed: the numbers stay text until the line is saved."""

    name: str = ""
    brand_model: str = ""
    quantity: str = "1"
    unit: str = ""
    unit_price: str = ""


class LineItemsModel(QAbstractTableModel):
    """The priced line items (投标分项报价表): edited in place, totals exact in Decimal."""

    EDITABLE = 5
    PRICE_COLUMN = 4
    TOTAL_COLUMN = 5

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lines: list[LineText] = []
        self.headers = [
            self.tr("Item"),
            self.tr("Brand / model"),
            self.tr("Quantity"),
            self.tr("Unit"),
            self.tr("Unit price"),
            self.tr("Total"),
        ]

    # --- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        if (
            role == Qt.ItemDataRole.DisplayRole
            and not horizontal
            and 0 <= section < len(self.lines)
        ):
            return section + 1
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() < self.EDITABLE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.lines):
            return None
        line, column = self.lines[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.TOTAL_COLUMN:
                total = self.line_total(index.row())
                return format_money(total) if total is not None else ""
            if column == self.PRICE_COLUMN:
                # shown as money like the total; edited as the plain number, typed text kept
                price = self._price(line)
                if price is not None:
                    shown = role == Qt.ItemDataRole.DisplayRole
                    return format_money(price) if shown else f"{price:.2f}"
            return self._cell(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column in (2, 4) and self._bad(line, column):
            return QBrush(BAD_CELL)
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() >= self.EDITABLE or index.row() >= len(self.lines):
            return False
        attribute = ("name", "brand_model", "quantity", "unit", "unit_price")[index.column()]
        setattr(self.lines[index.row()], attribute, str(value if value is not None else ""))
        last = self.index(index.row(), self.TOTAL_COLUMN)
        self.dataChanged.emit(index, last)
        return True

    # --- editing --------------------------------------------------------------------------
    def set_lines(self, lines: list[LineText]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def add_line(self) -> int:
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append(LineText())
        self.endInsertRows()
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()

    # --- numbers --------------------------------------------------------------------------
    @staticmethod
    def _cell(line: LineText, column: int) -> str:
        return (line.name, line.brand_model, line.quantity, line.unit, line.unit_price)[column]

    @staticmethod
    def _quantity(line: LineText) -> Decimal | None:
        try:
            return tenders.parse_quantity(line.quantity)
        except ValidationError:
            return None

    @staticmethod
    def _price(line: LineText) -> Decimal | None:
        try:
            price = parse_yuan(line.unit_price)
        except ValueError:
            return None
        return price if price is not None and price >= 0 else None

    @staticmethod
    def _price_code(line: LineText) -> str:
        """Why the unit price is refused: bad_amount, too_many_decimals or too_large."""
        try:
            parse_yuan(line.unit_price)
        except AmountError as exc:
            return exc.code
        return "bad_amount"

    def _bad(self, line: LineText, column: int) -> bool:
        if column == 2:  # unreadable, or so large that the line total is
            quantity, price = self._quantity(line), self._price(line)
            return quantity is None or (
                price is not None and self._product(quantity, price) is None
            )
        return bool(line.unit_price.strip()) and self._price(line) is None

    @staticmethod
    def _product(quantity: Decimal, price: Decimal) -> Decimal | None:
        """The line total, None when it is beyond what an amount may be (MAX_YUAN)."""
        try:
            total = quantity * price
        except ArithmeticError:
            return None
        return None if too_large(total) else to_yuan(total)

    def line_total(self, row: int) -> Decimal | None:
        line = self.lines[row]
        quantity, price = self._quantity(line), self._price(line)
        return None if quantity is None or price is None else self._product(quantity, price)

    def grand_total(self) -> Decimal | None:
        """The sum of the line totals, or None while a line's numbers are not readable."""
        totals = [self.line_total(row) for row in range(len(self.lines))]
        if any(t is None for t in totals):
            return None
        return sum(totals, Decimal("0.00"))

    def parsed(self, problems: list[tuple[int, FieldProblem]]) -> list[TenderItemLine]:
        """The lines for the service; problems are collected with their line number."""
        result = []
        for row, line in enumerate(self.lines, start=1):
            if not line.name.strip():
                problems.append((row, FieldProblem("item_name", "required")))
            quantity, price = self._quantity(line), self._price(line)
            if quantity is None:
                problems.append(
                    (row, FieldProblem("quantity", "bad_quantity", {"value": line.quantity}))
                )
            if price is None:
                code = self._price_code(line)
                problems.append((row, FieldProblem("unit_price", code, {"value": line.unit_price})))
            if quantity is not None and price is not None:
                result.append(
                    TenderItemLine(line.name, line.brand_model, quantity, line.unit, price)
                )
        return result


def line_text(item: TenderItemLine) -> LineText:
    quantity = item.quantity.normalize()
    shown = f"{quantity:f}"
    return LineText(item.name, item.brand_model, shown, item.unit, f"{item.unit_price:.2f}")


class TenderDialog(FormDialog):
    """New tender (tender_id None; optionally for a given purchaser client) or edit one."""

    MONEY = (
        "budget",
        "ceiling",
        "bid_deposit",
        "performance_deposit",
        "service_fee",
        "winning_price",
        "our_price",
    )

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
        self.record: TenderRecord | None = None
        self.saved: TenderRecord | None = None
        self.packet_dialog = None
        self.errors = FieldErrors(ctx.lang)
        self.money: dict[str, QLineEdit] = {}
        self.setWindowTitle(self.tr("New tender") if tender_id is None else self.tr("Edit tender"))
        self.setMinimumSize(720, 560)
        if tender_id is not None:
            self.record = tenders.get_tender(ctx.archive, tender_id)
        self._build()
        if self.record is not None:
            self._fill(self.record)
        elif client_id is not None:
            self.purchaser.set_client(client_id, clients.get_client(ctx.archive, client_id).name)
        self._fill_statuses(self.record.draft.status if self.record else None)
        self._connect_live()
        self.refresh_live()
        self.set_form_buttons(self.save_button)  # Enter saves; closing with changes asks

    # --- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #a61b1b; background: #fdecea; padding: 6px;")
        self.banner.hide()
        self.warning_bar = QLabel(self)
        self.warning_bar.setWordWrap(True)
        self.warning_bar.setStyleSheet(WARNING_STYLE)
        self.warning_bar.hide()
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._basic_tab(), self.tr("Basic information"))
        self.tabs.addTab(self._dates_tab(), self.tr("Dates"))
        self.tabs.addTab(self._money_tab(), self.tr("Deposits and fees"))
        self.tabs.addTab(self._items_tab(), self.tr("Price breakdown"))
        self.tabs.addTab(self._result_tab(), self.tr("Result"))
        self.history = None
        if self.tender_id is not None:
            from app.ui.history_view import HistoryView  # issue 9: 修改记录

            self.history = HistoryView(self.ctx, "tender", self)
            self.history.show_record(self.tender_id)
            self.tabs.addTab(self.history, self.history.title())
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.warning_bar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._buttons())

    def _form(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return page, form

    def _money_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(self.tr("yuan"))
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.money[name] = edit
        return edit

    def _moment(self, with_time: bool) -> OptionalMoment:
        return OptionalMoment(self.ctx.archive.now(), with_time, self)

    def _basic_tab(self) -> QWidget:
        page, form = self._form()
        self.title_edit = QLineEdit(self)
        self.number_edit = QLineEdit(self)
        self.purchaser = ClientPicker(self.ctx, self)
        self.purchaser.setPlaceholderText(
            self.tr("An existing client, or a new name (the client is created)")
        )
        self.agency_edit = QLineEdit(self)
        self.method_combo = QComboBox(self)
        add_choices(self.method_combo, TenderMethod, self.ctx.lang)
        self.source_edit = QLineEdit(self)
        self.source_edit.setPlaceholderText(self.tr("Notice URL, or where the paper notice is"))
        self.validity_spin = QSpinBox(self)
        self.validity_spin.setRange(1, 3650)
        self.validity_spin.setValue(90)
        self.validity_spin.setSuffix(self.tr(" days"))
        self.delivery_edit = QLineEdit(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(60)
        rows = (
            (self.tr("Project name *"), "tender_title", self.title_edit),
            (self.tr("Project number"), "number", self.number_edit),
            (self.tr("Purchaser *"), "purchaser", self.purchaser),
            (self.tr("Procurement agency"), "agency", self.agency_edit),
            (self.tr("Method"), "method", self.method_combo),
            (self.tr("Budget"), "budget", self._money_edit("budget")),
            (self.tr("Ceiling price"), "ceiling", self._money_edit("ceiling")),
            (self.tr("Source"), "source", self.source_edit),
            (self.tr("Bid validity"), "bid_validity_days", self.validity_spin),
            (self.tr("Delivery period"), "delivery_period", self.delivery_edit),
            (self.tr("Notes"), "notes", self.notes_edit),
        )
        for label, name, widget in rows:
            form.addRow(label, self.errors.wrap(name, widget))
        return page

    def _dates_tab(self) -> QWidget:
        page, form = self._form()
        self.published = self._moment(False)
        self.documents_deadline = self._moment(True)
        self.clarification_deadline = self._moment(True)
        self.bid_deadline = self._moment(True)
        self.opening_place_edit = QLineEdit(self)
        self.evaluation = self._moment(False)
        self.award_notice = self._moment(False)
        self.contract_signed = self._moment(False)
        rows = (
            (self.tr("Notice published"), "published_on", self.published),
            (self.tr("Documents deadline"), "documents_deadline", self.documents_deadline),
            (
                self.tr("Clarification deadline"),
                "clarification_deadline",
                self.clarification_deadline,
            ),
            (self.tr("Bid deadline (opening)"), "bid_deadline", self.bid_deadline),
            (self.tr("Opening place"), "opening_place", self.opening_place_edit),
            (self.tr("Evaluation"), "evaluation_on", self.evaluation),
            (self.tr("Award notice"), "award_notice_on", self.award_notice),
            (self.tr("Contract signed"), "contract_signed_on", self.contract_signed),
        )
        for label, name, widget in rows:
            form.addRow(label, self.errors.wrap(name, widget))
        self.refund_due_label = QLabel(self)
        self.challenge_label = QLabel(self)
        self.contract_due_label = QLabel(self)
        self.calendar_note = QLabel(self)
        self.calendar_note.setStyleSheet("color: #8a5a00;")
        self.calendar_note.setWordWrap(True)
        form.addRow(self.tr("Deposit refund due"), self.refund_due_label)
        form.addRow(self.tr("Challenge period ends"), self.challenge_label)
        form.addRow(self.tr("Contract due"), self.contract_due_label)
        form.addRow("", self.calendar_note)
        return page

    def _money_tab(self) -> QWidget:
        page, form = self._form()
        self.deposit_paid = self._moment(False)
        self.deposit_refunded = self._moment(False)
        self.deposit_hint = QLabel(self)
        self.deposit_hint.setStyleSheet("color: gray;")
        self.deposit_warning = QLabel(self)
        self.deposit_warning.setWordWrap(True)
        self.deposit_warning.setStyleSheet(WARNING_STYLE)
        self.deposit_warning.hide()
        # 免收: the tender asks no bid deposit (stored as 0), said in so many words
        self.deposit_waived = QCheckBox(self.tr("Waived"), self)
        self.deposit_waived.toggled.connect(self._on_deposit_waived)
        deposit = QWidget(self)
        deposit_row = QHBoxLayout(deposit)
        deposit_row.setContentsMargins(0, 0, 0, 0)
        deposit_row.addWidget(self._money_edit("bid_deposit"), 1)
        deposit_row.addWidget(self.deposit_waived)
        rows = (
            (self.tr("Bid deposit"), "bid_deposit", deposit),
            (self.tr("Deposit paid on"), "deposit_paid_on", self.deposit_paid),
            (self.tr("Deposit refunded on"), "deposit_refunded_on", self.deposit_refunded),
            (
                self.tr("Performance deposit"),
                "performance_deposit",
                self._money_edit("performance_deposit"),
            ),
            (self.tr("Service fee"), "service_fee", self._money_edit("service_fee")),
        )
        for label, name, widget in rows:
            form.addRow(label, self.errors.wrap(name, widget))
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

    def _items_tab(self) -> QWidget:
        page = QWidget(self)
        self.items_model = LineItemsModel(self)
        self.items_view = QTableView(page)
        self.items_view.setModel(self.items_model)
        self.items_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.items_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 130), (2, 70), (3, 50), (4, 100), (5, 120)):
            self.items_view.setColumnWidth(column, width)
        add = QPushButton(self.tr("Add line"), page)
        add.clicked.connect(self.add_line)
        self.remove_line_button = QPushButton(self.tr("Remove line"), page)
        self.remove_line_button.clicked.connect(self.remove_line)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove_line_button)
        buttons.addStretch(1)
        self.total_label = QLabel(page)
        self.total_label.setStyleSheet("font-weight: bold;")
        self.capitals_label = QLabel(page)
        self.capitals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.use_total_button = QPushButton(self.tr("Use as our price"), page)
        self.use_total_button.clicked.connect(self.use_total_as_price)
        totals = QHBoxLayout()
        totals.addWidget(self.total_label)
        totals.addWidget(self.capitals_label, 1)
        totals.addWidget(self.use_total_button)
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(self.errors.wrap("items", self.items_view), 1)
        layout.addLayout(totals)
        return page

    def _result_tab(self) -> QWidget:
        page, form = self._form()
        self.status_combo = QComboBox(self)
        self.winner_edit = QLineEdit(self)
        self.lessons_edit = QPlainTextEdit(self)
        self.lessons_edit.setPlaceholderText(self.tr("What we learned: price, scoring, documents…"))
        rows = (
            (self.tr("Status"), "tender_status", self.status_combo),
            (self.tr("Our price"), "our_price", self._money_edit("our_price")),
            (self.tr("Winner"), "winner", self.winner_edit),
            (self.tr("Winning price"), "winning_price", self._money_edit("winning_price")),
            (self.tr("Lessons learned"), "lessons", self.lessons_edit),
        )
        for label, name, widget in rows:
            form.addRow(label, self.errors.wrap(name, widget))
        return page

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.packet_button = QPushButton(self.tr("Tender packet…"), self)
        keys.mark(self.packet_button, keys.PRINT)  # Ctrl+P: its packet
        self.packet_button.setToolTip(self.tr("Save the tender first to build its packet."))
        self.packet_button.clicked.connect(self.open_packet)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(self.delete_tender)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        row.addWidget(self.packet_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(cancel)
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
        self.title_edit.setText(draft.title)
        self.number_edit.setText(draft.number)
        self.purchaser.set_client(draft.client_id, record.client_name)
        self.agency_edit.setText(draft.agency)
        self.method_combo.setCurrentIndex(self.method_combo.findData(str(draft.method)))
        self.source_edit.setText(draft.source)
        self.validity_spin.setValue(draft.bid_validity_days or 90)
        self.delivery_edit.setText(draft.delivery_period)
        self.notes_edit.setPlainText(draft.notes)
        for name, edit in self.money.items():
            value = getattr(draft, name)
            edit.setText("" if value is None else f"{value:,.2f}")
        for widget, value in self._moments(draft):
            widget.set_value(value)
        self.deposit_waived.setChecked(draft.deposit_waived)
        self.opening_place_edit.setText(draft.opening_place)
        self.winner_edit.setText(draft.winner)
        self.lessons_edit.setPlainText(draft.lessons)
        self.items_model.set_lines([line_text(i) for i in record.items])

    def _moments(self, draft: TenderDraft | None = None) -> list[tuple[OptionalMoment, object]]:
        pairs = (
            (self.published, "published_on"),
            (self.documents_deadline, "documents_deadline"),
            (self.clarification_deadline, "clarification_deadline"),
            (self.bid_deadline, "bid_deadline"),
            (self.evaluation, "evaluation_on"),
            (self.award_notice, "award_notice_on"),
            (self.contract_signed, "contract_signed_on"),
            (self.deposit_paid, "deposit_paid_on"),
            (self.deposit_refunded, "deposit_refunded_on"),
        )
        return [(w, getattr(draft, name) if draft else name) for w, name in pairs]

    # --- live feedback --------------------------------------------------------------------
    def _connect_live(self) -> None:
        for edit in self.money.values():
            edit.textChanged.connect(self.refresh_live)
        self.status_combo.currentIndexChanged.connect(self.refresh_live)
        self.award_notice.check.toggled.connect(self.refresh_live)
        self.award_notice.edit.dateChanged.connect(self.refresh_live)
        self.items_model.dataChanged.connect(self.refresh_totals)
        self.items_model.rowsInserted.connect(self.refresh_totals)
        self.items_model.rowsRemoved.connect(self.refresh_totals)
        self.items_model.modelReset.connect(self.refresh_totals)

    def _amount(self, name: str) -> Decimal | None:
        try:
            return parse_yuan(self.money[name].text())
        except ValueError:
            return None

    def refresh_live(self, *_args: object) -> None:
        self.refresh_warnings()
        self.refresh_computed_dates()
        self.refresh_totals()

    def warning_texts(self) -> list[str]:
        draft = TenderDraft(
            title="",
            status=TenderStatus(self.status_combo.currentData() or TenderStatus.TRACKING.value),
            **{name: self._amount(name) for name in self.MONEY},
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
        award = self.award_notice.value()
        if award is None:
            for label in (self.refund_due_label, self.challenge_label, self.contract_due_label):
                label.setText(self.tr("after the award notice date is entered"))
                label.setStyleSheet("color: gray;")
            self.calendar_note.clear()
            return
        refund, challenge = deposit_refund_due(award), challenge_deadline(award)
        self.refund_due_label.setText(
            self.tr("{0} (5 working days)").format(format_date(refund.day))
        )
        self.challenge_label.setText(
            self.tr("{0} (7 working days)").format(format_date(challenge.day))
        )
        self.contract_due_label.setText(
            self.tr("{0} (30 days)").format(format_date(contract_due(award)))
        )
        for label in (self.refund_due_label, self.challenge_label, self.contract_due_label):
            label.setStyleSheet("")
        official = refund.official and challenge.official
        self.calendar_note.setText(
            ""
            if official
            else self.tr(
                "{0}: counted Monday to Friday; check once the holidays are announced."
            ).format(CALENDAR_NOT_PUBLISHED)
        )

    def refresh_totals(self, *_args: object) -> None:
        total = self.items_model.grand_total()
        if not self.items_model.lines:
            self.total_label.setText(self.tr("Total: {0}").format(format_money(Decimal("0.00"))))
            self.capitals_label.setText("")
        elif total is None:
            self.total_label.setText(self.tr("Total: check the red cells"))
            self.capitals_label.setText("")
        else:
            self.total_label.setText(self.tr("Total: {0}").format(format_money(total)))
            if too_large(total):  # refused on saving: say so instead of the capitals
                problem = ValidationError("items_total", "too_large", value=format_money(total))
                self.capitals_label.setText(error_text(problem, self.ctx.lang))
            else:
                capitals = rmb_capitals(total)
                self.capitals_label.setText(self.tr("In capitals: {0}").format(capitals))
        self.use_total_button.setEnabled(total is not None and bool(self.items_model.lines))

    # --- line items -----------------------------------------------------------------------
    def add_line(self) -> None:
        row = self.items_model.add_line()
        index = self.items_model.index(row, 0)
        self.items_view.setCurrentIndex(index)
        if self.isVisible():
            self.items_view.edit(index)

    def remove_line(self) -> None:
        index = self.items_view.currentIndex()
        if index.isValid():
            self.items_model.remove_line(index.row())

    def use_total_as_price(self) -> None:
        total = self.items_model.grand_total()
        if total is not None:
            self.money["our_price"].setText(f"{total:.2f}")

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
        moments = {name: widget.value() for widget, name in self._moments()}
        return TenderDraft(
            title=self.title_edit.text(),
            client_id=client_id,
            purchaser_name="" if client_id is not None else self.purchaser.text(),
            number=self.number_edit.text(),
            agency=self.agency_edit.text(),
            method=TenderMethod(self.method_combo.currentData()),
            source=self.source_edit.text(),
            opening_place=self.opening_place_edit.text(),
            status=TenderStatus(self.status_combo.currentData()),
            winner=self.winner_edit.text(),
            lessons=self.lessons_edit.toPlainText().strip(),
            bid_validity_days=self.validity_spin.value(),
            delivery_period=self.delivery_edit.text(),
            notes=self.notes_edit.toPlainText().strip(),
            **amounts,
            **moments,
        )

    def _items(self, problems: list[FieldProblem]) -> list[TenderItemLine]:
        numbered: list[tuple[int, FieldProblem]] = []
        lines = self.items_model.parsed(numbered)
        if numbered:
            lang = message_lang(self.ctx.lang)
            text = "\n".join(
                self.tr("Line {0}: {1}").format(row, problem_text(p.field, p.code, p.details, lang))
                for row, p in numbered
            )
            problems.append(FieldProblem("items", "line_problems", {"text": text}))
        return lines

    def save(self) -> bool:
        """Saves the tender and its line items; on bad input marks the fields and keeps all."""
        self.errors.clear()
        self.banner.hide()
        problems: list[FieldProblem] = []
        draft = self._draft(problems)
        lines = self._items(problems)
        if problems:
            self.show_problems(problems)
            return False
        new_purchaser = draft.client_id is None
        try:
            if self.tender_id is None:
                record = tenders.create_tender(self.ctx.archive, draft)
            else:
                record = tenders.update_tender(self.ctx.archive, self.tender_id, draft)
            self.tender_id = record.id
            if self.record is None or list(self.record.items) != lines:
                record = tenders.set_items(self.ctx.archive, record.id, lines)
        except AppError as exc:
            found = problems_of(exc)
            if found:
                self.show_problems(found)
            else:
                self._show_banner(error_text(exc, self.ctx.lang))
            return False
        self.record = self.saved = record
        self._update_buttons()
        if new_purchaser:
            self.ctx.events.changed.emit("client")
        self.ctx.events.changed.emit("tender")
        self.accept()
        return True

    def show_problems(self, problems: list[FieldProblem]) -> None:
        lang = message_lang(self.ctx.lang)
        items = [p for p in problems if p.field == "items"]
        others = [p for p in problems if p.field != "items"]
        unplaced = self.errors.show(others)
        for problem in items:
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
        # The packet builder is its own module, loaded when first asked for.
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
        try:
            tenders.delete_tender(self.ctx.archive, self.tender_id)
        except AppError as exc:
            self._show_banner(error_text(exc, self.ctx.lang))
            return
        self.ctx.events.changed.emit("tender")
        self.accept()
