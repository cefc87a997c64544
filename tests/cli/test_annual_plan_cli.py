"""plan year / plan year-set / forecast show / set / suggest through the real entry point."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from cli_runner import new_archive
from cli_runner import run_cli as run

from app.domain.records import ClientDraft
from app.domain.tenders import TenderDraft, TenderStatus
from app.services import clients, contracts, tenders
from app.services.archive import open_archive


def _archive(path):
    """张伟's client with receipts in 2025 and 2026, an overdue contract and a tender bid in
    2031 (the CLI runs on today's clock: what is overdue is expected this month)."""
    archive = open_archive(path)
    try:
        client = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
        for day, amount in ((date(2025, 12, 31), "7.00"), (date(2026, 2, 3), "1234.56")):
            contracts.add_receipt(archive, contracts.ReceiptDraft(client.id, day, Decimal(amount)))
        contracts.create_contract(
            archive,
            contracts.ContractDraft("HT-9", client.id, date(2026, 1, 5), amount=Decimal("8000.00")),
        )
        draft = TenderDraft(
            title="机房改造项目",
            client_id=client.id,
            budget=Decimal("483082.00"),
            status=TenderStatus.SUBMITTED,
            bid_deadline=datetime(2031, 3, 1, 9, 30),
        )
        tenders.create_tender(archive, draft)
    finally:
        archive.close()


def test_plan_year_set_splits_to_the_fen_and_plan_year_shows_quarters_and_months(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _archive(db)
    out = run("plan", "year-set", "2026", "--owner", "张伟", "--amount", "1,000,000", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "年度回款目标 ¥1,000,000.00" in out.stdout and "平均分配" in out.stdout
    data = json.loads(run("plan", "year", "2026", "--owner", "张伟", "--json", "--db", db).stdout)
    plan = [Decimal(m["plan"]) for m in data["months"]]
    assert plan == [Decimal("83333.34")] * 4 + [Decimal("83333.33")] * 8
    assert [q["plan"] for q in data["quarters"]] == [
        "250000.02",
        "250000.00",
        "249999.99",
        "249999.99",
    ]
    assert data["total"]["plan"] == "1000000.00"
    assert data["months"][1]["actual"] == "1234.56" and data["total"]["actual"] == "1234.56"
    assert data["months"][1]["forecast"] == "1234.56"  # February is over: its actual
    # March by hand: kept, the rest re-balances
    out = run("plan", "year-set", "2026", "--owner", "张伟", "--month", "3=200000", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "3月（手工）" in out.stdout and "¥200,000.00" in out.stdout
    shown = run("plan", "show", "2026-03", "--json", "--db", db)
    owners = json.loads(shown.stdout)["owners"]
    assert [o["targets"]["receipts"] for o in owners if o["owner"] == "张伟"] == ["200000.00"]
    text = run("plan", "year", "2026", "--owner", "张伟", "--db", db).stdout
    assert "一季度" in text and "全年合计" in text and "¥1,000,000.00" in text


def test_plan_year_refuses_bad_input_in_chinese_and_changes_nothing(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _archive(db)
    run("plan", "year-set", "2027", "--amount", "1200", "--db", db)
    before = run("plan", "year", "2027", "--json", "--db", db).stdout
    over = run("plan", "year-set", "2027", "--month", "1=1300", "--db", db)
    assert over.returncode == 1
    assert "年度回款目标：手工设定的月份合计 1,300.00 元已超过年度目标 1,200.00 元" in over.stderr
    assert run("plan", "year", "2027", "--json", "--db", db).stdout == before
    split = run("plan", "year-set", "2027", "--split", "monthly", "--db", db)
    assert split.returncode == 1 and "分解方式：分解方式无效“monthly”" in split.stderr
    year = run("plan", "year", "27", "--db", db)
    assert year.returncode == 1 and "年度：年度无效“27”" in year.stderr
    amount = run("plan", "year-set", "2027", "--amount", "1.005", "--db", db)
    assert amount.returncode == 1 and "年度回款目标：" in amount.stderr
    assert "Traceback" not in over.stderr + split.stderr + year.stderr + amount.stderr


def test_forecast_suggest_shows_the_records_and_set_overrides_the_suggestion(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _archive(db)
    this_month = f"{date.today():%Y-%m}"
    out = run("forecast", "suggest", "--from", this_month, "--months", "1", "--db", db)
    assert out.returncode == 0, out.stderr
    # the receipts booked without a contract (7.00 + 1,234.56) pay HT-9: 6,758.44 still open
    line = "应收合同 HT-9（深圳恒达电子有限公司，张伟，逾期）：未收 ¥6,758.44 = ¥6,758.44"
    assert line in out.stdout and "建议预测 ¥6,758.44" in out.stdout
    # bid 2031-03-01 + 60 days = 2031-04-30; 483,082.00 x 50% = 241,541.00
    later = run("forecast", "suggest", "--from", "2031-04", "--months", "1", "--json", "--db", db)
    items = json.loads(later.stdout)["items"]
    assert [(i["label"], i["expected_on"], i["percent"], i["amount_fen"]) for i in items] == [
        ("机房改造项目", "2031-04-30", 50, 24154100)
    ]
    saved = run("forecast", "set", "张伟", "2031-04", "300000", "--note", "已口头确认", "--db", db)
    assert saved.returncode == 0, saved.stderr
    assert "预测 ¥300,000.00（建议数 ¥241,541.00）" in saved.stdout
    shown = run("forecast", "show", "--from", "2031-04", "--months", "2", "--json", "--db", db)
    cells = json.loads(shown.stdout)["cells"]
    assert [(c["month"], c["entered"], c["suggested"]) for c in cells] == [
        (4, "300000.00", "241541.00"),
        (5, None, "0.00"),
    ]
    table = run("forecast", "show", "--from", "2031-04", "--months", "2", "--db", db).stdout
    assert "¥300,000.00*" in table and "合计" in table
    bad = run("forecast", "set", "张伟", "2031-13", "1", "--db", db)
    assert bad.returncode == 1 and "月份：月份无效“2031-13”" in bad.stderr
    negative = run("forecast", "set", "张伟", "2031-04", "-5", "--db", db)
    assert negative.returncode == 1 and "预测金额：不能为负数" in negative.stderr
    cleared = run("forecast", "set", "张伟", "2031-04", "none", "--db", db)
    assert "已清除" in cleared.stdout and "¥241,541.00" in cleared.stdout
