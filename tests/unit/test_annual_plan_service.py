"""The annual plan and the sales forecast on an archive (its clock: 2026-11-26), every figure
worked out by hand from the records the test makes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.domain.errors import ValidationError
from app.domain.plans import PlanTargets
from app.domain.records import ClientDraft
from app.domain.tenders import TenderDraft, TenderStatus
from app.services import annual_plans, clients, contracts, forecasts, plans, tenders
from app.services.annual_plans import Split

pytestmark = pytest.mark.both_backends

D = Decimal


def _receipt(archive, client_id, day, amount, contract_id=None):
    draft = contracts.ReceiptDraft(client_id, day, D(amount), contract_id)
    contracts.add_receipt(archive, draft)


@pytest.fixture
def people(archive):
    zhang = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
    wang = clients.create_client(archive, ClientDraft("北京华信科技有限公司", owner="王芳"))
    return zhang.id, wang.id


def test_actual_is_the_receipts_of_the_owners_clients_by_month_and_quarter(archive, people):
    zhang, wang = people
    _receipt(archive, zhang, date(2025, 12, 31), "999.99")  # last year: not counted
    _receipt(archive, zhang, date(2026, 1, 15), "10000.00")
    _receipt(archive, zhang, date(2026, 3, 31), "2500.50")
    _receipt(archive, zhang, date(2026, 4, 1), "1000.00")
    _receipt(archive, wang, date(2026, 2, 1), "500.00")
    view = annual_plans.year_view(archive, 2026, "张伟")
    actual = [m.actual for m in view.months]
    assert actual[:4] == [D("10000.00"), D("0.00"), D("2500.50"), D("1000.00")]
    assert [q.actual for q in view.quarters] == [D("12500.50"), D("1000.00"), D(0), D(0)]
    assert view.total.actual == D("13500.50")
    # months already over (January-October) forecast what came in
    assert view.months[0].forecast == D("10000.00") and view.months[0].source == "actual"
    team = annual_plans.year_view(archive, 2026)
    assert team.total.actual == D("14000.50") and team.months[1].actual == D("500.00")
    assert team.owners == ("张伟", "王芳")


def test_the_annual_plan_writes_the_monthly_plan_and_a_month_edited_there_keeps_its_value(
    archive, people
):
    view = annual_plans.set_year_plan(archive, 2027, D("1000000.00"), "张伟", Split.EVEN)
    assert [m.plan for m in view.months[:5]] == [D("83333.34")] * 4 + [D("83333.33")]
    assert view.total.plan == D("1000000.00") and view.target == D("1000000.00")
    assert view.quarters[0].plan == D("250000.02")
    # the monthly plan reads the same month, its other targets untouched
    march = plans.get_plan(archive, 2027, 3)
    assert [o.targets.receipts for o in march.owners if o.owner == "张伟"] == [D("83333.34")]
    # entering March by hand in the monthly plan pins it; the other months re-balance
    plans.set_targets(archive, 2027, 3, PlanTargets(visits=8, receipts=D("200000.00")), "张伟")
    view = annual_plans.year_view(archive, 2027, "张伟")
    assert view.months[2].plan == D("200000.00") and view.months[2].pinned
    assert [m.plan for m in view.months[:2]] == [D("72727.28")] * 2
    assert view.months[11].plan == D("72727.27")
    assert view.total.plan == D("1000000.00")
    # saving March again with the same figure (another target changed) pins nothing new
    plans.set_targets(archive, 2027, 4, PlanTargets(visits=3, receipts=D("72727.28")), "张伟")
    assert not annual_plans.year_view(archive, 2027, "张伟").months[3].pinned
    # back to the split
    view = annual_plans.set_year_plan(archive, 2027, None, "张伟", unpin=(3,))
    assert view.months[2].plan == D("83333.34") and not view.months[2].pinned


def test_months_entered_beyond_the_target_are_refused_and_nothing_changes(archive, people):
    annual_plans.set_year_plan(archive, 2027, D("120000.00"), "张伟")
    before = annual_plans.year_view(archive, 2027, "张伟")
    with pytest.raises(ValidationError) as caught:
        annual_plans.set_year_plan(archive, 2027, None, "张伟", months={1: D("130000.00")})
    assert caught.value.code == "pinned_over_plan"
    with pytest.raises(ValidationError):
        plans.set_targets(archive, 2027, 1, PlanTargets(receipts=D("130000.00")), "张伟")
    assert annual_plans.year_view(archive, 2027, "张伟") == before
    assert [m.plan for m in before.months] == [D("10000.00")] * 12


def test_a_seasonal_split_follows_last_years_receipts_of_that_owner(archive, people):
    zhang, wang = people
    for month, amount in ((1, "100.00"), (2, "200.00"), (3, "300.00")):
        _receipt(archive, zhang, date(2025, month, 10), amount)
    _receipt(archive, wang, date(2025, 6, 10), "5000.00")  # another owner's: no weight
    view = annual_plans.set_year_plan(archive, 2026, D("1000.00"), "张伟", Split.SEASONAL)
    assert [m.plan for m in view.months[:4]] == [D("166.67"), D("333.33"), D("500.00"), D(0)]
    assert view.split == "seasonal"


def _tender(archive, client_id, title, status, budget=None, **dates):
    draft = TenderDraft(title=title, client_id=client_id, budget=budget, status=status, **dates)
    return tenders.create_tender(archive, draft).id


@pytest.fixture
def pipeline(archive, people):
    """A hand-built pipeline as of 2026-11-26 (the first month forecast: 2026-11):
    - HT-1 (张伟): 300,000.00 signed 2026-09-01, 30 days: due 2026-10-01, overdue; 100,000.00
      received -> 200,000.00 expected in 2026-11;
    - HT-2 (张伟): 50,000.00 signed 2026-11-20, 30 days: due 2026-12-20 -> 2026-12;
    - 已投标 (张伟), budget 483,082.00, bid deadline 2026-11-10: award 2026-11-10 + 60 days =
      2027-01-09, 50% = 241,541.00;
    - 跟踪中 (张伟), no budget, ceiling 99,999.99, evaluation 2026-12-01: 2027-01-30, 10% =
      9,999.999 -> 10,000.00;
    - 准备投标 (王芳), budget 200,000.00, bid deadline 2026-10-01: 2026-11-30, 30% = 60,000.00;
    - 跟踪中 (王芳) without any date: left out, listed as undated;
    - 未中标 (张伟): not in the pipeline."""
    zhang, wang = people
    ht1 = contracts.create_contract(
        archive, contracts.ContractDraft("HT-1", zhang, date(2026, 9, 1), amount=D("300000.00"))
    )
    _receipt(archive, zhang, date(2026, 10, 15), "100000.00", ht1.id)
    contracts.create_contract(
        archive, contracts.ContractDraft("HT-2", zhang, date(2026, 11, 20), amount=D("50000.00"))
    )
    _tender(
        archive,
        zhang,
        "网络安全等级保护建设项目",
        TenderStatus.SUBMITTED,
        D("483082.00"),
        bid_deadline=datetime(2026, 11, 10, 9, 30),
    )
    tenders.create_tender(
        archive,
        TenderDraft(
            title="智慧政务平台",
            client_id=zhang,
            ceiling=D("99999.99"),
            status=TenderStatus.TRACKING,
            evaluation_on=date(2026, 12, 1),
        ),
    )
    _tender(
        archive,
        wang,
        "数据中心机房改造",
        TenderStatus.PREPARING,
        D("200000.00"),
        bid_deadline=datetime(2026, 10, 1, 9, 0),
    )
    _tender(archive, wang, "会议系统升级", TenderStatus.TRACKING, D("10000.00"))
    _tender(
        archive,
        zhang,
        "视频监控项目",
        TenderStatus.LOST,
        D("800000.00"),
        bid_deadline=datetime(2026, 11, 3, 9, 0),
    )


def test_the_suggested_forecast_is_the_pipeline_month_by_month(archive, pipeline):
    found = forecasts.suggest(archive, months=3)
    assert found.months == ((2026, 11), (2026, 12), (2027, 1))
    assert found.fen("张伟", 2026, 11) == 20_000_000
    assert found.fen("王芳", 2026, 11) == 6_000_000
    assert found.fen(None, 2026, 11) == 26_000_000  # 260,000.00
    assert found.fen(None, 2026, 12) == 5_000_000
    assert found.fen("张伟", 2027, 1) == 24_154_100 + 1_000_000  # 251,541.00
    rows = [(i.kind, i.label, i.expected_on, i.percent, i.amount_fen) for i in found.items]
    assert rows == [
        ("contract", "HT-1", date(2026, 11, 1), 100, 20_000_000),
        ("tender", "数据中心机房改造", date(2026, 11, 30), 30, 6_000_000),
        ("contract", "HT-2", date(2026, 12, 20), 100, 5_000_000),
        ("tender", "网络安全等级保护建设项目", date(2027, 1, 9), 50, 24_154_100),
        ("tender", "智慧政务平台", date(2027, 1, 30), 10, 1_000_000),
    ]
    assert [i.label for i in found.undated] == ["会议系统升级"]
    one = forecasts.suggest(archive, months=1, owner="王芳")
    assert [i.label for i in one.items] == ["数据中心机房改造"]


def test_an_entered_forecast_wins_over_the_suggestion_and_feeds_the_year(archive, pipeline):
    cell = forecasts.set_forecast(archive, "张伟", 2026, 12, D("80000.00"), "年底冲刺")
    assert (cell.entered, cell.suggested, cell.forecast) == (
        D("80000.00"),
        D("50000.00"),
        D("80000.00"),
    )
    view = forecasts.show(archive, months=2)
    assert view.owners == ("张伟", "王芳")
    assert view.total(2026, 12) == D("80000.00")
    year = annual_plans.year_view(archive, 2026, "张伟")
    # November (this month): received so far (none) + 200,000.00 suggested
    assert (year.months[10].forecast, year.months[10].source) == (D("200000.00"), "suggested")
    assert (year.months[11].forecast, year.months[11].source) == (D("80000.00"), "entered")
    assert year.months[9].forecast == D("100000.00")  # October is over: its receipt
    team = annual_plans.year_view(archive, 2026)
    assert team.months[11].forecast == D("80000.00") and team.months[11].source == "mixed"
    assert team.months[10].forecast == D("260000.00")
    cleared = forecasts.set_forecast(archive, "张伟", 2026, 12, None)
    assert cleared.entered is None and cleared.forecast == D("50000.00")


def test_a_bad_forecast_among_several_stores_none(archive, pipeline):
    cells = [("张伟", 2027, 1, D("1.00")), ("王芳", 2027, 1, D("-1.00"))]
    with pytest.raises(ValidationError) as caught:
        forecasts.set_forecasts(archive, cells)
    assert caught.value.field == "forecast"
    assert all(c.entered is None for c in forecasts.show(archive, date(2027, 1, 1), 1).cells)
    with pytest.raises(ValidationError) as caught:
        forecasts.set_forecast(archive, " ", 2027, 1, D("1.00"))
    assert caught.value.field == "owner"
