"""Rebates the tests settle (issue 13 §4, issue 14 §3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.records import ClientDraft
from app.services import clients, contracts, rebates

D = Decimal


def approved_advance_in_another_tier(archive) -> rebates.RebateRecord:
    """An advance rebate approved up front (expected 500,000: 8%), its period over; actual sales
    1,200,000 are in another tier (10%), so settling sends it back to approval."""
    client = clients.create_client(archive, ClientDraft("广州恒通贸易有限公司", owner="张伟"))
    contract = contracts.create_contract(
        archive,
        contracts.ContractDraft(
            "HT-13",
            client.id,
            date(2026, 3, 2),
            lines=(contracts.ContractLineDraft("打印机", "1", "台", D("1200000")),),
        ),
    )
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 5, 8), D("900000"), contract.id)
    )
    record = rebates.apply_in_advance(
        archive, client.id, date(2026, 1, 1), date(2026, 6, 30), D("500000"), "李娜"
    )
    for step, who in (("manager", "王经理"), ("marketing", "市场部 刘"), ("gm", "赵总")):
        record = rebates.approve(archive, record.id, step, who, "同意")
    assert record.can_settle
    return record
