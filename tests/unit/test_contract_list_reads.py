"""The contract list (issue 11): each listed contract's received sum and line count, read per
contract through the receipts' and lines' contract indexes (not aggregated over every receipt
of the archive), on both back ends."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event

from app.domain.records import ClientDraft
from app.services import clients, contracts

pytestmark = pytest.mark.both_backends

D = Decimal


@pytest.fixture
def sold(archive):
    client = clients.create_client(archive, ClientDraft("北京华信科技有限公司", owner="张伟"))
    lines = (
        contracts.ContractLineDraft("服务器", "2", unit_price=D("1000.00")),
        contracts.ContractLineDraft("交换机", "1", unit_price=D("500.00")),
    )
    made = [
        contracts.create_contract(
            archive,
            contracts.ContractDraft(f"HT-{n}", client.id, date(2026, 3, n), lines=lines),
        )
        for n in (1, 2, 3)
    ]
    for amount, contract in ((D("100.00"), made[0]), (D("250.50"), made[0]), (D("7"), made[2])):
        contracts.add_receipt(
            archive, contracts.ReceiptDraft(client.id, date(2026, 4, 1), amount, contract.id)
        )
    return archive


def test_listed_contracts_carry_their_received_sum_and_line_count(sold):
    rows = contracts.list_contracts(sold, limit=2)
    assert [(r.number, r.received, r.products) for r in rows] == [
        ("HT-3", D("7.00"), 2),
        ("HT-2", D("0.00"), 2),
    ]
    assert rows[0].amount == D("2500.00") and rows[0].client_name == "北京华信科技有限公司"
    first = contracts.list_contracts(sold, text="HT-1")
    assert [(r.number, r.received, r.due_on) for r in first] == [
        ("HT-1", D("350.50"), date(2026, 3, 31))
    ]


@pytest.mark.file_only
def test_the_list_reads_receipts_and_lines_per_contract_by_index(sold):
    seen = []

    def note(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(sold.db.engine, "before_cursor_execute", note)
    try:
        contracts.list_contracts(sold, limit=2)
    finally:
        event.remove(sold.db.engine, "before_cursor_execute", note)
    statement, parameters = seen[-1]
    with sold.db.read() as session:
        raw = session.connection().connection.driver_connection
        plan = [str(r[-1]) for r in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)]
    text = " | ".join(plan)
    assert "SCAN receipts" not in text and "SCAN contract_lines" not in text, text
    assert "SEARCH receipts USING COVERING INDEX" in text, text
    assert "SEARCH contract_lines USING COVERING INDEX" in text, text
