"""会议纪要: the meetings, newest first (any column sorts), searched by title, place, people or
agenda and filtered by client; Enter or a double-click opens the minutes, the right button
offers 编辑/删除/打印. The client page shows one client's meetings with the same page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QWidget

from app.services import minutes
from app.services.minutes import MeetingFilter, MeetingRow
from app.ui.context import UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.forms import ClientPicker
from app.ui.kit.tables import CENTER, Column, FilterBox, ListModel, ListView, attribute
from app.ui.minutes.minutes_dialog import MinutesDialog, print_minutes
from app.ui.widgets import confirm, error_text, format_date

OPEN_ITEMS = "#c0392b"  # a meeting with action items still open
LISTENS_TO = ("meeting", "action", "client")  # a client renamed shows in the Clients column


def _client_names(row: MeetingRow) -> str:
    return "、".join(c.name for c in row.clients)


def _open_items(row: MeetingRow) -> str:
    return f"{row.actions_open} / {row.actions_total}" if row.actions_total else ""


def meeting_columns() -> tuple[Column[MeetingRow], ...]:
    """The list's columns; the last reads '2 / 5' (open / all action items), red while open."""
    return (
        Column(
            QCoreApplication.translate("MeetingTableModel", "Held"),
            lambda row: format_date(row.held_at),
            sort="held_at",
            width=130,
        ),
        Column(
            QCoreApplication.translate("MeetingTableModel", "No."),
            attribute("number"),
            sort=lambda row: (row.number[1:5], len(row.number), row.number),  # 第9期 before 第10期
            width=110,
        ),
        Column(
            QCoreApplication.translate("MeetingTableModel", "Meeting"),
            attribute("title"),
            sort="title",
            tooltip=attribute("title"),
            stretch=True,
        ),
        Column(
            QCoreApplication.translate("MeetingTableModel", "Place"),
            attribute("place"),
            sort="place",
            width=120,
        ),
        Column(
            QCoreApplication.translate("MeetingTableModel", "Chair"),
            attribute("host"),
            sort="host",
            width=90,
        ),
        Column(
            QCoreApplication.translate("MeetingTableModel", "Clients"),
            _client_names,
            sort=_client_names,
            tooltip=_client_names,
            width=220,
        ),
        Column(
            QCoreApplication.translate("MeetingTableModel", "Open items"),
            _open_items,
            align=CENTER,
            sort="actions_open",
            colour=lambda row: OPEN_ITEMS if row.actions_open else None,
            width=90,
        ),
    )


class MinutesPage(QWidget):
    """The 会议纪要 area (or one client's meetings on the client page when client_id is given).
    `counted(n)` after each load: the number of meetings listed."""

    counted = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, client_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.active_dialog: MinutesDialog | None = None
        self.preview = None  # the PDF preview last opened
        self.model = ListModel(meeting_columns(), parent=self)
        self._build()
        ops.follow(self, self.apply_filter, *LISTENS_TO)
        self.apply_filter()

    def _build(self) -> None:
        self.text_filter = FilterBox(self.tr("Title, place, people or agenda"), self)
        self.text_filter.settled.connect(self.apply_filter)
        self.client_filter = ClientPicker(self.ctx, self)
        self.client_filter.setPlaceholderText(self.tr("Filter by client"))
        self.client_filter.chosen.connect(self.apply_filter)
        self.client_filter.textChanged.connect(self._on_client_text)
        self.add_button = QPushButton(self.tr("New minutes…"), self, clicked=self.new_minutes)
        self.edit_button = QPushButton(self.tr("Edit"), self, clicked=self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete"), self, clicked=self.delete_selected)
        self.print_button = QPushButton(self.tr("Print…"), self, clicked=self.print_selected)
        bar = boxes.row((self.text_filter, 2))
        if self.client_id is None:
            bar.addWidget(self.client_filter, 1)
        else:
            self.client_filter.hide()
        for button in (self.add_button, self.edit_button, self.delete_button, self.print_button):
            bar.addWidget(button)
        key = "meetings" if self.client_id is None else "client_meetings"
        self.view = ListView(
            self.model, settings_key=key, sort=(0, Qt.SortOrder.DescendingOrder), parent=self
        )
        self.view.row_activated.connect(self.open_dialog)
        self.view.set_context_menu(self._fill_menu)
        self.view.empty_state.say(
            self.tr("No minutes yet"), "", self.add_button.text(), self.new_minutes
        )
        self.view.empty_state.say_when_filtered(
            self.is_filtered,
            self.tr("No minutes match the filters"),
            self.tr("Clear filters"),
            self.clear,
        )
        keys.mark(self.add_button, keys.NEW)
        keys.mark(self.print_button, keys.PRINT)
        keys.mark(self.delete_button, keys.DELETE, self.view)
        self.count_label = QLabel(self)
        boxes.column(bar, (self.view, 1), self.count_label, parent=self)

    def _fill_menu(self, menu: QMenu, _meeting_id: int) -> None:
        menu.addAction(self.edit_button.text(), self.edit_selected)
        menu.addAction(self.print_button.text(), self.print_selected)
        menu.addSeparator()
        menu.addAction(self.delete_button.text(), self.delete_selected)

    # --- listing ------------------------------------------------------------------------------
    def _on_client_text(self, text: str) -> None:
        if not text.strip() and self.client_filter.client_id is not None:
            self.client_filter.client_id = None
            self.apply_filter()

    def set_client(self, client_id: int) -> None:
        self.client_id = client_id
        self.apply_filter()

    def current_filter(self) -> MeetingFilter:
        client_id = self.client_id if self.client_id is not None else self.client_filter.client_id
        return MeetingFilter(text=self.text_filter.text().strip(), client_id=client_id)

    def is_filtered(self) -> bool:
        return bool(self.text_filter.text().strip() or self.client_filter.client_id)

    def apply_filter(self, *_args: object) -> None:
        """Lists the meetings of the filter (in the background; the newest request wins)."""
        ops.query(
            self,
            minutes.list_meetings,
            self.ctx.archive,
            self.current_filter(),
            key="meetings",
            label=self.tr("Loading the minutes…"),
            on_done=self._show,
            on_error=lambda exc: self.count_label.setText(error_text(exc, self.ctx.lang)),
        )

    def _show(self, rows: list[MeetingRow]) -> None:
        self.model.set_rows(rows)
        count = len(rows)
        open_items = sum(row.actions_open for row in rows)
        text = self.tr("%n meeting(s)", "", count)
        if open_items:
            text += self.tr(", %n open action item(s)", "", open_items)
        self.count_label.setText(text)
        self.counted.emit(count)

    def clear(self) -> None:
        self.client_filter.clear()  # lists again when the name is gone
        self.text_filter.clear()

    # --- acting on a meeting --------------------------------------------------------------------
    def selected_row(self) -> MeetingRow | None:
        return self.view.current_row()

    def open_dialog(self, meeting_id: int | None) -> MinutesDialog:
        dialog = MinutesDialog(self.ctx, meeting_id, client_id=self.client_id, parent=self)
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def new_minutes(self) -> MinutesDialog:
        return self.open_dialog(None)

    def edit_selected(self) -> MinutesDialog | None:
        row = self.selected_row()
        return self.open_dialog(row.id) if row is not None else None

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        question = self.tr("Delete the minutes “{0}” and their {1} action item(s)?").format(
            row.title, row.actions_total
        )
        if confirm(self, self.tr("Delete minutes"), question):
            ops.write(
                self,
                minutes.delete_meeting,
                self.ctx.archive,
                row.id,
                changes={"meeting"},
                label=self.tr("Delete minutes"),
            )

    def print_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            print_minutes(self, row.id, row.title)
