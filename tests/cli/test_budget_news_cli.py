"""budget and news through the real entry point (app.main:main, as tests/cli_runner.py runs it)."""

from __future__ import annotations

import json

from cli_runner import new_archive, run_on


def _ok(db, *args) -> str:
    done = run_on(db, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _client(db, name: str, owner: str) -> None:
    _ok(db, "add-client", "--name", name, "--owner", owner)


def test_budget_set_list_show_and_delete(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _client(db, "北京华信科技有限公司", "王芳")
    _ok(
        db,
        "add-activity",
        "1",
        "--kind",
        "拜访",
        "--subject",
        "走访",
        "--at",
        "2026-11-03 09:00",
        "--expense",
        "1,280.50",
    )
    _ok(
        db,
        "add-activity",
        "1",
        "--kind",
        "拜访",
        "--subject",
        "回访",
        "--at",
        "2026-11-20 09:00",
        "--expense",
        "219.50",
    )
    assert "已设预算 2026-11 王芳 拜访：1,000.00 元" in _ok(
        db, "budget", "set", "2026-11", "--owner", "王芳", "--kind", "拜访", "--amount", "1,000"
    )
    _ok(db, "budget", "set", "2026-12", "--owner", "王芳", "--kind", "visit", "--amount", "2000")
    listed = json.loads(_ok(db, "budget", "list", "2026", "--json"))
    assert [(r["month"], r["kind"], r["amount"]) for r in listed] == [
        ("2026-11", "visit", "1000.00"),
        ("2026-12", "visit", "2000.00"),
    ]
    assert json.loads(_ok(db, "budget", "list", "2026-12", "--owner", "李强", "--json")) == []
    shown = json.loads(_ok(db, "budget", "show", "2026-11", "--json"))
    # spent 1,280.50 + 219.50 = 1,500.00 of 1,000.00: 500.00 over, 150.0% used
    assert shown["lines"] == [
        {
            "owner": "王芳",
            "kind": "visit",
            "budget": "1000.00",
            "spent": "1500.00",
            "remaining": "-500.00",
            "used_percent": "150.0",
        }
    ]
    year = json.loads(_ok(db, "budget", "show", "2026", "--json"))
    assert year["total"]["budget"] == "3000.00" and year["total"]["remaining"] == "1500.00"
    text = _ok(db, "budget", "show", "2026-11")
    assert "王芳\t拜访\t1,000.00\t1,500.00\t-500.00\t150.0%" in text
    _ok(db, "budget", "delete", "2026-11", "--owner", "王芳", "--kind", "拜访")
    assert len(json.loads(_ok(db, "budget", "list", "--json"))) == 1
    gone = run_on(db, "budget", "delete", "2026-11", "--owner", "王芳", "--kind", "拜访")
    assert gone.returncode == 1 and "费用预算" in gone.stderr and "不存在" in gone.stderr


def test_budget_refuses_bad_input_naming_the_field(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    for args, words in (
        (("2026-13", "--kind", "拜访", "--amount", "1"), "月份"),
        (("2026-11", "--kind", "出差", "--amount", "1"), "类型"),
        (("2026-11", "--kind", "拜访", "--amount", "abc"), "预算金额"),
        (("2026-11", "--kind", "拜访", "--amount", "1.001"), "预算金额"),
    ):
        done = run_on(db, "budget", "set", *args, "--owner", "王芳")
        assert done.returncode == 1 and words in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr


def test_news_add_list_edit_search_and_delete(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _client(db, "北京华信科技有限公司", "王芳")
    scan = tmp_path / "剪报.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    added = _ok(
        db,
        "news",
        "add",
        "北京华信科技有限公司",
        "--date",
        "2026-11-03",
        "--title",
        "华信智能电表项目公开招标公告",
        "--source",
        "政府采购网",
        "--url",
        "https://www.ccgp.gov.cn/cggg/1.htm",
        "--note",
        "预算三百万",
        "--file",
        scan,
    )
    assert (
        "#1 2026-11-03 北京华信科技有限公司 华信智能电表项目公开招标公告（政府采购网） [扫描件]"
        in added
    )
    _ok(
        db,
        "news",
        "add",
        "1",
        "--date",
        "2026-11-20",
        "--title",
        "华信新厂区投产",
        "--source",
        "报纸",
    )
    rows = json.loads(_ok(db, "news", "list", "1", "--json"))
    assert [r["title"] for r in rows] == [
        "华信新厂区投产",
        "华信智能电表项目公开招标公告",
    ]  # newest first
    assert rows[1]["url"] == "https://www.ccgp.gov.cn/cggg/1.htm" and rows[1]["scans"] == 1

    _ok(
        db, "news", "edit", "2", "--note", "新厂区需要采购配电设备", "--url", "http://example.com/a"
    )
    hits = json.loads(_ok(db, "search", "配电设备", "--json"))
    assert [(h["kind"], h["id"]) for h in hits] == [("news", 2)]
    assert "[客户动态] #1 华信智能电表项目公开招标公告" in _ok(db, "search", "智能电表")

    bad = run_on(db, "news", "edit", "2", "--url", "javascript:alert(1)")
    assert bad.returncode == 1 and "链接" in bad.stderr and "http" in bad.stderr
    assert json.loads(_ok(db, "news", "list", "--json"))[0]["url"] == "http://example.com/a"
    missing = run_on(db, "news", "add", "1", "--date", "2026-11-03", "--title", " ")
    assert missing.returncode == 1 and "标题" in missing.stderr

    refused = run_on(db, "news", "delete", "2")
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert "bin restore news 2" in _ok(db, "news", "delete", "2", "--yes")
    assert [r["id"] for r in json.loads(_ok(db, "news", "list", "--json"))] == [1]
    assert json.loads(_ok(db, "search", "配电设备", "--json")) == []
    _ok(db, "bin", "restore", "news", "2")
    assert json.loads(_ok(db, "search", "配电设备", "--json"))[0]["id"] == 2
