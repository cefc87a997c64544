"""Receivable ageing at its edges (the age counts from the due date), allocation of receipts,
contracts with exact totals, and the receipts import."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.domain.plans import AgeBucket, OpenItem, age_bucket, allocate_receipts, due_date

pytestmark = pytest.mark.both_backends

D = Decimal
TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("days_past_due", "bucket"),
    [
        (-1, AgeBucket.NOT_DUE),
        (0, AgeBucket.D0_30),
        (30, AgeBucket.D0_30),
        (31, AgeBucket.D31_60),
        (60, AgeBucket.D31_60),
        (61, AgeBucket.D61_90),
        (90, AgeBucket.D61_90),
        (91, AgeBucket.D90_PLUS),
        (400, AgeBucket.D90_PLUS),
    ],
)
def test_age_buckets_at_their_edges(days_past_due, bucket):
    assert age_bucket(TODAY - timedelta(days=days_past_due), TODAY) is bucket


def test_due_date_is_signed_date_plus_payment_days():
    assert due_date(date(2026, 1, 31), 30) == date(2026, 3, 2)
    assert due_date(date(2026, 1, 31), 0) == date(2026, 1, 31)


def test_receipts_pay_their_contract_then_the_oldest_due():
    contracts = [
        (1, date(2026, 1, 1), 10000),
        (2, date(2026, 2, 1), 5000),
        (3, date(2026, 3, 1), 700),
    ]
    items, credit = allocate_receipts(contracts, {2: 5000, 3: 1000}, 2500)
    # contract 3 overpaid by 300: that and the 2500 without contract pay contract 1 first
    assert items == (OpenItem(1, date(2026, 1, 1), 7200),)
    assert credit == 0
    items, credit = allocate_receipts(contracts[:1], {}, 12000)
    assert items == () and credit == 2000


def _setup(archive):
    from app.domain.records import ClientDraft
    from app.services import clients, contracts

    client = clients.create_client(
        archive, ClientDraft("北京华信科技有限公司", uscc="91110108MA01KPGY4C", owner="张伟")
    )
    other = clients.create_client(archive, ClientDraft("上海启明软件有限公司"))

    def contract(number, signed, amount, days=30, who=client):
        return contracts.create_contract(
            archive,
            contracts.ContractDraft(number, who.id, signed, amount=D(amount), payment_days=days),
        )

    # due dates 30 days after signing; today 2026-11-26
    contract("A", TODAY - timedelta(days=30 + 31), "100.00")  # 31 days overdue
    contract("B", TODAY - timedelta(days=30 + 30), "200.00")  # 30 overdue
    contract("C", TODAY - timedelta(days=30 + 91), "300.00")  # 91 overdue
    contract("D", TODAY - timedelta(days=30 + 90), "400.00")  # 90 overdue
    contract("E", TODAY - timedelta(days=10), "500.00")  # not due
    contract("F", TODAY - timedelta(days=30 + 60), "600.00")  # 60 overdue
    contract("X", TODAY - timedelta(days=5), "999.00", who=other)
    return client, other


def test_receivables_per_client_by_bucket(archive):
    from app.services import contracts

    client, _other = _setup(archive)
    c_id = contracts.find_contract_id(archive, "C")
    contracts.add_receipt(archive, contracts.ReceiptDraft(client.id, TODAY, D("300.00"), c_id))
    contracts.add_receipt(archive, contracts.ReceiptDraft(client.id, TODAY, D("50.00")))
    mine = contracts.client_receivable(archive, client.id)
    # the 50 without a contract pays the oldest due open contract: D (due 90 days ago)
    assert mine.buckets == {
        AgeBucket.NOT_DUE: D("500.00"),
        AgeBucket.D0_30: D("200.00"),
        AgeBucket.D31_60: D("700.00"),
        AgeBucket.D61_90: D("350.00"),
        AgeBucket.D90_PLUS: D("0.00"),
    }
    assert mine.outstanding == D("1750.00")
    assert {i.number for i in mine.items} == {"A", "B", "D", "E", "F"}
    rows = contracts.receivables(archive)
    assert [r.client_name for r in rows] == ["北京华信科技有限公司", "上海启明软件有限公司"]
    totals = contracts.ageing_totals(archive)
    assert sum(totals.values()) == D("1750.00") + D("999.00")
    # as of an earlier day, later receipts do not count
    before = contracts.client_receivable(archive, client.id, TODAY - timedelta(days=1))
    assert before.outstanding == D("2100.00")


def test_open_receivables_are_the_ageing_items_in_fen_and_stop_at_a_due_day(archive):
    """The sales forecast's input (issue 11): the same unpaid shares as the ageing, without
    it, and only those due by a day when one is given."""
    from app.services import contracts

    client, _other = _setup(archive)
    c_id = contracts.find_contract_id(archive, "C")
    contracts.add_receipt(archive, contracts.ReceiptDraft(client.id, TODAY, D("300.00"), c_id))
    contracts.add_receipt(archive, contracts.ReceiptDraft(client.id, TODAY, D("50.00")))
    aged = {
        (i.number, r.client_name, i.due_on, i.outstanding)
        for r in contracts.receivables(archive)
        for i in r.items
    }
    found = contracts.open_receivables(archive)
    assert {(o.number, o.client_name, o.due_on, D(o.outstanding_fen) / 100) for o in found} == aged
    assert {o.owner for o in found if o.number == "D"} == {"张伟"}
    due_by = TODAY - timedelta(days=1)
    early = contracts.open_receivables(archive, due_by=due_by)
    assert sorted(o.number for o in early) == ["A", "B", "D", "F"]  # E and X not due yet


def test_contract_total_is_the_sum_of_exact_lines_and_bad_input_changes_nothing(archive):
    from app.domain.errors import ValidationErrors
    from app.domain.messages import describe
    from app.services import contracts

    client, other = _setup(archive)
    record = contracts.create_contract(
        archive,
        contracts.ContractDraft(
            "HT-9",
            client.id,
            TODAY,
            lines=(
                contracts.ContractLineDraft("服务", "3", "月", D("33333.33")),
                contracts.ContractLineDraft("耗材", "0.5", "箱", D("0.03")),
            ),
        ),
    )
    assert record.amount == D("99999.99") + D("0.02")  # 0.015 -> 0.02 half up per line
    assert [line.amount for line in record.lines] == [D("99999.99"), D("0.02")]
    with pytest.raises(ValidationErrors) as err:
        contracts.create_contract(
            archive, contracts.ContractDraft("HT-9", client.id, TODAY, amount=D("-5"))
        )
    text = describe(err.value)
    assert "合同编号：合同编号“HT-9”已存在" in text and "金额：必须大于 0" in text
    with pytest.raises(ValidationErrors) as err:
        contracts.add_receipt(
            archive,
            contracts.ReceiptDraft(other.id, TODAY, D("1"), record.id),
        )
    assert "不属于该客户" in describe(err.value)
    assert len(contracts.list_contracts(archive)) == 8


def _write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows(rows)


def test_receipts_import_row_by_row_in_one_transaction(archive, tmp_path):
    from app.services import contracts

    client, _other = _setup(archive)
    path = tmp_path / "回款.csv"
    _write_csv(
        path,
        [
            ["回款日期", "客户名称", "统一社会信用代码", "合同编号", "金额", "方式", "备注"],
            ["2026-11-20", "北京华信科技有限公司", "", "A", "100", "银行转账", ""],
            ["2026/11/21", "", "91110108MA01KPGY4C", "", "1,000.50", "承兑汇票", "十一月"],
            ["2026-11-22", "不存在的公司", "", "", "10", "", ""],
            ["2026-11-22", "北京华信科技有限公司", "", "NOPE", "10", "", ""],
            ["2026-11-22", "北京华信科技有限公司", "", "X", "10", "", ""],
            ["2026-11-31", "北京华信科技有限公司", "", "", "abc", "", ""],
            ["", "", "", "", "", "", ""],
            ["2026-11-20", "北京华信科技有限公司", "", "A", "100", "银行转账", ""],
        ],
    )
    preview = contracts.preview_receipts(archive, path)
    assert preview.imported == 2 and preview.blank_rows == 1
    problems = {(p.row, p.column, p.code) for p in preview.rejected}
    assert problems == {
        (4, "客户名称", "unknown_client"),
        (5, "合同编号", "unknown_contract"),
        (6, "合同编号", "contract_of_other_client"),
        (7, "回款日期", "impossible_date"),
        (7, "金额", "bad_amount"),
    }
    assert [d.row for d in preview.duplicates] == [9]
    assert contracts.list_receipts(archive) == []
    report = contracts.import_receipts(archive, path)
    assert report.imported == 2
    booked = contracts.list_receipts(archive, client.id)
    assert sorted(r.amount for r in booked) == [D("100.00"), D("1000.50")]
    again = contracts.preview_receipts(archive, path)
    assert again.imported == 0 and len(again.duplicates) == 3
    rejects = tmp_path / "rejects.csv"
    assert contracts.write_receipt_rejects(report, path, rejects) == 5


def test_receipts_import_needs_its_headings(archive, tmp_path):
    from app.domain.errors import ValidationError
    from app.domain.messages import describe
    from app.services import contracts

    path = tmp_path / "bad.csv"
    _write_csv(path, [["日期", "客户名称"], ["2026-11-20", "X"]])
    with pytest.raises(ValidationError) as err:
        contracts.preview_receipts(archive, path)
    assert describe(err.value) == "表头：缺少必需的列“金额”"


def test_demo_sales_fill_every_bucket_and_every_approval_state(archive):
    from app.demo import generate_demo
    from app.demo.sales import add_demo_sales
    from app.domain.rebates import RebateStatus
    from app.services import contracts, plans, rebates

    generate_demo(archive, clients=300, activities=600)
    if not contracts.list_contracts(archive, limit=1):  # generate_demo does not add them yet
        add_demo_sales(archive)
    totals = contracts.ageing_totals(archive)
    assert all(amount > 0 for amount in totals.values())
    assert {r.status for r in rebates.list_rebates(archive)} == set(RebateStatus)
    signed = contracts.list_contracts(archive)
    assert min(r.signed_on for r in signed) >= date(2025, 6, 1)
    assert max(r.signed_on for r in signed) <= TODAY
    plan = plans.get_plan(archive, 2026, 11)
    assert plan.team.explicit and plan.owners
    # contract totals are the sums of their lines
    record = contracts.get_contract(archive, signed[0].id)
    assert record.amount == sum(line.amount for line in record.lines)
