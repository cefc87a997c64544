"""`history KIND ID [--json]`, `history` (the latest changes) and `user` through the real entry
point."""

from __future__ import annotations

import json
from dataclasses import replace

from cli_runner import new_archive
from cli_runner import run_cli as run

from app.services import clients
from app.services.archive import open_archive


def _ok(*args):
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_history_of_a_client_as_json_names_who_when_and_each_field(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    assert "记录修改人：王芳" in _ok("user", "--set", "王芳", "--db", db)
    _ok(
        "add-client", "--name", "北京华信科技有限公司", "--tier", "B", "--owner", "李娜", "--db", db
    )
    archive = open_archive(db)
    try:  # the edit a window would make
        record = clients.get_client(archive, 1)
        clients.update_client(archive, 1, replace(record.draft(), tier="A"))
    finally:
        archive.close()

    entries = json.loads(_ok("history", "client", "1", "--json", "--db", db))
    assert [e["action"] for e in entries] == ["edit", "create"]
    edit = entries[0]
    assert edit["user"] == "王芳" and edit["kind"] == "client" and edit["record_id"] == 1
    assert edit["title"] == "北京华信科技有限公司"
    assert edit["action_label"] == "修改"
    assert edit["changes"] == [{"field": "tier", "label": "等级", "old": "B", "new": "A"}]
    assert edit["lines"] == ["等级：B → A"]
    assert edit["at"][:4].isdigit()
    assert {"field": "owner", "label": "客户经理", "old": None, "new": "李娜"} in entries[1][
        "changes"
    ]

    text = _ok("history", "客户", "1", "--db", db)
    assert "王芳  修改" in text and "  等级：B → A" in text
    english = run("history", "client", "1", "--db", db, env_lang="en")
    assert "Tier: B → A" in english.stdout and "Edited" in english.stdout


def test_an_import_is_one_entry_and_unknown_kinds_are_refused(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    source = tmp_path / "clients.csv"
    rows = ["客户名称,客户等级"] + [f"测试客户{i}有限公司,B" for i in range(1, 13)]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _ok("import", "clients", source, "--db", db)

    entries = json.loads(_ok("history", "--json", "--db", db))
    assert [(e["action"], e["kind"], e["count"]) for e in entries] == [("bulk", "client", 12)]
    assert "批量  客户 12 条 导入客户 clients.csv" in _ok("history", "--db", db)
    assert "客户 #3 没有修改记录。" in _ok("history", "client", "3", "--db", db)

    refused = run("history", "clients", "1", "--db", db)
    assert refused.returncode == 1
    assert "类型：无法识别“clients”" in refused.stderr and "Traceback" not in refused.stderr


def test_user_goes_back_to_the_login_and_refuses_a_too_long_name(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("user", "--set", "王芳", "--db", db)
    shown = json.loads(_ok("user", "--set", "", "--json", "--db", db))
    assert shown["chosen"] == "" and shown["user"] == shown["login"]
    refused = run("user", "--set", "长" * 101, "--db", db)
    assert refused.returncode == 1
    assert "记录修改人：太长（最多 100 字）" in refused.stderr
