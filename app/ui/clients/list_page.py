"""The client list: a filter bar and a table over ids that loads rows in pages of 200."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ClientStatus, Tier
from app.domain.queries import ClientQuery
from app.services import clients as client_service
from app.services.clients import ClientRow
from app.ui.context import UiContext
from app.ui.kit.labels import add_choices, shown
from app.ui.widgets import format_date

PAGE_SIZE = 200
_ROOT = QModelIndex()
FILTER_DELAY_MS = 250
TIER_COLOURS = {"A": "#c0392b", "B": "#d68910", "C": "#2471a3", "D": "#7f8c8d"}

# (sort key in ClientQuery, heading source text, ClientRow attribute)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("name", QT_TRANSLATE_NOOP("ClientTableModel", "Client name"), "name"),
    ("tier", QT_TRANSLATE_NOOP("ClientTableModel", "Tier"), "tier"),
    ("is_key_account", QT_TRANSLATE_NOOP("ClientTableModel", "Key account"), "key"),
    ("industry", QT_TRANSLATE_NOOP("ClientTableModel", "Industry"), "industry"),
    ("region", QT_TRANSLATE_NOOP("ClientTableModel", "Region"), "region"),
    ("owner", QT_TRANSLATE_NOOP("ClientTableModel", "Account manager"), "owner"),
    ("status", QT_TRANSLATE_NOOP("ClientTableModel", "Status"), "status"),
    ("created_on", QT_TRANSLATE_NOOP("ClientTableModel", "Date on file"), "created_on"),
    ("last_visit_on", QT_TRANSLATE_NOOP("ClientTableModel", "Last visit"), "last_visit"),
)


def _heading(index: int) -> str:
    return QCoreApplication.translate("ClientTableModel", COLUMNS[index][1])


class ClientTableModel(QAbstractTableModel):
    """Rows are client ids from one SQL query; their columns are fetched 200 at a time."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.query = ClientQuery()
        self._ids: list[int] = []
        self._loaded = 0  # rows exposed to views so far
        self._cache: dict[int, ClientRow] = {}

    # --- querying -------------------------------------------------------------------------
    def set_query(self, query: ClientQuery) -> None:
        self.query = query
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._ids = client_service.list_client_ids(self.ctx.archive, self.query)
        self._cache.clear()
        self._loaded = min(PAGE_SIZE, len(self._ids))
        self.endResetModel()

    def total(self) -> int:
        return len(self._ids)

    def client_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, client_id: int) -> int:
        try:
            return self._ids.index(client_id)
        except ValueError:
            return -1

    # --- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._loaded < len(self._ids)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid():
            return
        more = min(PAGE_SIZE, len(self._ids) - self._loaded)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
        self._loaded += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _heading(section)
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid() or index.row() >= self._loaded:
            return None
        if role == self.ID_ROLE:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.TextAlignmentRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        attribute = COLUMNS[index.column()][2]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, attribute, self.ctx.lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.name if attribute == "name" else None
        if role == Qt.ItemDataRole.TextAlignmentRole and attribute in ("tier", "key"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and attribute in ("tier", "key"):
            colour = TIER_COLOURS.get(row.tier) if attribute == "tier" else "#d4a017"
            return QBrush(QColor(colour or "#000000"))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        wanted = replace(self.query, sort=COLUMNS[column][0], descending=descending)
        if wanted != self.query:  # the view also calls sort() when sorting is switched on
            self.set_query(wanted)

    # --- rows ---------------------------------------------------------------------------------
    @staticmethod
    def _display(row: ClientRow, attribute: str, lang: str) -> str:
        if attribute == "key":
            return "★" if row.is_key_account else ""
        if attribute == "created_on":
            return format_date(row.created_on)
        if attribute == "last_visit":
            return format_date(row.last_visit_on)
        if attribute == "status":
            return shown(row.status, lang, ClientStatus)
        return str(getattr(row, attribute) or "")

    def _row(self, row: int) -> ClientRow | None:
        client_id = self._ids[row]
        cached = self._cache.get(client_id)
        if cached is None:
            self._load_page(row)
            cached = self._cache.get(client_id)
        return cached

    def _load_page(self, row: int) -> None:
        start = row - row % PAGE_SIZE
        ids = self._ids[start : start + PAGE_SIZE]
        for loaded in client_service.client_rows(self.ctx.archive, ids):
            self._cache[loaded.id] = loaded


class ClientTableView(QTableView):
    """Enter opens the current client, like a double-click."""

    activated_client = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_client.emit(self.currentIndex().data(ClientTableModel.ID_ROLE))
            return
        super().keyPressEvent(event)


class ClientListPage(QWidget):
    """Filter bar + client table; an empty archive shows a friendly start instead of a grid."""

    open_client = Signal(int)
    new_client_requested = Signal()
    import_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = ClientTableModel(ctx, self)
        self._debounce = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self._build()
        self.apply_filters()
        # The choices scan every client: load them once the first screen is up, not before.
        QTimer.singleShot(0, self, self.reload_choices)
        ctx.events.changed.connect(self._on_changed)

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(self._filter_bar())
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._table())
        self.stack.addWidget(self._empty_state())
        self.stack.addWidget(self._no_match_state())
        layout.addWidget(self.stack, 1)

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText(self.tr("Name, USCC, pinyin initials, owner, region"))
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(lambda _text: self._debounce.start())
        bar.addWidget(self.text_filter, 2)
        self.tier_boxes: dict[str, QCheckBox] = {}
        for tier in Tier:
            box = QCheckBox(tier.value, self)
            box.toggled.connect(self.apply_filters)
            self.tier_boxes[tier.value] = box
            bar.addWidget(box)
        self.owner_combo = self._combo(self.tr("All account managers"))
        self.region_combo = self._combo(self.tr("All regions"))
        self.status_combo = self._combo(self.tr("All statuses"))
        add_choices(self.status_combo, ClientStatus, self.ctx.lang)
        for combo in (self.owner_combo, self.region_combo, self.status_combo):
            bar.addWidget(combo, 1)
        self.key_only = QCheckBox(self.tr("Key accounts only"), self)
        self.key_only.toggled.connect(self.apply_filters)
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

    def _table(self) -> QTableView:
        self.table = ClientTableView(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((280, 50, 90, 100, 80, 110, 70, 100, 100)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(
            lambda index: self.open_client.emit(index.data(ClientTableModel.ID_ROLE))
        )
        self.table.activated_client.connect(self.open_client)
        return self.table

    def _no_match_state(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.no_match_label = QLabel(self.tr("No client matches these filters."), page)
        self.no_match_label.setStyleSheet("font-size: 16px; color: #555;")
        self.no_match_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_filters_button = QPushButton(self.tr("Clear filters"), page)
        self.clear_filters_button.clicked.connect(self.clear_filters)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.clear_filters_button)
        row.addStretch(1)
        layout.addWidget(self.no_match_label)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def clear_filters(self) -> None:
        self.text_filter.clear()
        for box in self.tier_boxes.values():
            box.setChecked(False)
        for combo in (self.owner_combo, self.region_combo, self.status_combo):
            combo.setCurrentIndex(0)
        self.key_only.setChecked(False)
        self.apply_filters()

    def _empty_state(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = QLabel(self.tr("No clients yet"), page)
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(
            self.tr(
                "Create your first client, or import the client list you keep in Excel "
                "(use Export template in the File menu to get the headings)."
            ),
            page,
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #555;")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.empty_new_button = QPushButton(self.tr("New client"), page)
        self.empty_new_button.clicked.connect(self.new_client_requested)
        self.empty_import_button = QPushButton(self.tr("Import from Excel…"), page)
        self.empty_import_button.clicked.connect(self.import_requested)
        buttons.addWidget(self.empty_new_button)
        buttons.addWidget(self.empty_import_button)
        buttons.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    # --- filtering -----------------------------------------------------------------------------
    def current_query(self) -> ClientQuery:
        tiers = tuple(tier for tier, box in self.tier_boxes.items() if box.isChecked())
        return replace(
            self.model.query,
            text=self.text_filter.text().strip(),
            tiers=tiers,
            owner=self.owner_combo.currentData(),
            region=self.region_combo.currentData(),
            status=self.status_combo.currentData(),
            key_account=True if self.key_only.isChecked() else None,
        )

    def apply_filters(self) -> None:
        self._debounce.stop()
        self.model.set_query(self.current_query())
        self._show_result()

    def _show_result(self) -> None:
        total = self.model.total()
        self.count_label.setText(self.tr("{0} clients").format(total))
        if total:
            self.stack.setCurrentIndex(0)
        else:  # an empty archive invites a start; an empty result offers to clear the filters
            self.stack.setCurrentIndex(1 if self._is_unfiltered() else 2)

    def _is_unfiltered(self) -> bool:
        query = self.model.query
        return not (
            query.text
            or query.tiers
            or query.owner
            or query.region
            or query.status
            or query.key_account is not None
        )

    def reload_choices(self) -> None:
        """Owners and regions in use; a scan of every client, so it runs in the background."""

        def job(archive, task=None):
            return client_service.filter_choices(archive)

        self.ctx.runner.submit(
            self.tr("Loading filter choices…"), job, self.ctx.archive, on_done=self._fill_choices
        )

    def _fill_choices(self, choices: dict[str, list[str]]) -> None:
        for combo, key in ((self.owner_combo, "owner"), (self.region_combo, "region")):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in choices[key]:
                combo.addItem(value, value)
            found = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def _on_changed(self, kind: str) -> None:
        if kind in ("client", "all"):
            self.reload_choices()
        if kind in ("client", "activity", "all"):  # an activity can change the last visit
            current = self.current_client_id()
            self.apply_filters()
            if current is not None:
                self.select_client(current)

    def current_client_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ClientTableModel.ID_ROLE) if index.isValid() else None

    def select_client(self, client_id: int) -> None:
        row = self.model.row_of(client_id)
        while row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
