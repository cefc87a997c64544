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
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QWidget,
)

from app.domain.amounts import rmb_capitals
from app.domain.tenders import QualificationState, qualification_state
from app.services import tenders
from app.services.packet_forms import FORM_FIELDS
from app.services.settings import CompanySettings
from app.services.tender_packet import SectionRecord
from app.ui.kit import boxes
from app.ui.widgets import format_date, format_money

SECTION_ID = Qt.ItemDataRole.UserRole
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1  # a file's title as edited
SHOWN_TITLE_ROLE = Qt.ItemDataRole.UserRole + 2  # its title as stored
DEVIATION_FORMS = ("tech_deviation", "biz_deviation")
MULTILINE_KEYS = ("text",)
LEGAL_REP_FORMS = ("legal_rep", "authorization")
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


class TitleDelegate(QStyledItemDelegate):
    """Edits a file's title (TITLE_ROLE), not the line shown (title, expiry, state)."""

    def setEditorData(self, editor, index) -> None:  # noqa: N802 - Qt override
        editor.setText(index.data(TITLE_ROLE) or "")

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt override
        model.setData(index, editor.text(), TITLE_ROLE)


class FileList(QListWidget):
    """A section's files in print order: drag to reorder, F2 or double-click to rename;
    accepts files dropped from the desktop."""

    files_dropped = Signal(list)
    moved = Signal(int, int)  # file id, offset
    renamed = Signal(int, str)  # file id, new title

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setItemDelegate(TitleDelegate(self))
        self.loading = False
        self.model().rowsMoved.connect(self._on_rows_moved)
        self.itemChanged.connect(self._on_item_changed)

    def _on_rows_moved(self, _parent: QModelIndex, start: int, _end: int, _dest, row: int) -> None:
        new = row if row < start else row - 1
        if new != start and 0 <= new < self.count():
            self.moved.emit(self.item(new).data(SECTION_ID), new - start)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        title = item.data(TITLE_ROLE)
        if not self.loading and title is not None and title != item.data(SHOWN_TITLE_ROLE):
            self.renamed.emit(item.data(SECTION_ID), str(title))

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
        elif not event.mimeData().hasUrls():
            super().dropEvent(event)


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

    def show_section(
        self,
        section: SectionRecord,
        tender: tenders.TenderRecord,
        company: CompanySettings | None = None,
    ) -> None:
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
        if company is not None and section.form in LEGAL_REP_FORMS:
            self._add_legal_rep(company)
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
            self._add_fact(label, value)

    def _add_legal_rep(self, company: CompanySettings) -> None:
        """The legal representative as the company settings hold him (公司信息)."""
        facts = (
            (self.tr("Legal representative"), company.legal_representative),
            (self.tr("Legal representative's title"), company.legal_rep_title),
            (self.tr("Legal representative's ID number"), company.legal_rep_id_number),
        )
        for label, value in facts:
            self._add_fact(label, value)
        where = QLabel(self.tr("Change them in Settings > Company."))
        where.setStyleSheet("color: #555;")
        self.layout_.addRow("", where)

    def _add_fact(self, label: str, value: str) -> None:
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


class FilesEditor(QWidget):
    """A files section: qualifications from the library and files from disk, each titled (as
    the 目录 and the bookmarks print it) and in print order."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.files = FileList()
        self.library_button = QPushButton(self.tr("Add from library…"))
        self.disk_button = QPushButton(self.tr("Add files…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.rename_button = QPushButton(self.tr("Rename"), clicked=self.start_rename)
        self.up_button = QPushButton(self.tr("Move up"), clicked=lambda: self._move(-1))
        self.down_button = QPushButton(self.tr("Move down"), clicked=lambda: self._move(1))
        hint = QLabel(
            self.tr(
                "Drop scans (PDF, PNG, JPG) here to add them. Each file is listed in the "
                "contents under its title (F2 renames it; drag or move to reorder)."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.files.currentRowChanged.connect(self._enable)
        buttons = boxes.row(self.library_button, self.disk_button, self.remove_button, ...)
        order = boxes.row(self.rename_button, self.up_button, self.down_button, ...)
        boxes.column(hint, self.files, order, buttons, parent=self, margin=0)
        self._enable(-1)

    def show_files(
        self, section: SectionRecord, deadline: date, select_id: int | None = None
    ) -> None:
        self.files.loading = True
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
            item.setData(TITLE_ROLE, f.label)
            item.setData(SHOWN_TITLE_ROLE, f.label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            if f.label != f.default_label:
                tip = self.tr("Own name: %1").replace("%1", f.default_label)
                item.setToolTip(tip)
            colour = state_colour(state)
            if colour:
                item.setForeground(QBrush(QColor(colour)))
            self.files.addItem(item)
            if f.id == select_id:
                self.files.setCurrentItem(item)
        self.files.loading = False
        self._enable(self.files.currentRow())

    def _enable(self, row: int) -> None:
        self.rename_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.files.count() - 1)

    def start_rename(self) -> None:
        item = self.files.currentItem()
        if item is not None:
            self.files.editItem(item)

    def _move(self, offset: int) -> None:
        item = self.files.currentItem()
        if item is not None:
            self.files.moved.emit(item.data(SECTION_ID), offset)

    def current_file_id(self) -> int | None:
        item = self.files.currentItem()
        return item.data(SECTION_ID) if item is not None else None

    def selected_file_ids(self) -> list[int]:
        return [item.data(SECTION_ID) for item in self.files.selectedItems()]
