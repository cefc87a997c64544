"""费用预算 against the expenses recorded on activities, with figures worked out by hand.

The handbook's assistant keeps "the expense budget" (issue 13 §5); the rule the app follows:
what was spent is the expense (费用) of each activity started in the period, counted for the
client's account manager (客户经理) and the activity's kind, as the 费用 analysis counts it;
remaining = budget - spent; used = spent / budget, in per cent half up to 0.1."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.domain.budgets import compare
from app.domain.enums import ActivityKind
from app.domain.errors import NotFoundError, ValidationError
from app.domain.records import ActivityDraft, ClientDraft
from app.services import activities, analysis, budgets, clients

D = Decimal


@pytest.fixture
def books(archive):
    """王芳's client: visits of 1,280.50 and 719.50 in November, a meeting of 300.00 in
    November and a visit of 999.99 on 1 December; 李强's client: a visit of 450.00 in November;
    a client without an account manager: a call of 88.00 in November."""
    wang = clients.create_client(archive, ClientDraft("北京华信科技有限公司", owner="王芳")).id
    li = clients.create_client(archive, ClientDraft("上海恒通电子有限公司", owner="李强")).id
    nobody = clients.create_client(archive, ClientDraft("深圳未分配贸易有限公司")).id
    for client_id, kind, when, expense in (
        (wang, ActivityKind.VISIT, datetime(2026, 11, 3, 9), "1280.50"),
        (wang, ActivityKind.VISIT, datetime(2026, 11, 30, 23, 59), "719.50"),
        (wang, ActivityKind.MEETING, datetime(2026, 11, 12, 14), "300.00"),
        (wang, ActivityKind.VISIT, datetime(2026, 12, 1, 0, 0), "999.99"),
        (li, ActivityKind.VISIT, datetime(2026, 11, 20, 10), "450.00"),
        (nobody, ActivityKind.CALL, datetime(2026, 11, 5, 10), "88.00"),
    ):
        activities.create_activity(
            archive, ActivityDraft(client_id, kind, when, "拜访", expense=D(expense))
        )
    budgets.set_budget(archive, "2026-11", "王芳", "拜访", "1,500")
    budgets.set_budget(archive, "2026-11", "王芳", "meeting", D("500.00"))
    budgets.set_budget(archive, "2026-12", "王芳", "visit", D("3000"))
    budgets.set_budget(archive, "2026-11", "李强", "技术交流", "800")
    return archive


def _lines(report) -> dict[tuple[str, str], tuple]:
    return {(x.owner, x.kind): (x.budget, x.spent, x.remaining, x.used) for x in report.lines}


def test_november_budget_against_spent_by_hand(books):
    report = budgets.month_report(books, "2026-11")
    assert _lines(report) == {
        # 1,280.50 + 719.50 = 2,000.00 spent of 1,500.00: 500.00 over, 133.3% used
        ("王芳", "visit"): (D("1500.00"), D("2000.00"), D("-500.00"), D("133.3")),
        # 300.00 of 500.00: 200.00 left, 60.0%
        ("王芳", "meeting"): (D("500.00"), D("300.00"), D("200.00"), D("60.0")),
        # nothing spent on 技术交流 yet; the visit of 450.00 had no budget
        ("李强", "visit"): (D("0.00"), D("450.00"), D("-450.00"), None),
        ("李强", "tech_exchange"): (D("800.00"), D("0.00"), D("800.00"), D("0.0")),
        ("(未分配)", "call"): (D("0.00"), D("88.00"), D("-88.00"), None),
    }
    total = report.total
    # budget 1,500 + 500 + 800 = 2,800.00; spent 2,000 + 300 + 450 + 88 = 2,838.00
    assert (total.budget, total.spent, total.remaining) == (D("2800.00"), D("2838.00"), D("-38.00"))
    assert total.used == D("101.4")  # 2,838 / 2,800 = 1.01357…


def test_the_year_adds_the_months(books):
    report = budgets.month_report(books, "2026")
    lines = _lines(report)
    # visits: budget 1,500 (Nov) + 3,000 (Dec); spent 2,000.00 + 999.99 (1 Dec)
    assert lines[("王芳", "visit")] == (D("4500.00"), D("2999.99"), D("1500.01"), D("66.7"))
    assert report.months[0] == "2026-01" and report.months[-1] == "2026-12"
    assert report.total.budget == D("5800.00")  # 4,500 + 500 (meetings) + 800 (李强)
    assert [r.amount for r in budgets.list_budgets(books, "2026")] == [
        D("800.00"),
        D("500.00"),
        D("1500.00"),
        D("3000.00"),
    ]


def test_set_replaces_and_delete_removes(books):
    budgets.set_budget(books, "2026年11月", "王芳", "Visit", "2,000")
    rows = budgets.list_budgets(books, "2026-11", owner="王芳")
    assert [(r.kind, r.amount) for r in rows] == [("meeting", D("500.00")), ("visit", D("2000.00"))]
    budgets.delete_budget(books, "2026-11", "王芳", "拜访")
    assert [r.kind for r in budgets.list_budgets(books, "2026-11", owner="王芳")] == ["meeting"]
    with pytest.raises(NotFoundError):
        budgets.delete_budget(books, "2026-11", "王芳", "拜访")


@pytest.mark.parametrize(
    ("month", "owner", "kind", "amount", "field", "code"),
    [
        ("2026-13", "王芳", "拜访", "1", "month", "bad_month"),
        ("2026-11", " ", "拜访", "1", "owner", "required"),
        ("2026-11", "王芳", "出差", "1", "kind", "unknown_kind"),
        ("2026-11", "王芳", "拜访", "-1", "budget_amount", "negative_amount"),
        ("2026-11", "王芳", "拜访", "1.005", "budget_amount", "too_many_decimals"),
        ("2026-11", "王芳", "拜访", "", "budget_amount", "required"),
        ("2026-11", "王芳", "拜访", "1e3", "budget_amount", "bad_amount"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    archive, month, owner, kind, amount, field, code
):
    with pytest.raises(ValidationError) as refused:
        budgets.set_budget(archive, month, owner, kind, amount)
    assert (refused.value.field, refused.value.code) == (field, code)
    assert budgets.list_budgets(archive) == []


def test_compare_sorts_by_owner_then_kind_order():
    lines, total = compare(
        {("乙", "meeting"): D("1.00"), ("甲", "call"): D("2.00")},
        {("乙", "visit"): D("3.00")},
    )
    assert [(x.owner, x.kind) for x in lines] == [
        ("乙", "visit"),
        ("乙", "meeting"),
        ("甲", "call"),
    ]
    assert (total.budget, total.spent, total.kind_label) == (D("3.00"), D("3.00"), "")


def test_the_cost_analysis_shows_the_budget(books):
    table = analysis.analysis_view(books, "费用", date(2026, 11, 1), date(2026, 11, 30))
    [part] = table.parts
    assert part.title == "费用预算执行"
    assert [c.label for c in part.columns] == [
        "客户经理",
        "费用类型",
        "预算",
        "已用",
        "剩余",
        "使用率(%)",
    ]
    assert [r[:2] for r in part.rows] == [
        ("李强", "拜访"),
        ("李强", "技术交流"),
        ("王芳", "拜访"),
        ("王芳", "会议"),
        ("(未分配)", "电话"),
        ("合计", ""),
    ]
    assert part.rows[2] == ("王芳", "拜访", D("1500.00"), D("2000.00"), D("-500.00"), D("133.3"))
    assert part.rows[-1] == ("合计", "", D("2800.00"), D("2838.00"), D("-38.00"), D("101.4"))
    summary = dict(table.summary)
    assert summary["费用预算"].startswith("2,800.00 元")
    assert summary["预算超支"] == "38.00 元,已用 101.4%"
    assert analysis.json_ready(table)["parts"][0]["rows"][-1][3] == "2838.00"


def test_the_cost_workbook_has_a_budget_sheet(books, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "费用.xlsx"
    analysis.export_full_view(books, "cost", date(2026, 11, 1), date(2026, 11, 30), out)
    book = load_workbook(out)
    assert book.sheetnames == ["费用分析", "费用预算执行", "说明"]
    rows = list(book["费用预算执行"].iter_rows(values_only=True))
    assert rows[0] == ("客户经理", "费用类型", "预算", "已用", "剩余", "使用率（%）")  # as shown
    assert rows[-1][:5] == ("合计", None, D("2800"), D("2838"), D("-38"))
