"""Two approvers on one rebate, in the 销售返点 page (issue 14 §3): a step clicked on a rebate
someone else has decided since is refused with who and when; the rebate then shows as it is
now, the reason typed stays to be used again, and the step on the version shown goes through."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from user_input import Answers, type_text

from app.domain.rebates import ApprovalStep, RebateStatus
from app.domain.records import ClientDraft
from app.services import clients, contracts, rebates
from app.ui.context import UiContext, UiEvents
from app.ui.kit import forms, ops
from app.ui.rebates.page import RebatesPage
from app.ui.tasks import SynchronousTaskRunner

D = Decimal


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def rebate(archive):
    client = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
    contracts.create_contract(
        archive, contracts.ContractDraft("HT-1", client.id, date(2026, 2, 3), amount=D("300000"))
    )
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 3, 4), D("123456.78"))
    )
    return rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30), "李娜")


@pytest.fixture
def page(ctx, qtbot, monkeypatch):
    # an error box would wait for a click: fail the test instead
    monkeypatch.setattr(ops, "show_error", lambda _w, exc, _lang: pytest.fail(repr(exc)))
    shown = RebatesPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    return shown


def test_a_rejection_on_a_rebate_someone_else_approved_meanwhile_is_refused_and_refreshed(
    page, archive, other, rebate, qtbot, monkeypatch
):
    page.reload(rebate.id)
    detail = page.detail
    assert detail.record.id == rebate.id and detail.reject_button.isEnabled()
    rebates.approve(other, rebate.id, ApprovalStep.MANAGER, "王经理", "同意")  # meanwhile

    type_text(detail.approver, "刘主任")
    type_text(detail.comment, "客户有逾期应收款")
    answers = Answers(forms.KEEP)
    monkeypatch.setattr(forms, "choose", answers)
    qtbot.mouseClick(detail.reject_button, Qt.MouseButton.LeftButton)

    text, buttons = answers.asked[0]
    lines = text.splitlines()
    assert lines[0] == "此记录已被 王五 于 2026-11-26 10:35 修改："
    assert any("大客户部经理同意（王经理）" in line for line in lines)
    assert lines[-1] == "Your step was not taken; the rebate now shows as it is."
    assert buttons == ["OK"]
    said = "此记录已被 王五 于 2026-11-26 10:35 修改。Your step was not taken"
    assert detail.message.text().startswith(said)  # said on the page as well, in one line
    now = rebates.get_rebate(archive, rebate.id)  # nothing of the refused step
    assert now.status is RebateStatus.MANAGER and len(now.steps) == 2

    # the rebate shows as it is now: the manager's approval listed, the next step due
    assert detail.record.version == now.version and detail.record.status is RebateStatus.MANAGER
    assert detail.steps.item(1, 2).text() == "王经理"
    assert detail.approve_buttons[ApprovalStep.MARKETING].isEnabled()
    assert page.model.data(page.model.index(0, 7)) == "待市场营销中心审批"
    # what was typed is kept: the reason is there to reject again
    assert (detail.approver.text(), detail.comment.text()) == ("刘主任", "客户有逾期应收款")

    qtbot.mouseClick(detail.reject_button, Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 1  # on the version shown the step is taken
    taken = rebates.get_rebate(archive, rebate.id)
    assert taken.status is RebateStatus.REJECTED
    assert (taken.steps[-1].actor, taken.steps[-1].comment) == ("刘主任", "客户有逾期应收款")
    assert detail.record.status is RebateStatus.REJECTED and detail.comment.text() == ""


def test_an_approval_on_a_step_someone_else_took_meanwhile_is_refused(
    page, archive, other, rebate, qtbot, monkeypatch
):
    page.reload(rebate.id)
    detail = page.detail
    rebates.approve(other, rebate.id, ApprovalStep.MANAGER, "王经理", "同意")

    type_text(detail.approver, "陈经理")
    answers = Answers(forms.KEEP)
    monkeypatch.setattr(forms, "choose", answers)
    qtbot.mouseClick(detail.approve_buttons[ApprovalStep.MANAGER], Qt.MouseButton.LeftButton)

    assert answers.asked[0][0].startswith("此记录已被 王五 于 2026-11-26 10:35 修改")
    assert [s.actor for s in rebates.get_rebate(archive, rebate.id).steps] == ["李娜", "王经理"]
    assert not detail.approve_buttons[ApprovalStep.MANAGER].isEnabled()  # no longer due
