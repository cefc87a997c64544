"""The contracts, receipts and rebates lists on an empty archive say what to do, and a search or
a filter that finds nothing says so with a button that clears it (as the client list does)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.rebates import RebateStatus
from app.domain.records import ClientDraft
from app.services import clients, contracts
from app.ui.context import UiContext, UiEvents
from app.ui.contracts.page import ContractsPage
from app.ui.rebates.page import RebatesPage
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def _shown(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def _buttons(view) -> list[str]:
    empty = view.empty_state
    return [b.text() for b in (empty.button, empty.second) if b.isVisibleTo(empty)]


def test_empty_archive_contracts_and_receipts_say_how_to_start(ctx, qtbot):
    page = _shown(qtbot, ContractsPage(ctx))
    assert page.contracts_table.is_empty_shown()
    assert page.contracts_table.empty_state.text() == (
        "No contracts yet\nRecord each signed contract with its amount or its lines."
    )
    assert _buttons(page.contracts_table) == ["New contract…"]
    page.tabs.setCurrentWidget(page.receipts_table)
    assert page.receipts_table.is_empty_shown()
    assert page.receipts_table.empty_state.text().startswith("No receipts yet\nBook each payment")
    assert _buttons(page.receipts_table) == ["Book receipt…", "Import receipts…"]
    page.receipts_table.empty_state.button.click()
    assert page.dialog is not None and page.dialog.isVisible()  # the receipt form opens
    page.dialog.reject()


def test_a_clients_contracts_page_offers_no_import(ctx, qtbot, archive):
    client = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
    page = _shown(qtbot, ContractsPage(ctx, client_id=client.id))
    page.tabs.setCurrentWidget(page.receipts_table)
    assert "this client" in page.receipts_table.empty_state.text()
    assert _buttons(page.receipts_table) == ["Book receipt…"]


def test_a_search_matching_no_contract_says_so_and_clears(ctx, qtbot, archive):
    client = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
    contracts.create_contract(
        archive,
        contracts.ContractDraft("HT-1", client.id, date(2026, 2, 3), amount=Decimal("5000")),
    )
    page = _shown(qtbot, ContractsPage(ctx))
    assert page.contracts_model.rowCount() == 1 and not page.contracts_table.is_empty_shown()
    page.search.setText("没有这个合同")
    page.search.flush()
    assert page.contracts_model.rowCount() == 0
    assert page.contracts_table.is_empty_shown()
    assert page.contracts_table.empty_state.text() == "No contract matches the search."
    assert _buttons(page.contracts_table) == ["Clear filters"]
    page.contracts_table.empty_state.button.click()
    assert page.search.text() == ""
    assert page.contracts_model.rowCount() == 1 and not page.contracts_table.is_empty_shown()


def test_empty_rebates_say_how_to_start_and_a_state_with_none_clears(ctx, qtbot):
    page = _shown(qtbot, RebatesPage(ctx))
    assert page.table.is_empty_shown()
    assert page.table.empty_state.text().startswith("No rebates yet\nApply for a client's")
    assert _buttons(page.table) == ["Apply for a rebate…"]
    page.status_filter.setCurrentIndex(page.status_filter.findData(RebateStatus.APPROVED))
    assert page.table.is_empty_shown()
    assert page.table.empty_state.text() == "No rebate is in this state."
    assert _buttons(page.table) == ["Clear filters"]
    page.table.empty_state.button.click()
    assert page.status_filter.currentIndex() == 0
    assert page.table.empty_state.text().startswith("No rebates yet")
