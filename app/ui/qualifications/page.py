"""The qualification library (资质库): the company's standing documents with expiry dates and
their scans; expired items in red, soon-expiring ones in amber."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QWidget

from app.domain.errors import AppError
from app.domain.tenders import QualificationState
from app.services import qualifications
from app.services.qualifications import QualificationRecord as Record
from app.ui.context import UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.files import open_attachment
from app.ui.kit.forms import show_instead
from app.ui.kit.tables import CENTER, Column, ListModel, ListView, attribute
from app.ui.qualifications.dialog import QualificationDialog
from app.ui.widgets import confirm, error_text, format_date

EXPIRED_RED = QColor("#d9363e")
EXPIRING_AMBER = QColor("#c27c0e")
STATE_BACKGROUNDS = {
    QualificationState.EXPIRED: "#fde2e2",
    QualificationState.EXPIRING: "#fff1d6",
}
LISTENS_TO = ("qualification",)
translate = QCoreApplication.translate  # lupdate reads a bare tr() as self.tr()


def state_colour(state: QualificationState) -> QColor | None:
    if state == QualificationState.EXPIRED:
        return EXPIRED_RED
    if state == QualificationState.EXPIRING:
        return EXPIRING_AMBER
    return None


def qualification_columns(ctx: UiContext) -> tuple[Column[Record], ...]:
    """The library's columns, the whole row coloured by its state on today's date."""

    def state_text(record: Record) -> str:
        if record.state == QualificationState.EXPIRED:
            return translate("QualificationTableModel", "Expired")
        if record.state == QualificationState.EXPIRING:
            days = (record.expires_on - ctx.archive.today()).days
            return translate("QualificationTableModel", "Expires in {0} days").format(days)
        if record.state == QualificationState.NO_EXPIRY:
            return translate("QualificationTableModel", "No expiry")
        return translate("QualificationTableModel", "Valid")

    def column(title: str, text, **more) -> Column[Record]:
        return Column(title, text, colour=lambda r: state_colour(r.state), **more)

    return (
        column(
            translate("QualificationTableModel", "Title"),
            attribute("title"),
            sort="title",
            stretch=True,
        ),
        column(
            translate("QualificationTableModel", "Kind"), attribute("kind"), sort="kind", width=120
        ),
        column(
            translate("QualificationTableModel", "Issuer"),
            attribute("issuer"),
            sort="issuer",
            width=160,
        ),
        column(
            translate("QualificationTableModel", "Valid from"),
            lambda r: format_date(r.valid_from),
            sort="valid_from",
            width=95,
        ),
        column(
            translate("QualificationTableModel", "Expires"),
            lambda r: (
                format_date(r.expires_on) or translate("QualificationTableModel", "Long-term")
            ),
            sort="expires_on",
            width=95,
        ),
        column(
            translate("QualificationTableModel", "State"),
            state_text,
            sort="expires_on",
            background=lambda r: STATE_BACKGROUNDS.get(r.state),
            bold=lambda r: r.state in STATE_BACKGROUNDS,
            width=120,
        ),
        column(
            translate("QualificationTableModel", "Scans"),
            lambda r: str(len(r.files)),
            align=CENTER,
            sort=lambda r: len(r.files),
            tooltip=lambda r: "\n".join(f.original_name for f in r.files) or None,
            width=60,
        ),
    )


class QualificationsPage(QWidget):
    """The library list with add, edit (Enter, double-click), open a scan and delete."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QualificationDialog | None = None
        self._wanted: int | None = None  # to select once the list is read
        self.model = ListModel(qualification_columns(ctx), parent=self)
        self._build()
        self.refresh()
        ops.follow(self, self.refresh, *LISTENS_TO)

    def _build(self) -> None:
        bar = QHBoxLayout()
        title = boxes.heading(self.tr("Qualification library"), self)
        self.summary = QLabel(self)
        boxes.fill(bar, title, (self.summary, 1))
        self.new_button = self._button(self.tr("Add qualification"), self.new_qualification, bar)
        self.edit_button = self._button(self.tr("Edit"), self.edit_selected, bar)
        self.open_button = self._button(self.tr("Open scan"), self.open_scan, bar)
        self.delete_button = self._button(self.tr("Delete"), self.delete_selected, bar)
        self.table = ListView(self.model, settings_key="qualifications", parent=self)
        keys.mark(self.new_button, keys.NEW)
        keys.mark(self.delete_button, keys.DELETE, self.table)
        self.table.row_activated.connect(self.edit_qualification)
        self.table.current_changed.connect(self._update_buttons)
        self.table.set_context_menu(self._fill_menu)
        self.table.empty_state.say(
            self.tr("The library is empty"),
            self.tr(
                "Add the company's business licence, certificates, financial reports and "
                "other standing documents with their scans and expiry dates; tender packets "
                "take them from here."
            ),
            self.tr("Add qualification"),
            self.new_qualification,
        )
        self.message = QLabel(self, styleSheet="color: #555;")
        boxes.column(bar, (self.table, 1), self.message, parent=self, margin=12)
        self._update_buttons()

    def _button(self, text: str, slot, bar: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self, clicked=lambda: slot())
        bar.addWidget(button)
        return button

    def _fill_menu(self, menu: QMenu, qualification_id: int) -> None:
        menu.addAction(self.edit_button.text(), lambda: self.edit_qualification(qualification_id))
        menu.addAction(self.open_button.text(), self.open_scan)
        menu.addAction(self.delete_button.text(), self.delete_selected)

    # --- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reads the library again (in the background; the newest request wins)."""
        ops.query(
            self,
            qualifications.list_all,
            self.ctx.archive,
            key="rows",
            label=self.tr("Loading the qualification library"),
            on_done=self._show,
            on_error=lambda exc: self.message.setText(error_text(exc, self.ctx.lang)),
        )

    def _show(self, records: list[Record]) -> None:
        self.model.set_rows(records)  # the view keeps the current row if still there
        expired = sum(r.state == QualificationState.EXPIRED for r in records)
        expiring = sum(r.state == QualificationState.EXPIRING for r in records)
        self.summary.setText(
            self.tr("{0} items, {1} expired, {2} expiring within 30 days").format(
                len(records), expired, expiring
            )
        )
        if self._wanted is not None:
            self.select_qualification(self._wanted)
        self._update_buttons()

    def current_id(self) -> int | None:
        return self.table.current_id()

    def current_record(self) -> Record | None:
        return self.table.current_row()

    def select_qualification(self, qualification_id: int) -> None:
        """Makes it the current row, now or as soon as the list has been read."""
        found = self.table.select_id(qualification_id)
        self._wanted = None if found or self.model.loaded else qualification_id
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.current_id() is not None
        for button in (self.edit_button, self.open_button, self.delete_button):
            button.setEnabled(chosen)

    # --- actions --------------------------------------------------------------------------
    def new_qualification(self) -> QualificationDialog:
        return self._show_dialog(QualificationDialog(self.ctx, parent=self))

    def edit_selected(self) -> None:
        if self.current_id() is not None:
            self.edit_qualification(self.current_id())

    def edit_qualification(self, qualification_id: int) -> QualificationDialog | None:
        try:
            dialog = QualificationDialog(self.ctx, qualification_id, parent=self)
        except AppError as exc:  # deleted meanwhile (another window, the command line)
            self.message.setText(error_text(exc, self.ctx.lang))
            self.refresh()
            return None
        return self._show_dialog(dialog)

    def _show_dialog(self, dialog: QualificationDialog) -> QualificationDialog:
        self.dialog = show_instead(self.dialog, dialog)  # asks first if the open one changed
        return self.dialog

    def open_scan(self) -> None:
        """One scan opens at once; with several, a menu names them."""
        record = self.current_record()
        if record is None:
            return
        if not record.files:
            self.message.setText(self.tr("This qualification has no scan yet."))
            return
        if len(record.files) == 1:
            self.open_file(record.files[0].id)
            return
        menu = QMenu(self)
        for stored in record.files:
            menu.addAction(stored.original_name).setData(stored.id)
        chosen = menu.exec(self.open_button.mapToGlobal(self.open_button.rect().bottomLeft()))
        if chosen is not None:
            self.open_file(chosen.data())

    def open_file(self, attachment_id: int) -> None:
        error = self.message.setText  # an attachment gone meanwhile
        open_attachment(
            self, attachment_id, on_error=lambda exc: error(error_text(exc, self.ctx.lang))
        )

    def delete_selected(self) -> None:
        record = self.current_record()
        if record is None:
            return
        question = self.tr("Delete “{0}” and its scans? Tender packets lose this file.")
        if not confirm(self, self.tr("Delete qualification"), question.format(record.title)):
            return
        ops.write(
            self,
            qualifications.delete,
            self.ctx.archive,
            record.id,
            changes={"qualification"},
            on_error=lambda exc: self.message.setText(error_text(exc, self.ctx.lang)),
        )
