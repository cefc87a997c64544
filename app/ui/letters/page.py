"""来往函: the 收文 and 发文 registers in two tabs, filtered by text, year, handling and overdue
replies (in red and bold); Enter or a double-click opens a letter; .xlsx export and the printed
register (打印, Ctrl+P)."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.documents import LetterDirection, LetterStatus
from app.services import letters
from app.services.letters import LetterFilter, LetterRow
from app.ui import list_printing
from app.ui.context import UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.labels import add_choices, shown
from app.ui.kit.tables import LEFT, RIGHT, Column, FilterBox, ListModel, ListView
from app.ui.letters.dialog import LetterDialog
from app.ui.widgets import confirm, error_text, format_date

OVERDUE_COLOUR = "#c0392b"
# A letter registered, edited or deleted; a document issued (a 发文); a client renamed.
LISTENS_TO = ("letter", "document", "client")

# (heading, LetterRow attribute, starting width that fits a 1366×768 screen; None: the room left)
INCOMING_COLUMNS = (
    (QT_TRANSLATE_NOOP("LetterTableModel", "Reg. no."), "number", 130),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Received"), "dated_on", 85),
    (QT_TRANSLATE_NOOP("LetterTableModel", "From"), "counterpart", 150),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Their ref."), "their_number", 110),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Title / matter"), "title", None),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Copies"), "copies", 40),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Handler"), "handler", 60),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Handling"), "status", 80),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Reply due"), "reply_due", 85),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Filed"), "archived_on", 85),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Client"), "client_name", 120),
)
OUTGOING_COLUMNS = (
    (QT_TRANSLATE_NOOP("LetterTableModel", "Number"), "number", 130),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Sent"), "dated_on", 85),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Title"), "title", None),
    (QT_TRANSLATE_NOOP("LetterTableModel", "To"), "counterpart", 150),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Copies"), "copies", 40),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Signed off by"), "handler", 60),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Status"), "status", 80),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Reply due"), "reply_due", 85),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Client"), "client_name", 120),
)
# The columns that share the width left by the others (elided, the whole text in the tooltip).
TEXT_ATTRIBUTES = ("title", "counterpart")
TOOLTIPS = (*TEXT_ATTRIBUTES, "client_name")  # the whole text where it is elided


def letter_columns(
    ctx: UiContext, direction: LetterDirection, narrow: bool = False
) -> tuple[Column[LetterRow], ...]:
    """One register's columns; each sorts by the LetterRow attribute it shows (its `sort`, but
    for the handling status, sorted by its label). `narrow` (a client's own register, in a
    tab of its page): every text column shares the room left."""
    spec = INCOMING_COLUMNS if direction == LetterDirection.INCOMING else OUTGOING_COLUMNS
    return tuple(
        _column(
            ctx,
            QCoreApplication.translate("LetterTableModel", heading),
            name,
            None if narrow and name in TEXT_ATTRIBUTES else width,
        )
        for heading, name, width in spec
    )


def _column(ctx: UiContext, title: str, name: str, width: int | None) -> Column[LetterRow]:
    def text(row: LetterRow) -> str:
        value = getattr(row, name)
        if name == "status":
            return shown(value, ctx.lang, LetterStatus)
        return format_date(value) if isinstance(value, date) else str(value or "")

    def overdue(row: LetterRow) -> str | None:
        return OVERDUE_COLOUR if row.overdue else None

    def overdue_tip(row: LetterRow) -> str | None:
        tip = QCoreApplication.translate("LetterTableModel", "The reply is overdue")
        return tip if row.overdue else None

    due = name == "reply_due"
    return Column(
        title,
        text,
        align=RIGHT if name == "copies" else LEFT,
        sort=text if name == "status" else name,  # a status by its label
        colour=overdue if due else None,
        bold=(lambda row: row.overdue) if due else None,
        tooltip=overdue_tip if due else (text if name in TOOLTIPS else None),
        width=width,
        stretch=width is None,
    )


class LetterRegister(QWidget):
    """One tab: filters, the register and its buttons."""

    def __init__(
        self,
        ctx: UiContext,
        direction: LetterDirection,
        client_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.direction = direction
        self.client_id = client_id
        self.active_dialog: QDialog | None = None
        narrow = client_id is not None  # a client's own register, in a tab of its page
        self.model = ListModel(letter_columns(ctx, direction, narrow), parent=self)
        self._build()
        self.model.modelReset.connect(self._update_count)
        self.fill_years()
        self.apply_filter()
        for reload in (self.fill_years, self.apply_filter):
            ops.follow(self, reload, *LISTENS_TO)

    def _build(self) -> None:
        self.text_filter = FilterBox(self.tr("Number, title or counterpart"), self)
        self.text_filter.settled.connect(self.apply_filter)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All"), None)
        add_choices(self.status_filter, LetterStatus, self.ctx.lang)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.year_filter = QComboBox()
        self.year_filter.addItem(self.tr("All years"), None)
        self.year_filter.currentIndexChanged.connect(self.apply_filter)
        self.overdue_only = QCheckBox(self.tr("Reply overdue"), toggled=self.apply_filter)
        self.add_button = keys.mark(QPushButton(self.tr("Register…")), keys.NEW)
        self.add_button.clicked.connect(self.new_letter)
        self.edit_button = QPushButton(self.tr("Edit"), clicked=self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete"), clicked=self.delete_selected)
        self.export_button = QPushButton(self.tr("Export .xlsx…"), clicked=lambda: self.export_to())
        self.print_button = keys.mark(QPushButton(self.tr("Print register…")), keys.PRINT)
        self.print_button.clicked.connect(self.print_register)
        bar = QHBoxLayout()
        bar.addWidget(self.text_filter, 1)
        for widget in (self.year_filter, self.status_filter, self.overdue_only, self.add_button):
            bar.addWidget(widget)
        for button in (self.edit_button, self.delete_button, self.export_button):
            bar.addWidget(button)
        bar.addWidget(self.print_button)
        whole = self.client_id is None  # else a client's own: its columns fit their contents
        key = f"letters_{self.direction.value}" if whole else None
        fit = "widths" if whole else "contents"
        self.view = ListView(self.model, settings_key=key, fit=fit, parent=self)
        self.view.row_activated.connect(self.open_dialog)
        self.view.set_context_menu(self._fill_menu)
        self.view.empty_state.say(
            self.tr("No letters registered yet."),
            self.tr("Register each letter received or sent, with its scan."),
            self.tr("Register…"),
            self.new_letter,
        )
        self.view.empty_state.say_when_filtered(
            self.is_filtered,
            self.tr("No letter matches these filters."),
            self.tr("Clear filters"),
            self.clear_filters,
        )
        keys.mark(self.delete_button, keys.DELETE, self.view)
        self.count_label = QLabel()
        boxes.column(bar, (self.view, 1), self.count_label, parent=self)

    def _fill_menu(self, menu: QMenu, letter_id: int) -> None:
        menu.addAction(self.tr("Edit"), lambda: self.open_dialog(letter_id))
        menu.addAction(self.tr("Delete"), self.delete_selected)

    # --- the register ---------------------------------------------------------------------
    def set_client(self, client_id: int) -> None:
        self.client_id = client_id
        self.apply_filter()

    def fill_years(self) -> None:
        """The years that have letters, newest first (read in the background)."""
        label = self.tr("Loading letters…")
        ops.query(
            self,
            letters.years,
            self.ctx.archive,
            key="years",
            label=label,
            on_done=self._show_years,
        )

    def _show_years(self, years: list[int]) -> None:
        current = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        while self.year_filter.count() > 1:  # "All years" stays
            self.year_filter.removeItem(1)
        for year in years:
            self.year_filter.addItem(str(year), year)
        self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(current)))
        self.year_filter.blockSignals(False)

    def current_filter(self) -> LetterFilter:
        status = self.status_filter.currentData()
        year = self.year_filter.currentData()
        return LetterFilter(
            self.direction,
            self.client_id,
            (status,) if status else (),
            self.text_filter.text().strip(),
            date(year, 1, 1) if year else None,
            date(year, 12, 31) if year else None,
            reply_due_before=self.ctx.archive.today() if self.overdue_only.isChecked() else None,
        )

    def apply_filter(self, *_args: object) -> None:
        """Reads the register with the filters as they are (in the background; the newest
        request wins)."""
        ops.query(
            self,
            letters.list_letters,
            self.ctx.archive,
            self.current_filter(),
            key="rows",
            label=self.tr("Loading letters…"),
            on_done=self.model.set_rows,
            on_error=lambda exc: self.count_label.setText(error_text(exc, self.ctx.lang)),
        )

    def is_filtered(self) -> bool:
        flt = self.current_filter()
        return bool(flt.statuses or flt.text or flt.date_from or flt.reply_due_before)

    def clear_filters(self) -> None:
        self.text_filter.clear_all(self.status_filter, self.year_filter, self.overdue_only)

    def _update_count(self) -> None:
        overdue = sum(1 for row in self.model.rows if row.overdue)
        text = self.tr("%n letter(s)", "", len(self.model.rows))
        if overdue:
            text += self.tr(", %n reply(ies) overdue", "", overdue)
        self.count_label.setText(text)

    # --- actions --------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        return self.view.current_id()

    def new_letter(self) -> LetterDialog:
        return self.open_dialog(None)

    def open_dialog(self, letter_id: int | None) -> LetterDialog:
        dialog = LetterDialog(
            self.ctx, self.direction, letter_id, client_id=self.client_id or None, parent=self
        )
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        letter_id = self.selected_id()
        if letter_id is not None:
            self.open_dialog(letter_id)

    def delete_selected(self) -> None:
        letter_id = self.selected_id()
        if letter_id is None:
            return
        row = self.model.row_at(self.model.row_of(letter_id))
        question = self.tr("Delete “{0}” ({1}) and its scans?").format(row.title, row.number)
        if confirm(self, self.tr("Delete letter"), question):
            ops.write(self, letters.delete_letter, self.ctx.archive, letter_id, changes={"letter"})

    def export_to(self, path: Path | None = None):
        """The register as filtered, as an .xlsx (asks where unless `path` is given)."""
        make = partial(letters.export_xlsx, flt=self.current_filter())
        label = self.tr("Exporting letters…")
        name = self.tr("letters.xlsx")
        return list_printing.export_list(self, make, name, label, self._exported, path)

    def _exported(self, _path: Path, count: int) -> None:
        self.ctx.events.status_message.emit(self.tr("%n letter(s) exported", "", count))

    def print_register(self):
        """The 收文登记簿 or 发文登记簿 as filtered, as a PDF in the preview (A4 landscape)."""
        make = partial(letters.register_pdf, direction=self.direction, flt=self.current_filter())
        name = "收文登记簿.pdf" if self.direction == LetterDirection.INCOMING else "发文登记簿.pdf"
        return list_printing.print_list(self, make, name, self.tr("Printing the register…"))


class LettersPage(QWidget):
    """The 来往函 area: 收文 and 发文 tabs (or one client's letters on the client page)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, client_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.incoming = LetterRegister(ctx, LetterDirection.INCOMING, client_id, self)
        self.outgoing = LetterRegister(ctx, LetterDirection.OUTGOING, client_id, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.incoming, self.tr("Incoming (收文)"))
        self.tabs.addTab(self.outgoing, self.tr("Outgoing (发文)"))
        layout = QVBoxLayout(self)
        if client_id is None:
            layout.addWidget(boxes.heading(self.tr("Letters")))
        layout.addWidget(self.tabs, 1)

    def set_client(self, client_id: int) -> None:
        self.incoming.set_client(client_id)
        self.outgoing.set_client(client_id)
