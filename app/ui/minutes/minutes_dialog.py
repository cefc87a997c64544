"""会议纪要 editor: header, clients and tender, agenda and discussion, decisions numbered
一、二、三 as one types, the action-item table and 其他事项/下次会议; 保存 and 打印 (saves, then
prints). The form scrolls, its buttons stay below it (it fits a 1366x768 laptop)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError, ConflictError, ValidationErrors
from app.domain.minutes import (
    ActionItemDraft,
    ActionStatus,
    MeetingDraft,
    chinese_ordinal,
    parse_action_due,
)
from app.domain.pasted_lines import ACTION_HEADINGS, is_rows, pasted_rows
from app.services import clients, minutes, tenders
from app.services.minutes import MeetingDetail
from app.ui import list_printing
from app.ui.context import UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.dates import DateTimeEdit
from app.ui.kit.forms import ClientPicker, FieldErrors, FormDialog, problems_of
from app.ui.kit.labels import add_choices
from app.ui.tasks import TaskHandle
from app.ui.widgets import error_text

# The action-item table of the editor: task, owner, helpers, due, status, result.
TASK, OWNER, HELPERS, DUE, STATUS, RESULT = ACTION_COLUMNS = range(6)


def print_minutes(owner: QWidget, meeting_id: int, title: str) -> TaskHandle | None:
    """Prints the minutes in the background, then shows the PDF (kept on owner.preview)."""

    def make(archive, out, task=None) -> int:  # the service's form for list_printing
        return minutes.print_minutes(archive, meeting_id, out, task)

    label = QCoreApplication.translate("MinutesPage", "Printing the minutes…")
    shown_as = f"{minutes.minutes_title(title)}.pdf"
    return list_printing.print_list(owner, make, f"minutes-{meeting_id}.pdf", label, shown_as)


class MinutesDialog(FormDialog):
    """Writes or edits one meeting's minutes. 保存 validates and saves; 打印 saves, then prints."""

    def __init__(
        self,
        ctx: UiContext,
        meeting_id: int | None = None,
        client_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.preview: QDialog | None = None  # the PDF preview last opened
        self.errors = FieldErrors(ctx.lang)
        self.setWindowTitle(self.tr("Meeting minutes"))
        self.resize(980, 860)
        self._build()
        if meeting_id is not None:
            self._load(minutes.get_meeting(ctx.archive, meeting_id))
        elif client_id is not None:
            self.add_client(client_id)
        # Enter presses no button (in the decision box it adds the decision); closing with
        # changes asks, and its 保存 saves as the 保存 button does.
        self.set_form_buttons(self.save_button, enter_saves=False)

    def extra_state(self) -> object:
        return tuple(self.client_ids())  # the clients added to the meeting

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        for box in (self._header_box(), self._links_box(), self._text_box()):
            column.addWidget(box)
        for box in (self._decisions_box(), self._actions_box(), self._closing_box()):
            column.addWidget(box)
        scroll = self.scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        self.error_label = QLabel(styleSheet="color: #d9363e;", wordWrap=True, visible=False)
        # Plain buttons, not a QDialogButtonBox (FormDialog keeps Enter off all of them: Enter
        # in the decision box adds the decision, it never saves the whole dialog).
        self.save_button = QPushButton(self.tr("Save"), clicked=self._on_save)
        self.print_button = QPushButton(self.tr("Print…"), clicked=self.save_and_print)
        self.cancel_button = QPushButton(self.tr("Cancel"), clicked=self.reject)
        keys.mark(self.print_button, keys.PRINT)  # Ctrl+P: saves, then prints
        buttons = boxes.row(..., self.save_button, self.print_button, self.cancel_button)
        from app.ui.history.view import with_history  # issue 9: 修改记录

        body, self.history = with_history(
            self.ctx, scroll, self.tr("Minutes"), "minutes", self.meeting_id, self
        )
        boxes.column((body, 1), self.error_label, buttons, parent=self)

    def _header_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Meeting"))
        self.title_edit = QLineEdit(placeholderText=self.tr("e.g. 恒信项目推进会"))
        self.held_at = DateTimeEdit(self.ctx.archive.now())
        self.place, self.host, self.recorder, self.reviewer = (QLineEdit() for _ in range(4))
        hint = self.tr("Names separated by 、 or commas")
        self.attendees, self.observers, self.absentees = (QLineEdit() for _ in range(3))
        for edit in (self.attendees, self.observers, self.absentees):
            edit.setPlaceholderText(hint)
        grid = QGridLayout(box)
        held = self.errors.wrap("held_at", self.held_at)
        pending = self.tr("Given when the minutes are saved")
        self.number_label = QLabel(pending)  # 纪要编号, e.g. 〔2026〕第3期
        title = self.errors.wrap("meeting_title", self.title_edit)
        rows = (
            (self.tr("Title"), title, self.tr("Minutes No."), self.number_label),
            (self.tr("Time"), held, self.tr("Place"), self.place),
            (self.tr("Chair"), self.host, self.tr("Minutes taker"), self.recorder),
            (self.tr("Reviewer"), self.reviewer, None, None),
            (self.tr("Present"), self.attendees, None, None),
            (self.tr("In attendance"), self.observers, self.tr("On leave"), self.absentees),
        )
        for r, (label, widget, label2, widget2) in enumerate(rows):
            grid.addWidget(QLabel(label), r, 0)
            grid.addWidget(widget, r, 1, 1, 1 if label2 else 3)
            if label2:
                grid.addWidget(QLabel(label2), r, 2)
                grid.addWidget(widget2, r, 3)
        return box

    def _links_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Clients and tender"))
        self.client_picker = ClientPicker(self.ctx)
        self.client_picker.chosen.connect(self.add_client)
        self.client_list = QListWidget(maximumHeight=80)
        self.remove_client_button = QPushButton(
            self.tr("Remove client"), clicked=self.remove_selected_client
        )
        self.tender = QComboBox()
        self.tender.addItem(self.tr("(none)"), None)
        for row in tenders.list_tenders(self.ctx.archive):
            self.tender.addItem(row.title, row.id)
        form = QFormLayout(box)
        picker_row = boxes.row((self.client_picker, 1), self.remove_client_button)
        form.addRow(self.tr("Add client"), picker_row)
        form.addRow(self.tr("Clients"), self.client_list)
        form.addRow(self.tr("Tender"), self.tender)
        return box

    def _text_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Agenda and discussion"))
        self.agenda, self.discussion = (QPlainTextEdit(maximumHeight=90) for _ in range(2))
        form = QFormLayout(box)
        form.addRow(self.tr("Agenda"), self.agenda)
        form.addRow(self.tr("Discussion"), self.discussion)
        return box

    def _decisions_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Decisions (numbered 一、二、三)"))
        self.decisions = QTableWidget(0, 2, minimumHeight=140)
        self.decisions.setHorizontalHeaderLabels([self.tr("No."), self.tr("Decision")])
        self.decisions.verticalHeader().hide()
        self.decisions.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.decisions.horizontalHeader().setStretchLastSection(True)
        self.decision_edit = QLineEdit(placeholderText=self.tr("Type a decision and press Enter"))
        self.decision_edit.returnPressed.connect(self.add_typed_decision)
        self.add_decision_button = QPushButton(self.tr("Add"), clicked=self.add_typed_decision)
        self.remove_decision_button = QPushButton(self.tr("Remove"), clicked=self.remove_decision)
        self.up_button = QPushButton(self.tr("Up"), clicked=lambda: self.move_decision(-1))
        self.down_button = QPushButton(self.tr("Down"), clicked=lambda: self.move_decision(1))
        row = QHBoxLayout()
        row.addWidget(self.decision_edit, 1)
        row.addWidget(self.add_decision_button)
        row.addWidget(self.remove_decision_button)
        row.addWidget(self.up_button)
        row.addWidget(self.down_button)
        boxes.column(self.decisions, row, parent=box)
        return box

    def _actions_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Action items"))
        self.actions = QTableWidget(0, 6, minimumHeight=180)
        self.actions.setHorizontalHeaderLabels(
            [
                self.tr("Task"),
                self.tr("Owner"),
                self.tr("Helpers"),
                self.tr("Due (YYYY-MM-DD)"),
                self.tr("Status"),
                self.tr("Result"),
            ]
        )
        header = self.actions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TASK, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RESULT, QHeaderView.ResizeMode.Stretch)
        self.actions.itemChanged.connect(self._on_action_changed)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.actions)
        paste.setContext(Qt.ShortcutContext.WidgetShortcut)  # a cell's editor pastes itself
        paste.activated.connect(self.paste_actions_clipboard)
        self.add_action_button = QPushButton(
            self.tr("Add item"), clicked=lambda: self.add_action_row()
        )
        self.remove_action_button = QPushButton(
            self.tr("Remove item"), clicked=self.remove_action_row
        )
        row = boxes.row(..., self.add_action_button, self.remove_action_button)
        boxes.column(self.actions, row, parent=box)
        return box

    def _closing_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Other matters and next meeting"))
        self.other_matters = QPlainTextEdit(maximumHeight=70)
        self.next_meeting = QLineEdit()
        hint = self.tr("People or departments, separated by 、 or commas")
        self.distribution, self.copies_to = (QLineEdit(placeholderText=hint) for _ in range(2))
        form = QFormLayout(box)
        form.addRow(self.tr("Other matters"), self.other_matters)
        form.addRow(self.tr("Next meeting"), self.next_meeting)
        form.addRow(
            self.tr("Distributed to"), self.errors.wrap("meeting_distribution", self.distribution)
        )
        form.addRow(self.tr("Copies to"), self.errors.wrap("meeting_copies_to", self.copies_to))
        return box

    # --- clients --------------------------------------------------------------------------------

    def client_ids(self) -> list[int]:
        return [
            self.client_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.client_list.count())
        ]

    def add_client(self, client_id: int, name: str | None = None) -> None:
        if client_id in self.client_ids():
            return
        name = name or clients.get_client(self.ctx.archive, client_id).name
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, client_id)
        self.client_list.addItem(item)
        self.client_picker.clear()

    def remove_selected_client(self) -> None:
        for item in self.client_list.selectedItems():
            self.client_list.takeItem(self.client_list.row(item))

    # --- decisions ------------------------------------------------------------------------------

    def add_typed_decision(self) -> None:
        text = self.decision_edit.text().strip()
        if text:
            self.add_decision(text)
            self.decision_edit.clear()

    def add_decision(self, text: str) -> None:
        row = self.decisions.rowCount()
        self.decisions.insertRow(row)
        self.decisions.setItem(row, 1, QTableWidgetItem(text))
        self.renumber()

    def remove_decision(self) -> None:
        row = self.decisions.currentRow()
        if row >= 0:
            self.decisions.removeRow(row)
            self.renumber()

    def move_decision(self, step: int) -> None:
        row = self.decisions.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.decisions.rowCount():
            return
        here, there = self.decisions.takeItem(row, 1), self.decisions.takeItem(target, 1)
        self.decisions.setItem(row, 1, there)
        self.decisions.setItem(target, 1, here)
        self.renumber()
        self.decisions.setCurrentCell(target, 1)

    def renumber(self) -> None:
        for row in range(self.decisions.rowCount()):
            item = QTableWidgetItem(chinese_ordinal(row + 1))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.decisions.setItem(row, 0, item)

    def decision_texts(self) -> list[str]:
        out = []
        for row in range(self.decisions.rowCount()):
            item = self.decisions.item(row, 1)
            out.append(item.text() if item else "")
        return out

    def numbered_decisions(self) -> list[str]:
        return [
            self.decisions.item(r, 0).text() + text for r, text in enumerate(self.decision_texts())
        ]

    # --- action items ---------------------------------------------------------------------------

    def add_action_row(self, item: ActionItemDraft | None = None, at: int | None = None) -> int:
        """A row for `item` (an empty one), at the end or at row `at`."""
        row = self.actions.rowCount() if at is None else at
        self.actions.insertRow(row)
        item = item or ActionItemDraft("", "")
        texts = {
            TASK: item.task,
            OWNER: item.owner,
            HELPERS: item.helpers,
            DUE: item.due_on.isoformat() if item.due_on else "",
            RESULT: item.result,
        }
        for column, text in texts.items():
            cell = QTableWidgetItem(text)
            if column == TASK:
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
            self.actions.setItem(row, column, cell)
        status = QComboBox()
        add_choices(status, ActionStatus, self.ctx.lang)
        status.setCurrentIndex(max(0, status.findData(str(item.status))))
        self.actions.setCellWidget(row, STATUS, status)
        self.actions.setCurrentCell(row, TASK)
        return row

    def _on_action_changed(self, item: QTableWidgetItem) -> None:
        """Cells pasted into one cell (rows copied in Excel) are spread over the items."""
        if is_rows(item.text()) and not self.paste_actions(item.text(), item.row(), item.column()):
            item.setText("")  # only a heading row or blank lines: nothing to keep

    def paste_actions_clipboard(self) -> int:
        """Ctrl+V on the items: rows copied in Excel or Word fill in from the current cell (new
        items at the end when none is current); one value goes into the current cell."""
        text = QGuiApplication.clipboard().text()
        row, column = self.actions.currentRow(), max(0, self.actions.currentColumn())
        if row < 0:
            return self.paste_actions(text, None)
        if is_rows(text):
            return self.paste_actions(text, row, column)
        self._set_action_cell(row, column, text.strip())
        return 1

    def paste_actions(self, text: str, row: int | None, column: int = 0) -> int:
        """Rows copied in Excel or Word (事项, 责任人, 协办, 完成时限, 状态, 落实情况) filled in
        from (`row`, `column`): the first over that item, the others as new items after it
        (`row` None: all as new items at the end). Returns the rows pasted."""
        rows = pasted_rows(text, len(ACTION_COLUMNS) - column, ACTION_HEADINGS)
        blocked = self.actions.blockSignals(True)
        if row is None:
            row = self.add_action_row() if rows else self.actions.rowCount()
        for offset, cells in enumerate(rows):
            at = row if not offset else self.add_action_row(at=row + offset)
            for col, value in enumerate(cells, start=column):
                self._set_action_cell(at, col, value)
        self.actions.blockSignals(blocked)
        if rows:
            self.actions.setCurrentCell(row, column)
        return len(rows)

    def _set_action_cell(self, row: int, column: int, text: str) -> None:
        if column != STATUS:
            self.actions.item(row, column).setText(text)
        elif (at := self.status_box(row).findText(text)) >= 0:  # 未开始, 进行中 …
            self.status_box(row).setCurrentIndex(at)

    def remove_action_row(self) -> None:
        row = self.actions.currentRow()
        if row >= 0:
            self.actions.removeRow(row)

    def status_box(self, row: int) -> QComboBox:
        return self.actions.cellWidget(row, STATUS)

    def _cell(self, row: int, column: int) -> str:
        item = self.actions.item(row, column)
        return item.text().strip() if item else ""

    def action_drafts(self) -> list[ActionItemDraft]:
        """The items typed; a wrong 完成时限 is refused naming its item (counted as the minutes
        count them: empty rows are no item) with the cursor on it."""
        out = []
        for row in range(self.actions.rowCount()):
            texts = [self._cell(row, c) for c in (TASK, OWNER, HELPERS, DUE, RESULT)]
            if not any(texts):
                continue  # an empty row added by mistake is not an item
            task, owner, helpers, due, result = texts
            try:
                due_on = parse_action_due(due, len(out) + 1)
            except ValidationErrors:
                self.scroll.ensureWidgetVisible(self.actions)
                self.actions.setCurrentCell(row, DUE)
                self.actions.setFocus()
                raise
            action_id = self.actions.item(row, TASK).data(Qt.ItemDataRole.UserRole)
            status = self.status_box(row).currentData()
            out.append(ActionItemDraft(task, owner, helpers, due_on, status, result, action_id))
        return out

    # --- load and save --------------------------------------------------------------------------

    def _load(self, detail: MeetingDetail) -> None:
        self.client_list.clear()  # 载入最新 fills the form again
        self.decisions.setRowCount(0)
        self.actions.setRowCount(0)
        self.setWindowTitle(minutes.minutes_title(detail.title))
        self.title_edit.setText(detail.title)
        self.held_at.set_value(detail.held_at)
        for edit, value in (
            (self.place, detail.place),
            (self.host, detail.host),
            (self.recorder, detail.recorder),
            (self.reviewer, detail.reviewer),
            (self.attendees, detail.attendees),
            (self.observers, detail.observers),
            (self.absentees, detail.absentees),
            (self.next_meeting, detail.next_meeting),
            (self.distribution, detail.distribution),
            (self.copies_to, detail.copies_to),
        ):
            edit.setText(value)
        self.number_label.setText(detail.number)
        self.agenda.setPlainText(detail.agenda)
        self.discussion.setPlainText(detail.discussion)
        self.other_matters.setPlainText(detail.other_matters)
        for ref in detail.clients:
            self.add_client(ref.id, ref.name)
        self.tender.setCurrentIndex(max(0, self.tender.findData(detail.tender_id)))
        for text in detail.decisions:
            self.add_decision(text)
        for action in detail.actions:
            self.add_action_row(action.draft())
        fetch = functools.partial(minutes.get_meeting, self.ctx.archive, detail.id)
        self.edits_version(detail.version, fetch, self._load)

    def draft(self) -> MeetingDraft:
        return MeetingDraft(
            title=self.title_edit.text(),
            held_at=self.held_at.value(),
            place=self.place.text(),
            host=self.host.text(),
            attendees=self.attendees.text(),
            observers=self.observers.text(),
            absentees=self.absentees.text(),
            recorder=self.recorder.text(),
            reviewer=self.reviewer.text(),
            agenda=self.agenda.toPlainText(),
            discussion=self.discussion.toPlainText(),
            decisions=tuple(self.decision_texts()),
            actions=tuple(self.action_drafts()),
            other_matters=self.other_matters.toPlainText(),
            next_meeting=self.next_meeting.text(),
            client_ids=tuple(self.client_ids()),
            tender_id=self.tender.currentData(),
            distribution=self.distribution.text(),
            copies_to=self.copies_to.text(),
        )

    def save(self, then: Callable[[MeetingDetail], object]) -> None:
        """Validates and saves in the background; then `then(detail)`. A problem is shown on
        its field (or above the buttons) and nothing is saved."""
        self.errors.clear()
        self.error_label.hide()
        try:
            draft = self.draft()
        except AppError as exc:
            self._show_problems(exc)
            return
        if self.meeting_id is None:
            call = (minutes.create_meeting, self.ctx.archive, draft)
        else:
            update = self.versioned(minutes.update_meeting)
            call = (update, self.ctx.archive, self.meeting_id, draft)
        self._set_saving(True)
        ops.write(
            self,
            *call,
            changes={"meeting"},
            label=self.tr("Saving the minutes…"),
            on_done=lambda detail: self._saved(detail, then),
            on_error=self._refused,
        )

    def _set_saving(self, saving: bool) -> None:
        self.save_button.setEnabled(not saving)
        self.print_button.setEnabled(not saving)

    def _saved(self, detail: MeetingDetail, then: Callable[[MeetingDetail], object]) -> None:
        self._set_saving(False)
        self.meeting_id = detail.id
        self.number_label.setText(detail.number)
        fetch = functools.partial(minutes.get_meeting, self.ctx.archive, detail.id)
        self.edits_version(detail.version, fetch, self._load)  # a save after this one
        then(detail)

    def refused_by_conflict(self, exc: ConflictError) -> bool:
        self._set_saving(False)
        return super().refused_by_conflict(exc)

    def _refused(self, exc: Exception) -> None:
        self._set_saving(False)
        self._show_problems(exc)

    def _show_problems(self, exc: Exception) -> None:
        unplaced = self.errors.show(problems_of(exc))
        if unplaced or not problems_of(exc):
            shown = ValidationErrors(unplaced) if unplaced else exc
            self.error_label.setText(error_text(shown, self.ctx.lang))
            self.error_label.show()

    def _on_save(self) -> None:
        self.save(lambda _detail: self.accept())

    def save_and_print(self) -> None:
        """打印 (Ctrl+P): saves, then prints what was saved."""
        self.save(lambda detail: print_minutes(self, detail.id, detail.title))
