"""会议纪要: the list of meetings (search, client filter) and the minutes editor with clients,
tender, agenda, decisions numbered 一、二、三 as one types, the action-item table and 打印."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
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
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import private_temp
from app.domain.errors import AppError, ValidationErrors
from app.domain.minutes import ActionItemDraft, ActionStatus, MeetingDraft, chinese_ordinal
from app.domain.parsing import parse_date
from app.services import clients, minutes, tenders
from app.services.minutes import MeetingFilter, MeetingRow
from app.ui.context import UiContext
from app.ui.kit import keys
from app.ui.kit.dates import DateTimeEdit
from app.ui.kit.forms import ClientPicker, FieldErrors, FormDialog, problems_of
from app.ui.kit.labels import add_choices
from app.ui.widgets import confirm, error_text, format_date, show_error

_ROOT = QModelIndex()
PRINT_DIR = private_temp.session_path("print")
OVERDUE_COLOUR = "#c0392b"

MEETING_COLUMNS = (
    QT_TRANSLATE_NOOP("MeetingTableModel", "Held"),
    QT_TRANSLATE_NOOP("MeetingTableModel", "Meeting"),
    QT_TRANSLATE_NOOP("MeetingTableModel", "Place"),
    QT_TRANSLATE_NOOP("MeetingTableModel", "Chair"),
    QT_TRANSLATE_NOOP("MeetingTableModel", "Clients"),
    QT_TRANSLATE_NOOP("MeetingTableModel", "Open items"),
)
# The action-item table of the editor: task, owner, helpers, due, status, result.
TASK, OWNER, HELPERS, DUE, STATUS, RESULT = range(6)


class MeetingTableModel(QAbstractTableModel):
    """Meetings newest first; the last column reads '2 / 5' (open / all action items)."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.filter = MeetingFilter()
        self._rows: list[MeetingRow] = []

    def set_filter(self, flt: MeetingFilter) -> None:
        self.filter = flt
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = minutes.list_meetings(self.ctx.archive, self.filter)
        self.endResetModel()

    def row_at(self, row: int) -> MeetingRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(MEETING_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(MEETING_COLUMNS):
            return QCoreApplication.translate("MeetingTableModel", MEETING_COLUMNS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 5 and row.actions_open:
            return QBrush(QColor(OVERDUE_COLOUR))
        return None

    def _cell(self, row: MeetingRow, column: int) -> str:
        values = (
            format_date(row.held_at),
            row.title,
            row.place,
            row.host,
            "、".join(c.name for c in row.clients),
            f"{row.actions_open} / {row.actions_total}" if row.actions_total else "",
        )
        return values[column] if 0 <= column < len(values) else ""


class MinutesPage(QWidget):
    """The 会议纪要 area (or one client's meetings on the client page when client_id is given)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, client_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.active_dialog: QDialog | None = None
        self.preview: QDialog | None = None
        self.model = MeetingTableModel(ctx, self)
        self._build()
        ctx.events.changed.connect(self._on_changed)
        self.apply_filter()

    def _build(self) -> None:
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText(self.tr("Title, place, people or agenda"))
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(self.apply_filter)
        self.client_filter = ClientPicker(self.ctx)
        self.client_filter.setPlaceholderText(self.tr("Filter by client"))
        self.client_filter.chosen.connect(lambda _id: self.apply_filter())
        self.client_filter.textChanged.connect(self._on_client_text)
        self.add_button = QPushButton(self.tr("New minutes…"))
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.text_filter, 2)
        if self.client_id is None:
            bar.addWidget(self.client_filter, 1)
        else:
            self.client_filter.hide()
        for button in (self.add_button, self.edit_button, self.delete_button, self.print_button):
            bar.addWidget(button)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda index: self.open_dialog(self._id_at(index.row())))
        keys.mark(self.add_button, keys.NEW)
        keys.mark(self.print_button, keys.PRINT)
        keys.mark(self.delete_button, keys.DELETE, self.view)
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

    def _on_client_text(self, text: str) -> None:
        if not text.strip():
            self.client_filter.client_id = None
            self.apply_filter()

    def _on_changed(self, kind: str) -> None:
        if kind in ("meeting", "action", "client"):
            self.apply_filter()

    def set_client(self, client_id: int) -> None:
        self.client_id = client_id
        self.apply_filter()

    def current_filter(self) -> MeetingFilter:
        client_id = self.client_id if self.client_id is not None else self.client_filter.client_id
        return MeetingFilter(text=self.text_filter.text().strip(), client_id=client_id)

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        open_items = sum(self.model.row_at(i).actions_open for i in range(self.model.rowCount()))
        text = self.tr("%n meeting(s)", "", self.model.rowCount())
        if open_items:
            text += self.tr(", %n open action item(s)", "", open_items)
        self.count_label.setText(text)

    def _id_at(self, row: int) -> int | None:
        return self.model.row_at(row).id if 0 <= row < self.model.rowCount() else None

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self._id_at(rows[0].row()) if rows else None

    def select_meeting(self, meeting_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == meeting_id:
                self.view.selectRow(row)
                return

    def open_dialog(self, meeting_id: int | None) -> MinutesDialog:
        dialog = MinutesDialog(self.ctx, meeting_id, client_id=self.client_id, parent=self)
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.open_dialog(meeting_id)

    def delete_selected(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        row = minutes.get_meeting(self.ctx.archive, meeting_id)
        question = self.tr("Delete the minutes “{0}” and their {1} action item(s)?").format(
            row.title, len(row.actions)
        )
        if confirm(self, self.tr("Delete minutes"), question):
            minutes.delete_meeting(self.ctx.archive, meeting_id)
            self.ctx.events.changed.emit("meeting")

    def print_selected(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            print_minutes(self.ctx, self, meeting_id)


def print_minutes(ctx: UiContext, owner: QWidget, meeting_id: int):
    """Prints in the background, then shows the PDF (kept on owner.preview)."""
    PRINT_DIR.mkdir(parents=True, exist_ok=True)
    out = PRINT_DIR / f"minutes-{meeting_id}.pdf"
    title = minutes.minutes_title(minutes.get_meeting(ctx.archive, meeting_id).title)

    def show(_pages: int) -> None:
        from app.ui.pdf_preview import PdfPreviewDialog

        owner.preview = PdfPreviewDialog(out, owner, save_suggestion=f"{title}.pdf")
        owner.preview.open()

    return ctx.runner.submit(
        QCoreApplication.translate("MinutesPage", "Printing the minutes…"),
        minutes.print_minutes,
        ctx.archive,
        meeting_id,
        out,
        on_done=show,
        on_error=lambda exc: show_error(owner, exc, ctx.lang),
    )


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
        self.preview: QDialog | None = None
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
        column.addWidget(self._header_box())
        column.addWidget(self._links_box())
        column.addWidget(self._text_box())
        column.addWidget(self._decisions_box())
        column.addWidget(self._actions_box())
        column.addWidget(self._closing_box())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #d9363e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        # Plain buttons, not a QDialogButtonBox: that makes 保存 the default button on show,
        # and Enter in the decision box would then save the whole dialog.
        self.save_button = QPushButton(self.tr("Save"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.save_button, self.print_button, self.cancel_button):
            buttons.addWidget(button)
        self.save_button.clicked.connect(self._on_save)
        self.print_button.clicked.connect(self.save_and_print)
        keys.mark(self.print_button, keys.PRINT)  # Ctrl+P: saves, then prints
        self.cancel_button.clicked.connect(self.reject)
        from app.ui.history_view import with_history  # issue 9: 修改记录

        body, self.history = with_history(
            self.ctx, scroll, self.tr("Minutes"), "minutes", self.meeting_id, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

    def _header_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Meeting"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. 恒信项目推进会"))
        self.held_at = DateTimeEdit(QDateTime(self.ctx.archive.now().replace(second=0)))
        self.held_at.setCalendarPopup(True)
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.place = QLineEdit()
        self.host = QLineEdit()
        self.recorder = QLineEdit()
        self.reviewer = QLineEdit()
        self.attendees = QLineEdit()
        self.observers = QLineEdit()
        self.absentees = QLineEdit()
        hint = self.tr("Names separated by 、 or commas")
        for edit in (self.attendees, self.observers, self.absentees):
            edit.setPlaceholderText(hint)
        grid = QGridLayout(box)
        rows = (
            (self.tr("Title"), self.errors.wrap("meeting_title", self.title_edit), None, None),
            (
                self.tr("Time"),
                self.errors.wrap("held_at", self.held_at),
                self.tr("Place"),
                self.place,
            ),
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
        self.client_list = QListWidget()
        self.client_list.setMaximumHeight(80)
        self.remove_client_button = QPushButton(self.tr("Remove client"))
        self.remove_client_button.clicked.connect(self.remove_selected_client)
        self.tender = QComboBox()
        self.tender.addItem(self.tr("(none)"), None)
        for row in tenders.list_tenders(self.ctx.archive):
            self.tender.addItem(row.title, row.id)
        form = QFormLayout(box)
        picker_row = QHBoxLayout()
        picker_row.addWidget(self.client_picker, 1)
        picker_row.addWidget(self.remove_client_button)
        form.addRow(self.tr("Add client"), picker_row)
        form.addRow(self.tr("Clients"), self.client_list)
        form.addRow(self.tr("Tender"), self.tender)
        return box

    def _text_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Agenda and discussion"))
        self.agenda = QPlainTextEdit()
        self.discussion = QPlainTextEdit()
        for edit in (self.agenda, self.discussion):
            edit.setMaximumHeight(90)
        form = QFormLayout(box)
        form.addRow(self.tr("Agenda"), self.agenda)
        form.addRow(self.tr("Discussion"), self.discussion)
        return box

    def _decisions_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Decisions (numbered 一、二、三)"))
        self.decisions = QTableWidget(0, 2)
        self.decisions.setHorizontalHeaderLabels([self.tr("No."), self.tr("Decision")])
        self.decisions.verticalHeader().hide()
        self.decisions.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.decisions.horizontalHeader().setStretchLastSection(True)
        self.decisions.setMinimumHeight(140)
        self.decision_edit = QLineEdit()
        self.decision_edit.setPlaceholderText(self.tr("Type a decision and press Enter"))
        self.decision_edit.returnPressed.connect(self.add_typed_decision)
        self.add_decision_button = QPushButton(self.tr("Add"))
        self.add_decision_button.clicked.connect(self.add_typed_decision)
        self.remove_decision_button = QPushButton(self.tr("Remove"))
        self.remove_decision_button.clicked.connect(self.remove_decision)
        self.up_button = QPushButton(self.tr("Up"))
        self.up_button.clicked.connect(lambda: self.move_decision(-1))
        self.down_button = QPushButton(self.tr("Down"))
        self.down_button.clicked.connect(lambda: self.move_decision(1))
        row = QHBoxLayout()
        row.addWidget(self.decision_edit, 1)
        for button in (
            self.add_decision_button,
            self.remove_decision_button,
            self.up_button,
            self.down_button,
        ):
            row.addWidget(button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.decisions)
        layout.addLayout(row)
        return box

    def _actions_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Action items"))
        self.actions = QTableWidget(0, 6)
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
        self.actions.setMinimumHeight(180)
        self.add_action_button = QPushButton(self.tr("Add item"))
        self.add_action_button.clicked.connect(lambda: self.add_action_row())
        self.remove_action_button = QPushButton(self.tr("Remove item"))
        self.remove_action_button.clicked.connect(self.remove_action_row)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_action_button)
        row.addWidget(self.remove_action_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.actions)
        layout.addLayout(row)
        return box

    def _closing_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Other matters and next meeting"))
        self.other_matters = QPlainTextEdit()
        self.other_matters.setMaximumHeight(70)
        self.next_meeting = QLineEdit()
        form = QFormLayout(box)
        form.addRow(self.tr("Other matters"), self.other_matters)
        form.addRow(self.tr("Next meeting"), self.next_meeting)
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

    def add_action_row(self, item: ActionItemDraft | None = None) -> int:
        row = self.actions.rowCount()
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
        out = []
        for row in range(self.actions.rowCount()):
            texts = [self._cell(row, c) for c in (TASK, OWNER, HELPERS, DUE, RESULT)]
            if not any(texts):
                continue  # an empty row added by mistake is not an item
            task, owner, helpers, due, result = texts
            due_on = parse_date(due, "action_due") if due else None
            action_id = self.actions.item(row, TASK).data(Qt.ItemDataRole.UserRole)
            status = self.status_box(row).currentData()
            out.append(ActionItemDraft(task, owner, helpers, due_on, status, result, action_id))
        return out

    # --- load and save --------------------------------------------------------------------------

    def _load(self, detail) -> None:
        self.setWindowTitle(minutes.minutes_title(detail.title))
        self.title_edit.setText(detail.title)
        self.held_at.setDateTime(QDateTime(detail.held_at))
        for edit, value in (
            (self.place, detail.place),
            (self.host, detail.host),
            (self.recorder, detail.recorder),
            (self.reviewer, detail.reviewer),
            (self.attendees, detail.attendees),
            (self.observers, detail.observers),
            (self.absentees, detail.absentees),
            (self.next_meeting, detail.next_meeting),
        ):
            edit.setText(value)
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

    def draft(self) -> MeetingDraft:
        held: datetime = self.held_at.dateTime().toPython().replace(second=0, microsecond=0)
        return MeetingDraft(
            title=self.title_edit.text(),
            held_at=held,
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
        )

    def save(self) -> bool:
        """Validates and saves; on a problem shows it and returns False (nothing is saved)."""
        self.errors.clear()
        self.error_label.hide()
        try:
            draft = self.draft()
            if self.meeting_id is None:
                detail = minutes.create_meeting(self.ctx.archive, draft)
            else:
                detail = minutes.update_meeting(self.ctx.archive, self.meeting_id, draft)
        except AppError as exc:
            self._show_problems(exc)
            return False
        self.meeting_id = detail.id
        self.ctx.events.changed.emit("meeting")
        return True

    def _show_problems(self, exc: AppError) -> None:
        unplaced = self.errors.show(problems_of(exc))
        if unplaced or not problems_of(exc):
            shown = ValidationErrors(unplaced) if unplaced else exc
            self.error_label.setText(error_text(shown, self.ctx.lang))
            self.error_label.show()

    def _on_save(self) -> None:
        if self.save():
            self.accept()

    def save_and_print(self):
        if self.save():
            return print_minutes(self.ctx, self, self.meeting_id)
        return None
