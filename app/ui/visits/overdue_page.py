"""访问计划 / 逾期拜访: every client overdue for a visit (the home page shows the first 200), A and B
first, the longest unvisited first within a tier; filtered by account manager, tier and key
account; 45,000 rows on a large archive, so the list is the ids from one query and rows fetched
as they scroll into view (app.ui.kit.tables). Enter or a double-click opens the client; 打印
shows the whole list as a PDF in the preview, 导出 Excel writes it as a workbook."""

from __future__ import annotations

from functools import partial
from operator import attrgetter
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QWidget,
)

from app.domain.enums import Tier
from app.services import planning, printouts
from app.services.planning import OverdueFilter, OverdueVisit
from app.ui import list_printing
from app.ui.context import UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.tables import CENTER, RIGHT, Column, LazyModel, ListView, attribute
from app.ui.widgets import error_text, format_date

URGENT = "#d9363e"  # tiers A and B, and the days overdue
# A visit recorded, a client edited (tier, owner, status) or the visit intervals changed.
LISTENS_TO = ("client", "activity", "settings")
ALL_OWNERS, NO_OWNER = None, ""


def overdue_columns(ctx: UiContext) -> tuple[Column[OverdueVisit], ...]:
    """The list's columns, in the visit plan's order (it does not sort by a header)."""

    def urgent_tier(row: OverdueVisit) -> str | None:
        return URGENT if row.tier in (Tier.A, Tier.B) else None

    return (
        Column(
            QCoreApplication.translate("OverduePage", "Tier"),
            lambda r: r.tier.value,
            align=CENTER,
            colour=urgent_tier,
            width=50,
        ),
        Column(
            QCoreApplication.translate("OverduePage", "Key account"),
            lambda r: "★" if r.is_key_account else "",
            align=CENTER,
        ),
        Column(
            QCoreApplication.translate("OverduePage", "Client"),
            attribute("name"),
            width=280,
            tooltip=attrgetter("name"),
        ),
        Column(
            QCoreApplication.translate("OverduePage", "Account manager"),
            attribute("owner"),
            width=110,
        ),
        Column(
            QCoreApplication.translate("OverduePage", "Last visit"),
            lambda r: (
                format_date(r.last_visit_on) or QCoreApplication.translate("OverduePage", "Never")
            ),
        ),
        Column(
            QCoreApplication.translate("OverduePage", "Interval (days)"),
            lambda r: str(r.interval_days),
            align=RIGHT,
        ),
        Column(
            QCoreApplication.translate("OverduePage", "Days overdue"),
            lambda r: str(r.days_overdue),
            align=RIGHT,
            colour=lambda _r: URGENT,
        ),
    )


class OverduePage(QWidget):
    """Filters and the two outputs above the list, its count below."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.preview = None  # the PDF preview last opened (app.ui.list_printing)
        self.model = LazyModel(
            overdue_columns(ctx),
            lambda ids: planning.overdue_rows(ctx.archive, ids),
            row_id=attrgetter("client_id"),
            parent=self,
        )
        self._ready = False
        self._build()
        self.model.modelReset.connect(self._update_count)
        ops.follow(self, self._fill_owners, "client")  # a client edited: its owner
        ops.follow(self, self.apply_filters, *LISTENS_TO, lazy=True)  # queried when shown
        self._ready = True

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        title = boxes.heading(self.tr("Visit plan: overdue visits"), self)
        self.owner = QComboBox(self, accessibleName=self.tr("Account manager"))
        self._fill_owners()
        self.owner.currentIndexChanged.connect(self.apply_filters)
        self.tier_boxes: dict[Tier, QCheckBox] = {}
        for tier in Tier:
            box = QCheckBox(tier.value, self)
            box.setChecked(True)
            box.setToolTip(self.tr("Tier {0}").format(tier.value))
            box.toggled.connect(self.apply_filters)
            self.tier_boxes[tier] = box
        self.key_only = QCheckBox(self.tr("Key accounts only"), self, toggled=self.apply_filters)
        self.print_button = QPushButton(self.tr("Print…"), self, clicked=self.print_list)
        keys.mark(self.print_button, keys.PRINT)
        self.export_button = QPushButton(self.tr("Export Excel…"), self)
        self.export_button.clicked.connect(lambda: self.export())
        bar = boxes.row(
            QLabel(self.tr("Account manager"), self), self.owner, 12, QLabel(self.tr("Tiers"), self)
        )
        for box in self.tier_boxes.values():
            bar.addWidget(box)
        boxes.fill(bar, 12, self.key_only, ..., self.print_button, self.export_button)
        self.table = ListView(self.model, settings_key="overdue_visits", parent=self)
        self.table.row_activated.connect(self.open_client)
        self.table.empty_state.say(
            self.tr("No client is overdue for a visit."),
            self.tr("Every client of these tiers has been visited on schedule."),
        )
        self.count_label = QLabel(self)
        boxes.column(title, bar, (self.table, 1), self.count_label, parent=self)

    def _fill_owners(self) -> None:
        chosen = self.owner.currentData() if self.owner.count() else ALL_OWNERS
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem(self.tr("All account managers"), ALL_OWNERS)
        for name in planning.overdue_owners(self.ctx.archive):
            self.owner.addItem(name, name)
        self.owner.addItem(self.tr("(none)"), NO_OWNER)
        self.owner.setCurrentIndex(max(0, self.owner.findData(chosen)))
        self.owner.blockSignals(False)

    # --- querying -----------------------------------------------------------------------------
    def current_filter(self) -> OverdueFilter:
        tiers = tuple(t for t, box in self.tier_boxes.items() if box.isChecked())
        return OverdueFilter(
            tiers=() if len(tiers) == len(Tier) else tiers,
            owner=self.owner.currentData(),
            key_accounts_only=self.key_only.isChecked(),
        )

    def apply_filters(self, *_args: object) -> None:
        """Queries the ids with the filters as they are (in the background, the newest wins)."""
        if not self._ready:
            return
        if not any(box.isChecked() for box in self.tier_boxes.values()):
            self.model.set_ids([])  # no tier chosen: nothing to list
            return
        self.count_label.setText(self.tr("Loading…"))
        ops.query(
            self,
            planning.overdue_ids,
            self.ctx.archive,
            self.current_filter(),
            key="ids",
            label=self.tr("Loading the overdue visits"),
            on_done=self.model.set_ids,
            on_error=lambda exc: self.count_label.setText(error_text(exc, self.ctx.lang)),
        )

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("%n client(s) overdue for a visit", "", self.model.total())
        )
        self.print_button.setEnabled(self.model.total() > 0)
        self.export_button.setEnabled(self.model.total() > 0)

    # --- actions --------------------------------------------------------------------------------
    def open_client(self, client_id: int) -> None:
        self.ctx.events.open_record.emit("client", client_id)

    def print_list(self):
        """The whole list of the filters as a PDF (A4 landscape) in the preview."""
        make = partial(printouts.overdue_pdf, flt=self.current_filter())
        return list_printing.print_list(
            self, make, "逾期拜访清单.pdf", self.tr("Printing the overdue visits…")
        )

    def export(self, path: Path | None = None):
        """The whole list of the filters as an .xlsx (asks where unless `path` is given)."""
        make = partial(printouts.overdue_xlsx, flt=self.current_filter())
        return list_printing.export_list(
            self,
            make,
            "逾期拜访清单.xlsx",
            self.tr("Exporting the overdue visits…"),
            self._exported,
            path,
        )

    def _exported(self, path: Path, count: int) -> None:
        text = self.tr("%n client(s) exported to {0}", "", count).format(path)
        self.ctx.events.status_message.emit(text)
