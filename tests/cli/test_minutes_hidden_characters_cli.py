"""Minutes keep no characters nobody can see: control characters, zero-width spaces and NUL
pasted into 议题, 讨论要点, 议定事项, an item's 事项 or its 落实情况 are dropped as every other
field drops them, and a 落实情况 of nothing but such characters does not close an item. A wrong
完成时限 is refused naming its item."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run


def _meeting(db) -> int:
    done = run(
        "minutes",
        "add",
        "--title",
        "项目推进会",
        "--agenda",
        "议题\x01一",
        "--discussion",
        "讨论\u200b要点\x1b[31m",
        "--decision",
        "报价\x07下浮",
        "--action",
        "提交\x02报价|王芳|2999-03-05",
        "--db",
        db,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip())


def test_hidden_characters_are_dropped_from_the_minutes(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    meeting_id = _meeting(db)

    shown = json.loads(run("minutes", "show", meeting_id, "--json", "--db", db).stdout)

    assert shown["agenda"] == "议题一"
    assert shown["discussion"] == "讨论要点[31m"
    assert shown["decisions"] == ["报价下浮"]
    assert [a["task"] for a in shown["actions"]] == ["提交报价"]


def test_an_invisible_result_does_not_close_an_item(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _meeting(db)
    [item] = json.loads(run("actions", "--json", "--db", db).stdout)

    for result in ("\u200b", "\x01 \x02", "\ufeff"):
        refused = run("action", "close", item["id"], "--result", result, "--db", db)
        assert refused.returncode == 1, result
        assert "落实情况：关闭事项前必须填写" in refused.stderr
        assert "Traceback" not in refused.stderr

    assert [a["status"] for a in json.loads(run("actions", "--json", "--db", db).stdout)] == [
        "未开始"
    ]
    closed = run("action", "close", item["id"], "--result", "已\x01提交", "--db", db)
    assert closed.returncode == 0, closed.stderr
    assert "已提交" in closed.stdout and "\x01" not in closed.stdout


def test_a_wrong_due_date_names_its_item(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    items = ("--action", "提交报价|王芳|2026-12-01", "--action", "送样|李强|2026-02-30")

    refused = run("minutes", "add", "--title", "例会", *items, "--db", db)

    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "完成时限：第 2 项的日期“2026-02-30”不存在" in refused.stderr
    assert json.loads(run("minutes", "list", "--json", "--db", db).stdout) == []
