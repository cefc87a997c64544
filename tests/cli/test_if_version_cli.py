"""`edit-client --if-version N` and the other edit commands through the real entry point: a
record someone else changed after version N is not saved; the command exits 3 naming the
fields that changed, from what to what; `client --json` and `clients --json` show the version."""

from __future__ import annotations

import json

from cli_runner import run_cli as run


def _client(db) -> dict:
    out = run("client", "1", "--json", "--db", db)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_a_stale_if_version_is_refused_naming_the_field_and_nothing_changes(tmp_path):
    db = tmp_path / "a.sqlite3"
    added = run("add-client", "--name", "广州恒通贸易有限公司", "--owner", "张伟", "--db", db)
    assert added.returncode == 0, added.stderr
    assert _client(db)["version"] == 1
    listed = json.loads(run("clients", "--json", "--db", db).stdout)
    assert listed["clients"][0]["version"] == 1

    first = run("edit-client", "1", "--owner", "李娜", "--if-version", "1", "--db", db)
    assert first.returncode == 0, first.stderr
    assert _client(db)["version"] == 2

    stale = run("edit-client", "1", "--region", "华南", "--if-version", "1", "--db", db)
    assert stale.returncode == 3
    assert "此记录已被" in stale.stderr
    assert "客户经理 由“张伟”改为“李娜”；您的修改尚未保存。" in stale.stderr
    assert "Traceback" not in stale.stderr
    record = _client(db)
    assert (record["region"], record["owner"], record["version"]) == ("", "李娜", 2)

    # without --if-version a script saves as before
    plain = run("edit-client", "1", "--region", "华南", "--db", db)
    assert plain.returncode == 0, plain.stderr
    assert _client(db)["version"] == 3


def test_tender_edit_takes_if_version_and_shows_its_version(tmp_path):
    db = tmp_path / "a.sqlite3"
    made = run("tender", "add", "--title", "某市政务云项目", "--purchaser", "某市政务服务中心",
               "--db", db)  # fmt: skip
    assert made.returncode == 0, made.stderr
    shown = run("tender", "edit", "1", "--number", "ZB-2026-01", "--json", "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["version"] == 2
    stale = run("tender", "edit", "1", "--agency", "某代理公司", "--if-version", "1", "--db", db)
    assert stale.returncode == 3
    assert "项目编号 由（空）改为“ZB-2026-01”" in stale.stderr
