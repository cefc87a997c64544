"""结算 in the 销售返点 page on a rebate someone else settled since (issue 14 §3): refused with
who and when, in a box and on the page, and the rebate then shows as it is now."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from rebate_samples import approved_advance_in_another_tier
from user_input import Answers

from app.domain.rebates import RebateStatus, Settlement
from app.services import rebates
from app.ui.context import UiContext, UiEvents
from app.ui.kit import forms, ops
from app.ui.rebates.page import RebatesPage
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def approved(archive) -> rebates.RebateRecord:
    return approved_advance_in_another_tier(archive)


@pytest.fixture
def page(archive, qapp, qtbot, monkeypatch):
    monkeypatch.setattr(ops, "show_error", lambda _w, exc, _lang: pytest.fail(repr(exc)))
    shown = RebatesPage(UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN"))
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    return shown


def test_settling_a_rebate_someone_else_settled_meanwhile_is_refused_and_refreshed(
    page, archive, other, approved, qtbot, monkeypatch
):
    page.reload(approved.id)
    detail = page.detail
    assert detail.record.id == approved.id and detail.settle_button.isEnabled()
    rebates.settle(other, approved.id)  # meanwhile: back to approval in another tier

    answers = Answers(forms.KEEP)
    monkeypatch.setattr(forms, "choose", answers)
    qtbot.mouseClick(detail.settle_button, Qt.MouseButton.LeftButton)

    lines = answers.asked[0][0].splitlines()
    assert lines[0] == "此记录已被 王五 于 2026-11-26 10:35 修改："
    assert lines[-1] == "Your step was not taken; the rebate now shows as it is."
    assert detail.message.text().startswith("此记录已被 王五 于 2026-11-26 10:35 修改。")
    now = rebates.get_rebate(archive, approved.id)
    assert now.settlement is Settlement.REVIEW and len(now.steps) == 5  # nothing of mine
    assert detail.record.version == now.version  # reloaded: as it is now
    assert detail.record.status is RebateStatus.APPLIED
    assert not detail.settle_button.isEnabled()
