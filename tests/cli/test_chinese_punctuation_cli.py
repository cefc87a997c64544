"""The command line's own words are in Chinese punctuation where they are Chinese
(公司名称：…, #1 已完成：…, （共 N 家逾期）), as the window and the printed documents say them;
numbers, times and dates keep theirs (09:30, 1,280.00), and --json is data, left alone."""

from __future__ import annotations

import json
import re

from cli_runner import new_archive, run_on

# an ASCII mark touching a Chinese character: what the output must not have
ASCII_BESIDE_HANZI = re.compile(r"[\u4e00-\u9fff）][,:;!?()]|[,:;!?()][\u4e00-\u9fff（]")


def _ok(db, *args) -> str:
    done = run_on(db, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _archive(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok(db, "company", "--name", "华信科技有限公司", "--legal-representative", "王建国")
    _ok(db, "add-client", "--name", "北京恒信医疗器械有限公司", "--tier", "A", "--owner", "张伟")
    _ok(
        db, "minutes", "add", "--title", "恒信项目推进", "--time", "2026-11-20 09:30",
        "--place", "三楼会议室", "--decision", "报价下浮 3%", "--action", "提交报价单|王芳|2026-11-23",
        "--distribution", "公司领导", "--client", "1",
    )  # fmt: skip
    return db


def test_everyday_output_in_chinese_punctuation(tmp_path):
    db = _archive(tmp_path)
    company = _ok(db, "company")
    assert "公司名称：华信科技有限公司" in company and "法定代表人：王建国" in company
    closed = _ok(db, "action", "close", "1", "--result", "已报价")
    assert closed.strip() == "#1 已完成：已报价"
    shown = _ok(db, "minutes", "show", "1")
    assert "时间：2026-11-20 09:30" in shown and "分送：公司领导" in shown
    outputs = {
        "company": company,
        "client": _ok(db, "client", "1"),
        "clients": _ok(db, "clients"),
        "overdue": _ok(db, "overdue"),
        "minutes show": shown,
        "actions": _ok(db, "actions"),
        "intervals": _ok(db, "intervals"),
    }
    for name, text in outputs.items():
        assert not ASCII_BESIDE_HANZI.search(text), (name, text)


def test_json_keeps_the_data_as_stored(tmp_path):
    db = _archive(tmp_path)
    data = json.loads(_ok(db, "minutes", "show", "1", "--json"))
    assert data["held_at"].startswith("2026-11-20") and data["title"] == "恒信项目推进"
    assert json.loads(_ok(db, "company", "--json"))["name"] == "华信科技有限公司"


def test_stats_budgets_analyses_and_templates_in_chinese_punctuation(tmp_path):
    """tender stats (公开招标：中标 …), the expenses of a client without an account manager under
    （未分配） in budget show and the analyses (their --json keeps the data's key), and the
    receipts template's 填写说明 (选填，如 银行转账、承兑汇票) a person reads in the workbook."""
    from openpyxl import load_workbook

    db = new_archive(tmp_path / "a.sqlite3")
    _ok(db, "add-client", "--name", "深圳恒达贸易有限公司")  # no account manager
    _ok(db, "add-activity", "1", "--kind", "电话", "--subject", "回访", "--expense", "88",
        "--at", "2026-11-10 10:00")  # fmt: skip
    tender = ("--purchaser", "采购中心", "--deadline", "2026-12-10 09:30")
    _ok(db, "tender", "add", "--title", "项目A", *tender)
    stats = _ok(db, "tender", "stats")
    assert stats.startswith("公开招标：中标 0 未中标 0 其他 1 中标率 —")
    budget = _ok(db, "budget", "show", "2026-11")
    assert "（未分配）\t电话\t0.00\t88.00" in budget
    owners = _ok(db, "analysis", "客户经理", "--month", "2026-11")
    assert "\n（未分配）\t0\t" in owners
    costs = _ok(db, "analysis", "费用", "--month", "2026-11")
    assert "深圳恒达贸易有限公司\t（未分配）\t88.00" in costs
    _ok(db, "template", "receipts", tmp_path / "r.xlsx")
    sheet = load_workbook(tmp_path / "r.xlsx")["填写说明"]
    notes = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert notes["方式"] == "选填，如 银行转账、承兑汇票"
    assert notes["金额"] == "必填。大于 0，如 12,345.60"  # the number keeps its comma
    texts = {"stats": stats, "budget": budget, "owners": owners, "costs": costs, **notes}
    for name, text in texts.items():
        assert not ASCII_BESIDE_HANZI.search(text), (name, text)
    data = json.loads(_ok(db, "budget", "show", "2026-11", "--json"))
    assert data["lines"][0]["owner"] == "(未分配)"  # data, as stored and computed
