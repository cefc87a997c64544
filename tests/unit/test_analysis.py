"""The monthly report and the six analyses on a small archive worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import analysis_samples as S
import archive_sql
import pytest
from openpyxl import load_workbook

from app.domain.errors import ValidationError
from app.services import analysis
from app.services.analysis import figures

pytestmark = pytest.mark.both_backends

NOV = analysis.month_bounds(2026, 11)


@pytest.fixture
def sales(archive):
    S.build(archive)
    return archive


def _sum_fen(archive, sql: str, *params) -> Decimal:
    fen = archive_sql.scalar(archive, sql, *params) or 0
    return Decimal(fen) / 100


def test_report_totals_equal_the_sums_in_the_archive(sales):
    report = analysis.monthly_report(sales, 2026, 11)
    signed = _sum_fen(
        sales,
        "SELECT sum(amount_fen) FROM contracts WHERE signed_on BETWEEN ? AND ?",
        "2026-11-01",
        "2026-11-30",
    )
    received = _sum_fen(
        sales,
        "SELECT sum(amount_fen) FROM receipts WHERE received_on BETWEEN ? AND ?",
        "2026-11-01",
        "2026-11-30",
    )
    expenses = _sum_fen(
        sales,
        "SELECT sum(expense_fen) FROM activities WHERE started_at >= ? AND started_at < ?",
        "2026-11-01",
        "2026-12-01",
    )
    owed = _sum_fen(sales, "SELECT sum(amount_fen) FROM contracts") - _sum_fen(
        sales, "SELECT sum(amount_fen) FROM receipts"
    )
    assert report.total.signed == signed == S.SIGNED
    assert report.total.receipts == received == S.RECEIPTS_NOV
    assert report.total.expenses == expenses == S.EXPENSES_NOV
    assert report.receivable == owed == S.RECEIVABLE
    assert dict(report.ageing) == S.AGEING
    assert sum(a for _, a in report.ageing) == report.receivable
    assert {x.owner: x.signed for x in report.owners if x.signed} == S.SIGNED_BY_OWNER
    assert sum((x.signed for x in report.owners), Decimal(0)) == report.total.signed
    assert report.as_of == date(2026, 11, 26)


def test_report_sections(sales):
    report = analysis.monthly_report(sales, 2026, 11)
    total = report.total
    assert (total.visits, total.complaints, total.complaints_closed) == (3, 3, 2)
    assert total.response_days == Decimal("2.0") and total.slowest_days == 3
    assert total.signed_target == Decimal("1000000.00")  # no team row: the owners' sum
    assert total.receipts_target == Decimal("700000.00")
    assert report.open_complaints == 1
    assert report.signings_count == 3 and report.first_signings == 1
    assert [s.number for s in report.signings] == ["HT-K1", "HT-K5", "HT-K3D"]
    assert [s.first_contract for s in report.signings] == [False, True, False]
    assert [(t.client, t.old_tier, t.new_tier) for t in report.tier_changes] == [
        ("丙方电力有限公司", "B", "C")
    ]
    assert report.rebates.accrued == Decimal("8000.00")  # the rejected one does not count
    assert report.rebates.pending_count == 1
    assert report.rebates.pending[0].status == "待大客户部经理审批"
    plan = report.next_plan
    assert (plan.year, plan.month, plan.team_explicit) == (2026, 12, True)
    assert plan.team.signed_amount == Decimal("1500000.00")
    assert sum((d[2].signed_amount for d in plan.decades), Decimal(0)) == Decimal("1500000.00")
    assert [p.month for p in report.trend][0] == "2025-12" and report.trend[-1].month == "2026-11"
    assert report.trend[-1].signed == S.SIGNED
    assert sum((p.signed for p in report.trend), Decimal(0)) == S.PARETO_REVENUE


def test_key_accounts_of_the_month(sales):
    lines = analysis.monthly_report(sales, 2026, 11).key_accounts
    assert [
        (k.client, k.contracts, k.signed, k.receipts, k.visits, k.complaints) for k in lines
    ] == [
        ("甲方科技有限公司", 1, Decimal("1000000.00"), Decimal("500000.00"), 1, 1),
        ("丙方电力有限公司", 1, Decimal("100.00"), Decimal("450.00"), 1, 1),
    ]


def test_pareto_cut_is_the_clients_who_make_80_percent(sales):
    pareto = analysis.monthly_report(sales, 2026, 11).pareto
    assert (pareto.first, pareto.last) == (date(2025, 12, 1), date(2026, 11, 30))
    assert pareto.revenue == S.PARETO_REVENUE and pareto.clients == 5
    assert pareto.cut == 1  # 甲方 alone makes 89.6%
    assert pareto.curve[-1] == (5, S.PARETO_REVENUE)
    view = analysis.analysis_view(sales, "value", *NOV)
    assert [r[2] for r in view.rows if r[-1] == "是"] == ["甲方科技有限公司"]
    assert [r[7] for r in view.rows][-1] == Decimal("100.0")


def test_churn_rules(sales):
    churn = analysis.monthly_report(sales, 2026, 11).churn
    assert churn.quiet_since == date(2026, 8, 28)
    by_name = {r.client: r for r in churn.rows}
    assert set(by_name) == {"乙方建设有限公司", "丙方电力有限公司", "丁方机械有限公司"}
    assert by_name["乙方建设有限公司"].no_visit and by_name["乙方建设有限公司"].no_order
    assert by_name["丙方电力有限公司"].falling  # 400 > 300 > 200 > 100
    assert by_name["丁方机械有限公司"].no_order and not by_name["丁方机械有限公司"].no_visit
    assert (churn.total, churn.no_visit, churn.no_order, churn.falling) == (3, 1, 2, 1)
    # N is a parameter: 250 days back, 乙方's July visit and 丁方's May order are recent enough
    longer = analysis.analysis_view(sales, "churn", *NOV, churn_days=250)
    assert {r[1] for r in longer.rows} == {"乙方建设有限公司", "丙方电力有限公司"}
    with pytest.raises(ValidationError):
        analysis.analysis_view(sales, "churn", *NOV, churn_days=0)


def test_views_agree_with_the_report_to_the_fen(sales):
    report = analysis.monthly_report(sales, 2026, 11)
    owners = analysis.analysis_view(sales, "owners", *NOV)
    keys = [c.key for c in owners.columns]
    total = dict(zip(keys, owners.rows[-1], strict=True))
    assert total["owner"] == "合计"
    assert total["signed"] == report.total.signed
    assert total["receipts"] == report.total.receipts
    assert total["receivable"] == report.receivable
    assert total["expenses"] == report.total.expenses
    service = analysis.analysis_view(sales, "service", *NOV)
    assert service.rows[-1][1] == report.total.visits
    assert service.rows[-1][7] == report.total.response_days
    churn = analysis.analysis_view(sales, "churn", *NOV)
    assert churn.total_rows == report.churn.total
    value = analysis.analysis_view(sales, "value", *NOV)
    assert sum(r[5] for r in value.rows) == report.pareto.revenue
    cost = analysis.analysis_view(sales, "cost", *NOV)
    assert sum(r[3] for r in cost.rows) == report.total.expenses
    assert sum(r[4] for r in cost.rows) == report.total.signed


def test_development_service_and_cost_views(sales):
    dev = analysis.analysis_view(sales, "development", *NOV)
    assert [(r[1], r[3]) for r in dev.rows] == [
        ("戊方新材料有限公司", "新客户"),
        ("甲方科技有限公司", "增长"),
    ]
    assert dev.total_rows == 2
    assert ("对比期间", "2026年10月") in dev.summary
    service = analysis.analysis_view(sales, "service", *NOV)
    rows = {r[0]: r for r in service.rows}
    assert rows["李四"][1:8] == (2, 8, Decimal("25.0"), 2, 1, 1, Decimal("1.0"))
    cost = analysis.analysis_view(sales, "cost", *NOV)
    assert cost.rows[0][1:5] == (
        "甲方科技有限公司",
        "张三",
        Decimal("1234.56"),
        Decimal("1000000.00"),
    )
    assert cost.rows[1][5] is None  # expense without revenue: no ratio
    assert cost.total_rows == 4


def test_a_range_and_the_period_before(sales):
    assert analysis.previous_range(date(2026, 11, 1), date(2026, 11, 30)) == (
        date(2026, 10, 1),
        date(2026, 10, 31),
    )
    assert analysis.previous_range(date(2026, 1, 1), date(2026, 3, 31)) == (
        date(2025, 10, 1),
        date(2025, 12, 31),
    )
    assert analysis.previous_range(date(2026, 11, 10), date(2026, 11, 19)) == (
        date(2026, 10, 31),
        date(2026, 11, 9),
    )
    autumn = analysis.analysis_view(sales, "owners", date(2026, 8, 1), date(2026, 11, 30))
    assert autumn.rows[-1][5] == Decimal("1051000.00")  # + 400 + 300 + 200 of 丙方
    assert autumn.rows[-1][6] == Decimal("0.00")  # targets only for a single month
    with pytest.raises(ValidationError):
        analysis.analysis_view(sales, "owners", date(2026, 11, 30), date(2026, 11, 1))


def test_view_names_in_chinese_and_unknown_views(sales):
    assert analysis.view_name("价值") == "value"
    assert analysis.view_name("客户经理") == "owners"
    with pytest.raises(ValidationError) as caught:
        analysis.view_name("利润")
    assert caught.value.fields == ("analysis_view",)
    assert analysis.parse_month("2026年2月") == (2026, 2)
    with pytest.raises(ValidationError):
        analysis.parse_month("2026-13")


def test_export_view_to_xlsx(sales, tmp_path):
    out = tmp_path / "价值.xlsx"
    count = analysis.export_full_view(sales, "value", *NOV, out)
    assert count == 5
    book = load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "排名" and sheet["C2"].value == "甲方科技有限公司"
    assert Decimal(str(sheet["F2"].value)) == Decimal("1300000.00")
    assert sheet["F2"].number_format == "#,##0.00"
    assert book.worksheets[1]["A1"].value == "价值分析"
    with pytest.raises(ValidationError):
        analysis.export_full_view(sales, "value", *NOV, tmp_path / "x.pdf")


def test_an_empty_archive_gives_zeros_not_errors(archive):
    report = analysis.monthly_report(archive, 2026, 11)
    assert report.total.signed == Decimal("0.00") and report.receivable == Decimal("0.00")
    assert report.pareto.clients == 0 and report.churn.total == 0
    for view in analysis.VIEWS:
        analysis.analysis_view(archive, view, *NOV)


def test_ageing_in_sql_agrees_with_the_contracts_service(sales):
    """The report allocates receipts inside SQLite; the receivables page does it in Python with
    app.domain.plans.allocate_receipts. Both must give the same buckets to the fen."""
    from app.domain.plans import AGE_BUCKET_LABELS
    from app.services import contracts

    for as_of in (date(2026, 7, 31), date(2026, 10, 10), date(2026, 11, 26)):
        expected = contracts.ageing_totals(sales, as_of)
        with sales.db.read() as session:
            got = dict(figures.ageing_by_bucket(figures.repo.ageing(session, as_of)))
        assert got == {AGE_BUCKET_LABELS[b]: amount for b, amount in expected.items()}
    per_client = {
        r.client_name: r.outstanding for r in contracts.receivables(sales, date(2026, 11, 26))
    }
    report = analysis.monthly_report(sales, 2026, 11)
    assert {r.client: r.outstanding for r in report.top_receivables} == per_client


def test_ageing_agrees_on_random_contracts_and_receipts(archive):
    import random
    from datetime import timedelta

    from app.db.models import Client, Contract, Receipt
    from app.domain.plans import AGE_BUCKET_LABELS
    from app.services import contracts

    rng = random.Random(7)
    with archive.db.session() as session:
        for c in range(12):
            client = Client(
                name=f"客户{c}",
                name_key=f"k{c}",
                sort_key=f"k{c}",
                tier="B",
                status="合作中",
                created_on=date(2025, 1, 1),
                created_at=S.NOW,
                updated_at=S.NOW,
            )
            session.add(client)
            session.flush()
            ids = []
            for k in range(rng.randint(0, 5)):
                contract = Contract(
                    number=f"R{c}-{k}",
                    client_id=client.id,
                    signed_on=date(2026, 1, 1) + timedelta(days=rng.randint(0, 320)),
                    amount_fen=rng.randint(1, 500_000),
                    payment_days=rng.choice((0, 30, 90)),
                    created_at=S.NOW,
                    updated_at=S.NOW,
                )
                session.add(contract)
                session.flush()
                ids.append(contract.id)
            for _ in range(rng.randint(0, 6)):
                session.add(
                    Receipt(
                        client_id=client.id,
                        contract_id=rng.choice(ids) if ids and rng.random() < 0.6 else None,
                        received_on=date(2026, 1, 1) + timedelta(days=rng.randint(0, 320)),
                        amount_fen=rng.randint(1, 300_000),
                        created_at=S.NOW,
                    )
                )
    for as_of in (date(2026, 3, 1), date(2026, 8, 15), date(2026, 11, 26)):
        expected = contracts.ageing_totals(archive, as_of)
        with archive.db.read() as session:
            got = dict(figures.ageing_by_bucket(figures.repo.ageing(session, as_of)))
        assert got == {AGE_BUCKET_LABELS[b]: amount for b, amount in expected.items()}
