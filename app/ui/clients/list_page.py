"""The client list (客户): filters above a list of every client, fetched as it scrolls; Enter
or a double-click opens a client; an empty archive invites a start (new client, or import).
The list stands on the kit: client ids from one query, rows fetched 200 at a time."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QWidget

from app.domain.enums import ClientStatus, Tier
from app.domain.queries import ClientQuery
from app.services import clients as client_service
from app.services.archive import Archive
from app.services.clients import ClientRow
from app.ui.context import Changes, UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.labels import add_choices, shown
from app.ui.kit.tables import CENTER, Column, FilterBox, LazyModel, ListView, attribute
from app.ui.tasks import TaskContext
from app.ui.widgets import format_date

TIER_COLOURS = {"A": "#c0392b", "B": "#d68910", "C": "#2471a3", "D": "#7f8c8d"}
KEY_ACCOUNT_COLOUR = "#d4a017"
LISTENS_TO = ("client", "activity")  # an activity changes the last visit
FIRST_SCREEN_ROWS = 30  # the fewest rows a first screen is looked for (apply_filters)


def client_columns(ctx: UiContext) -> tuple[Column[ClientRow], ...]:
    """The list's columns; each sorts by the ClientQuery key of the same name."""
    return (
        Column(
            QCoreApplication.translate("ClientTableModel", "Client name"),
            attribute("name"),
            sort="name",
            tooltip=attribute("name"),
            width=280,
        ),
        Column(
            QCoreApplication.translate("ClientTableModel", "Tier"),
            attribute("tier"),
            align=CENTER,
            sort="tier",
            colour=lambda row: TIER_COLOURS.get(row.tier),
            width=50,
        ),
        Column(
            QCoreApplication.translate("ClientTableModel", "Key account"),
            lambda row: "★" if row.is_key_account else "",
            align=CENTER,
            sort="is_key_account",
            colour=lambda row: KEY_ACCOUNT_COLOUR,
            width=90,
        ),
        Column(
            QCoreApplication.translate("ClientTableModel", "Industry"),
            attribute("industry"),
            sort="industry",
            width=100,
        ),
        Column(
            QCoreApplication.translate("ClientTableModel", "Region"),
            attribute("region"),
            sort="region",
            width=80,
        ),
        Column(
            QCoreApplication.translate("ClientTableModel", "Account manager"),
            attribute("owner"),
            sort="owner",
            width=110,
        ),
        Column(
            QCoreApplication.translate("ClientTableModel", "Status"),
            lambda row: shown(row.status, ctx.lang, ClientStatus),
            sort="status",
            width=70,
        ),
        Column(
            QCoreApplication.translate("ClientTableModel", "Date on file"),
            lambda row: format_date(row.created_on),
            sort="created_on",
            width=100,
        ),
        Column(
            QCoreApplication.translate("ClientTableModel", "Last visit"),
            lambda row: format_date(row.last_visit_on),
            sort="last_visit_on",
            width=100,
        ),
    )


def client_model(ctx: UiContext, parent: QWidget | None = None) -> LazyModel[ClientRow]:
    """Client ids from the query; rows fetched by id, 200 at a time, as they are shown."""
    return LazyModel(
        client_columns(ctx), lambda ids: client_service.client_rows(ctx.archive, ids), parent=parent
    )


def _listed_ids(
    archive: Archive, query: ClientQuery, first: int, *, task: TaskContext
) -> Sequence[int]:
    """The list's job: its first `first` ids handed over when found at once, then the whole
    list (app.services.client_list.list_client_ids)."""
    return client_service.list_client_ids(
        archive, query, first=first, on_first=task.partial, progress=task
    )


class ClientListPage(QWidget):
    """Filter bar + client list; the window opens a client, a new one or the import."""

    open_client = Signal(int)
    new_client_requested = Signal()
    import_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = client_model(ctx, self)
        self._ready = False
        self._asked = 0  # the newest list asked for (apply_filters)
        self._complete = True  # its whole list came
        self._first_shown = False  # its first rows are shown, the whole list not yet
        self._last_query: ClientQuery | None = None
        self._build()
        self.model.sort_requested.connect(lambda *_: self.apply_filters())
        ctx.events.changes.connect(self._on_changes)
        self._ready = True
        self.apply_filters()
        self.reload_choices()

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        bar = self._filter_bar()
        self.table = ListView(
            self.model, settings_key="clients", sort=(0, Qt.SortOrder.AscendingOrder), parent=self
        )
        self.table.row_activated.connect(self.open_client)
        # an empty archive invites a start; an empty result offers to clear the filters
        self.table.empty_state.say(
            self.tr("No clients yet"),
            self.tr(
                "Create your first client, or import the client list you keep in Excel "
                "(use Export template in the File menu to get the headings)."
            ),
            self.tr("New client"),
            self.new_client_requested.emit,
            second=(self.tr("Import from Excel…"), self.import_requested.emit),
        )
        self.table.empty_state.say_when_filtered(
            self.is_filtered,
            self.tr("No client matches these filters."),
            self.tr("Clear filters"),
            self.clear_filters,
        )
        boxes.column(bar, (self.table, 1), parent=self, margin=12)

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.text_filter = FilterBox(self.tr("Name, USCC, pinyin initials, owner, region"), self)
        self.text_filter.settled.connect(self.apply_filters)
        bar.addWidget(self.text_filter, 2)
        self.tier_boxes: dict[str, QCheckBox] = {}
        for tier in Tier:
            box = QCheckBox(tier.value, self, toggled=self.apply_filters)
            self.tier_boxes[tier.value] = box
            bar.addWidget(box)
        self.owner_combo = self._combo(self.tr("All account managers"))
        self.region_combo = self._combo(self.tr("All regions"))
        self.status_combo = self._combo(self.tr("All statuses"))
        add_choices(self.status_combo, ClientStatus, self.ctx.lang)
        for combo in (self.owner_combo, self.region_combo, self.status_combo):
            bar.addWidget(combo, 1)
        self.key_only = QCheckBox(self.tr("Key accounts only"), self, toggled=self.apply_filters)
        bar.addWidget(self.key_only)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(90)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.count_label)
        return bar

    def _combo(self, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(self.apply_filters)
        return combo

    # --- filtering -----------------------------------------------------------------------------
    def current_query(self) -> ClientQuery:
        return ClientQuery(
            text=self.text_filter.text().strip(),
            tiers=tuple(tier for tier, box in self.tier_boxes.items() if box.isChecked()),
            owner=self.owner_combo.currentData(),
            region=self.region_combo.currentData(),
            status=self.status_combo.currentData(),
            key_account=True if self.key_only.isChecked() else None,
            sort=self.model.sort_key or "name",
            descending=self.model.descending,
        )

    def is_filtered(self) -> bool:
        q = self.current_query()
        return any((q.text, q.tiers, q.owner, q.region, q.status, q.key_account is not None))

    def apply_filters(self, *_args: object) -> None:
        """Queries the list with the filters as they are (in the background; the newest
        request wins). A changed filter or order first shows the first screen of rows when
        it can be found at once (a filter most clients match: the whole list of '华' takes
        a tenth of a second on 100,000 clients, issue 11); the whole list and its count follow.
        One job does both, the first screen handed over on the way (a rarer filter, whose
        first screen cannot be found at once, costs no second job beside the whole list)."""
        if not self._ready:
            return
        query = self.current_query()
        self._asked += 1
        asked, self._complete = self._asked, False
        first = self._first_screen() if query != self._last_query else 0
        self._last_query = query
        ops.query(
            self,
            _listed_ids,
            self.ctx.archive,
            query,
            first,
            key="ids",
            label=self.tr("Loading clients"),
            on_partial=lambda ids: self._show_first(asked, ids),
            on_done=lambda ids: self._show_ids(asked, ids),
        )

    def _first_screen(self) -> int:
        """How many rows a first screen holds: what the list shows (at least FIRST_SCREEN_ROWS,
        at most a batch); the more asked for, the more clients they are looked for among."""
        return min(max(self.table.rows_in_view(), FIRST_SCREEN_ROWS), self.model.batch)

    def _show_first(self, asked: int, ids: list[int] | None) -> None:
        if ids is None or asked != self._asked or self._complete:
            return  # none found at once, or the whole list came first
        if self.table.keeps_row_outside(ids):
            return  # the whole list keeps (or selects) that row as it always did
        self.model.set_ids(ids)
        self._first_shown = True
        self.count_label.setText("…")  # the count comes with the whole list

    def _show_ids(self, asked: int, ids: list[int]) -> None:
        if asked != self._asked:
            return  # a newer request's answer follows
        self._complete = True
        if self._first_shown:
            self.model.extend_ids(ids)  # its first rows stay painted
        else:
            self.model.set_ids(ids)
        self._first_shown = False
        self.count_label.setText(self.tr("{0} clients").format(self.model.total()))

    def clear_filters(self) -> None:
        boxes = (*self.tier_boxes.values(), self.key_only)
        combos = (self.owner_combo, self.region_combo, self.status_combo)
        self.text_filter.clear_all(*boxes, *combos)  # then one query

    # --- choices and changes ------------------------------------------------------------------
    def reload_choices(self) -> None:
        """Owners and regions in use: a scan of every client, in the background."""
        ops.query(
            self,
            client_service.filter_choices,
            self.ctx.archive,
            key="choices",
            label=self.tr("Loading filter choices…"),
            on_done=self._fill_choices,
        )

    def _fill_choices(self, choices: dict[str, list[str]]) -> None:
        for combo, key in ((self.owner_combo, "owner"), (self.region_combo, "region")):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in choices[key]:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(combo.findData(current) if current else 0, 0))
            combo.blockSignals(False)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("client"):
            self.reload_choices()
        if changes.touches(*LISTENS_TO):  # the current row is kept (ListView)
            self.apply_filters()
