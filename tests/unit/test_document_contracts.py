"""An approved 购销合同/框架协议 goes into the 合同 register by itself, linked both ways."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from agreement_samples import agreement_values

from app.domain.errors import ValidationError, ValidationErrors
from app.domain.records import ClientDraft
from app.services import clients, contracts, documents, settings
from app.services.contracts import ContractDraft, ContractLineDraft, ReceiptDraft
from app.services.documents import ContractLine

pytestmark = pytest.mark.both_backends

VALUES = agreement_values(contract_no="HX-2026-031", copies="4")
LINES = (
    ContractLine("服务器", "R740", Decimal("2"), "台", Decimal("45000.50")),
    ContractLine("交换机", "", Decimal("3"), "台", Decimal("12600.00")),
)


@pytest.fixture
def client_id(archive):
    settings.save_company(archive, settings.CompanySettings(name="华信科技有限公司"))
    return clients.create_client(archive, ClientDraft(name="北京恒信贸易有限公司")).id


def _approved(archive, client_id, kind="agreement", values=VALUES, lines=LINES):
    template = "purchase_contract" if kind == "agreement" else "framework_agreement"
    doc = documents.create_document(
        archive, kind, template, "服务器购销合同", client_id, None, values, lines, "张三"
    )
    documents.review(archive, doc.id, "submit", "张三")
    return documents.review(archive, doc.id, "approve", "王经理", "同意")


def test_approval_registers_the_contract_with_every_line(archive, client_id):
    doc = _approved(archive, client_id)
    assert doc.contract_id is not None and doc.contract_number == "HX-2026-031"
    contract = contracts.get_contract(archive, doc.contract_id)
    assert (contract.number, contract.client_id) == ("HX-2026-031", client_id)
    assert contract.signed_on == archive.today()  # approved today, not signed yet
    assert contract.amount == Decimal("127801.00")
    assert [(x.product, x.quantity, x.unit, x.unit_price) for x in contract.lines] == [
        ("服务器 R740", "2", "台", Decimal("45000.50")),
        ("交换机", "3", "台", Decimal("12600.00")),
    ]
    assert contract.payment_terms == "验收合格后三十日内付清全款。"
    assert (contract.document_id, contract.document_title) == (doc.id, "服务器购销合同")
    assert [r.id for r in contracts.list_contracts(archive)] == [doc.contract_id]


def test_signing_updates_the_contract_and_keeps_its_receipts(archive, client_id):
    doc = _approved(archive, client_id)
    contracts.add_receipt(
        archive, ReceiptDraft(client_id, archive.today(), Decimal("30000.00"), doc.contract_id)
    )
    later = datetime(2026, 12, 12, 10, 0)
    archive.clock = lambda: later
    signed = documents.review(archive, doc.id, "sign", "王经理")
    assert signed.contract_id == doc.contract_id
    contract = contracts.get_contract(archive, doc.contract_id)
    assert contract.signed_on == later.date() and contract.received == Decimal("30000.00")
    assert len(contracts.list_receipts(archive, contract_id=doc.contract_id)) == 1
    assert len(contracts.list_contracts(archive)) == 1  # updated, never a second one

    again = documents.to_contract(archive, doc.id)
    assert (again.contract_id, again.created) == (doc.contract_id, False)
    assert contracts.get_contract(archive, doc.contract_id).received == Decimal("30000.00")


def test_a_framework_agreement_is_registered_with_its_estimated_amount(archive, client_id):
    values = {
        "agreement_no": "HXKJ-2026-007",
        "product_scope": "服务器",
        "start_date": "2026年1月1日",
        "end_date": "2026年12月31日",
        "discount": "九五折",
        "payment_terms": "按月结算",
        "court": "乙方所在地人民法院",
        "copies": "贰",
        "amount": "500000",
    }
    doc = _approved(archive, client_id, "framework", values, ())
    contract = contracts.get_contract(archive, doc.contract_id)
    assert (contract.number, contract.amount, contract.lines) == (
        "HXKJ-2026-007",
        Decimal("500000.00"),
        (),
    )


def test_a_contract_typed_into_the_register_before_is_adopted_not_doubled(archive, client_id):
    typed = contracts.create_contract(
        archive,
        ContractDraft(
            "HX-2026-031",
            client_id,
            archive.today(),
            (ContractLineDraft("服务器", "1", "台", Decimal("1.00")),),
        ),
    )
    doc = _approved(archive, client_id)
    assert doc.contract_id == typed.id
    assert contracts.get_contract(archive, typed.id).amount == Decimal("127801.00")


def test_a_number_used_by_another_clients_contract_refuses_the_approval(archive, client_id):
    other = clients.create_client(archive, ClientDraft(name="上海某公司")).id
    contracts.create_contract(
        archive, ContractDraft("HX-2026-031", other, archive.today(), amount=Decimal("5.00"))
    )
    doc = documents.create_document(
        archive, "agreement", "purchase_contract", "", client_id, None, VALUES, LINES, "张三"
    )
    documents.review(archive, doc.id, "submit")
    with pytest.raises(ValidationErrors) as info:
        documents.review(archive, doc.id, "approve")
    assert info.value.problems[0].code == "number_taken"
    assert documents.get_document(archive, doc.id).status == "审核中"  # nothing changed
    assert len(contracts.list_contracts(archive)) == 1


def test_without_a_client_there_is_no_contract_and_to_contract_says_why(archive):
    doc = documents.create_document(
        archive, "agreement", "purchase_contract", "", None, None, VALUES, LINES, "张三"
    )
    documents.review(archive, doc.id, "submit")
    approved = documents.review(archive, doc.id, "approve")
    assert approved.contract_id is None and contracts.list_contracts(archive) == []
    with pytest.raises(ValidationError) as info:
        documents.to_contract(archive, doc.id)
    assert info.value.code == "contract_needs_client"


def test_only_an_approved_contract_goes_into_the_register(archive, client_id):
    draft = documents.create_document(
        archive, "agreement", "purchase_contract", "", client_id, None, VALUES, LINES, "张三"
    )
    with pytest.raises(ValidationError) as info:
        documents.to_contract(archive, draft.id)
    assert info.value.code == "contract_not_approved"
    notice = documents.create_document(archive, "notice", "notice", "", None, None, {}, (), "张三")
    with pytest.raises(ValidationError) as info:
        documents.to_contract(archive, notice.id)
    assert info.value.code == "not_a_contract"


def test_a_copies_count_that_is_no_number_is_named_once_with_the_fix(archive, client_id):
    unreadable = {**VALUES, "copies": "若干"}
    doc = documents.create_document(
        archive, "agreement", "purchase_contract", "", client_id, None, unreadable, LINES, "张三"
    )
    labels = [p.label for p in documents.missing_values(archive, doc.id)]
    assert any(x.startswith("各方执有份数（请在合同份数中填写 2 以上的份数") for x in labels)
    empty = {k: v for k, v in VALUES.items() if k != "copies"}
    documents.save_document(archive, doc.id, documents.Edit(values=empty), "张三")
    labels = [p.label for p in documents.missing_values(archive, doc.id)]
    assert "合同份数" in labels and not any(x.startswith("各方执有份数") for x in labels)
