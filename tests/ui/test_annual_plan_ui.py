"""The plan page's 年度计划 and 销售预测 tabs driven as a user does (the archive's clock:
2026-11-26); expected figures worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.records import ClientDraft
from app.services import annual_plans, clients, contracts, forecasts, plans
from app.ui.context import Changes, UiContext, UiEvents
from app.ui.plan.page import PlanPage
from app.ui.plan.year_view import PLAN, row_months
from app.ui.tasks import SynchronousTaskRunner

D = Decimal
TOTAL_ROW = 16  # 12 months and 4 quarters, then the year


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def booked(archive):
    """张伟: HT-1 300,000.00 signed 2026-02-03 (due 2026-03-05) with 123,456.78 received on
    2026-03-04, HT-2 5,000.00 signed 2026-03-03 (due 2026-04-02); 王芳: HT-3 80,000.00 signed
    2026-04-01 (due 2026-05-01). All overdue on 2026-11-26."""
    zhang = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
    wang = clients.create_client(archive, ClientDraft("北京华信科技有限公司", owner="王芳"))
    made = [
        contracts.create_contract(
            archive, contracts.ContractDraft(number, who.id, signed, amount=D(amount))
        )
        for number, who, signed, amount in (
            ("HT-1", zhang, date(2026, 2, 3), "300000"),
            ("HT-2", zhang, date(2026, 3, 3), "5000"),
            ("HT-3", wang, date(2026, 4, 1), "80000"),
        )
    ]
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(zhang.id, date(2026, 3, 4), D("123456.78"), made[0].id)
    )


def _page(qtbot, ctx) -> PlanPage:
    page = PlanPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    return page


def _year(page: PlanPage, year: int, owner: str):
    view = page.year_view
    page.lower.setCurrentWidget(view)
    view.year.setValue(year)
    view.owner.setCurrentIndex(view.owner.findData(owner))
    return view


def _plan_texts(view) -> list[str]:
    return [view.table.item(r, PLAN).text() for r in range(view.table.rowCount())]


def test_setting_a_year_fills_months_quarters_and_total_and_folds_the_month_away(
    ctx, qtbot, booked
):
    page = _page(qtbot, ctx)
    view = _year(page, 2027, "张伟")
    assert not page.splitter.widget(0).isVisible()  # the month's targets folded away
    view.amount.setText("1,000,000")
    view.split.setCurrentIndex(view.split.findData("even"))
    heard: list[Changes] = []
    ctx.events.changes.connect(heard.append)
    assert view.set_target()
    assert [c.kinds for c in heard] == [frozenset({"plan"})]
    texts = _plan_texts(view)
    assert texts[0] == "83,333.34" and texts[4] == "83,333.34" and texts[5] == "83,333.33"
    assert texts[3] == "250,000.02" and texts[7] == "250,000.00"  # Q1, Q2
    assert texts[TOTAL_ROW] == "1,000,000.00"
    assert view.table.verticalHeaderItem(TOTAL_ROW).text() == "Year total"
    page.lower.setCurrentIndex(0)
    assert page.splitter.widget(0).isVisible()


def test_a_month_typed_in_the_year_keeps_its_value_and_reaches_the_monthly_plan(ctx, qtbot, booked):
    annual_plans.set_year_plan(ctx.archive, 2027, D("1000000.00"), "张伟")
    page = _page(qtbot, ctx)
    view = _year(page, 2027, "张伟")
    march = row_months().index(3)
    view.table.item(march, PLAN).setText("200,000.00")
    assert view.save_month_edits()
    texts = _plan_texts(view)
    assert texts[march] == "200,000.00 ✎"
    assert texts[0] == "72,727.28" and texts[row_months().index(12)] == "72,727.27"
    assert texts[TOTAL_ROW] == "1,000,000.00"
    owners = plans.get_plan(ctx.archive, 2027, 3).owners
    assert [o.targets.receipts for o in owners if o.owner == "张伟"] == [D("200000.00")]
    # a month that is not an amount: said, naming the field, and nothing stored
    view.table.item(0, PLAN).setText("abc")
    assert not view.save_month_edits()
    assert view.message.text() == "回款：金额无效“abc”"
    assert annual_plans.year_view(ctx.archive, 2027, "张伟").months[0].plan == D("72727.28")
    # back to the split
    view.table.setCurrentCell(march, PLAN)
    assert view.unpin_selected()
    assert _plan_texts(view)[march] == "83,333.34"


def test_actuals_are_the_owners_receipts(ctx, qtbot, booked):
    page = _page(qtbot, ctx)
    view = _year(page, 2026, "张伟")
    march = row_months().index(3)
    assert view.table.item(march, 1).text() == "¥123,456.78"
    assert view.table.item(TOTAL_ROW, 1).text() == "¥123,456.78"
    assert view.table.item(march, 4).text() == "actual (month over)"
    view.owner.setCurrentIndex(view.owner.findData("王芳"))
    assert view.table.item(TOTAL_ROW, 1).text() == "¥0.00"


def test_the_forecast_shows_the_suggestion_its_records_and_takes_a_figure(ctx, qtbot, booked):
    page = _page(qtbot, ctx)
    panel = page.forecast_view
    page.lower.setCurrentWidget(panel)
    owners = panel.view.owners
    assert owners == ("张伟", "王芳")
    # 张伟 in 2026-11: HT-1 300,000.00 - 123,456.78 = 176,543.22 and HT-2 5,000.00, overdue
    zhang = owners.index("张伟")
    assert panel.grid.item(zhang, 0).text() == "181,543.22"
    panel.grid.setCurrentCell(zhang, 0)
    assert panel.suggested.text() == "Suggested ¥181,543.22 from 2 records"
    model = panel.breakdown_model
    rows = [[model.index(r, c).data() for c in (0, 2, 6, 7)] for r in range(model.rowCount())]
    assert rows == [
        ["2026-11-01", "HT-1", "¥176,543.22", "¥176,543.22"],
        ["2026-11-01", "HT-2", "¥5,000.00", "¥5,000.00"],
    ]
    total_row = len(owners)
    assert panel.grid.item(total_row, 0).text() == "¥261,543.22"  # + 王芳's HT-3 80,000.00
    panel.grid.item(zhang, 1).setText("200000")
    assert panel.save()
    assert panel.message.text() == "Forecasts saved."
    assert panel.grid.item(zhang, 1).text() == "200,000.00"
    assert panel.grid.item(zhang, 1).font().bold()
    assert panel.grid.item(total_row, 1).text() == "¥200,000.00"
    stored = forecasts.show(ctx.archive, date(2026, 12, 1), 1, "张伟").cells[0]
    assert stored.entered == D("200000.00")
    # the year sees it: December forecast entered
    view = _year(page, 2026, "张伟")
    assert view.table.item(row_months().index(12), 2).text() == "¥200,000.00"


def test_a_refused_forecast_stores_nothing(ctx, qtbot, booked):
    page = _page(qtbot, ctx)
    panel = page.forecast_view
    panel.grid.item(0, 1).setText("100")
    panel.grid.item(1, 1).setText("-1")
    assert panel.save()  # the figures read; the service refuses the negative one
    assert panel.message.text() == "预测金额：不能为负数"
    panel.grid.item(1, 1).setText("1.005")  # finer than the fen: refused before writing
    assert not panel.save()
    assert panel.message.text() == "预测金额：金额最多两位小数（精确到分）“1.005”"
    cells = forecasts.show(ctx.archive, date(2026, 12, 1), 1).cells
    assert all(c.entered is None for c in cells)


def test_year_tabs_are_built_when_first_shown_and_read_the_receivables_once(
    ctx, qtbot, booked, monkeypatch
):
    """Issue 11: a look at the month's plan reads no receivable; the forecast tab, clicked,
    is built then and reads them once."""
    from app.ui.plan.forecast_view import ForecastPanel

    read = []
    real = contracts.open_receivables
    monkeypatch.setattr(
        contracts, "open_receivables", lambda *a, **k: read.append(1) or real(*a, **k)
    )
    page = _page(qtbot, ctx)
    assert read == [] and page.lower.count() == 4
    assert not page.lower.widget(3).findChildren(ForecastPanel)
    page.lower.tabBar().setCurrentIndex(3)  # the user clicks 销售预测
    panel = page.lower.currentWidget()
    assert isinstance(panel, ForecastPanel) and panel is page.forecast_view
    assert page.lower.tabText(3) == "Sales forecast"
    assert len(read) == 1
    assert not page.splitter.widget(0).isVisible()
    panel.grid.setCurrentCell(0, 0)
    assert panel.breakdown_model.rowCount() == 2  # rows held; their texts made when shown
    assert panel.breakdown_model.index(1, 1).data() == "Receivable"
    page.lower.tabBar().setCurrentIndex(0)
    assert page.splitter.widget(0).isVisible() and len(read) == 1
