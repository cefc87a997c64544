"""Settings → 节假日 (Holidays): a year's days with their source, adding and removing entered
days, importing a CSV; each change is announced and the plan page counts it at once."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.services import holiday_calendar
from app.ui.context import UiContext, UiEvents
from app.ui.settings.dialog import SettingsDialog
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def _panel(ctx, qtbot, year: int = 2027):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.holidays)
    panel = dialog.holidays
    panel.year.setValue(year)
    return dialog, panel


def _rows(panel) -> dict[str, tuple[str, ...]]:
    model = panel.model
    return {
        model.index(r, 0).data(): tuple(
            model.index(r, c).data() for c in range(1, model.columnCount())
        )
        for r in range(model.rowCount())
    }


def test_a_fallback_year_shows_the_statutory_days_and_the_month_counts(ctx, qtbot, qtmodeltester):
    dialog, panel = _panel(ctx, qtbot)
    assert dialog.tabs.tabText(dialog.tabs.indexOf(panel)) == "Holidays"
    qtmodeltester.check(panel.model)
    rows = _rows(panel)
    assert len(rows) == 13  # 放假办法 第二条: 13 days
    assert rows["2027-02-05"] == ("五", "Day off (休)", "春节", "Statutory (worked out)")
    assert "调休未公布" in panel.status.text()
    assert "M2: 18" in panel.months.text()  # 除夕 Fri 5 and 初三 Mon 8 off
    panel.year.setValue(2026)
    assert _rows(panel)["2026-10-01"][-1] == "Published (library)"
    assert "已公布" in panel.status.text()


def test_adding_and_removing_entered_days(ctx, qtbot):
    dialog, panel = _panel(ctx, qtbot)
    heard = []
    ctx.events.changes.connect(heard.append)
    panel.first.setDate(date(2027, 2, 9))
    panel.last.setDate(date(2027, 2, 11))
    panel.name.setText("春节")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert heard and heard[-1].touches("calendar")
    rows = _rows(panel)
    assert rows["2027-02-10"] == ("三", "Day off (休)", "春节", "Entered")
    assert "已公布" in panel.status.text() and "M2: 15" in panel.months.text()
    panel.first.setDate(date(2027, 2, 20))
    panel.last.setDate(date(2027, 2, 20))
    panel.kind.setCurrentIndex(panel.kind.findData(False))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert _rows(panel)["2027-02-20"][1] == "Working day (班)"
    assert "M2: 16" in panel.months.text()
    entered = [(e.day, e.off) for e in holiday_calendar.load(ctx.archive).entered]
    assert entered[-1] == (date(2027, 2, 20), False) and len(entered) == 4
    # a statutory day cannot be removed; an entered one can
    panel.table.select_id(date(2027, 2, 5).toordinal())
    assert not panel.remove_button.isEnabled()
    panel.table.select_id(date(2027, 2, 20).toordinal())
    assert panel.remove_button.isEnabled()
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert "2027-02-20" not in _rows(panel)
    assert "M2: 15" in panel.months.text()
    # the tab saved each change at once: closing the dialog has nothing to ask
    assert not dialog.has_unsaved_changes()


def test_a_bad_range_and_a_bad_csv_are_said_and_change_nothing(ctx, qtbot, tmp_path):
    _dialog, panel = _panel(ctx, qtbot)
    panel.name.setText("假" * 30)
    panel.first.setDate(date(2027, 3, 1))
    panel.last.setDate(date(2028, 3, 31))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.error.isVisibleTo(panel) and "一次最多 366 天" in panel.error.text()
    bad = tmp_path / "notice.csv"
    bad.write_text("2027-02-09,休,春节\n2027-02-09x,休,春节\n", encoding="utf-8")
    panel.import_csv(str(bad))
    assert "第 2 行不是日期" in panel.error.text()
    assert holiday_calendar.load(ctx.archive).entered == ()
    good = tmp_path / "good.csv"
    good.write_bytes("日期,休/班,名称\n2027-02-09,休,春节\n".encode("gbk"))
    panel.import_csv(str(good))
    assert not panel.error.isVisibleTo(panel)
    assert _rows(panel)["2027-02-09"][-1] == "Entered"


def test_the_plan_page_follows_an_entered_day(ctx, qtbot):
    from app.ui.plan.page import PlanPage

    page = PlanPage(ctx)
    qtbot.addWidget(page)
    page.month.setDate(date(2027, 2, 1))
    page.reload()
    assert page.calendar_info.text().startswith("18 working days")
    _dialog, panel = _panel(ctx, qtbot)
    panel.first.setDate(date(2027, 2, 9))
    panel.last.setDate(date(2027, 2, 9))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert page.calendar_info.text().startswith("17 working days")
