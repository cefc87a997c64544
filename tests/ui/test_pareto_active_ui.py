"""The 价值 view in the window gives the 80/20 over all active clients beside the share over
clients with revenue (issue 13 §4); data and figures by hand: tests/pareto_samples.py."""

from __future__ import annotations

import pareto_samples as P
from PySide6.QtCore import QDate

from app.ui.analysis import page as page_module
from app.ui.analysis.page import AnalysisPage
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner


def test_value_view_shows_both_shares(archive, qapp, qtbot, tmp_path, monkeypatch):
    P.build(archive)
    monkeypatch.setattr(page_module, "PRINT_DIR", tmp_path / "print")
    page = AnalysisPage(UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN"))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.month.setDate(QDate(2026, 11, 1))
    page.select_view("value")
    text = page.summary.text()
    assert P.ACTIVE_SHARE_SHOWN in text and P.REVENUE_SHARE_SHOWN in text
    assert "2 家（占有销售额客户的 40.0%，占全部活跃客户的 20.0%）" in text
