"""The tender form's computed dates with their rules as tooltips, and the winner's deposit kept
off the home page's radar until the contract date is entered; driven as a user would."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QSettings, Qt

from app.domain.tenders import (
    RULE_CHALLENGE,
    RULE_CONTRACT,
    RULE_REFUND_UNSUCCESSFUL,
    RULE_REFUND_WINNER,
    TenderDraft,
    TenderStatus,
)
from app.services import tenders
from app.ui import application
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner
from app.ui.tenders.tender_dialog import TenderDialog

OVERDUE = "Bid deposit refund overdue"


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def _set_date(moment, day: date) -> None:
    moment.check.setChecked(True)
    moment.edit.setDate(QDate(day.year, day.month, day.day))


def test_each_computed_date_cites_its_rule_in_its_tooltip(ctx, qtbot):
    dialog = TenderDialog(ctx)
    qtbot.addWidget(dialog)
    # before the award notice the tooltips already say how the dates will be counted
    assert dialog.refund_due_label.toolTip() == RULE_REFUND_UNSUCCESSFUL
    assert dialog.challenge_label.toolTip() == RULE_CHALLENGE
    _set_date(dialog.award_notice, date(2026, 9, 29))  # Tuesday before 国庆
    # 实施条例 第三十三条: 9-30, 10-08, 10-09, 10-10 (调休上班), 10-12
    assert dialog.refund_due_label.text() == "2026-10-12 (5 working days after the award notice)"
    assert "第三十三条" in dialog.refund_due_label.toolTip()
    assert "未中标供应商" in dialog.refund_due_label.toolTip()
    # 94号令 第十条: announcement ends 9-30; 10-08, 09, 10, 12, 13, 14, 15
    assert dialog.announcement_end_label.text().startswith("2026-09-30")
    assert dialog.challenge_label.text().startswith("2026-10-15")
    assert dialog.challenge_label.toolTip() == RULE_CHALLENGE
    assert "公告期限届满之日起7个工作日" in dialog.challenge_label.toolTip()
    assert dialog.contract_due_label.text().startswith("2026-10-29")
    assert dialog.contract_due_label.toolTip() == RULE_CONTRACT
    assert "第四十六条" in RULE_CONTRACT and "第二百零三条" in RULE_CONTRACT
    # a 3-working-day announcement: ends 10-09; then 10-10, 12, 13, 14, 15, 16, 19
    dialog.announcement_spin.setValue(3)
    assert dialog.announcement_end_label.text().startswith("2026-10-09")
    assert "3个工作日" in dialog.announcement_end_label.toolTip()
    assert dialog.challenge_label.text().startswith("2026-10-19")


def test_the_winners_refund_waits_for_the_contract_and_is_saved(ctx, qtbot):
    tid = tenders.create_tender(
        ctx.archive,
        TenderDraft(title="路灯维护", purchaser_name="某市城管局", status=TenderStatus.SUBMITTED),
    ).id
    dialog = TenderDialog(ctx, tid)
    qtbot.addWidget(dialog)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("中标"))
    _set_date(dialog.award_notice, date(2026, 9, 29))
    waiting = "after the contract signed date is entered (the winner's deposit)"
    assert dialog.refund_due_label.text() == waiting
    assert dialog.refund_due_label.toolTip() == RULE_REFUND_WINNER
    dialog.announcement_spin.setValue(2)
    _set_date(dialog.dates["contract_signed_on"], date(2026, 10, 20))  # 10-21, 22, 23, 26, 27
    assert dialog.refund_due_label.text() == (
        "2026-10-27 (5 working days after the contract is signed)"
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = dialog.saved
    assert saved is not None
    assert (saved.draft.announcement_days, saved.refund_due) == (2, date(2026, 10, 27))
    again = TenderDialog(ctx, tid)
    qtbot.addWidget(again)
    assert again.announcement_spin.value() == 2
    assert again.refund_due_label.text().startswith("2026-10-27")


def test_a_contract_before_the_award_is_marked_on_its_field(ctx, qtbot):
    dialog = TenderDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("项目")
    dialog.purchaser.setText("某市城管局")
    _set_date(dialog.award_notice, date(2026, 9, 29))
    _set_date(dialog.dates["contract_signed_on"], date(2026, 9, 28))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None
    assert dialog.field_error("contract_signed_on") == "不能早于中标公告日期"
    assert tenders.list_tenders(ctx.archive) == []


@pytest.fixture
def window(archive, qtbot, tmp_path):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    shown = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _radar_whats(window) -> list[str]:
    model = window.home_page.radar_panel.model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_home_page_shows_the_winners_refund_overdue_only_after_the_contract(window, archive):
    """The archive's clock stands at 2026-11-26; the award notice was Mon 2026-11-02."""
    won = tenders.create_tender(
        archive,
        TenderDraft(
            title="路灯维护",
            purchaser_name="某市城管局",
            status=TenderStatus.WON,
            award_notice_on=date(2026, 11, 2),
            bid_deposit=Decimal("8000"),
            deposit_paid_on=date(2026, 10, 20),
        ),
    ).id
    window.ctx.events.changed.emit("tender")
    window.show_area("home")
    assert OVERDUE not in _radar_whats(window)
    # the contract was signed Tue 11-10: 11-11, 12, 13, 16, 17 -> due 11-17, overdue now
    window.ctx.events.open_record.emit("tender", won)
    dialog = window.active_dialog
    assert dialog.refund_due_label.text().startswith("after the contract signed date")
    _set_date(dialog.dates["contract_signed_on"], date(2026, 11, 10))
    dialog.save()
    assert _radar_whats(window)[0] == OVERDUE
    assert window.home_page.radar_panel.model.index(0, 3).data().startswith("due 2026-11-17")
