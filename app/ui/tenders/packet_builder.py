"""The tender packet builder (投标文件): the ordered sections on the left, the editor of the
selected section on the right, the checklist and the print options at the bottom."""

from __future__ import annotations

import shutil
import tempfile
import weakref
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import private_temp
from app.domain.amounts import rmb_capitals
from app.domain.errors import AppError
from app.domain.tenders import QualificationState, qualification_state
from app.services import qualifications, tender_packet, tenders
from app.services.packet_forms import FORM_FIELDS, FORM_LABELS
from app.services.tender_packet import CheckItem, SectionRecord
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import keys
from app.ui.kit.access import name_unlabelled
from app.ui.kit.forms import choose
from app.ui.kit.screens import fit_to_screen
from app.ui.pdf_preview import PdfPreviewDialog
from app.ui.widgets import TaskProgressDialog, confirm, format_date, format_money, show_error

SECTION_ID = Qt.ItemDataRole.UserRole
DEVIATION_FORMS = ("tech_deviation", "biz_deviation")
DEVIATIONS = ("无偏离", "正偏离", "负偏离")
MULTILINE_KEYS = ("text",)
LEVEL_COLOURS = {"error": "#c0392b", "warning": "#b9770e", "info": "#7f8c8d"}
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


class QualificationPicker(QDialog):
    """Pick items from the company's qualification library; state judged on the bid deadline."""

    def __init__(
        self,
        ctx: UiContext,
        on: date,
        parent: QWidget | None = None,
        already: frozenset[int] = frozenset(),
    ):
        super().__init__(parent)
        self.already = already
        self.setWindowTitle(self.tr("Add from the qualification library"))
        self.resize(640, 420)
        self.records = qualifications.list_all(ctx.archive, on=on)
        self.table = QTableWidget(len(self.records), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Qualification"), self.tr("Kind"), self.tr("Expires on"), self.tr("State")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, record in enumerate(self.records):
            self._fill_row(row, record)
        self.table.resizeColumnsToContents()
        self.table.doubleClicked.connect(self.accept)
        note = QLabel(self.tr("Validity is judged on the bid deadline: %1").replace("%1", str(on)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def _fill_row(self, row: int, record: qualifications.QualificationRecord) -> None:
        state = state_text(record.state)
        if record.id in self.already:
            state = self.tr("already in this section")
        values = (record.title, record.kind, format_date(record.expires_on), state)
        colour = state_colour(record.state)
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if record.id in self.already:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # shown, not selectable again
                item.setForeground(QBrush(QColor("#999999")))
            elif colour:
                item.setForeground(QBrush(QColor(colour)))
            self.table.setItem(row, column, item)

    def select_ids(self, ids: list[int]) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, record in enumerate(self.records):
            if record.id in ids:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [self.records[row].id for row in rows]


class FormEditor(QWidget):
    """The typed fields of a generated form (FORM_FIELDS)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_ = QFormLayout()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.layout_)
        outer.addStretch(1)
        self.inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")

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
        self.add_button = QPushButton(self.tr("Add row"))
        self.remove_button = QPushButton(self.tr("Remove row"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_rows)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

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
        buttons = QHBoxLayout()
        for button in (self.library_button, self.disk_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.files)
        layout.addLayout(buttons)

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


class PacketBuilderDialog(QDialog):
    def __init__(self, ctx: UiContext, tender_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tender_id = tender_id
        self.tender = tenders.get_tender(ctx.archive, tender_id)
        self.sections: list[SectionRecord] = []
        self.current: SectionRecord | None = None
        self.checks: list[CheckItem] = []
        self.last_pdf: Path | None = None
        self.last_preview: PdfPreviewDialog | None = None
        self._temp_dir: Path | None = None  # made on the first print, removed on close
        self.printing = False
        self._loading = False
        self.setWindowTitle(self.tr("Tender packet - %1").replace("%1", self.tender.draft.title))
        self.resize(1100, 780)  # fitted to a smaller screen when shown
        keys.install_dialog_keys(self)  # Ctrl+P makes the packet and prints it, Ctrl+W closes

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_sections_pane())
        splitter.addWidget(self._build_editor_pane())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._build_bottom())
        # Enter in a form field must not press 上移 or 关闭: no button here is a default button.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.reload()

    # --- building -------------------------------------------------------------------------

    def _build_sections_pane(self) -> QWidget:
        pane = QWidget()
        self.section_list = SectionList()
        self.section_list.currentRowChanged.connect(self._on_section_selected)
        self.section_list.itemChanged.connect(self._on_item_renamed)
        self.section_list.moved.connect(self._on_dragged)
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.add_button = QPushButton(self.tr("Add section"))
        self.rename_button = QPushButton(self.tr("Rename"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.setMenu(self._add_menu())
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.rename_button.clicked.connect(self._start_rename)
        self.remove_button.clicked.connect(self.remove_current)
        legend = QLabel(self.tr("● required section"))
        legend.setStyleSheet("color: #c0392b;")
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        row1.addWidget(self.up_button)
        row1.addWidget(self.down_button)
        row2.addWidget(self.add_button)
        row2.addWidget(self.rename_button)
        row2.addWidget(self.remove_button)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Sections (print order)")))
        layout.addWidget(self.section_list, 1)
        layout.addWidget(legend)
        layout.addLayout(row1)
        layout.addLayout(row2)
        return pane

    def _add_menu(self) -> QMenu:
        menu = QMenu(self)
        self.add_actions: dict[str, QAction] = {}
        for form, label in FORM_LABELS.items():
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, f=form, t=label: self.add_section(t, f))
            self.add_actions[form] = action
        menu.addSeparator()
        files = menu.addAction(self.tr("Files section (scans)"))
        files.triggered.connect(lambda: self.add_section(self.tr("Attachments"), ""))
        self.add_actions[""] = files
        return menu

    def _build_editor_pane(self) -> QWidget:
        pane = QWidget()
        self.editor_title = QLabel()
        font = self.editor_title.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.editor_title.setFont(font)
        self.form_editor = FormEditor()
        self.deviation_editor = DeviationEditor()
        self.files_editor = FilesEditor()
        self.editor_stack = QStackedWidget()
        for widget in (self.form_editor, self.deviation_editor, self.files_editor):
            self.editor_stack.addWidget(widget)
        self.save_section_button = QPushButton(self.tr("Save section"))
        self.save_section_button.clicked.connect(self.save_current)
        self.files_editor.library_button.clicked.connect(self.add_from_library)
        self.files_editor.disk_button.clicked.connect(self.add_from_disk)
        self.files_editor.remove_button.clicked.connect(self.remove_files)
        self.files_editor.files.files_dropped.connect(self.add_files)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_section_button)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor_title)
        layout.addWidget(self.editor_stack, 1)
        layout.addLayout(save_row)
        return pane

    def _build_bottom(self) -> QWidget:
        pane = QWidget()
        self.checklist_view = QListWidget()
        self.checklist_view.setWordWrap(True)
        self.checklist_summary = QLabel()
        self.checklist_view.setMaximumHeight(150)
        self.checklist_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.copy_combo = QComboBox()
        self.copy_combo.addItem(self.tr("Original (正本)"), "正本")
        self.copy_combo.addItem(self.tr("Copy (副本)"), "副本")
        self.draft_box = QCheckBox(self.tr("Draft"))
        self.watermark_box = QCheckBox(self.tr("Watermark scans"))
        self.preview_button = QPushButton(self.tr("Generate and preview"))
        self.save_pdf_button = QPushButton(self.tr("Save PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.preview_button.clicked.connect(self.generate_preview)
        keys.mark(self.preview_button, keys.PRINT)  # Ctrl+P: make it, then print
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.accept)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Print:")))
        options.addWidget(self.copy_combo)
        options.addWidget(self.draft_box)
        options.addWidget(self.watermark_box)
        options.addStretch(1)
        options.addWidget(self.preview_button)
        options.addWidget(self.save_pdf_button)
        options.addWidget(self.close_button)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(QLabel(self.tr("Checklist before printing")))
        heading.addWidget(self.checklist_summary)
        heading.addStretch(1)
        layout.addLayout(heading)
        layout.addWidget(self.checklist_view)
        layout.addLayout(options)
        return pane

    # --- loading --------------------------------------------------------------------------

    def deadline(self) -> date:
        due = self.tender.draft.bid_deadline
        return due.date() if due else self.ctx.archive.today()

    def reload(self, select_id: int | None = None) -> None:
        if select_id is None and self.current is not None:
            select_id = self.current.id
        self.tender = tenders.get_tender(self.ctx.archive, self.tender_id)
        self.sections = tender_packet.sections(self.ctx.archive, self.tender_id)
        self._loading = True
        self.section_list.clear()
        icon, bold = _required_icon(), QFont()
        bold.setBold(True)
        for section in self.sections:
            item = QListWidgetItem(section.title)
            item.setData(SECTION_ID, section.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            if section.required:
                item.setIcon(icon)
                item.setFont(bold)
                item.setToolTip(self.tr("Required section"))
            self.section_list.addItem(item)
        self._loading = False
        ids = [s.id for s in self.sections]
        row = ids.index(select_id) if select_id in ids else (0 if ids else -1)
        self.current = None
        self.section_list.setCurrentRow(row)
        if row == self.section_list.currentRow():
            self._on_section_selected(row)
        self.refresh_checklist()

    def refresh_checklist(self) -> None:
        try:
            self.checks = tender_packet.checklist(self.ctx.archive, self.tender_id)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return
        self._show_checks()

    def _show_checks(self) -> None:
        self.checklist_view.clear()
        if not any(c.level == "error" for c in self.checks):
            ok = QListWidgetItem(self.tr("No blocking problems: the packet can be printed."))
            ok.setForeground(QBrush(QColor("#1e8449")))
            self.checklist_view.addItem(ok)
        counts = {level: sum(c.level == level for c in self.checks) for level in LEVEL_COLOURS}
        self.checklist_summary.setText(
            self.tr("%1 errors, %2 warnings")
            .replace("%1", str(counts["error"]))
            .replace("%2", str(counts["warning"]))
        )
        self.checklist_summary.setStyleSheet(
            f"color: {LEVEL_COLOURS['error'] if counts['error'] else '#1e8449'};"
        )
        order = list(LEVEL_COLOURS)
        for check in sorted(
            self.checks, key=lambda c: order.index(c.level) if c.level in order else 9
        ):
            item = QListWidgetItem(check.text)
            item.setData(SECTION_ID, check.code)
            item.setForeground(QBrush(QColor(LEVEL_COLOURS.get(check.level, "#000"))))
            self.checklist_view.addItem(item)

    def checklist_texts(self, level: str | None = None) -> list[str]:
        return [c.text for c in self.checks if level is None or c.level == level]

    # --- sections -------------------------------------------------------------------------

    def _on_section_selected(self, row: int) -> None:
        if self._loading:
            return
        if self.current is not None and (row < 0 or self.sections[row].id != self.current.id):
            self.save_current(quiet=True)
        self.current = self.sections[row] if 0 <= row < len(self.sections) else None
        self._show_editor()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.sections) - 1)
        for button in (self.rename_button, self.remove_button):
            button.setEnabled(row >= 0)

    def _show_editor(self) -> None:
        section = self.current
        self.editor_stack.setEnabled(section is not None)
        if section is None:
            self.editor_title.setText("")
            return
        kind = FORM_LABELS.get(section.form, self.tr("Files"))
        same = section.title == kind
        self.editor_title.setText(section.title if same else f"{section.title}  ({kind})")
        if not section.is_form:
            self.files_editor.show_files(section, self.deadline())
            self.editor_stack.setCurrentWidget(self.files_editor)
        elif section.form in DEVIATION_FORMS:
            self.deviation_editor.show_rows(section.content.get("rows") or [])
            self.editor_stack.setCurrentWidget(self.deviation_editor)
        else:
            self.form_editor.show_section(section, self.tender)
            self.editor_stack.setCurrentWidget(self.form_editor)
        editable = section.form in DEVIATION_FORMS or bool(FORM_FIELDS.get(section.form))
        self.save_section_button.setVisible(editable)

    def _edited_content(self) -> dict | None:
        section = self.current
        if section is None or not section.is_form:
            return None
        if section.form in DEVIATION_FORMS:
            return {**section.content, "rows": self.deviation_editor.rows()}
        return self.form_editor.content(section.content)

    def save_current(self, quiet: bool = False) -> bool:
        """Saves the open form's fields; True when something changed."""
        content = self._edited_content()
        if content is None or content == self.current.content:
            return False
        try:
            tender_packet.set_content(self.ctx.archive, self.current.id, content)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return False
        self.current = _with_content(self.current, content)
        self.sections = [self.current if s.id == self.current.id else s for s in self.sections]
        self.refresh_checklist()
        if not quiet:
            self.ctx.events.status_message.emit(self.tr("Section saved"))
        return True

    def move_current(self, offset: int) -> None:
        if self.current is None:
            return
        self._move(self.current.id, offset)

    def _move(self, section_id: int, offset: int) -> None:
        if offset == 0:
            return
        self.save_current(quiet=True)
        try:
            tender_packet.move_section(self.ctx.archive, section_id, offset)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
        self.reload(select_id=section_id)

    def _on_dragged(self, section_id: int, offset: int) -> None:
        # Reloading inside the model's move notification would disturb the drop in progress.
        QTimer.singleShot(0, lambda: self._move(section_id, offset))

    def add_section(self, title: str, form: str) -> SectionRecord | None:
        self.save_current(quiet=True)
        try:
            section = tender_packet.add_section(self.ctx.archive, self.tender_id, title, form)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return None
        self.reload(select_id=section.id)
        return section

    def _start_rename(self) -> None:
        item = self.section_list.currentItem()
        if item is not None:
            self.section_list.editItem(item)

    def _on_item_renamed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        section_id = item.data(SECTION_ID)
        section = next((s for s in self.sections if s.id == section_id), None)
        if section is None or item.text() == section.title:
            return
        self.save_current(quiet=True)
        try:
            tender_packet.rename_section(self.ctx.archive, section_id, item.text())
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
        self.reload(select_id=section_id)

    def remove_current(self) -> None:
        section = self.current
        if section is None:
            return
        question = self.tr("Remove the section “%1” from the packet?").replace("%1", section.title)
        if section.required:
            question += "\n" + self.tr(
                "It is a required section: the checklist will block printing."
            )
        if not confirm(self, self.tr("Remove section"), question):
            return
        try:
            tender_packet.remove_section(self.ctx.archive, section.id)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
        self.current = None
        self.reload()

    # --- files ----------------------------------------------------------------------------

    def add_from_library(self) -> None:
        if self.current is None or self.current.is_form:
            return
        present = frozenset(f.qualification_id for f in self.current.files if f.qualification_id)
        picker = QualificationPicker(self.ctx, self.deadline(), self, already=present)
        if picker.exec() != QDialog.DialogCode.Accepted:
            return
        self.attach_qualifications(picker.selected_ids())

    def attach_qualifications(self, ids: list[int]) -> None:
        if self.current is None or self.current.is_form:
            return
        try:
            for qualification_id in ids:
                tender_packet.attach_qualification(
                    self.ctx.archive, self.tender_id, qualification_id, self.current.id
                )
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
        self.reload()

    def add_from_disk(self) -> None:
        names = user_settings.open_files(
            self, "scans", self.tr("Add scans"), self.tr("Scans (*.pdf *.png *.jpg *.jpeg)")
        )
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        if self.current is None or self.current.is_form or not paths:
            return
        try:
            for path in paths:
                tender_packet.attach_file(self.ctx.archive, self.current.id, path)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
        self.reload()

    def remove_files(self) -> None:
        ids = self.files_editor.selected_file_ids()
        if not ids:
            return
        if not confirm(
            self, self.tr("Remove files"), self.tr("Remove the selected files from this section?")
        ):
            return
        try:
            for packet_file_id in ids:
                tender_packet.remove_file(self.ctx.archive, packet_file_id)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
        self.reload()

    # --- printing -------------------------------------------------------------------------

    def print_options(self) -> dict:
        return {
            "copy": self.copy_combo.currentData(),
            "draft": self.draft_box.isChecked(),
            "watermark": self.watermark_box.isChecked(),
        }

    def _ready_options(self) -> dict | None:
        """The options to print with; with errors on the checklist, a draft if the user agrees."""
        self.save_current(quiet=True)
        self.refresh_checklist()
        options = self.print_options()
        errors = self.checklist_texts("error")
        if errors and not options["draft"]:
            text = (
                self.tr("The checklist has problems that would get the bid rejected:")
                + "\n\n• "
                + "\n• ".join(errors)
                + "\n\n"
                + self.tr("Print a draft (marked 草稿 on every page) instead?")
            )
            buttons = [  # named by what they do: 打印草稿 / 返回修改
                ("draft", self.tr("Print a draft"), QMessageBox.ButtonRole.AcceptRole),
                ("back", self.tr("Go back and fix"), QMessageBox.ButtonRole.RejectRole),
            ]
            answer = choose(
                self, self.tr("Packet not ready"), text, buttons, default="draft", escape="back"
            )
            if answer != "draft":
                return None
            options["draft"] = True
        return options

    def suggested_name(self, options: dict) -> str:
        suffix = "-草稿" if options["draft"] else ""
        name = f"{self.tender.draft.title}-投标文件-{options['copy']}{suffix}.pdf"
        return name.replace("/", "-")

    def generate_preview(self) -> None:
        options = self._ready_options()
        if options is None:
            return
        out = self._print_dir() / self.suggested_name(options)
        self._build(out, options, lambda _result: self._show_preview(out, options))

    def save_pdf(self) -> None:
        options = self._ready_options()
        if options is None:
            return
        target = user_settings.save_file(
            self,
            "pdf",
            self.tr("Save PDF"),
            self.suggested_name(options),
            self.tr("PDF files (*.pdf)"),
        )
        if not target:
            return
        out = Path(target) if target.lower().endswith(".pdf") else Path(target + ".pdf")
        self._build(out, options, lambda _result: self._saved(out))

    def _build(self, out: Path, options: dict, then) -> None:
        self._set_printing(True)

        def done(result) -> None:
            self._set_printing(False)
            self.last_pdf = out
            then(result)

        def failed(exc: Exception) -> None:
            self._set_printing(False)
            show_error(self, exc, self.ctx.lang)

        def cancelled() -> None:
            self._set_printing(False)
            out.unlink(missing_ok=True)
            self.ctx.events.status_message.emit(self.tr("Printing cancelled"))

        handle = self.ctx.runner.submit(
            self.tr("Printing the tender packet…"),
            tender_packet.build_pdf,
            self.ctx.archive,
            self.tender_id,
            out,
            on_done=done,
            on_error=failed,
            on_cancelled=cancelled,
            **options,
        )
        self.print_handle = handle
        self.progress_dialog = TaskProgressDialog(handle, self)

    def _set_printing(self, busy: bool) -> None:
        # Only the print buttons: the progress dialog (a child window) must stay usable to cancel.
        self.printing = busy
        for button in (self.preview_button, self.save_pdf_button):
            button.setEnabled(not busy)

    def _show_preview(self, out: Path, options: dict) -> None:
        self.last_preview = PdfPreviewDialog(
            out, self, save_suggestion=self.suggested_name(options)
        )
        self.last_preview.exec()

    def _print_dir(self) -> Path:
        if self._temp_dir is None:
            self._temp_dir = Path(
                tempfile.mkdtemp(prefix="packet-", dir=private_temp.session_folder("print"))
            )
            # also gone when the dialog is dropped without being closed, or at exit
            weakref.finalize(self, shutil.rmtree, self._temp_dir, True)
        return self._temp_dir

    def _saved(self, out: Path) -> None:
        self.ctx.events.status_message.emit(self.tr("Saved %1").replace("%1", str(out)))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not event.spontaneous():
            fit_to_screen(self)  # 1100×780 is more than a laptop has
            name_unlabelled(self)

    def done(self, result: int) -> None:  # noqa: D401 - Qt override: saves before closing
        self.save_current(quiet=True)
        if self.printing:
            self.print_handle.cancel()  # its own temp file is removed when it stops
        elif self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
        self.ctx.events.changed.emit("tender")
        super().done(result)


def _with_content(section: SectionRecord, content: dict) -> SectionRecord:
    return replace(section, content=content)
