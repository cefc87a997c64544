"""A report is as of its month (issue 13 §1), in the window: a tier changed in the client form is
recorded dated, and 分析与月报 for September, before and after it (and after visits, a complaint's
closing and a new client, all dated after September), shows the same figures and prints the same
report."""

from __future__ import annotations

from datetime import date

import asof_samples as S
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt

from app.db.repositories import sales as sales_repo
from app.services import analysis, clients
from app.ui.analysis import page as page_module
from app.ui.analysis.page import AnalysisPage
from app.ui.clients.client_dialog import ClientDialog
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def page(ctx, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(page_module, "PRINT_DIR", tmp_path / "print")
    shown = AnalysisPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    shown.month.setDate(QDate(2026, 9, 1))
    return shown


def _screen(page) -> dict:
    """Every view's rows and key figures as the page shows them, and the report's text."""
    seen = {}
    for key in analysis.VIEWS:
        page.select_view(key)
        model = page.model
        rows = [
            [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]
        seen[key] = (rows, page.summary.text())
    page.make_report(show=False)
    reader = PdfReader(str(page.last_report))
    seen["report"] = "\n".join(p.extract_text() for p in reader.pages)
    return seen


def _raise_tier_in_the_form(ctx, qtbot, client_id: int, tier: str) -> None:
    dialog = ClientDialog(ctx, client_id)
    qtbot.addWidget(dialog)
    dialog.tier_combo.setCurrentIndex(dialog.tier_combo.findData(tier))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ClientDialog.DialogCode.Accepted


def test_september_reads_the_same_after_a_tier_change_in_the_form(ctx, page, qtbot, archive):
    ids = S.build(archive)
    page.refresh()
    before = _screen(page)
    _raise_tier_in_the_form(ctx, qtbot, ids[S.JIA], "A")
    S.enter_later(archive, ids)  # raises 甲方 once more (A -> A: no change) and the rest
    page.refresh()
    after = _screen(page)
    assert after == before
    with archive.db.read() as session:
        changes = [
            (c.client_id, c.old_tier, c.new_tier, c.changed_on)
            for c, _name in sales_repo.tier_changes(session, date(2026, 1, 1), date(2026, 12, 31))
        ]
    assert changes == [(ids[S.JIA], "B", "A", date(2026, 11, 26))]  # dated the day of the edit
    assert clients.get_client(archive, ids[S.JIA]).tier == "A"
    value_rows, _summary = after["value"]
    assert value_rows[0][2] == S.JIA and value_rows[0][4] == "B"  # September's tier
    service_rows, service_summary = after["service"]
    assert "截至 2026-09-30 未办结投诉：1 起" in service_summary
    churn_rows, _ = after["churn"]
    assert {r[1]: r[4] for r in churn_rows} == {S.YI: "2026-06-01", S.BING: "—"}
