"""Migration 0019: rebates get their basis, expected sales, what was approved and the
settlement state. Existing rows were applied for on actual receipts: basis 'actual',
settlement 'none', approved rate and amount = the ones they carry; a blank applicant takes the
name on the rebate's application step. Down to 0018 and up again."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal

from app.db import archive_file
from app.domain.rebates import Basis, Settlement
from app.domain.records import ClientDraft
from app.services import clients, contracts, rebates
from app.services.archive import open_archive

NOW = datetime(2026, 11, 26, 10, 30)


def _sql(path, statement: str, *params) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        with conn:
            return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


def test_existing_rebates_read_as_applied_on_actuals_and_down_and_up_again(tmp_path):
    path = tmp_path / "a.sqlite3"
    archive = open_archive(path, clock=lambda: NOW)
    try:
        client = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司"))
        contracts.create_contract(
            archive,
            contracts.ContractDraft("HT-1", client.id, date(2026, 2, 3), amount=Decimal("300000")),
        )
        contracts.add_receipt(
            archive, contracts.ReceiptDraft(client.id, date(2026, 3, 4), Decimal("100000"))
        )
        rebate_id = rebates.apply(
            archive, client.id, date(2026, 1, 1), date(2026, 6, 30), "李娜"
        ).id
    finally:
        archive.close()
    archive_file.downgrade(path, "0018")
    columns = {r[1] for r in _sql(path, "PRAGMA table_info(rebates)")}
    assert "settlement" not in columns and "basis" not in columns
    _sql(path, "UPDATE rebates SET applicant = ''")  # an older row without its applicant

    archive = open_archive(path, clock=lambda: NOW)
    try:
        record = rebates.get_rebate(archive, rebate_id)
        assert (record.basis, record.settlement) == (Basis.ACTUAL, Settlement.NONE)
        # 200,000 < 300,000 < 1,000,000 -> 8% of 100,000 = 8,000.00, as approved
        assert (record.approved_rate, record.approved_amount) == (
            Decimal("0.08"),
            Decimal("8000.00"),
        )
        assert record.expected_sales is None and record.settled_at is None
        assert record.applicant == "李娜"  # from its application step
        assert record.tier_change is None
    finally:
        archive.close()
