"""The parts of the tender packet builder (投标文件): the section list in print order (drag to
reorder, F2 to rename, required sections marked), and the editors of the selected section: a
generated form's fields, a response/deviation table, or a files section (qualifications from the
library and scans from disk, by button or drop)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain.amounts import rmb_capitals
from app.domain.tenders import QualificationState, qualification_state
from app.services import tenders
from app.services.packet_forms import FORM_FIELDS
from app.services.tender_packet import SectionRecord
from app.ui.kit import boxes
from app.ui.widgets import format_date, format_money

SECTION_ID = Qt.ItemDataRole.UserRole
DEVIATION_FORMS = ("tech_deviation", "biz_deviation")
DEVIATIONS = ("无偏离", "正偏离", "负偏离")
MULTILINE_KEYS = ("text",)
EXPIRED_COLOUR = "#c0392b"
EXPIRING_COLOUR = "#b9770e"


def _required_icon() -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#c0392b"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(2, 2, 8, 8)
    painter.end()
    return QIcon(pixmap)


class SectionList(QListWidget):
    """The packet's sections in print order: drag to reorder, F2 or double-click to rename."""

    moved = Signal(int, int)  # section id, offset

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.model().rowsMoved.connect(self._on_rows_moved)

    def section_ids(self) -> list[int]:
        return [self.item(i).data(SECTION_ID) for i in range(self.count())]

    def _on_rows_moved(self, _parent: QModelIndex, start: int, _end: int, _dest, row: int) -> None:
        # A drop inside the list moves one row with QAbstractItemModel.moveRow (Qt 6).
        new = row if row < start else row - 1
        if new != start and 0 <= new < self.count():
            self.moved.emit(self.item(new).data(SECTION_ID), new - start)

    def show_sections(self, sections: list[SectionRecord]) -> None:
        """The sections in print order, the required ones bold with a red dot."""
        self.clear()
        icon, bold = _required_icon(), QFont()
        bold.setBold(True)
        for section in sections:
            item = QListWidgetItem(section.title)
            item.setData(SECTION_ID, section.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            if section.required:
                item.setIcon(icon)
                item.setFont(bold)
                item.setToolTip(
                    QCoreApplication.translate("PacketBuilderDialog", "Required section")
                )
            self.addItem(item)


class FileList(QListWidget):
    """A section's files; accepts files dropped from the desktop."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)


def state_text(state: QualificationState | None) -> str:
    """How a qualification stands on the bid deadline, in the window's language."""
    texts = {
        QualificationState.VALID: QCoreApplication.translate("PacketBuilderDialog", "valid"),
        QualificationState.EXPIRING: QCoreApplication.translate(
            "PacketBuilderDialog", "expiring soon"
        ),
        QualificationState.EXPIRED: QCoreApplication.translate("PacketBuilderDialog", "expired"),
        QualificationState.NO_EXPIRY: QCoreApplication.translate(
            "PacketBuilderDialog", "no expiry"
        ),
    }
    return texts.get(state, "") if state is not None else ""


def state_colour(state: QualificationState | None) -> str | None:
    if state == QualificationState.EXPIRED:
        return EXPIRED_COLOUR
    if state == QualificationState.EXPIRING:
        return EXPIRING_COLOUR
    return None


class FormEditor(QWidget):
    """The typed fields of a generated form (FORM_FIELDS)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_ = QFormLayout()
        boxes.column(self.layout_, ..., parent=self, margin=0)
        self.inputs: dict[str, QLineEdit | QPlainTextEdit] = {}

    def show_section(self, section: SectionRecord, tender: tenders.TenderRecord) -> None:
        while self.layout_.rowCount():
            self.layout_.removeRow(0)
        self.inputs = {}
        self.note = QLabel(
            self.tr(
                "Filled from the tender, its price lines and the company settings; "
                "values nobody entered print as blanks to write on by hand."
            )
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.layout_.addRow(self.note)
        self._add_facts(tender)
        for key, label in FORM_FIELDS.get(section.form, ()):
            value = str(section.content.get(key, "") or "")
            if key in MULTILINE_KEYS:
                widget: QLineEdit | QPlainTextEdit = QPlainTextEdit(value)
                widget.setMinimumHeight(160)
            else:
                widget = QLineEdit(value)
            widget.setObjectName(key)
            self.inputs[key] = widget
            self.layout_.addRow(label, widget)

    def _add_facts(self, tender: tenders.TenderRecord) -> None:
        """What the form takes from the tender, read-only, so the user sees what will print."""
        d = tender.draft
        facts = (
            (self.tr("Project number"), d.number),
            (
                self.tr("Bid total"),
                f"{format_money(tender.items_total)}  {rmb_capitals(tender.items_total)}",
            ),
            (self.tr("Delivery period"), d.delivery_period),
            (self.tr("Bid validity"), self.tr("%1 days").replace("%1", str(d.bid_validity_days))),
        )
        for label, value in facts:
            shown = QLabel(value or self.tr("(not entered: prints as a blank)"))
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if not value:
                shown.setStyleSheet(f"color: {EXPIRING_COLOUR};")
            self.layout_.addRow(label, shown)

    def content(self, previous: dict) -> dict:
        content = dict(previous)
        for key, widget in self.inputs.items():
            text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            content[key] = text.strip()
        return content


class DeviationEditor(QWidget):
    """The rows of a technical or commercial response/deviation table."""

    HEADERS = ("招标文件要求", "投标响应", "偏离情况", "说明")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Tender requirement"),
                self.tr("Our response"),
                self.tr("Deviation"),
                self.tr("Remark"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 220)
        self.add_button = QPushButton(self.tr("Add row"), clicked=lambda: self.add_row())
        self.remove_button = QPushButton(self.tr("Remove row"))
        self.remove_button.clicked.connect(self.remove_rows)
        buttons = boxes.row(self.add_button, self.remove_button, ...)
        boxes.column(self.table, buttons, parent=self, margin=0)

    def show_rows(self, rows: list) -> None:
        self.table.setRowCount(0)
        for row in rows:
            self.add_row(list(row))

    def add_row(self, values: list | None = None) -> int:
        values = (list(values or []) + ["", "", DEVIATIONS[0], ""])[:4]
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(str(values[0])))
        self.table.setItem(row, 1, QTableWidgetItem(str(values[1])))
        combo = QComboBox()
        combo.addItems(DEVIATIONS)
        combo.setCurrentText(str(values[2]) if values[2] in DEVIATIONS else DEVIATIONS[0])
        self.table.setCellWidget(row, 2, combo)
        self.table.setItem(row, 3, QTableWidgetItem(str(values[3])))
        self.table.setCurrentCell(row, 0)
        return row

    def remove_rows(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    def rows(self) -> list[list[str]]:
        result = []
        for row in range(self.table.rowCount()):
            texts = [self._text(row, 0), self._text(row, 1)]
            combo = self.table.cellWidget(row, 2)
            texts += [combo.currentText(), self._text(row, 3)]
            if texts[0] or texts[1] or texts[3]:
                result.append(texts)
        return result

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""


class FilesEditor(QWidget):
    """A files section: qualifications from the library and files from disk."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.files = FileList()
        self.library_button = QPushButton(self.tr("Add from library…"))
        self.disk_button = QPushButton(self.tr("Add files…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        hint = QLabel(self.tr("Drop scans (PDF, PNG, JPG) here to add them."))
        hint.setStyleSheet("color: #555;")
        buttons = boxes.row(self.library_button, self.disk_button, self.remove_button, ...)
        boxes.column(hint, self.files, buttons, parent=self, margin=0)

    def show_files(self, section: SectionRecord, deadline: date) -> None:
        self.files.clear()
        for f in section.files:
            if f.qualification_id is not None:
                state = qualification_state(f.expires_on, deadline)
                expiry = f"    {format_date(f.expires_on)}" if f.expires_on else ""
                text = f"{f.label}{expiry}    {state_text(state)}"
            else:
                state = None
                word = self.tr("file")  # lupdate does not see a tr() inside an f-string
                text = f"{f.label}    {word}"
            item = QListWidgetItem(text)
            item.setData(SECTION_ID, f.id)
            colour = state_colour(state)
            if colour:
                item.setForeground(QBrush(QColor(colour)))
            self.files.addItem(item)

    def selected_file_ids(self) -> list[int]:
        return [item.data(SECTION_ID) for item in self.files.selectedItems()]
