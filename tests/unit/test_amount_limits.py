"""Amounts beyond the domain (MAX_YUAN, just under 一万亿元) are refused where they are typed or
imported, with the field named; computed totals (line items, contract lines) are held to the
same bound; and the capitals (大写金额) refuse what cn2an cannot spell instead of crashing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from app.domain.amounts import CAPITALS_LIMIT, rmb_capitals
from app.domain.errors import ValidationError, ValidationErrors
from app.domain.messages import REASONS, describe
from app.domain.money import MAX_YUAN, AmountError, format_yuan, parse_yuan, yuan_from_number
from app.domain.records import ClientDraft
from app.domain.tenders import TenderDraft
from app.services import clients, contracts, documents, tenders
from app.services.tenders import TenderItemLine

pytestmark = pytest.mark.both_backends


@pytest.mark.parametrize(
    "typed",
    [
        "1,000,000,000,000",
        "10000000000000000",
        "-1000000000000.00",
        "9" * 40,
        "１０００００００００００００",
    ],
)
def test_typed_amounts_beyond_the_bound_are_refused_as_too_large(typed):
    with pytest.raises(AmountError) as refused:
        parse_yuan(typed)
    assert refused.value.code == "too_large"


def test_the_bound_itself_is_accepted_and_spelled():
    assert parse_yuan("999,999,999,999.99") == MAX_YUAN
    assert parse_yuan("-999999999999.99") == -MAX_YUAN
    assert rmb_capitals(MAX_YUAN) == "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"
    assert rmb_capitals(MAX_YUAN * 9999).endswith("元零壹分")  # room for long price tables
    assert format_yuan(MAX_YUAN) in REASONS["too_large"][0]  # the message states the bound
    assert format_yuan(MAX_YUAN) in REASONS["too_large"][1]


def test_spreadsheet_numbers_beyond_the_bound_are_refused():
    for number in (1e12, 1e16, -1e13, 10**20):
        with pytest.raises(AmountError) as refused:
            yuan_from_number(number)
        assert refused.value.code == "too_large"
    assert yuan_from_number(999_999_999_999.99) == MAX_YUAN


@pytest.mark.parametrize(
    "amount", [CAPITALS_LIMIT, D("9999999999999999.995"), D("-1e17"), D("1e30")]
)
def test_capitals_refuse_what_cannot_be_spelled(amount):
    with pytest.raises(ValidationError) as refused:
        rmb_capitals(amount, "items_total")
    assert refused.value.code == "too_large_for_capitals"
    assert describe(refused.value).startswith("分项报价合计：金额过大，无法写成大写金额")


def test_the_largest_spelled_amount():
    assert rmb_capitals(D("9999999999999999.99")).startswith("玖仟玖佰玖拾玖万玖仟")


def test_tender_amounts_beyond_the_bound_name_their_field(archive):
    with pytest.raises(ValidationErrors) as refused:
        tenders.create_tender(
            archive,
            TenderDraft(title="X", purchaser_name="Y", budget=D("1e16"), bid_deposit=D("1e13")),
        )
    assert {(p.field, p.code) for p in refused.value.problems} == {
        ("budget", "too_large"),
        ("bid_deposit", "too_large"),
    }
    said = describe(refused.value)
    assert "预算金额：金额过大“10,000,000,000,000,000.00”" in said and "投标保证金" in said


def test_price_lines_whose_total_is_beyond_the_bound_are_refused(archive):
    tender = tenders.create_tender(archive, TenderDraft(title="X", purchaser_name="Y"))
    line = TenderItemLine("服务器", "", D("1000000"), "台", D("100000000"))  # 10^14
    with pytest.raises(ValidationError) as refused:
        tenders.set_items(archive, tender.id, [line])
    assert (refused.value.field, refused.value.code) == ("items_total", "too_large")
    half = TenderItemLine("服务器", "", D("1"), "台", D("600000000000"))
    with pytest.raises(ValidationError) as refused:  # each line fits, the total does not
        tenders.set_items(archive, tender.id, [half, half])
    assert refused.value.field == "items_total"
    with pytest.raises(ValidationError) as refused:
        tenders.set_items(archive, tender.id, [TenderItemLine("x", "", D("1"), "", D("1e13"))])
    assert (refused.value.field, refused.value.code) == ("unit_price", "too_large")
    odd = TenderItemLine("x", "", D("1E+999999"), "", D("2"))
    with pytest.raises(ValidationError) as refused:  # no decimal.Overflow
        tenders.set_items(archive, tender.id, [odd])
    assert refused.value.field in ("quantity", "items_total")
    assert tenders.get_tender(archive, tender.id).items == ()
    tenders.set_items(archive, tender.id, [half])
    assert tenders.get_tender(archive, tender.id).items_total == D("600000000000.00")


def test_document_and_contract_lines_beyond_the_bound_are_refused(archive):
    with pytest.raises(ValidationError) as refused:
        documents.parse_lines([["服务器", "", "1000000", "台", "100000000"]])
    assert (refused.value.field, refused.value.code) == ("amount", "too_large")
    with pytest.raises(ValidationError) as refused:
        documents.parse_lines([["服务器", "", "1", "台", "10000000000000"]])
    assert (refused.value.field, refused.value.code) == ("unit_price", "too_large")
    client = clients.create_client(archive, ClientDraft("北京华信科技有限公司"))
    lines = (contracts.ContractLineDraft("服务器", "1000000", "台", D("100000000")),)
    with pytest.raises(ValidationErrors) as refused:
        contracts.create_contract(
            archive,
            contracts.ContractDraft(
                number="HT-1", client_id=client.id, signed_on=date(2026, 11, 1), lines=lines
            ),
        )
    assert ("amount", "too_large") in {(p.field, p.code) for p in refused.value.problems}
    with pytest.raises(ValidationErrors) as refused:
        contracts.add_receipt(
            archive,
            contracts.ReceiptDraft(
                client_id=client.id, received_on=date(2026, 11, 2), amount=D("1e13")
            ),
        )
    assert ("amount", "too_large") in {(p.field, p.code) for p in refused.value.problems}


def test_imported_amounts_beyond_the_bound_are_rejected_with_the_row(archive, tmp_path):
    from openpyxl import Workbook

    client = clients.create_client(archive, ClientDraft("北京华信科技有限公司"))
    book = Workbook()
    sheet = book.active
    sheet.append(["回款日期", "客户名称", "统一社会信用代码", "合同编号", "金额", "方式", "备注"])
    sheet.append(["2026-11-20", client.name, "", "", 1e16, "", "数字"])
    sheet.append(["2026-11-21", client.name, "", "", "10,000,000,000,000,000", "", "文本"])
    sheet.append(["2026-11-22", client.name, "", "", 999_999_999_999.99, "", "上限"])
    path = tmp_path / "回款.xlsx"
    book.save(path)
    report = contracts.import_receipts(archive, path)
    assert report.imported == 1
    assert {(p.row, p.code) for p in report.rejected} == {(2, "too_large"), (3, "too_large")}
