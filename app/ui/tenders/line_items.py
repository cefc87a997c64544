"""The priced line items of a tender (投标分项报价表), edited in place in a grid: the numbers stay
as typed until saved, a cell that cannot be read is red, the totals are exact (Decimal) and the
bid total is spelled in capitals (大写). An editing grid, not a list: the kit's models are for
reading, so this one model stays hand-written."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.amounts import rmb_capitals
from app.domain.errors import FieldProblem, ValidationError
from app.domain.money import AmountError, parse_yuan, shown_amount, to_yuan, too_large
from app.services import tenders
from app.services.tenders import TenderItemLine
from app.ui.kit import boxes
from app.ui.kit.forms import FieldErrors
from app.ui.widgets import error_text, format_money

AnyIndex = QModelIndex | QPersistentModelIndex
BAD_CELL = QColor("#fde2e2")
FIELDS = ("name", "brand_model", "quantity", "unit", "unit_price")
QUANTITY, PRICE, TOTAL = 2, 4, 5
NUMBERS = (QUANTITY, PRICE, TOTAL)  # right-aligned
translate = QCoreApplication.translate  # lupdate reads a bare tr() as self.tr()


@dataclass
class LineText:
    """One line item as typed: the numbers stay text until the line is saved."""

    name: str = ""
    brand_model: str = ""
    quantity: str = "1"
    unit: str = ""
    unit_price: str = ""


def line_text(item: TenderItemLine) -> LineText:
    quantity = f"{item.quantity.normalize():f}"
    return LineText(item.name, item.brand_model, quantity, item.unit, f"{item.unit_price:.2f}")


def quantity_of(line: LineText) -> Decimal | None:
    try:
        return tenders.parse_quantity(line.quantity)
    except ValidationError:
        return None


def price_of(line: LineText) -> Decimal | None:
    try:
        price = parse_yuan(line.unit_price)
    except ValueError:
        return None
    return price if price is not None and price >= 0 else None


def price_code(line: LineText) -> str:
    """Why the unit price is refused: bad_amount, too_many_decimals or too_large."""
    try:
        parse_yuan(line.unit_price)
    except AmountError as exc:
        return exc.code
    return "bad_amount"


def product(quantity: Decimal, price: Decimal) -> Decimal | None:
    """The line total, None when it is beyond what an amount may be (MAX_YUAN)."""
    try:
        total = quantity * price
    except ArithmeticError:
        return None
    return None if too_large(total) else to_yuan(total)


class LineItemsModel(QAbstractTableModel):
    """The priced line items (投标分项报价表): edited in place, totals exact in Decimal."""

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
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.lines):
            return section + 1
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() < TOTAL else base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.lines):
            return None
        line, column = self.lines[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(index.row(), column, role == Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self._bad(line, column):
            return QBrush(BAD_CELL)
        return None

    def _text(self, row: int, column: int, shown: bool) -> str:
        line = self.lines[row]
        if column == TOTAL:
            total = self.line_total(row)
            return format_money(total) if total is not None else ""
        price = price_of(line) if column == PRICE else None
        if price is not None:  # shown as money like the total; edited as the plain number
            return format_money(price) if shown else f"{price:.2f}"
        return astuple(line)[column]

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() >= TOTAL or index.row() >= len(self.lines):
            return False
        text = str(value if value is not None else "")
        setattr(self.lines[index.row()], FIELDS[index.column()], text)
        self.dataChanged.emit(index, self.index(index.row(), TOTAL))
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
    def _bad(self, line: LineText, column: int) -> bool:
        if column == QUANTITY:  # unreadable, or so large that the line total is
            quantity, price = quantity_of(line), price_of(line)
            return quantity is None or (price is not None and product(quantity, price) is None)
        if column == PRICE:
            return bool(line.unit_price.strip()) and price_of(line) is None
        return False

    def line_total(self, row: int) -> Decimal | None:
        line = self.lines[row]
        quantity, price = quantity_of(line), price_of(line)
        return None if quantity is None or price is None else product(quantity, price)

    def grand_total(self) -> Decimal | None:
        """The sum of the line totals, or None while a line's numbers are not readable."""
        totals = [self.line_total(row) for row in range(len(self.lines))]
        if any(t is None for t in totals):
            return None
        return sum(totals, Decimal("0.00"))

    def parsed(self, problems: list[tuple[int | None, FieldProblem]]) -> list[TenderItemLine]:
        """The lines for the service; problems are collected with their line number (None for
        the total, which must stay within what the 投标函 can spell in capitals)."""
        result = []
        for row, line in enumerate(self.lines, start=1):
            found = self._problems(line)
            problems.extend((row, problem) for problem in found)
            if not found:
                quantity, price = quantity_of(line), price_of(line)
                result.append(
                    TenderItemLine(line.name, line.brand_model, quantity, line.unit, price)
                )
        total = sum((item.total for item in result), Decimal("0.00"))
        if len(result) == len(self.lines) and too_large(total):
            too_large_total = {"value": shown_amount(total)}
            problems.append((None, FieldProblem("items_total", "too_large", too_large_total)))
        return result

    @staticmethod
    def _problems(line: LineText) -> list[FieldProblem]:
        found = []
        if not line.name.strip():
            found.append(FieldProblem("item_name", "required"))
        quantity, price = quantity_of(line), price_of(line)
        if quantity is None:
            found.append(FieldProblem("quantity", "bad_quantity", {"value": line.quantity}))
        if price is None:
            found.append(FieldProblem("unit_price", price_code(line), {"value": line.unit_price}))
        elif quantity is not None and product(quantity, price) is None:
            beyond = {"value": shown_amount(quantity * price)}
            found.append(FieldProblem("items_total", "too_large", beyond))
        return found


class PriceBreakdown(QWidget):
    """The 分项报价 tab of the tender form: the grid, add/remove a line, the exact total with
    its capitals, and 用作我方报价 (`use_total(total)`)."""

    use_total = Signal(object)  # the Decimal total

    def __init__(self, errors: FieldErrors, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.model = LineItemsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        triggers = QAbstractItemView.EditTrigger
        edit = triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
        self.view.setEditTriggers(edit)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 130), (2, 70), (3, 50), (4, 100), (5, 120)):
            self.view.setColumnWidth(column, width)
        add = QPushButton(translate("TenderDialog", "Add line"), self, clicked=self.add_line)
        self.remove_button = QPushButton(translate("TenderDialog", "Remove line"), self)
        self.remove_button.clicked.connect(self.remove_line)
        self.total_label = QLabel(self, styleSheet="font-weight: bold;")
        self.capitals_label = QLabel(self)
        self.capitals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.use_total_button = QPushButton(translate("TenderDialog", "Use as our price"), self)
        self.use_total_button.clicked.connect(self._use_total)
        self._lay_out(errors, add)
        for signal in (self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self.refresh_totals)
        self.model.modelReset.connect(self.refresh_totals)
        self.refresh_totals()

    def _lay_out(self, errors: FieldErrors, add: QPushButton) -> None:
        buttons = boxes.row(add, self.remove_button, ...)
        totals = boxes.row(self.total_label, (self.capitals_label, 1), self.use_total_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(errors.wrap("items", self.view), 1)
        layout.addLayout(totals)

    def refresh_totals(self, *_args: object) -> None:
        total = self.model.grand_total()
        capitals = ""
        if total is None and self.model.lines:
            text = translate("TenderDialog", "Total: check the red cells")
        else:
            total = total or Decimal("0.00")
            text = translate("TenderDialog", "Total: {0}").format(format_money(total))
            if too_large(total):  # refused on saving: say so instead of the capitals
                problem = ValidationError("items_total", "too_large", value=format_money(total))
                capitals = error_text(problem, self.lang)
            elif self.model.lines:
                capitals = translate("TenderDialog", "In capitals: {0}").format(rmb_capitals(total))
        self.total_label.setText(text)
        self.capitals_label.setText(capitals)
        self.use_total_button.setEnabled(total is not None and bool(self.model.lines))

    def add_line(self) -> None:
        row = self.model.add_line()
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        if self.isVisible():
            self.view.edit(index)

    def remove_line(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove_line(index.row())

    def _use_total(self) -> None:
        total = self.model.grand_total()
        if total is not None:
            self.use_total.emit(total)
