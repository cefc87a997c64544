"""The tender packet builder (投标文件): the ordered sections on the left, the editor of the
selected section on the right (packet_editors.py), the checklist and the print row at the
bottom (packet_printing.py). Every change is written at once, in the background, with what was
typed in the open section; the packet is read again afterwards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.services import packet_deviation, settings, tender_packet, tenders
from app.services.archive import Archive
from app.services.packet_forms import FORM_FIELDS, FORM_LABELS
from app.services.tender_packet import CheckItem, SectionRecord
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.forms import FormDialog
from app.ui.tenders.deviation_editor import DeviationEditor
from app.ui.tenders.packet_editors import (
    DEVIATION_FORMS,
    SECTION_ID,
    FilesEditor,
    FormEditor,
    SectionList,
)
from app.ui.tenders.packet_printing import PacketPrinter
from app.ui.tenders.qualification_picker import QualificationPicker
from app.ui.widgets import confirm, show_error

LEVEL_COLOURS = {"error": "#c0392b", "warning": "#b9770e", "info": "#7f8c8d"}
READY_GREEN = "#1e8449"
CHANGES = {"packet"}  # what the packet's writes announce (the home page's radar listens)
Pending = tuple[int, dict] | None  # the open section's typed values not saved yet


def edit_packet(
    archive: Archive, pending: Pending, change: Callable[..., Any], calls: list[tuple]
) -> Any:
    """One change to the packet on a worker thread: the open section's typed values first,
    then `change(archive, *args)` for each args of `calls`. Returns the last one's result."""
    if pending is not None:
        tender_packet.set_content(archive, *pending)
    results = [change(archive, *args) for args in calls]
    return results[-1] if results else None


class PacketBuilderDialog(FormDialog):
    """Sections, their editors, the checklist and printing. Enter presses no button (a field
    keeps its Enter); Ctrl+S saves the open section, Ctrl+P makes the packet and prints it."""

    def __init__(self, ctx: UiContext, tender_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tender_id = tender_id
        self.tender = tenders.get_tender(ctx.archive, tender_id)
        self.sections: list[SectionRecord] = []
        self.current: SectionRecord | None = None
        self.checks: list[CheckItem] = []
        self._loading = False
        self._select_file: int | None = None  # the file to select when its section shows again
        self.setWindowTitle(self.tr("Tender packet - %1").replace("%1", self.tender.draft.title))
        self.resize(1100, 780)  # fitted to a smaller screen when shown
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_sections_pane())
        splitter.addWidget(self._build_editor_pane())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._build_bottom())
        # Enter in a form field must not press 上移 or 关闭; closing saves, so never asks.
        self.set_form_buttons(self.save_section_button, enter_saves=False, guard=False)
        self.reload()

    # --- building -------------------------------------------------------------------------
    def _build_sections_pane(self) -> QWidget:
        pane = QWidget()
        self.section_list = SectionList()
        self.section_list.currentRowChanged.connect(self._on_section_selected)
        self.section_list.itemChanged.connect(self._on_item_renamed)
        self.section_list.moved.connect(self._on_dragged)
        self.up_button = QPushButton(self.tr("Move up"), clicked=lambda: self.move_current(-1))
        self.down_button = QPushButton(self.tr("Move down"), clicked=lambda: self.move_current(1))
        self.add_button = QPushButton(self.tr("Add section"))
        self.rename_button = QPushButton(self.tr("Rename"), clicked=self._start_rename)
        self.remove_button = QPushButton(self.tr("Remove"), clicked=self.remove_current)
        self.add_button.setMenu(self._add_menu())
        legend = QLabel(self.tr("● required section"), styleSheet="color: #c0392b;")
        row1 = boxes.row(self.up_button, self.down_button)
        row2 = boxes.row(self.add_button, self.rename_button, self.remove_button)
        title = QLabel(self.tr("Sections (print order)"))
        boxes.column(title, (self.section_list, 1), legend, row1, row2, parent=pane, margin=0)
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
        self.save_section_button.clicked.connect(lambda: self.save_current())
        self.deviation_editor.import_button.clicked.connect(self.import_deviation_rows)
        self.files_editor.library_button.clicked.connect(self.add_from_library)
        self.files_editor.disk_button.clicked.connect(self.add_from_disk)
        self.files_editor.remove_button.clicked.connect(self.remove_files)
        self.files_editor.files.files_dropped.connect(self.add_files)
        self.files_editor.files.renamed.connect(self.rename_file)
        self.files_editor.files.moved.connect(self._on_file_moved)
        save_row = boxes.row(..., self.save_section_button)
        boxes.column(self.editor_title, (self.editor_stack, 1), save_row, parent=pane, margin=0)
        return pane

    def _build_bottom(self) -> QWidget:
        pane = QWidget()
        self.checklist_view = QListWidget()
        self.checklist_view.setWordWrap(True)
        self.checklist_view.setMaximumHeight(150)
        self.checklist_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.checklist_summary = QLabel()
        self.printer = PacketPrinter(
            self.ctx, self.tender_id, lambda: self.tender.draft.title, self.ready_to_print, pane
        )
        self.close_button = QPushButton(self.tr("Close"), clicked=self.accept)
        self.printer.row.addWidget(self.close_button)
        heading = boxes.row(
            QLabel(self.tr("Checklist before printing")), self.checklist_summary, ...
        )
        boxes.column(heading, self.checklist_view, self.printer, parent=pane, margin=0)
        return pane

    # --- loading --------------------------------------------------------------------------
    def deadline(self) -> date:
        due = self.tender.draft.bid_deadline
        return due.date() if due else self.ctx.archive.today()

    def reload(self, select_id: int | None = None) -> None:
        """Reads the tender and its packet again (a few rows by id) and shows them."""
        if select_id is None and self.current is not None:
            select_id = self.current.id
        self.tender = tenders.get_tender(self.ctx.archive, self.tender_id)
        self.sections = tender_packet.sections(self.ctx.archive, self.tender_id)
        self._loading = True
        self.section_list.show_sections(self.sections)
        self._loading = False
        ids = [s.id for s in self.sections]
        row = ids.index(select_id) if select_id in ids else (0 if ids else -1)
        self.current = None
        self.section_list.setCurrentRow(row)
        if row == self.section_list.currentRow():
            self._on_section_selected(row)
        self._select_file = None
        self.refresh_checklist()

    def refresh_checklist(self) -> None:
        try:
            self.checks = tender_packet.checklist(self.ctx.archive, self.tender_id)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return
        self.checklist_view.clear()
        counts = {level: sum(c.level == level for c in self.checks) for level in LEVEL_COLOURS}
        if not counts["error"]:
            self._add_check(
                self.tr("No blocking problems: the packet can be printed."), READY_GREEN
            )
        self.checklist_summary.setText(
            self.tr("%1 errors, %2 warnings")
            .replace("%1", str(counts["error"]))
            .replace("%2", str(counts["warning"]))
        )
        colour = LEVEL_COLOURS["error"] if counts["error"] else READY_GREEN
        self.checklist_summary.setStyleSheet(f"color: {colour};")
        order = list(LEVEL_COLOURS)
        for check in sorted(
            self.checks, key=lambda c: order.index(c.level) if c.level in order else 9
        ):
            self._add_check(check.text, LEVEL_COLOURS.get(check.level, "#000"), check.code)

    def _add_check(self, text: str, colour: str, code: str | None = None) -> None:
        item = QListWidgetItem(text)
        item.setData(SECTION_ID, code)
        item.setForeground(QBrush(QColor(colour)))
        self.checklist_view.addItem(item)

    def checklist_texts(self, level: str | None = None) -> list[str]:
        return [c.text for c in self.checks if level is None or c.level == level]

    # --- writing ----------------------------------------------------------------------------
    def _pending(self) -> Pending:
        """The open section's typed values when they differ from what is saved, taken as
        saved from now on (the write that carries them is on its way)."""
        section = self.current
        if section is None or not section.is_form:
            return None
        if section.form in DEVIATION_FORMS:
            content = {**section.content, "rows": self.deviation_editor.rows()}
        else:
            content = self.form_editor.content(section.content)
        if content == section.content:
            return None
        self.current = replace(section, content=content)
        self.sections = [self.current if s.id == section.id else s for s in self.sections]
        return section.id, content

    def _change(self, change: Callable[..., Any], *calls: tuple, select_id: int | None = None):
        """Writes a change to the packet (with the open section's typed values), one call of
        `change` per args in `calls`, then reads the packet again, the section `select_id` (or
        the result's id) selected."""

        def done(result: Any) -> None:
            self.reload(select_id or getattr(result, "id", None))

        ops.write(
            self,
            edit_packet,
            self.ctx.archive,
            self._pending(),
            change,
            list(calls),
            changes=CHANGES,
            on_done=done,
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        show_error(self, exc, self.ctx.lang)
        self.reload()  # what is stored, e.g. the title a blank rename did not replace

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
        titled = self.tr("{0}  ({1})").format(section.title, kind)  # 业绩证明（文件）
        self.editor_title.setText(section.title if same else titled)
        if not section.is_form:
            self.files_editor.show_files(section, self.deadline(), self._select_file)
            self.editor_stack.setCurrentWidget(self.files_editor)
        elif section.form in DEVIATION_FORMS:
            self.deviation_editor.show_rows(section.content.get("rows") or [])
            self.editor_stack.setCurrentWidget(self.deviation_editor)
        else:
            company = settings.company(self.ctx.archive)  # one settings read, by key
            self.form_editor.show_section(section, self.tender, company)
            self.editor_stack.setCurrentWidget(self.form_editor)
        editable = section.form in DEVIATION_FORMS or bool(FORM_FIELDS.get(section.form))
        self.save_section_button.setVisible(editable)

    def save_current(self, quiet: bool = False, then: Callable[[], None] | None = None) -> bool:
        """Saves the open form's fields (in the background); True when something changed.
        `then` runs once they are saved (at once when nothing changed)."""
        pending = self._pending()
        if pending is None:
            if then is not None:
                then()
            return False

        def saved(_result: object) -> None:
            if not quiet:
                self.ctx.events.status_message.emit(self.tr("Section saved"))
            (then or self.refresh_checklist)()

        ops.write(
            self,
            tender_packet.set_content,
            self.ctx.archive,
            *pending,
            changes=CHANGES,
            on_done=saved,
            on_error=self._failed,
        )
        return True

    def move_current(self, offset: int) -> None:
        if self.current is not None:
            self._move(self.current.id, offset)

    def _move(self, section_id: int, offset: int) -> None:
        if offset != 0:
            self._change(tender_packet.move_section, (section_id, offset), select_id=section_id)

    def _on_dragged(self, section_id: int, offset: int) -> None:
        # Reloading inside the model's move notification would disturb the drop in progress.
        QTimer.singleShot(0, lambda: self._move(section_id, offset))

    def add_section(self, title: str, form: str) -> None:
        self._change(tender_packet.add_section, (self.tender_id, title, form))

    def _start_rename(self) -> None:
        item = self.section_list.currentItem()
        if item is not None:
            self.section_list.editItem(item)

    def _on_item_renamed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        section_id = item.data(SECTION_ID)
        section = next((s for s in self.sections if s.id == section_id), None)
        if section is not None and item.text() != section.title:
            rename = (section_id, item.text())
            self._change(tender_packet.rename_section, rename, select_id=section_id)

    def remove_current(self) -> None:
        section = self.current
        if section is None:
            return
        question = self.tr("Remove the section “%1” from the packet?").replace("%1", section.title)
        if section.required:
            question += "\n" + self.tr(
                "It is a required section: the checklist will block printing."
            )
        if confirm(self, self.tr("Remove section"), question):
            self.current = None  # what was typed goes with the section
            self._change(tender_packet.remove_section, (section.id,))

    # --- files ----------------------------------------------------------------------------
    def _files_section(self) -> SectionRecord | None:
        return self.current if self.current is not None and not self.current.is_form else None

    def add_from_library(self) -> None:
        section = self._files_section()
        if section is None:
            return
        present = frozenset(f.qualification_id for f in section.files if f.qualification_id)
        picker = QualificationPicker(self.ctx, self.deadline(), self, already=present)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.attach_qualifications(picker.selected_ids())

    def attach_qualifications(self, ids: list[int]) -> None:
        section = self._files_section()
        if section is not None:
            calls = [(self.tender_id, qualification_id, section.id) for qualification_id in ids]
            self._change(tender_packet.attach_qualification, *calls)

    def import_deviation_rows(self) -> None:
        """导入文件…: the rows of a spreadsheet appended to the table on screen; 保存本节 keeps
        them, as after a paste."""
        name = user_settings.open_file(
            self,
            "imports",
            self.tr("Import deviation rows"),
            self.tr("Spreadsheets (*.xlsx *.csv)"),
        )
        if name:
            ops.query(
                self,
                packet_deviation.read_rows,
                Path(name),
                on_done=self.deviation_editor.append_rows,
                on_error=lambda exc: show_error(self, exc, self.ctx.lang),
                label=self.tr("Reading rows…"),
                ctx=self.ctx,
            )

    def add_from_disk(self) -> None:
        names = user_settings.open_files(
            self, "scans", self.tr("Add scans"), self.tr("Scans (*.pdf *.png *.jpg *.jpeg)")
        )
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        section = self._files_section()
        if section is not None and paths:
            self._change(tender_packet.attach_file, *[(section.id, path) for path in paths])

    def rename_file(self, file_id: int, title: str) -> None:
        """Titles a file in its section ("" gives back its own name)."""
        if self.current is not None:
            self._select_file = file_id
            self._change(tender_packet.rename_file, (file_id, title), select_id=self.current.id)

    def move_file(self, file_id: int, offset: int) -> None:
        if self.current is not None and offset:
            self._select_file = file_id
            self._change(tender_packet.move_file, (file_id, offset), select_id=self.current.id)

    def _on_file_moved(self, file_id: int, offset: int) -> None:
        # A drop is still in progress while the model reports the move: reload afterwards.
        QTimer.singleShot(0, lambda: self.move_file(file_id, offset))

    def remove_files(self) -> None:
        ids = self.files_editor.selected_file_ids()
        question = self.tr("Remove the selected files from this section?")
        if ids and confirm(self, self.tr("Remove files"), question):
            self._change(tender_packet.remove_file, *[(i,) for i in ids])

    # --- printing and closing -------------------------------------------------------------
    def ready_to_print(self, then: Callable[[list[str]], None]) -> None:
        """Saves what is typed, checks the packet again, then `then(blocking problems)`."""

        def check() -> None:
            self.refresh_checklist()
            then(self.checklist_texts("error"))

        self.save_current(quiet=True, then=check)

    def done(self, result: int) -> None:  # Qt override: saves what is typed before closing
        self.save_current(quiet=True)
        self.printer.stop()
        super().done(result)
