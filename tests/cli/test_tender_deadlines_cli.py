"""tender add/edit take the result dates (--award-notice, --contract-signed, --announcement-days);
tender show prints every computed date with the rule it follows. Through the real entry point."""

from __future__ import annotations

import json

from cli_runner import new_archive, run_on


def _deadlines(db, tender_id) -> dict[str, dict]:
    shown = run_on(db, "tender", "show", tender_id, "--json")
    assert shown.returncode == 0, shown.stderr
    return {d["key"]: d for d in json.loads(shown.stdout)["deadlines"]}


def test_a_lost_tender_with_a_three_day_announcement(tmp_path):
    """质疑: 财政部令第94号 第十条, 7 working days from the end of the result announcement. A
    3-working-day announcement from Tue 2026-09-29 ends 10-09 (9-30, 10-08, 10-09 across 国庆);
    then 10-10 (调休上班), 12, 13, 14, 15, 16, 19. Refund (实施条例 第三十三条): 9-30, 10-08,
    10-09, 10-10, 10-12."""
    db = new_archive(tmp_path / "a.sqlite3")
    added = run_on(
        db,
        "tender",
        "add",
        "--title",
        "智慧路灯采购",
        "--purchaser",
        "某市城管局",
        "--deposit",
        "8000",
        "--award-notice",
        "2026-09-29",
        "--announcement-days",
        "3",
        "--json",
    )
    assert added.returncode == 0, added.stderr
    record = json.loads(added.stdout)
    assert record["announcement_days"] == 3
    found = _deadlines(db, record["id"])
    assert {k: d["date"] for k, d in found.items()} == {
        "refund_due": "2026-10-12",
        "announcement_ends": "2026-10-09",
        "challenge_until": "2026-10-19",
        "contract_due": "2026-10-29",
    }
    assert "第三十三条" in found["refund_due"]["rule"]
    assert "财政部令第94号" in found["challenge_until"]["rule"]
    assert "第二百零三条" in found["contract_due"]["rule"]
    text = run_on(db, "tender", "show", record["id"]).stdout
    assert "  结果公告期限：3 个工作日" in text
    assert (
        "  质疑截止日期：2026-10-19（依据：财政部令第94号《政府采购质疑和投诉办法》第十条" in text
    )
    assert "  保证金应退日期：2026-10-12（依据：《政府采购法实施条例》第三十三条" in text


def test_the_winners_refund_waits_for_the_contract_date(tmp_path):
    """第三十三条: 自政府采购合同签订之日起5个工作日内退还中标供应商的投标保证金. Signed Tue
    2026-10-20: 10-21, 22, 23, 26, 27."""
    db = new_archive(tmp_path / "a.sqlite3")
    added = run_on(db, "tender", "add", "--title", "路灯维护", "--purchaser", "某市城管局")
    assert added.returncode == 0, added.stderr
    tid = added.stdout.strip()
    for status in ("准备投标", "已投标"):
        assert run_on(db, "tender", "status", tid, status).returncode == 0
    won = run_on(db, "tender", "status", tid, "中标", "--award-notice", "2026-09-30")
    assert won.returncode == 0, won.stderr
    refund = _deadlines(db, tid)["refund_due"]
    assert (refund["date"], refund["waiting_for"]) == (None, "contract_signed_on")
    assert "  保证金应退日期：待录入合同签订日期后计算" in run_on(db, "tender", "show", tid).stdout

    edited = run_on(db, "tender", "edit", tid, "--contract-signed", "2026-10-20", "--json")
    assert edited.returncode == 0, edited.stderr
    record = json.loads(edited.stdout)
    assert (record["contract_signed_on"], record["refund_due"]) == ("2026-10-20", "2026-10-27")
    assert "中标供应商" in _deadlines(db, tid)["refund_due"]["rule"]
    text = run_on(db, "tender", "edit", tid, "--title", "路灯维护(二期)").stdout
    assert "#1 路灯维护(二期)" in text and "合同签订日期：2026-10-20" in text


def test_bad_values_are_refused_naming_the_field(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    added = run_on(
        db,
        "tender",
        "add",
        "--title",
        "项目",
        "--purchaser",
        "某局",
        "--award-notice",
        "2026-09-29",
    )
    tid = added.stdout.strip()
    before = run_on(db, "tender", "show", tid, "--json").stdout
    for args, said in (
        (("--announcement-days", "三"), "结果公告期限：应为 1 到 20 个工作日"),
        (("--announcement-days", "0"), "结果公告期限：应为 1 到 20 个工作日"),
        (("--contract-signed", "2026-09-28"), "合同签订日期：不能早于中标公告日期"),
        (("--contract-signed", "2026-13-01"), "合同签订日期"),
    ):
        refused = run_on(db, "tender", "edit", tid, *args)
        assert refused.returncode == 1 and said in refused.stderr, (args, refused.stderr)
        assert "Traceback" not in refused.stderr
    assert run_on(db, "tender", "show", tid, "--json").stdout == before
