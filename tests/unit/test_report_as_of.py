"""A report is as of its month (issue 13 §1): every figure of the 大客户月报 and of the analyses
for a past month is computed as of the month's last day, so records entered later but dated
after the month change none of them.

The rule, as issue 13 words it: "Every figure of a month's report and analyses is computed as of
the month's last day: last visit before the cut-off, complaint status as of the cut-off, tier as
of the cut-off (tier changes are dated). Printing the same month twice, with records entered in
between that are dated after the month, gives the same figures." The expectations below are
worked by hand from tests/asof_samples.py's records (see its docstring)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import asof_samples as S
import pytest

from app.domain.enums import ActivityKind, Tier
from app.domain.records import ActivityDraft
from app.services import activities, analysis, clients

pytestmark = pytest.mark.both_backends

VIEWS = ("development", "service", "churn", "cost", "value", "owners")


@pytest.fixture
def september(archive):
    return archive, S.build(archive)


def _views(archive) -> dict:
    first, last = analysis.month_bounds(*S.MONTH)
    return {v: analysis.analysis_view(archive, v, first, last, limit=None) for v in VIEWS}


def test_same_month_twice_with_later_records_in_between(september):
    """Printing September twice, with visits, a complaint's closing, a tier change and a new
    client entered in between (all dated after September), gives the same figures."""
    archive, ids = september
    before, views_before = analysis.monthly_report(archive, *S.MONTH), _views(archive)
    S.enter_later(archive, ids)
    after, views_after = analysis.monthly_report(archive, *S.MONTH), _views(archive)
    assert after == before
    assert views_after == views_before
    # ... and the later records are there: today's state is not September's
    assert clients.get_client(archive, ids[S.JIA]).tier == Tier.A
    assert clients.get_client(archive, ids[S.JIA]).last_visit_on == date(2026, 10, 10)


def test_hand_worked_september_after_later_records(september):
    archive, ids = september
    S.enter_later(archive, ids)
    report = analysis.monthly_report(archive, *S.MONTH)
    assert report.as_of == S.AS_OF
    assert report.total.clients == 3  # 丁方, created 15 Oct, is not counted
    assert report.total.new_clients == 0
    assert report.total.visits == 1
    assert (report.total.complaints, report.total.complaints_closed) == (1, 0)
    assert report.total.response_days is None
    assert report.open_complaints == 1  # opened 10 Sept, closed 3 Oct: open on 30 Sept
    assert [(k.client, k.tier) for k in report.key_accounts] == [(S.JIA, "B")]
    assert report.tier_changes == ()
    churn = report.churn
    assert churn.quiet_since == S.QUIET_SINCE
    assert (churn.total, churn.no_visit, churn.no_order, churn.falling) == (2, 2, 0, 0)
    assert {(r.client, r.tier, r.last_visit) for r in churn.rows} == {
        (S.YI, "C", date(2026, 6, 1)),
        (S.BING, "D", None),
    }
    rebates = report.rebates
    assert (rebates.accrued, rebates.accrued_count) == (Decimal("5000.00"), 1)
    assert (rebates.pending_count, rebates.pending_amount) == (1, Decimal("5000.00"))
    assert [(r.client, r.status) for r in rebates.pending] == [(S.JIA, "待大客户部经理审批")]


def test_rebates_as_of_each_cut_off(september):
    """November's report, as of 26 Nov, sees 甲方's rebate approved by the 大客户部经理 that day
    and 乙方's applied on 5 Oct; October's, as of 31 Oct, sees 乙方's applied and 甲方's still
    waiting for the manager."""
    archive, ids = september
    S.enter_later(archive, ids)
    november = analysis.monthly_report(archive, 2026, 11).rebates
    assert [(r.client, r.status) for r in november.pending] == [
        (S.JIA, "待市场营销中心审批"),
        (S.YI, "待大客户部经理审批"),
    ]
    october = analysis.monthly_report(archive, 2026, 10).rebates
    assert [(r.client, r.status) for r in october.pending] == [
        (S.JIA, "待大客户部经理审批"),
        (S.YI, "待大客户部经理审批"),
    ]
    assert (october.pending_count, october.pending_amount) == (2, Decimal("7000.00"))
    assert october.accrued_count == 0  # neither period ends in October


def test_last_visit_is_the_last_on_or_before_the_cut_off(archive):
    """A client last visited 5 Sept and again 10 Oct: September's report shows 5 Sept.

    With a 20-day churn window (quiet since 2026-09-10) the client is a churn risk as of 30 Sept
    and its 最近拜访 is 2026-09-05, never the 10 Oct visit entered later."""
    ids = S.build(archive)
    S.enter_later(archive, ids)
    report = analysis.monthly_report(archive, *S.MONTH, churn_days=20)
    rows = {r.client: r for r in report.churn.rows}
    assert rows[S.JIA].last_visit == date(2026, 9, 5)
    assert rows[S.JIA].tier == "B"
    assert all(r.last_visit is None or r.last_visit <= S.AS_OF for r in rows.values())
    # October, as of 31 Oct, quiet since 11 Oct: 乙方 (12 Oct) was visited in the window, 甲方
    # (10 Oct) a day before it
    october = analysis.monthly_report(archive, 2026, 10, churn_days=20)
    rows = {r.client: r.last_visit for r in october.churn.rows}
    assert rows == {S.JIA: date(2026, 10, 10), S.BING: None}


def test_complaint_open_then_closed_by_the_month_after(september):
    """A complaint opened 10 Sept and closed 3 Oct is open in September's report, closed (with
    a response of 23 days, 10 Sept to 3 Oct) in the views of September-October."""
    archive, ids = september
    activities.close_complaint(archive, ids["complaint"], "已更换", date(2026, 10, 3))
    assert analysis.monthly_report(archive, 2026, 9).open_complaints == 1
    assert analysis.monthly_report(archive, 2026, 10).open_complaints == 0
    service = analysis.analysis_view(archive, "service", date(2026, 9, 1), date(2026, 10, 31))
    total = dict(zip([c.key for c in service.columns], service.rows[-1], strict=True))
    assert (total["complaints"], total["closed"], total["open"]) == (1, 1, 0)
    assert total["slowest"] == 23
    september = analysis.analysis_view(archive, "service", date(2026, 9, 1), date(2026, 9, 30))
    total = dict(zip([c.key for c in september.columns], september.rows[-1], strict=True))
    assert (total["complaints"], total["closed"], total["open"]) == (1, 0, 1)
    assert dict(september.summary)["截至 2026-09-30 未办结投诉"] == "1 起"


def test_tier_as_of_each_month_from_the_dated_changes(september):
    """甲方 B until it is raised to A on 2026-11-26 (the day it is entered), then lowered to C
    the same day: September and October show B, November (as of 26 Nov) C; the change is
    recorded dated, once per edit."""
    archive, ids = september
    jia = clients.get_client(archive, ids[S.JIA])
    clients.update_client(archive, jia.id, S._with_tier(jia.draft(), Tier.A))
    jia = clients.get_client(archive, ids[S.JIA])
    clients.update_client(archive, jia.id, S._with_tier(jia.draft(), Tier.C))
    tiers = {
        m: {k.client: k.tier for k in analysis.monthly_report(archive, 2026, m).key_accounts}
        for m in (9,)
    }
    assert tiers == {9: {S.JIA: "B"}}
    value = analysis.analysis_view(archive, "value", date(2026, 9, 1), date(2026, 9, 30))
    assert [row[4] for row in value.rows] == ["B"]
    november = analysis.monthly_report(archive, 2026, 11)
    assert [(t.old_tier, t.new_tier, t.changed_on) for t in november.tier_changes] == [
        ("B", "A", date(2026, 11, 26)),
        ("A", "C", date(2026, 11, 26)),
    ]
    churn = analysis.monthly_report(archive, 2026, 11, churn_days=30).churn
    assert {r.client: r.tier for r in churn.rows}[S.JIA] == "C"


def test_a_visit_dated_after_today_is_not_the_last_visit(archive):
    """A visit entered ahead (dated next week) is not yet a visit: November's report, as of
    today (26 Nov), shows the last visit before it."""
    ids = S.build(archive)
    planned = ActivityDraft(
        client_id=ids[S.YI],
        kind=ActivityKind.VISIT,
        started_at=datetime(2026, 12, 2, 9),
        subject="planned",
    )
    activities.create_activity(archive, planned)
    churn = analysis.monthly_report(archive, 2026, 11).churn
    assert {r.client: r.last_visit for r in churn.rows}[S.YI] == date(2026, 6, 1)
