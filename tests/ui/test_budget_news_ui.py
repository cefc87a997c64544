"""费用预算 (the budget dialog from 分析与月报) and 客户动态 (the client page's news tab), driven
as a user would: Enter saves, Esc cancels, a wrong field is marked and nothing is written."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.domain.enums import ActivityKind
from app.domain.records import ActivityDraft, ClientDraft
from app.services import activities, budgets, clients, news, recycle_bin
from app.ui import application
from app.ui.analysis import budget_dialog as budget_module
from app.ui.analysis.budget_dialog import BudgetDialog, BudgetLineDialog
from app.ui.analysis.page import AnalysisPage
from app.ui.clients import news_tab as news_tab_module
from app.ui.clients.client_page import ClientPage
from app.ui.clients.news_dialog import NewsDialog
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client(archive):
    record = clients.create_client(archive, ClientDraft("北京华信科技有限公司", owner="王芳"))
    for day, expense in ((3, "1280.50"), (20, "219.50")):
        draft = ActivityDraft(
            record.id,
            ActivityKind.VISIT,
            datetime(2026, 11, day, 9),
            "走访",
            expense=Decimal(expense),
        )
        activities.create_activity(archive, draft)
    return record


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def cells(view, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


# --- 费用预算 -------------------------------------------------------------------------------------


@pytest.fixture
def budget(ctx, client, qtbot):
    shown = BudgetDialog(ctx, 2026, 11)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_set_a_budget_by_typing_enter_saves(budget, ctx, qtbot, qtmodeltester):
    # the month's visits were spent without a budget: 1,280.50 + 219.50 = 1,500.00
    assert cells(budget.table, 0) == ["王芳"]
    assert cells(budget.table, 3) == ["¥1,500.00"]
    assert cells(budget.table, 5) == ["—"]
    budget.add_line()
    line = budget.active_dialog
    assert isinstance(line, BudgetLineDialog)
    assert line.owner_box.currentText() == "王芳"  # the account managers to choose from
    line.kind_box.setCurrentIndex(line.kind_box.findData("visit"))
    line.amount_edit.setFocus()
    qtbot.keyClicks(line.amount_edit, "-5")
    qtbot.keyClick(line.amount_edit, Qt.Key.Key_Return)
    assert line.field_error("budget_amount").startswith("预算金额")
    assert budgets.list_budgets(ctx.archive) == []  # nothing written
    line.amount_edit.clear()
    qtbot.keyClicks(line.amount_edit, "1,200")
    qtbot.keyClick(line.amount_edit, Qt.Key.Key_Return)
    assert line.result() == BudgetLineDialog.DialogCode.Accepted
    # 1,500.00 spent of 1,200.00: -300.00 remaining, 125.0% used
    assert [cells(budget.table, c)[0] for c in range(2, 6)] == [
        "¥1,200.00",
        "¥1,500.00",
        "¥-300.00",
        "125.0%",
    ]
    assert "¥1,200.00" in budget.year_label.text()
    qtmodeltester.check(budget.model)


def test_change_with_enter_on_the_row_esc_cancels_and_remove(budget, ctx, qtbot, monkeypatch):
    budgets.set_budget(ctx.archive, "2026-11", "王芳", "拜访", "2000")
    budget.reload()
    budget.table.selectRow(0)
    qtbot.keyClick(budget.table, Qt.Key.Key_Return)
    line = budget.active_dialog
    assert line.amount_edit.text() == "2000.00" and not line.kind_box.isEnabled()
    line.amount_edit.selectAll()
    qtbot.keyClicks(line.amount_edit, "9")
    line.discard()  # Esc with changes asks first (放弃未保存的更改？); the user said yes
    assert line.result() == BudgetLineDialog.DialogCode.Rejected
    assert budgets.list_budgets(ctx.archive)[0].amount == Decimal("2000.00")

    monkeypatch.setattr(budget_module, "confirm", lambda *args: True)
    budget.table.selectRow(0)
    budget.remove()
    assert budgets.list_budgets(ctx.archive) == []
    assert cells(budget.table, 2) == ["¥0.00"]  # the expense is still there, without budget


def test_a_month_chosen_shows_its_own_budget(budget, ctx):
    budgets.set_budget(ctx.archive, "2026-12", "王芳", "会议", "800")
    budget.month.setDate(budget.month.date().addMonths(1))
    assert cells(budget.table, 1) == ["会议"]
    assert cells(budget.table, 3) == ["¥0.00"]


def test_the_cost_view_shows_budget_against_spent(ctx, client, qtbot):
    budgets.set_budget(ctx.archive, "2026-11", "王芳", "拜访", "1000")
    page = AnalysisPage(ctx)
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    page.select_view("cost")
    assert page.parts_view.isVisible() and page.parts_view.height() > 100
    text = page.parts_view.toPlainText()
    assert "费用预算执行" in text and "1,500.00" in text and "-500.00" in text
    assert "预算超支：500.00 元" in page.summary.text()
    page.select_view("value")
    assert not page.parts_view.isVisibleTo(page)


# --- 客户动态 -------------------------------------------------------------------------------------


@pytest.fixture
def page(ctx, client, qtbot):
    shown = ClientPage(ctx)
    qtbot.addWidget(shown)
    shown.show_client(client.id)
    shown.tabs.setCurrentWidget(shown.news_tab)
    return shown


def test_add_news_with_a_link_and_a_scan(page, ctx, client, qtbot, tmp_path, qtmodeltester):
    tab = page.news_tab
    assert tab.table.is_empty_shown()
    tab.add_news()
    dialog = tab.active_dialog
    assert isinstance(dialog, NewsDialog)
    dialog.date_edit.set_value(date(2026, 11, 3))
    dialog.source_box.setCurrentText("政府采购网")
    type_text(dialog.title_edit, "华信智能电表项目公开招标")
    qtbot.keyClicks(dialog.url_edit, "ftp://x")
    assert dialog.url_link.text() == ""  # not a web link: nothing to click
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert dialog.field_error("url").startswith("链接")
    assert news.list_news(ctx.archive) == []
    dialog.url_edit.clear()
    qtbot.keyClicks(dialog.url_edit, "https://www.ccgp.gov.cn/a.htm")
    assert 'href="https://www.ccgp.gov.cn/a.htm"' in dialog.url_link.text()
    scan = tmp_path / "公告.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    dialog.set_scan(scan)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert dialog.result() == NewsDialog.DialogCode.Accepted

    [saved] = news.list_news(ctx.archive, client.id)
    assert (saved.title, saved.source, saved.scans) == ("华信智能电表项目公开招标", "政府采购网", 1)
    assert cells(tab.table, 2) == ["华信智能电表项目公开招标"]
    assert cells(tab.table, 3) == ["www.ccgp.gov.cn"]
    assert cells(tab.table, 4) == ["✓"]
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "News (1)"
    tab.table.selectRow(0)
    assert tab.details.openExternalLinks()
    assert '<a href="https://www.ccgp.gov.cn/a.htm">' in tab.details.text()
    qtmodeltester.check(tab.model)


def test_news_newest_first_edit_esc_and_delete_to_the_bin(page, ctx, client, qtbot, monkeypatch):
    for day, title in ((date(2026, 10, 8), "旧闻"), (date(2026, 11, 20), "新厂区投产")):
        news.add_news(ctx.archive, news.NewsDraft(client.id, day, title))
    page.news_tab.reload()
    tab = page.news_tab
    assert cells(tab.table, 2) == ["新厂区投产", "旧闻"]
    assert cells(tab.table, 0) == ["2026-11-20", "2026-10-08"]

    tab.table.selectRow(1)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    editor = tab.active_dialog
    assert editor.title_edit.text() == "旧闻"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # unchanged: closes at once
    assert editor.result() == NewsDialog.DialogCode.Rejected

    tab.table.selectRow(1)
    tab.edit_news()
    editor = tab.active_dialog
    type_text(editor.notes_edit, "可作谈判依据")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    assert news.list_news(ctx.archive)[1].notes == "可作谈判依据"

    monkeypatch.setattr(news_tab_module, "confirm", lambda *args: True)
    tab.table.selectRow(0)
    tab.delete_news()
    assert cells(tab.table, 2) == ["旧闻"]
    assert [i.kind for i in recycle_bin.list_items(ctx.archive)] == ["news"]


def test_a_search_hit_opens_the_clients_news(archive, client, qtbot):
    item = news.add_news(archive, news.NewsDraft(client.id, date(2026, 11, 3), "华信新厂区投产"))
    window = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(window)
    window.show()
    window.open_record("news", item.id)
    page = window.client_page
    assert page.client.id == client.id
    assert page.tabs.currentWidget() is page.news_tab
    assert page.news_tab.table.current_id() == item.id
