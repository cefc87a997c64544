"""分析与月报 driven as a user would: pick a month, switch views, export, produce the report."""

from __future__ import annotations

from decimal import Decimal

import analysis_samples as S
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt

from app.services import analysis
from app.ui.analysis import page as page_module
from app.ui.analysis.page import AnalysisPage
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    S.build(archive)
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def page(ctx, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(page_module, "PRINT_DIR", tmp_path / "print")
    shown = AnalysisPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    return shown


def _cells(page, row: int) -> list[str]:
    model = page.model
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_opens_on_this_month_and_every_view_passes_the_model_tester(page, qtmodeltester):
    assert page.month.date() == QDate(2026, 11, 1)
    for index, key in enumerate(analysis.VIEWS):
        page.tabs.setCurrentIndex(index)
        assert page.current is not None and page.current.view == key
        qtmodeltester.check(page.model)
        assert page.model.rowCount() == len(page.current.rows)


def test_account_manager_view_shows_the_reports_totals(page, archive):
    page.select_view("owners")
    report = analysis.monthly_report(archive, 2026, 11)
    total = _cells(page, page.model.rowCount() - 1)
    assert total[0] == "合计"
    assert total[5] == f"{report.total.signed:,.2f}" == "1,050,100.00"
    assert total[11] == f"{report.receivable:,.2f}"
    header = page.model.headerData(5, Qt.Orientation.Horizontal)
    assert header == "签约额（元）"
    assert "回款：500,450.00 元" in page.summary.text()
    align = page.model.index(0, 5).data(Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignRight
    assert page.model.row_at(0).values[5] == Decimal("1000000.00")  # the cell's own value


def test_client_ids_stay_hidden_but_open_the_client(page):
    page.select_view("value")
    keys = [c.key for c in page.current.columns]
    id_column = keys.index("client_id")
    assert page.table.isColumnHidden(id_column)
    assert not any(page.table.isColumnHidden(n) for n in range(len(keys)) if n != id_column)
    opened = []
    page.ctx.events.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    page.open_client(page.model.id_at(0))
    assert opened and opened[0][0] == "client"


def test_changing_the_month_or_churn_days_recomputes(page):
    page.select_view("churn")
    assert page.current.total_rows == 3
    page.churn_days.setValue(250)
    page.refresh_button.click()
    assert page.current.total_rows == 2
    page.month.setDate(QDate(2026, 10, 1))
    assert page.current.period_label == "2026年10月"


def test_a_range(page):
    page.select_view("owners")
    page.range_box.setChecked(True)
    page.first.setDate(QDate(2026, 8, 1))
    page.last.setDate(QDate(2026, 11, 30))
    page.refresh_button.click()
    assert page.current.period_label == "2026年8月至2026年11月"
    assert _cells(page, page.model.rowCount() - 1)[5] == "1,051,000.00"


def test_value_view_draws_the_pareto_curve(page):
    page.select_view("value")
    assert page.chart.curve and page.chart.points
    assert page.chart.points[-1] == ("5", Decimal("100.0"))
    assert _cells(page, 0)[2] == "甲方科技有限公司" and _cells(page, 0)[8] == "是"
    image = page.chart.grab()
    assert not image.isNull()


def test_double_click_opens_the_client(page, ctx, qtbot):
    page.select_view("churn")
    opened = []
    ctx.events.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    page.table.doubleClicked.emit(page.model.index(0, 1))
    assert opened == [("client", page.current.rows[0][0])]


def test_export_excel(page, tmp_path, monkeypatch):
    page.select_view("cost")
    out = tmp_path / "费用.xlsx"
    monkeypatch.setattr(
        page_module.user_settings.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "")
    )
    page.export_button.click()
    sheet = load_workbook(out).worksheets[0]
    assert sheet["B2"].value == "甲方科技有限公司"
    assert Decimal(str(sheet["D2"].value)) == Decimal("1234.56")


def test_monthly_report_by_clicking(page, qtbot, archive):
    page.report_button.click()
    assert page.last_report is not None and page.last_report.exists()
    preview = page.preview_dialog
    qtbot.addWidget(preview)
    reader = PdfReader(str(page.last_report))
    assert preview.page_count() == len(reader.pages)
    assert [item.title for item in reader.outline][0] == "概要"
    assert "1,050,100.00" in reader.pages[0].extract_text()
    assert str(len(reader.pages)) in page.status.text()
    preview.close()


def test_main_window_area(ctx, qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_area("analysis")
    assert window.current_area() == "analysis"
    page = window.stack.currentWidget()
    assert isinstance(page, AnalysisPage)
    assert page.current is not None and page.current.view == "development"
    row = window.AREAS.index("analysis")
    assert window.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == "analysis"


def test_enter_on_a_clients_row_opens_it_and_a_total_row_opens_nothing(page, ctx, qtbot):
    page.select_view("value")
    opened = []
    ctx.events.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    keys = [c.key for c in page.current.columns]
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, keys.index("client_id") + 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [("client", page.current.rows[0][keys.index("client_id")])]
    page.select_view("owners")  # the account managers: no client on any row, the total last
    page.table.setCurrentIndex(page.model.index(page.model.rowCount() - 1, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert len(opened) == 1


def test_each_view_keeps_its_own_list_and_columns(page):
    page.select_view("churn")
    churn = page.table
    page.select_view("owners")
    assert page.table is not churn
    assert page.model.columnCount() == len(page.current.columns)
    page.select_view("churn")
    assert page.table is churn
