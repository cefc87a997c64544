"""Editing a receipt (回款): every field saved, the checks of booking one, a refused edit changes
nothing, and the search index kept in step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import NotFoundError, ValidationErrors
from app.domain.messages import describe
from app.domain.records import ClientDraft
from app.services import clients, contracts, search

pytestmark = pytest.mark.both_backends

D = Decimal


@pytest.fixture
def booked(archive):
    """Two clients; HT-1 and HT-2 of the first, HT-9 of the second; one receipt on HT-1."""
    first = clients.create_client(archive, ClientDraft("北京华信科技有限公司", owner="张伟"))
    second = clients.create_client(archive, ClientDraft("上海东方仪器有限公司", owner="李娜"))
    ht1 = contracts.create_contract(
        archive, contracts.ContractDraft("HT-1", first.id, date(2026, 3, 2), amount=D("9000"))
    )
    ht2 = contracts.create_contract(
        archive, contracts.ContractDraft("HT-2", first.id, date(2026, 4, 1), amount=D("5000"))
    )
    ht9 = contracts.create_contract(
        archive, contracts.ContractDraft("HT-9", second.id, date(2026, 4, 1), amount=D("700"))
    )
    receipt = contracts.add_receipt(
        archive,
        contracts.ReceiptDraft(
            first.id, date(2026, 3, 20), D("1000"), contract_id=ht1.id, method="银行转账"
        ),
    )
    return first, second, ht1, ht2, ht9, receipt


def _edit(archive, receipt_id: int, **changes) -> contracts.ReceiptRow:
    draft = contracts.draft_of_receipt(contracts.get_receipt(archive, receipt_id))
    return contracts.update_receipt(archive, receipt_id, replace(draft, **changes))


def _receipt_hits(archive, text: str) -> set[int]:
    return {h.id for h in search.search(archive, text, limit=50) if h.kind == "receipt"}


def test_each_field_is_saved_and_the_rest_kept(archive, booked):
    first, _, ht1, ht2, _, receipt = booked
    assert _edit(archive, receipt.id) == receipt  # saved unchanged
    row = _edit(archive, receipt.id, amount=D("2345.67"))
    assert row.amount == D("2345.67") and row.received_on == date(2026, 3, 20)
    assert row.contract_number == "HT-1" and row.method == "银行转账"
    row = _edit(archive, receipt.id, received_on=date(2026, 5, 6))
    assert row.received_on == date(2026, 5, 6) and row.amount == D("2345.67")
    row = _edit(archive, receipt.id, contract_id=ht2.id)
    assert row.contract_id == ht2.id and row.contract_number == "HT-2"
    assert contracts.get_contract(archive, ht1.id).received == D("0.00")
    assert contracts.get_contract(archive, ht2.id).received == D("2345.67")
    row = _edit(archive, receipt.id, contract_id=None)
    assert row.contract_id is None and row.contract_number == ""
    row = _edit(archive, receipt.id, method=" 承兑汇票 ", notes="第二期")
    assert row.method == "承兑汇票" and row.notes == "第二期"
    assert row.client_id == first.id and contracts.list_receipts(archive) == [row]


def test_the_search_finds_the_new_amount_date_and_contract(archive, booked):
    _, _, _, ht2, _, receipt = booked
    assert receipt.id in _receipt_hits(archive, "1,000.00")
    _edit(archive, receipt.id, amount=D("2345.67"), received_on=date(2026, 5, 6))
    assert receipt.id in _receipt_hits(archive, "2,345.67")
    assert receipt.id in _receipt_hits(archive, "2026-05-06")
    assert receipt.id not in _receipt_hits(archive, "1,000.00")
    assert receipt.id not in _receipt_hits(archive, "2026-03-20")
    _edit(archive, receipt.id, contract_id=ht2.id, notes="尾款")
    assert receipt.id in _receipt_hits(archive, "HT-2") and receipt.id in _receipt_hits(
        archive, "尾款"
    )
    assert receipt.id not in _receipt_hits(archive, "HT-1")
    before = {(h.kind, h.id, h.title) for h in search.search(archive, "回款", limit=50)}
    search.rebuild_index(archive)  # what the edit wrote equals a rebuild
    assert {(h.kind, h.id, h.title) for h in search.search(archive, "回款", limit=50)} == before


def test_a_refused_edit_names_the_field_and_changes_nothing(archive, booked):
    _, second, _, _, ht9, receipt = booked
    for changes, said in (
        ({"amount": D("0")}, "金额：必须大于 0"),
        ({"amount": D("-5")}, "金额：必须大于 0"),
        ({"amount": D("0.004")}, "金额：必须大于 0"),  # nothing in fen
        ({"received_on": None}, "回款日期：不能为空"),
        ({"contract_id": ht9.id}, "合同"),  # HT-9 is another client's
        ({"contract_id": 999}, "合同"),
        ({"client_id": 999}, "客户"),
        ({"client_id": second.id}, "合同"),  # HT-1 is not the second client's
    ):
        with pytest.raises(ValidationErrors) as refused:
            _edit(archive, receipt.id, **changes)
        assert describe(refused.value).startswith(said), describe(refused.value)
        assert contracts.get_receipt(archive, receipt.id) == receipt
    assert receipt.id in _receipt_hits(archive, "1,000.00")
    with pytest.raises(NotFoundError):
        contracts.update_receipt(archive, 999, contracts.draft_of_receipt(receipt))


def test_a_receipt_moves_to_another_client_with_its_contract(archive, booked):
    _, second, _, _, ht9, receipt = booked
    row = _edit(archive, receipt.id, client_id=second.id, contract_id=ht9.id)
    assert row.client_name == "上海东方仪器有限公司" and row.contract_number == "HT-9"
    assert receipt.id in _receipt_hits(archive, "东方仪器")
    assert receipt.id not in _receipt_hits(archive, "华信")
