"""The contracts, rebates and plan screens on the kit (app.ui.kit): every list passes the model
tester with rows in it, Enter opens the row, the contract search waits for typing to pause, a
header click sorts, a write made anywhere reaches every page through Changes, errors land under
their fields, and a row asked for before its list is read is chosen once it is."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.records import ClientDraft
from app.services import clients, contracts, plans, rebates
from app.ui.context import Changes, UiContext, UiEvents
from app.ui.contracts.contract_dialog import ContractDialog
from app.ui.contracts.contract_view import ContractView
from app.ui.contracts.page import ContractsPage
from app.ui.contracts.receipt_dialog import ReceiptDialog
from app.ui.kit import keys
from app.ui.plan.page import PlanPage
from app.ui.rebates.apply_dialog import ApplyDialog
from app.ui.rebates.page import RebatesPage
from app.ui.rebates.tiers_dialog import TiersDialog
from app.ui.tasks import SynchronousTaskRunner

D = Decimal


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def booked(archive):
    """Two clients: 恒达 with HT-1 (paid in part) and HT-2, 华信 with HT-3; one receipt."""
    hengda = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
    huaxin = clients.create_client(archive, ClientDraft("北京华信科技有限公司", owner="王芳"))
    made = [
        contracts.create_contract(
            archive, contracts.ContractDraft(number, who.id, signed, amount=D(amount))
        )
        for number, who, signed, amount in (
            ("HT-1", hengda, date(2026, 2, 3), "300000"),
            ("HT-2", hengda, date(2026, 3, 3), "5000"),
            ("HT-3", huaxin, date(2026, 4, 1), "80000"),
        )
    ]
    receipt = contracts.add_receipt(
        archive, contracts.ReceiptDraft(hengda.id, date(2026, 3, 4), D("123456.78"), made[0].id)
    )
    return hengda, huaxin, made, receipt


def _page(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def _numbers(page: ContractsPage) -> list[str]:
    return [row.number for row in page.contracts_model.rows]


def test_every_list_passes_the_model_tester_with_rows(ctx, qtbot, booked, qtmodeltester):
    hengda, _, made, _ = booked
    page = _page(qtbot, ContractsPage(ctx))
    page.tabs.setCurrentWidget(page.ageing_tab)
    assert len(page.contracts_model.rows) == 3 and len(page.receivables_model.rows) == 2
    for model in (page.contracts_model, page.receipts_model, page.receivables_model):
        qtmodeltester.check(model)
    view = ContractView(ctx, made[0].id, page)
    qtmodeltester.check(view.receipts_model)
    rebates.apply(ctx.archive, hengda.id, date(2026, 1, 1), date(2026, 6, 30))
    rebates_page = _page(qtbot, RebatesPage(ctx))
    assert rebates_page.model.rowCount() == 1
    qtmodeltester.check(rebates_page.model)


def test_the_open_amount_of_an_overdue_contract_is_red_and_amounts_are_right_aligned(
    ctx, qtbot, booked
):
    page = _page(qtbot, ContractsPage(ctx))
    model = page.contracts_model
    row = next(i for i, r in enumerate(model.rows) if r.number == "HT-1")
    open_amount = model.index(row, 5)
    assert model.data(open_amount) == "¥176,543.22"
    assert model.data(open_amount, Qt.ItemDataRole.ForegroundRole).color().name() == "#c0392b"
    alignment = Qt.AlignmentFlag(model.data(open_amount, Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight


def test_enter_opens_the_contract_or_the_receipt(ctx, qtbot, booked):
    _, _, made, receipt = booked
    page = _page(qtbot, ContractsPage(ctx))
    page.contracts_table.select_id(made[1].id)
    page.contracts_table.setFocus()
    qtbot.keyClick(page.contracts_table, Qt.Key.Key_Return)
    assert isinstance(page.dialog, ContractDialog) and page.dialog.original.number == "HT-2"
    page.dialog.reject()
    page.tabs.setCurrentWidget(page.receipts_table)
    page.receipts_table.select_id(receipt.id)
    qtbot.keyClick(page.receipts_table, Qt.Key.Key_Enter)
    assert isinstance(page.dialog, ReceiptDialog) and page.dialog.original.id == receipt.id
    page.dialog.reject()


def test_the_contract_search_waits_for_typing_to_pause(ctx, qtbot, booked):
    page = _page(qtbot, ContractsPage(ctx))
    queries = []
    ctx.runner.started.connect(lambda handle: queries.append(handle.label))
    qtbot.keyClicks(page.search, "HT-3")
    assert page.search.pending() and queries == []  # nothing asked while typing
    assert len(_numbers(page)) == 3
    qtbot.waitUntil(lambda: not page.search.pending())
    assert _numbers(page) == ["HT-3"] and len(queries) == 1
    page.search.clear()  # cleared: the whole list at once
    assert len(_numbers(page)) == 3 and not page.search.pending()


def test_a_header_click_sorts_the_contracts(ctx, qtbot, booked):
    page = _page(qtbot, ContractsPage(ctx))
    assert _numbers(page) == ["HT-3", "HT-2", "HT-1"]  # the newest first, as read
    page.contracts_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # Amount
    assert _numbers(page) == ["HT-1", "HT-3", "HT-2"]
    page.reload()  # a reload keeps the order chosen
    assert _numbers(page) == ["HT-1", "HT-3", "HT-2"]


def test_a_contract_deleted_on_the_area_leaves_the_client_tab(ctx, qtbot, booked, monkeypatch):
    hengda, _, made, _ = booked
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    area = _page(qtbot, ContractsPage(ctx))
    tab = _page(qtbot, ContractsPage(ctx, client_id=hengda.id))
    assert _numbers(tab) == ["HT-2", "HT-1"]
    said = []
    ctx.events.status_message.connect(said.append)
    area.delete_contract(made[1].id)
    assert _numbers(tab) == ["HT-1"] and _numbers(area) == ["HT-3", "HT-1"]
    assert said == ["Contract HT-2 deleted."]


def test_del_in_a_contracts_receipts_asks_then_deletes(ctx, qtbot, booked, monkeypatch):
    _, _, made, receipt = booked
    asked = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    page = _page(qtbot, ContractsPage(ctx))
    view = page.open_contract_view(made[0].id)
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.receipts.select_id(receipt.id)
    view.receipts.setFocus()
    assert keys.delete_here(view)  # what Del does in the dialog
    assert len(asked) == 1 and "¥123,456.78" in asked[0]
    assert view.receipts_model.rowCount() == 0 and page.receipts_model.rowCount() == 0
    view.reject()


def test_ctrl_p_on_the_receivables_tab_prints_the_ageing(ctx, qtbot, booked):
    page = _page(qtbot, ContractsPage(ctx))
    assert keys.marked(page, keys.PRINT) is None  # the contracts tab has nothing to print
    page.tabs.setCurrentIndex(2)
    assert keys.marked(page, keys.PRINT) is page.print_ageing_button


def test_a_receipt_asked_for_before_its_list_is_read_is_chosen_once_it_is(ctx, qtbot, booked):
    hengda, _, _, _ = booked
    page = _page(qtbot, ContractsPage(ctx))
    later = contracts.add_receipt(  # booked elsewhere: not listed yet
        ctx.archive, contracts.ReceiptDraft(hengda.id, date(2026, 5, 6), D("100"))
    )
    assert not page.select_receipt(later.id)
    assert page.tabs.currentWidget() is page.receipts_table
    ctx.events.announce("receipt")
    assert page.selected_receipt().id == later.id


def test_a_receipt_for_another_clients_contract_is_marked_under_the_contract(ctx, qtbot, booked):
    hengda, huaxin, made, _ = booked
    dialog = ReceiptDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_client(hengda.id, hengda.name)
    dialog.choose_contract(made[2].id, "HT-3")  # 华信's contract
    dialog.amount.setText("100")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "HT-3" in dialog.errors.message("contract") and dialog.error.text() == ""
    assert len(contracts.list_receipts(ctx.archive)) == 1


def test_a_rebate_with_nothing_received_is_said_in_the_dialogs_line(ctx, qtbot, booked):
    _, huaxin, _, _ = booked
    dialog = ApplyDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_client(huaxin.id, huaxin.name)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() and dialog.errors.message("client") == ""
    assert dialog.record is None and rebates.list_rebates(ctx.archive) == []


def test_a_rebate_applied_elsewhere_is_listed_and_chosen(ctx, qtbot, booked):
    hengda, _, _, _ = booked
    page = _page(qtbot, RebatesPage(ctx))
    assert page.model.rowCount() == 0 and page.table.is_empty_shown()
    dialog = page.open_apply_dialog(hengda.id, hengda.name)
    dialog.first.setDate(date(2026, 1, 1))
    dialog.last.setDate(date(2026, 6, 30))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1 and page.table.current_id() == dialog.record.id
    assert page.detail.record.id == dialog.record.id
    other = ApplyDialog(ctx)  # not the page's own
    qtbot.addWidget(other)
    other.set_client(hengda.id, hengda.name)
    other.first.setDate(date(2025, 1, 1))
    other.last.setDate(date(2026, 6, 30))
    qtbot.mouseClick(other.ok_button, Qt.MouseButton.LeftButton)
    assert other.record is not None and page.model.rowCount() == 2


def test_tiers_saved_change_the_calculator_at_once(ctx, qtbot):
    page = _page(qtbot, RebatesPage(ctx))
    page.calculator.sales.setText("250000")
    page.calculator.receipts.setText("100")
    assert "8%" in page.calculator.result.text()
    dialog = page.open_tiers_dialog()
    assert isinstance(dialog, TiersDialog)
    dialog.table.item(1, 2).setText("9")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "9%" in page.calculator.result.text() and "¥9.00" in page.calculator.result.text()


def test_targets_saved_on_one_plan_page_reload_another(ctx, qtbot):
    first, second = _page(qtbot, PlanPage(ctx)), _page(qtbot, PlanPage(ctx))
    first.targets.item(0, 1).setText("33")
    heard: list[Changes] = []
    ctx.events.changes.connect(heard.append)
    assert first.save_targets()
    assert [c.kinds for c in heard] == [frozenset({"plan"})]
    assert second.targets.item(0, 1).text() == "33"
    assert first.message.text() == "Targets saved."
    assert plans.get_plan(ctx.archive, 2026, 11).team.targets.visits == 33


def test_the_plan_follows_a_contract_signed_elsewhere(ctx, qtbot, booked):
    page = _page(qtbot, PlanPage(ctx))
    page.month.setDate(date(2026, 4, 1))
    page.as_of.setDate(date(2026, 4, 30))
    page.view.setCurrentIndex(page.view.findData("month"))
    signed = page.progress.cellWidget(0, 2).format()  # 签约数量
    hengda = booked[0]
    contracts.create_contract(
        ctx.archive, contracts.ContractDraft("HT-9", hengda.id, date(2026, 4, 8), amount=D("1"))
    )
    ctx.events.announce("contract")
    assert page.progress.cellWidget(0, 2).format() != signed


def test_the_ageing_is_worked_out_when_its_tab_is_shown_and_after_changes(
    ctx, qtbot, booked, monkeypatch
):
    """Issue 11: the receivables ageing (every client's contracts and receipts) is not read
    until its tab is shown; a change while another tab is shown reads it on the next showing."""
    from app.ui.contracts import page as page_module

    calls = []
    real = page_module.load_receivables
    monkeypatch.setattr(
        page_module, "load_receivables", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    page = _page(qtbot, ContractsPage(ctx))
    assert calls == []
    page.tabs.setCurrentWidget(page.ageing_tab)
    assert len(calls) == 1 and page.receivables_model.rows
    page.tabs.setCurrentWidget(page.contracts_table)
    page.reload()  # what a change elsewhere does
    assert len(calls) == 1
    page.tabs.setCurrentWidget(page.ageing_tab)
    assert len(calls) == 2
