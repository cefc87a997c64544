"""At 1366×768 the rebates list shows ten rows above the approval panel (it showed three: the
splitter gave the panel most of the height), and the place the person drags the splitter to is
kept for next time."""

from __future__ import annotations

import pytest

from app.ui.context import UiContext, UiEvents
from app.ui.kit.splitters import LIST_ROWS, list_height
from app.ui.rebates.page import RebatesPage
from app.ui.tasks import SynchronousTaskRunner

# the page's share of a 1366×768 screen: less the taskbar, title bar, menu, tool and status bars
# and the sidebar (as measured on the window, app.ui.main_window)
PAGE_WIDTH, PAGE_HEIGHT = 1180, 640


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def _page(ctx, qtbot) -> RebatesPage:
    page = RebatesPage(ctx)
    qtbot.addWidget(page)
    page.resize(PAGE_WIDTH, PAGE_HEIGHT)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_the_list_keeps_ten_rows_and_the_panel_scrolls(ctx, qtbot):
    page = _page(ctx, qtbot)
    listed, panel = page.splitter.sizes()
    assert listed >= list_height(page.table, LIST_ROWS)
    assert panel >= 150  # the panel is there, scrolling to its buttons
    assert page.splitter.scroll.widget() is not None


def test_the_dragged_position_is_remembered(ctx, qtbot):
    page = _page(ctx, qtbot)
    page.splitter.moveSplitter(200, 1)
    assert page.splitter.sizes()[0] == pytest.approx(200, abs=8)
    page.close()
    again = _page(ctx, qtbot)
    assert again.splitter.sizes()[0] == pytest.approx(200, abs=8)
