"""app.ui.kit.tables: the lazy model over ids, the in-memory model, the one list view and the
filter box."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHeaderView

from app.ui.kit.tables import (
    ID_ROLE,
    LEFT,
    RIGHT,
    TOP,
    Column,
    FilterBox,
    LazyModel,
    ListModel,
    ListView,
    attribute,
)


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    amount: int | None


ROWS = {i: Row(i, f"客户{i:04d}", None if i % 7 == 0 else i * 10) for i in range(1, 1001)}


def columns() -> tuple[Column[Row], ...]:
    return (
        Column("Name", attribute("name"), sort="name", width=180, tooltip=attribute("name")),
        Column(
            "Amount",
            attribute("amount"),
            align=RIGHT,
            sort="amount",
            colour=lambda row: "#d9363e" if row.amount and row.amount > 5000 else None,
        ),
        Column("Note", lambda row: "", stretch=True),  # not sortable
    )


class Fetcher:
    """fetch_rows that counts its calls."""

    def __init__(self):
        self.calls: list[int] = []

    def __call__(self, ids):
        self.calls.append(len(ids))
        return [ROWS[i] for i in ids if i in ROWS]


@pytest.fixture
def lazy():
    fetcher = Fetcher()
    model = LazyModel(columns(), fetcher)
    model.fetcher = fetcher
    return model


def test_the_lazy_model_exposes_and_fetches_rows_a_batch_at_a_time(lazy, qtmodeltester):
    assert lazy.rowCount() == 0 and not lazy.loaded
    lazy.set_ids(list(ROWS))
    assert lazy.total() == 1000 and lazy.rowCount() == 200 and lazy.fetcher.calls == []
    assert lazy.index(3, 0).data() == "客户0004"
    assert lazy.index(3, 0).data(ID_ROLE) == 4
    assert lazy.index(150, 0).data() == "客户0151"
    assert lazy.fetcher.calls == [200]  # one batch fetched for both rows
    assert lazy.canFetchMore()
    lazy.fetchMore()
    assert lazy.rowCount() == 400
    assert lazy.index(700 - 1, 0).data() is None  # not exposed yet
    lazy.expose(699)
    assert lazy.rowCount() == 800
    assert lazy.index(698, 1).data() == "6990"
    assert lazy.index(698, 1).data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#d9363e")
    assert lazy.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    alignment = lazy.index(698, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert lazy.index(6, 1).data() == ""  # None shows blank
    qtmodeltester.check(lazy)


def test_a_row_gone_from_the_archive_is_left_blank(qtmodeltester):
    model = LazyModel(columns(), lambda ids: [ROWS[i] for i in ids if i != 2])
    model.set_ids([1, 2, 3])
    assert [model.index(r, 0).data() for r in range(3)] == ["客户0001", None, "客户0003"]
    assert model.index(1, 0).data(ID_ROLE) == 2
    qtmodeltester.check(model)


def test_the_list_model_sorts_in_memory_and_keeps_the_selection(qtbot, qtmodeltester):
    model = ListModel(columns())
    view = ListView(model)
    qtbot.addWidget(view)
    model.set_rows([ROWS[14], ROWS[3], ROWS[8]])
    assert [model.index(r, 0).data() for r in range(3)] == ["客户0014", "客户0003", "客户0008"]
    assert view.select_id(8)
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 1).data() for r in range(3)] == ["30", "80", ""]  # None last
    assert view.current_id() == 8
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 1).data() for r in range(3)] == ["80", "30", ""]
    assert view.current_id() == 8
    model.set_rows([ROWS[8], ROWS[1]])  # a reload keeps the current row and the order
    assert [model.index(r, 1).data() for r in range(2)] == ["80", "10"]
    assert view.current_id() == 8
    qtmodeltester.check(model)


def test_header_clicks_ask_the_query_for_the_order(lazy, qtbot):
    asked = []
    lazy.sort_requested.connect(lambda key, descending: asked.append((key, descending)))
    view = ListView(lazy, sort=(0, Qt.SortOrder.AscendingOrder))
    qtbot.addWidget(view)
    lazy.set_ids([3, 1, 2])
    assert asked == []  # switching sorting on is not a request
    assert (lazy.sort_key, lazy.descending) == ("name", False)
    view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    assert asked == [("amount", True)]
    assert [lazy.index(r, 0).data(ID_ROLE) for r in range(3)] == [3, 1, 2]  # never in memory
    view.horizontalHeader().setSortIndicator(2, Qt.SortOrder.AscendingOrder)  # not sortable
    assert asked == [("amount", True)]
    assert view.horizontalHeader().sortIndicatorSection() == 1


def test_enter_and_double_click_activate_the_row_with_its_id(lazy, qtbot):
    view = ListView(lazy)
    qtbot.addWidget(view)
    lazy.set_ids([5, 6, 7])
    view.show()
    qtbot.waitExposed(view)
    view.select_id(6)
    with qtbot.waitSignal(view.row_activated) as enter:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert enter.args == [6]
    centre = view.visualRect(lazy.index(2, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(view.row_activated) as double:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert double.args == [7]


def test_the_context_menu_is_filled_by_the_page_for_the_row_under_the_mouse(lazy, qtbot):
    view = ListView(lazy)
    qtbot.addWidget(view)
    lazy.set_ids([5, 6, 7])
    assert view.context_menu_for(1) is None  # no hook: no menu
    opened = []
    view.set_context_menu(
        lambda menu, row_id: menu.addAction(f"Open {row_id}", lambda: opened.append(row_id))
    )
    menu = view.context_menu_for(1)
    assert [action.text() for action in menu.actions()] == ["Open 6"]
    assert view.current_id() == 6  # the row clicked becomes current
    menu.actions()[0].trigger()
    assert opened == [6]


def test_an_empty_list_says_what_to_do(qtbot):
    model = ListModel(columns())
    view = ListView(model)
    qtbot.addWidget(view)
    view.show()
    assert not view.is_empty_shown()  # nothing loaded yet: no "empty" flash
    pressed = []
    view.empty_state.say("No clients yet", "Create one.", "New client", lambda: pressed.append(1))
    model.set_rows([])
    assert view.is_empty_shown()
    assert view.empty_state.text() == "No clients yet\nCreate one."
    assert view.empty_state.geometry() == view.viewport().rect()
    qtbot.mouseClick(view.empty_state.button, Qt.MouseButton.LeftButton)
    assert pressed == [1]
    model.set_rows([ROWS[1]])
    assert not view.is_empty_shown()
    view.empty_state.say("Nothing matches")
    model.set_rows([])
    assert not view.empty_state.button.isVisibleTo(view)


def test_an_empty_filtered_list_offers_to_clear_the_filters(qtbot):
    model = ListModel(columns())
    view = ListView(model)
    qtbot.addWidget(view)
    view.show()
    filters = {"on": True}
    cleared = []
    view.empty_state.say("No clients yet", "Create one.", "New client", lambda: None)
    view.empty_state.say_when_filtered(
        lambda: filters["on"], "No client matches", "Clear filters", lambda: cleared.append(1)
    )
    model.set_rows([])  # asked when the list shows empty
    assert view.empty_state.text() == "No client matches"
    qtbot.mouseClick(view.empty_state.button, Qt.MouseButton.LeftButton)
    assert cleared == [1]
    filters["on"] = False
    model.set_rows([])
    assert view.empty_state.text() == "No clients yet\nCreate one."
    assert view.empty_state.button.text() == "New client"


def test_clearing_all_filters_reads_the_list_once(qtbot):
    box = FilterBox("Filter")
    tick, choice = QCheckBox("A"), QComboBox()
    choice.addItems(["All", "Active"])
    for widget in (box, tick, choice):
        qtbot.addWidget(widget)
    said = []
    box.settled.connect(said.append)
    tick.toggled.connect(lambda _on: said.append("tick"))
    choice.currentIndexChanged.connect(lambda _i: said.append("choice"))
    box.setText("华信")
    tick.setChecked(True)
    choice.setCurrentIndex(1)
    said.clear()
    box.clear_all(tick, choice)
    assert said == [""]  # one settled, no signal from each box
    assert (box.text(), tick.isChecked(), choice.currentIndex()) == ("", False, 0)
    assert not box.pending()


def test_widths_and_order_are_remembered_per_list(qtbot):
    first = ListView(ListModel(columns()), settings_key="test/clients")
    qtbot.addWidget(first)
    first.show()
    assert first.columnWidth(0) == 180  # the column's width hint
    first.setColumnWidth(0, 260)
    first.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    first.hide()  # another area chosen: remembered

    model = ListModel(columns())
    again = ListView(model, settings_key="test/clients", sort=(0, Qt.SortOrder.AscendingOrder))
    qtbot.addWidget(again)
    assert again.columnWidth(0) == 260
    assert (model.sort_key, model.descending) == ("amount", True)
    other = ListView(ListModel(columns()), settings_key="test/other")
    qtbot.addWidget(other)
    assert other.columnWidth(0) == 180


def test_fit_contents_fits_the_short_columns_and_shares_the_rest(qtbot):
    """A narrow panel or a dialog's short list: columns as wide as their contents, the stretch
    ones sharing what is left, never a sideways scroll bar; the default keeps the widths."""
    mode = QHeaderView.ResizeMode
    model = ListModel(columns())
    model.set_rows([ROWS[1], ROWS[1000]])
    fitted = ListView(model, fit="contents")
    qtbot.addWidget(fitted)
    header = fitted.horizontalHeader()
    assert [header.sectionResizeMode(c) for c in range(3)] == [
        mode.ResizeToContents,
        mode.ResizeToContents,
        mode.Stretch,
    ]
    assert fitted.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not fitted.wordWrap()
    plain = ListView(ListModel(columns()))
    qtbot.addWidget(plain)
    assert plain.horizontalHeader().sectionResizeMode(0) == mode.Interactive
    assert plain.columnWidth(0) == 180
    assert plain.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded


def test_a_column_of_several_lines_aligns_its_cells_at_the_top(qtmodeltester):
    model = ListModel(
        (
            Column("Name", attribute("name")),
            Column("Lines", lambda row: "a\nb", align=LEFT | TOP),
            Column("Amount", attribute("amount"), align=RIGHT),
        )
    )
    model.set_rows([ROWS[1]])
    align = Qt.ItemDataRole.TextAlignmentRole
    assert model.index(0, 1).data(align) == int(LEFT | TOP)
    assert model.index(0, 0).data(align) == int(LEFT | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, 2).data(align) == int(RIGHT | Qt.AlignmentFlag.AlignVCenter)
    qtmodeltester.check(model)


def test_the_filter_box_settles_once_typing_pauses(qtbot):
    box = FilterBox("Filter", delay_ms=50)
    qtbot.addWidget(box)
    said = []
    box.settled.connect(said.append)
    box.setText("华")
    box.setText("华信 ")
    assert said == [] and box.pending()
    qtbot.waitUntil(lambda: said == ["华信"], timeout=2000)
    box.setText("恒")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter does not wait
    assert said == ["华信", "恒"] and not box.pending()
    box.clear()  # neither does clearing
    assert said[-1] == "" and not box.pending()

    box.show()
    box.setText("北京")
    box.hide()  # typed just before the page was left: applied when it is seen again
    assert not box.pending() and said[-1] == ""
    box.show()
    assert said[-1] == "北京"


def test_a_stretch_column_keeps_a_readable_width_when_the_others_fill_the_screen(qtbot):
    """On a 1366-pixel laptop the fixed columns of the rebate list left its 客户 column (the
    stretch one) no room at all: it showed as an empty sliver. It keeps STRETCH_FLOOR pixels
    (the list scrolls sideways) and stretches again when the window is widened."""
    from app.ui.kit.tables import STRETCH_FLOOR

    wide = tuple(Column(f"Fixed {n}", attribute("name"), width=200) for n in range(4))
    model = ListModel((*wide, Column("Client", attribute("name"), stretch=True)))
    view = ListView(model)
    qtbot.addWidget(view)
    model.set_rows([ROWS[1]])
    view.resize(600, 300)
    view.show()
    qtbot.waitUntil(lambda: view.columnWidth(4) == STRETCH_FLOOR)
    stretch = QHeaderView.ResizeMode.Stretch
    assert view.horizontalHeader().sectionResizeMode(4) != stretch
    view.resize(1600, 300)
    qtbot.waitUntil(lambda: view.columnWidth(4) > STRETCH_FLOOR + 300)
    assert view.horizontalHeader().sectionResizeMode(4) == stretch
