"""The rebates page driven as a user would: apply, approve step by step, print."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.domain.rebates import ApprovalStep, RebateStatus
from app.domain.records import ClientDraft
from app.services import clients, contracts, rebates
from app.ui import list_printing
from app.ui.context import UiContext, UiEvents
from app.ui.kit import ops
from app.ui.rebates.page import RebatesPage
from app.ui.tasks import SynchronousTaskRunner

D = Decimal


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client(archive):
    client = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
    contracts.create_contract(
        archive, contracts.ContractDraft("HT-1", client.id, date(2026, 2, 3), amount=D("300000"))
    )
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 3, 4), D("123456.78"))
    )
    return client


@pytest.fixture
def page(ctx, qtbot, client, tmp_path, monkeypatch):
    monkeypatch.setattr(list_printing, "PRINT_DIR", tmp_path / "print")
    # an error box would wait for a click: fail the test instead
    monkeypatch.setattr(ops, "show_error", lambda _w, exc, _lang: pytest.fail(repr(exc)))
    shown = RebatesPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(1100, 800)
    shown.show()
    return shown


def test_model_passes_qtmodeltester(page, archive, client, qtmodeltester):
    rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30), "李娜")
    page.reload()
    assert page.model.rowCount() == 1
    qtmodeltester.check(page.model)
    index = page.model.index(0, 7)
    assert page.model.data(index) == "待大客户部经理审批"
    assert page.model.data(page.model.index(0, 6)) == "¥9,876.54"  # 8% of 123,456.78


def test_apply_then_approve_by_clicking_through_the_steps(page, archive, client, qtbot):
    dialog = page.open_apply_dialog(client.id, client.name)
    dialog.first.setDate(date(2026, 1, 1))
    dialog.last.setDate(date(2026, 6, 30))
    type_text(dialog.applicant, "李娜")
    assert "¥9,876.54" in dialog.preview.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.record is not None
    detail = page.detail
    assert detail.record.id == dialog.record.id
    buttons = detail.approve_buttons
    # only the next step can be clicked; the letter waits for full approval
    assert buttons[ApprovalStep.MANAGER].isEnabled()
    assert not buttons[ApprovalStep.MARKETING].isEnabled()
    assert not buttons[ApprovalStep.GM].isEnabled()
    assert not detail.letter_button.isEnabled()

    # no approver name: refused with a message, nothing recorded
    qtbot.mouseClick(buttons[ApprovalStep.MANAGER], Qt.MouseButton.LeftButton)
    assert "审批人：不能为空" in detail.message.text()
    assert rebates.get_rebate(archive, detail.record.id).status is RebateStatus.APPLIED

    for step, who in (
        (ApprovalStep.MANAGER, "王经理"),
        (ApprovalStep.MARKETING, "刘主任"),
        (ApprovalStep.GM, "赵总"),
    ):
        detail.approver.clear()
        type_text(detail.approver, who)
        type_text(detail.comment, "同意")
        qtbot.mouseClick(buttons[step], Qt.MouseButton.LeftButton)
        assert not buttons[step].isEnabled()  # a step cannot be repeated
    record = rebates.get_rebate(archive, detail.record.id)
    assert record.status is RebateStatus.APPROVED
    assert [s.actor for s in record.steps] == ["李娜", "王经理", "刘主任", "赵总"]
    assert detail.steps.rowCount() == 4 and detail.steps.item(3, 2).text() == "赵总"
    assert page.model.data(page.model.index(0, 7)) == "已批准"
    assert detail.letter_button.isEnabled() and not detail.reject_button.isEnabled()


def test_reject_needs_a_reason(page, archive, client, qtbot):
    record = rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30))
    page.reload(record.id)
    detail = page.detail
    type_text(detail.approver, "王经理")
    qtbot.mouseClick(detail.reject_button, Qt.MouseButton.LeftButton)
    assert "原因：不能为空" in detail.message.text()
    type_text(detail.comment, "客户有逾期应收款")
    qtbot.mouseClick(detail.reject_button, Qt.MouseButton.LeftButton)
    assert rebates.get_rebate(archive, record.id).status is RebateStatus.REJECTED
    assert not any(b.isEnabled() for b in detail.approve_buttons.values())


def test_print_form_and_letter_open_the_preview(page, archive, client, qtbot):
    record = rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30))
    page.reload(record.id)
    qtbot.mouseClick(page.detail.form_button, Qt.MouseButton.LeftButton)
    preview = page.detail.preview
    qtbot.addWidget(preview)
    assert preview.page_count() >= 1
    preview.close()
    for step, who in (("manager", "王经理"), ("marketing", "刘主任"), ("gm", "赵总")):
        rebates.approve(archive, record.id, step, who)
    page.reload(record.id)
    qtbot.mouseClick(page.detail.letter_button, Qt.MouseButton.LeftButton)
    assert page.detail.preview is not preview
    assert page.detail.preview.page_count() == 1
    page.detail.preview.close()
    # issued as a 函: numbered and registered as 发文 once, however often it is printed
    from app.services import letters

    qtbot.mouseClick(page.detail.letter_button, Qt.MouseButton.LeftButton)
    page.detail.preview.close()
    [sent] = letters.list_letters(archive)
    assert sent.title == "销售返点确认函" and sent.number.endswith("〔2026〕1号")


def test_apply_in_advance_then_settle_in_another_tier_goes_back_to_approval(
    page, archive, client, qtbot
):
    """Issue 13 §4, the handbook: "applied for in advance ... approved by 大客户部经理,
    市场营销中心 and 总经理". Expected sales 1,500,000 (>= 1,000,000: 10%, about 150,000.00 on
    them); the period's actual sales are 300,000 (200,000 < 300,000 < 1,000,000: 8%), receipts
    123,456.78 -> 9,876.54: another tier, so back to approval with the difference."""
    dialog = page.open_apply_dialog(client.id, client.name)
    dialog.first.setDate(date(2026, 1, 1))
    dialog.last.setDate(date(2026, 6, 30))
    assert not dialog.expected.isEnabled()
    qtbot.mouseClick(dialog.advance, Qt.MouseButton.LeftButton)
    assert dialog.expected.isEnabled()
    type_text(dialog.expected, "abc")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.record is None and dialog.errors.message("expected_sales") == "金额无效“abc”"
    dialog.expected.setText("1,500,000")
    assert "10%" in dialog.preview.text() and "¥150,000.00" in dialog.preview.text()
    type_text(dialog.applicant, "李娜")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    record = dialog.record
    assert record is not None and record.approved_rate == D("0.10")
    detail = page.detail
    assert "¥1,500,000.00" in detail.summary.text()
    assert not detail.settle_button.isEnabled()  # approval first
    for step, who in (("manager", "王经理"), ("marketing", "刘主任"), ("gm", "赵总")):
        rebates.approve(archive, record.id, step, who)
    page.reload(record.id)
    assert detail.settle_button.isEnabled() and not detail.letter_button.isEnabled()
    qtbot.mouseClick(detail.settle_button, Qt.MouseButton.LeftButton)
    assert "another tier" in detail.message.text() or "另一档" in detail.message.text()
    settled = rebates.get_rebate(archive, record.id)
    assert settled.status is RebateStatus.APPLIED and settled.amount == D("9876.54")
    summary = detail.summary.text()
    assert "10% ¥150,000.00" in summary and "8% ¥9,876.54" in summary
    assert detail.approve_buttons[ApprovalStep.MANAGER].isEnabled()
    assert not detail.settle_button.isEnabled()


def test_the_applicant_cannot_approve_in_the_window(page, archive, client, qtbot):
    record = rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30), "李娜")
    page.reload(record.id)
    detail = page.detail
    type_text(detail.approver, "李娜")
    qtbot.mouseClick(detail.approve_buttons[ApprovalStep.MANAGER], Qt.MouseButton.LeftButton)
    assert "审批人：“李娜”是本申请的申请人，不能审批自己的申请" in detail.message.text()
    detail.approver.clear()
    type_text(detail.approver, "王经理")
    qtbot.mouseClick(detail.approve_buttons[ApprovalStep.MANAGER], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(detail.approve_buttons[ApprovalStep.MARKETING], Qt.MouseButton.LeftButton)
    assert "已在“大客户部经理”环节审批过" in detail.message.text()
    assert rebates.get_rebate(archive, record.id).status is RebateStatus.MANAGER


def test_a_rejected_rebate_shows_the_later_steps_as_not_applicable(page, archive, client):
    record = rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30), "李娜")
    page.reload(record.id)
    steps = page.detail.steps
    assert [steps.item(r, 1).text() for r in range(1, 4)] == ["待审批"] * 3
    rebates.reject(archive, record.id, None, "王经理", "客户有逾期应收款")
    page.reload(record.id)
    rows = [(steps.item(r, 0).text(), steps.item(r, 1).text()) for r in range(steps.rowCount())]
    assert rows[1] == ("大客户部经理", page.detail.tr("Rejected"))
    assert rows[2:] == [("市场营销中心", "不适用"), ("总经理", "不适用")]
    assert "待审批" not in [text for _step, text in rows]


def test_quote_calculator(page, qtbot):
    calc = page.calculator
    type_text(calc.sales, "1,000,000")
    type_text(calc.receipts, "100")
    assert "10%" in calc.result.text() and "¥10.00" in calc.result.text()
    calc.sales.setText("200000")
    assert "5%" in calc.result.text() and "¥5.00" in calc.result.text()
    calc.sales.setText("abc")
    assert (
        calc.result.text() == "Enter amounts such as 250,000.00" or "250,000" in calc.result.text()
    )


# --- the contracts and plan pages (same area of the app) -------------------------------------


def test_contracts_page_adds_a_contract_and_a_receipt_and_shows_ageing(
    ctx, qtbot, client, archive, qtmodeltester
):
    from app.ui.contracts.page import ContractsPage

    page = ContractsPage(ctx)
    qtbot.addWidget(page)
    for model in (page.contracts_model, page.receipts_model, page.receivables_model):
        qtmodeltester.check(model)
    assert page.contracts_model.rowCount() == 1
    dialog = page.open_contract_dialog()
    type_text(dialog.number, "HT-NEW-1")
    dialog.client.set_client(client.id, client.name)
    dialog.set_line(0, ("服务器", "2", "台", "48,000.50"))
    dialog.set_line(1, ("安装", "1", "项", "0.10"))
    assert dialog.total.text().endswith("¥96,001.10")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.record is not None and dialog.record.amount == D("96001.10")
    assert page.contracts_model.rowCount() == 2  # reloaded on the change event

    receipt = page.open_receipt_dialog()
    receipt.set_client(client.id, client.name)
    receipt.contract.setCurrentIndex(receipt.contract.findData(dialog.record.id))
    type_text(receipt.amount, "abc")
    qtbot.mouseClick(receipt.save_button, Qt.MouseButton.LeftButton)
    assert receipt.errors.message("amount") == "金额无效“abc”"
    receipt.amount.setText("96,001.10")
    qtbot.mouseClick(receipt.save_button, Qt.MouseButton.LeftButton)
    assert receipt.row is not None
    assert page.receipts_model.rowCount() == 2
    view = page.open_contract_view(dialog.record.id)
    assert view.lines.rowCount() == 2 and view.lines.item(0, 4).text() == "¥96,001.00"
    assert "¥96,001.10" in view.totals.text()
    assert view.receipts_model.rowCount() == 1
    assert view.receipts_model.data(view.receipts_model.index(0, 1)) == "¥96,001.10"
    view.reject()
    # HT-1 (300,000, due 2026-03-05) minus 123,456.78 is 262 days overdue
    assert page.receivables_model.rows == []  # worked out when its tab is first shown
    page.tabs.setCurrentWidget(page.ageing_tab)
    row = page.receivables_model.rows[0]
    assert row.outstanding == D("176543.22")
    texts = [page.receivables_model.data(page.receivables_model.index(0, c)) for c in range(8)]
    assert texts[2] == "¥176,543.22" and texts[7] == "¥176,543.22"
    assert "90天以上 ¥176,543.22" in page.ageing_total.text()


def test_receipt_import_dialog_previews_then_imports(ctx, qtbot, client, archive, tmp_path):
    from app.ui.contracts.page import ContractsPage

    page = ContractsPage(ctx)
    qtbot.addWidget(page)
    path = tmp_path / "回款.csv"
    path.write_text(
        "回款日期,客户名称,合同编号,金额\n"
        "2026-11-20,深圳恒达电子有限公司,HT-1,1000\n"
        "2026-11-21,无此客户,,5\n",
        encoding="utf-8",
    )
    dialog = page.open_import_dialog()
    assert "one receipt per row" in dialog.intro_label.text()  # not the client import's words
    assert dialog.headings_label.text().startswith("回款日期")
    assert dialog.model.headers[3:] == [
        "回款日期",
        "客户名称",
        "统一社会信用代码",
        "合同编号",
        "金额",
        "方式",
        "备注",
    ]
    dialog.load_file(path)
    assert [r.status for r in dialog.model.rows] == ["ok", "rejected"]
    assert "找不到客户“无此客户”" in dialog.model.rows[1].message
    assert len(contracts.list_receipts(archive)) == 1
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(contracts.list_receipts(archive)) == 2
    assert page.receipts_model.rowCount() == 2


def test_plan_page_edits_targets_and_shows_split_and_progress(ctx, qtbot, archive, client):
    from app.ui.plan.page import PlanPage

    page = PlanPage(ctx)
    qtbot.addWidget(page)
    page.month.setDate(date(2026, 10, 1))
    assert "18" in page.calendar_info.text() and "10-10" in page.calendar_info.text()
    page.add_owner.setEditText("张伟")
    page._add_owner_row()
    row = page.row_owners.index("张伟")
    page.targets.item(row, 1).setText("36")
    page.targets.item(row, 4).setText("180,000")
    page.targets.item(0, 1).setText("x")
    assert not page.save_targets()
    assert "拜访数量" in page.message.text()
    page.targets.item(0, 1).setText("40")
    assert page.save_targets()
    plan = plans_service().get_plan(archive, 2026, 10)
    assert plan.team.targets.visits == 40
    assert next(o for o in plan.owners if o.owner == "张伟").targets.signed_amount == D("180000")
    page.reload()
    assert page.targets.item(page.row_owners.index("张伟"), 4).text() == "180,000.00"
    decades = page.split_tables["decades"]
    assert [decades.item(r, 0).text() for r in range(3)] == ["3", "7", "8"]
    assert page.split_tables["days"].rowCount() == 18
    page.view.setCurrentIndex(page.view.findData("owners"))
    assert page.progress.verticalHeaderItem(0).text() == "张伟"
    bar = page.progress.cellWidget(0, 1)
    assert bar.format().startswith("0 / 36")
    money = page.progress.cellWidget(0, 4)
    assert money.format().startswith("¥0.00 / ¥18.00万")
    assert money.toolTip().startswith("¥0.00 / ¥180,000.00")


def plans_service():
    from app.services import plans

    return plans


def test_tiers_dialog_stores_the_tiers_and_refuses_bad_ones(page, archive, qtbot):
    dialog = page.open_tiers_dialog()
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(1, 0).text() == "200,000.00"
    assert dialog.table.item(1, 1).checkState() == Qt.CheckState.Unchecked
    assert dialog.table.item(2, 1).checkState() == Qt.CheckState.Checked
    dialog.table.item(2, 2).setText("12")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert rebates.tiers(archive)[2].rate == D("0.12")
    dialog = page.open_tiers_dialog()
    dialog.table.item(0, 0).setText("100")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "第一档必须从 0 起" in dialog.errors.message("rebate_tiers")
    assert rebates.tiers(archive)[0].min_sales == 0
    dialog.load_defaults()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert rebates.tiers(archive)[2].rate == D("0.10")


def test_client_page_shows_the_clients_contracts_and_receivable(ctx, qtbot, client, archive):
    from app.ui.clients.client_page import ClientPage

    other = clients.create_client(archive, ClientDraft("别家公司"))
    contracts.create_contract(
        archive, contracts.ContractDraft("HT-OTHER", other.id, date(2026, 5, 1), amount=D("5"))
    )
    page = ClientPage(ctx)
    qtbot.addWidget(page)
    page.show_client(client.id)
    tab = page.contracts
    assert [r.number for r in tab.contracts_model.rows] == ["HT-1"]
    tab.tabs.setCurrentWidget(tab.ageing_tab)
    assert tab.receivables_model.rows[0].outstanding == D("176543.22")
    dialog = tab.open_receipt_dialog()
    assert dialog.client.client_id == client.id and dialog.contract.count() == 2
    dialog.reject()
