"""添加资质: picks qualifications from the company's library for a packet's files section; how each
stands (valid, expiring, expired) is judged on the bid deadline, and the ones already in the
section are shown greyed and cannot be picked again."""

from __future__ import annotations

from datetime import date
from operator import attrgetter

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QLabel, QWidget

from app.services import qualifications
from app.services.qualifications import QualificationRecord as Record
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.forms import FormDialog
from app.ui.kit.tables import AnyIndex, Column, ListModel, ListView
from app.ui.tenders.packet_editors import state_colour, state_text
from app.ui.widgets import format_date

ALREADY_GREY = "#999999"
translate = QCoreApplication.translate  # lupdate reads a bare tr() as self.tr()


class _Choices(ListModel[Record]):
    """The library, where the qualifications already in the section cannot be selected."""

    def __init__(self, already: frozenset[int], parent: QWidget):
        def column(title: str, text, stretch: bool = False) -> Column[Record]:
            return Column(title, text, colour=colour, stretch=stretch)

        def colour(record: Record) -> str | None:
            return ALREADY_GREY if record.id in already else state_colour(record.state)

        def state(record: Record) -> str:
            if record.id in already:
                return translate("QualificationPicker", "already in this section")
            return state_text(record.state)

        columns = (
            column(translate("QualificationPicker", "Qualification"), attrgetter("title")),
            column(translate("QualificationPicker", "Kind"), attrgetter("kind")),
            column(
                translate("QualificationPicker", "Expires on"),
                lambda r: format_date(r.expires_on),
            ),
            column(translate("QualificationPicker", "State"), state, stretch=True),
        )
        super().__init__(columns, parent=parent)
        self.already = already

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.id_at(index.row()) in self.already:
            return flags & ~Qt.ItemFlag.ItemIsSelectable  # shown, not selectable again
        return flags


class QualificationPicker(FormDialog):
    """Pick items from the company's qualification library; state judged on the bid deadline.
    Enter or a double-click adds the current one; several can be selected for 添加."""

    def __init__(
        self,
        ctx: UiContext,
        on: date,
        parent: QWidget | None = None,
        already: frozenset[int] = frozenset(),
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.already = already
        self.records: list[Record] = []
        self.setWindowTitle(self.tr("Add from the qualification library"))
        self.resize(640, 420)
        self.model = _Choices(already, self)
        self.table = ListView(self.model, parent=self)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.row_activated.connect(lambda _id: self.accept())
        note = QLabel(self.tr("Validity is judged on the bid deadline: %1").replace("%1", str(on)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        add = buttons.button(QDialogButtonBox.StandardButton.Ok)
        add.setText(self.tr("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        boxes.column(note, self.table, buttons, parent=self)
        self.set_form_buttons(add, guard=False)  # Enter adds; nothing typed to lose
        ops.query(
            self,
            qualifications.list_all,
            ctx.archive,
            on,
            key="library",
            label=self.tr("Loading the qualification library"),
            on_done=self._show,
        )

    def _show(self, records: list[Record]) -> None:
        self.records = records
        self.model.set_rows(records)
        self.table.resizeColumnsToContents()

    def select_ids(self, ids: list[int]) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, record in enumerate(self.model.rows):
            if record.id in ids:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(row) for row in rows]
