"""On the command line: a bid deposit can be declared 免收 (`--deposit 免收`, `--no-deposit`) and
is shown as such; amounts beyond the domain are refused with the field named, never a
traceback or a crash in the capitals of the tender packet."""

from __future__ import annotations

import json

from cli_runner import new_archive, run_on


def _tender(db, *extra) -> int:
    created = run_on(
        db, "tender", "add", "--title", "项目", "--purchaser", "某市政务服务中心", "--json", *extra
    )
    assert created.returncode == 0, created.stderr
    return json.loads(created.stdout)["id"]


def test_a_waived_deposit_is_said_and_shown(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    first = _tender(db, "--no-deposit")
    second = _tender(db, "--deposit", "免收")
    for tender_id in (first, second):
        shown = run_on(db, "tender", "show", tender_id)
        assert "投标保证金：免收" in shown.stdout, shown.stdout
        assert "[提示] 投标保证金：免收" in shown.stdout
        assert "投标保证金未" not in shown.stdout
        as_json = json.loads(run_on(db, "tender", "show", tender_id, "--json").stdout)
        assert as_json["deposit_waived"] is True and as_json["bid_deposit"] == "0.00"

    blank = _tender(db)
    shown = run_on(db, "tender", "show", blank)
    assert "投标保证金未填写" in shown.stdout and "免收" in shown.stdout  # the way out is named

    assert run_on(db, "tender", "deposit", blank, "--amount", "免收").returncode == 0
    assert "投标保证金：免收" in run_on(db, "tender", "show", blank).stdout
    paid = run_on(db, "tender", "deposit", blank, "--amount", "20,000", "--paid-on", "2026-11-20")
    assert paid.returncode == 0, paid.stderr
    assert "投标保证金：¥20,000.00" in run_on(db, "tender", "show", blank).stdout
    assert run_on(db, "tender", "deposit", blank, "--no-deposit").returncode == 0
    assert "投标保证金：免收" in run_on(db, "tender", "show", blank).stdout

    dated = run_on(db, "tender", "deposit", blank, "--no-deposit", "--paid-on", "2026-11-20")
    assert dated.returncode == 1 and "保证金缴纳日期" in dated.stderr and "免收" in dated.stderr
    unpaid = run_on(db, "tender", "deposit", blank, "--amount", "20000")
    assert unpaid.returncode == 1 and "保证金缴纳日期" in unpaid.stderr
    both = run_on(
        db, "tender", "add", "--title", "X", "--purchaser", "Y", "--deposit", "1", "--no-deposit"
    )
    assert both.returncode == 1 and "--no-deposit" in both.stderr
    english = run_on(db, "tender", "show", first)  # the default language is Chinese
    assert "Traceback" not in english.stderr


def test_amounts_beyond_the_domain_are_refused_with_the_field(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    budget = run_on(
        db, "tender", "add", "--title", "X", "--purchaser", "Y", "--budget", "10000000000000000"
    )
    assert budget.returncode == 1
    assert "预算金额：金额过大“10000000000000000”（最多 999,999,999,999.99 元）" in budget.stderr
    tender_id = _tender(db, "--budget", "999,999,999,999.99")
    deposit = run_on(
        db, "tender", "deposit", tender_id, "--amount", "2000000000000", "--paid-on", "2026-11-20"
    )
    assert deposit.returncode == 1 and "投标保证金：金额过大" in deposit.stderr
    price = run_on(
        db, "tender", "item", tender_id, "--name", "服务器", "--quantity", "1", "--price", "1e17"
    )
    assert price.returncode == 1 and "单价" in price.stderr
    line = run_on(
        db,
        "tender",
        "item",
        tender_id,
        "--name",
        "服务器",
        "--quantity",
        "1000000",
        "--price",
        "100000000",
    )
    assert line.returncode == 1 and "分项报价合计：金额过大" in line.stderr
    odd = run_on(
        db,
        "tender",
        "item",
        tender_id,
        "--name",
        "服务器",
        "--quantity",
        "1E+999999",
        "--price",
        "2",
    )
    assert odd.returncode == 1 and "数量" in odd.stderr
    largest = run_on(
        db,
        "tender",
        "item",
        tender_id,
        "--name",
        "服务器",
        "--quantity",
        "1",
        "--price",
        "999999999999.99",
    )
    assert largest.returncode == 0, largest.stderr
    out = tmp_path / "packet.pdf"
    printed = run_on(db, "pdf", "tender-packet", tender_id, out, "--draft")
    assert printed.returncode == 0, printed.stderr
    client = json.loads(run_on(db, "tender", "show", tender_id, "--json").stdout)["client_id"]
    receipt = run_on(
        db,
        "receipt",
        "add",
        "--client",
        client,
        "--amount",
        "1,000,000,000,000",
        "--date",
        "2026-11-20",
    )
    assert receipt.returncode == 1 and "金额：金额过大" in receipt.stderr
    for result in (budget, deposit, price, line, odd, receipt):
        assert "Traceback" not in result.stderr
