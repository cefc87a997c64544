"""The recycle bin and the edit/delete twins through the real entry point: edit-client keeps
what is not given, delete-client asks for --yes and says how to get the client back, bin list
--json names each item, bin restore puts it back with its contact and file, bin purge asks
too."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_on as run

from app.services import attachments
from app.services.archive import open_archive


def _ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def _client_with_contact_and_file(db, tmp_path) -> bytes:
    _ok(run(db, "add-client", "--name", "北京恒信贸易有限公司", "--tier", "B", "--region", "华北"))
    _ok(run(db, "add-contact", "1", "--name", "张伟", "--mobile", "13800138000"))
    scan = tmp_path / "营业执照.pdf"
    scan.write_bytes(b"%PDF-1.4 licence scan")
    _ok(run(db, "attach", "client", "1", scan))
    return scan.read_bytes()


def test_delete_client_list_the_bin_and_restore_it(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    content = _client_with_contact_and_file(db, tmp_path)

    edited = json.loads(_ok(run(db, "edit-client", "1", "--tier", "D", "--key", "--json")))
    assert (edited["tier"], edited["is_key_account"], edited["region"]) == ("D", True, "华北")

    refused = run(db, "delete-client", "1")
    assert refused.returncode == 1
    assert "删除客户“北京恒信贸易有限公司”会把它移入回收站，请加 --yes 确认" in refused.stderr
    assert json.loads(_ok(run(db, "clients", "--json")))["total"] == 1

    deleted = _ok(run(db, "delete-client", "1", "--yes"))
    assert "客户“北京恒信贸易有限公司”已移入回收站" in deleted
    assert "sales-compass bin restore client 1" in deleted
    assert json.loads(_ok(run(db, "clients", "--json")))["total"] == 0
    assert json.loads(_ok(run(db, "search", "恒信", "--json"))) == []

    listed = json.loads(_ok(run(db, "bin", "list", "--json")))
    [item] = listed["items"]
    assert (item["kind"], item["id"], item["title"]) == ("client", 1, "北京恒信贸易有限公司")
    assert item["deleted_by"] and item["deleted_at"]
    assert listed["retention_days"] == 90
    assert json.loads(_ok(run(db, "bin", "list", "--kind", "contact", "--json")))["items"] == []
    assert "北京恒信贸易有限公司" in _ok(run(db, "bin", "list"))

    contact = run(db, "bin", "restore", "contact", "1")
    assert contact.returncode == 1 and "恢复客户“北京恒信贸易有限公司”" in contact.stderr

    restored = _ok(run(db, "bin", "restore", "client", "1"))
    assert "已恢复客户 #1“北京恒信贸易有限公司”" in restored
    client = json.loads(_ok(run(db, "client", "1", "--json")))
    assert (client["tier"], client["contacts"][0]["name"]) == ("D", "张伟")
    [attachment] = json.loads(_ok(run(db, "attachments", "client", "1", "--json")))
    assert attachment["original_name"] == "营业执照.pdf"
    assert json.loads(_ok(run(db, "bin", "list", "--json")))["items"] == []
    assert json.loads(_ok(run(db, "search", "恒信", "--json")))[0]["id"] == 1
    _ok(run(db, "check"))
    history = _ok(run(db, "history", "client", "1"))
    assert "删除" in history and "恢复" in history
    archive = open_archive(db)  # the file itself, byte for byte
    try:
        copy = attachments.copy_out(archive, attachment["id"], tmp_path / "out")
    finally:
        archive.close()
    assert copy.read_bytes() == content


def test_purge_asks_for_yes_and_deletes_for_good(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _client_with_contact_and_file(db, tmp_path)
    _ok(run(db, "delete-client", "1", "--yes"))

    refused = run(db, "bin", "purge", "client", "1")
    assert refused.returncode == 1
    assert "彻底删除客户“北京恒信贸易有限公司”后无法恢复，请加 --yes 确认" in refused.stderr
    assert _ok(run(db, "bin", "purge", "--older-than", "30", "--yes")).strip() == "已彻底删除 0 项"
    assert "已彻底删除 1 项" in _ok(run(db, "bin", "purge", "client", "1", "--yes"))
    assert json.loads(_ok(run(db, "bin", "list", "--json")))["items"] == []
    gone = run(db, "bin", "restore", "client", "1")
    assert gone.returncode == 1 and "回收站中没有客户 #1" in gone.stderr
    _ok(run(db, "check"))  # no file left behind, none missing

    assert "回收站保留 30 天" in _ok(run(db, "bin", "retention", "30"))
    bad = run(db, "bin", "retention", "0")
    assert bad.returncode == 1 and "回收站保留天数" in bad.stderr


def test_edit_and_delete_contacts_and_activities(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok(run(db, "add-client", "--name", "上海浦江物流有限公司"))
    _ok(run(db, "add-contact", "1", "--name", "李四", "--title", "经理", "--mobile", "13912345678"))
    said = _ok(run(db, "edit-contact", "1", "--title", "采购总监", "--decision-maker"))
    assert said.startswith("已修改联系人 #1“")
    [contact] = json.loads(_ok(run(db, "client", "1", "--json")))["contacts"]
    assert (contact["title"], contact["mobile"], contact["is_decision_maker"]) == (
        "采购总监",
        "13912345678",
        True,
    )
    bad = run(db, "edit-contact", "1", "--mobile", "12345")
    assert bad.returncode == 1 and "手机" in bad.stderr

    visit = _ok(run(db, "add-activity", "1", "--kind", "拜访", "--subject", "季度拜访"))
    activity_id = visit.strip()
    edited = json.loads(
        _ok(
            run(
                db,
                "edit-activity",
                activity_id,
                "--subject",
                "年度拜访",
                "--expense",
                "88.50",
                "--json",
            )
        )
    )
    assert (edited["subject"], edited["expense"], edited["kind"]) == ("年度拜访", "88.50", "visit")
    said = _ok(run(db, "edit-activity", activity_id, "--subject", "年度回访"))
    assert said.strip() == f"已修改活动 #{activity_id}“年度回访”"

    assert run(db, "delete-activity", activity_id).returncode == 1
    assert "bin restore activity" in _ok(run(db, "delete-activity", activity_id, "--yes"))
    assert "bin restore contact 1" in _ok(run(db, "delete-contact", "1", "--yes"))
    kinds = [i["kind"] for i in json.loads(_ok(run(db, "bin", "list", "--json")))["items"]]
    assert sorted(kinds) == ["activity", "contact"]
    _ok(run(db, "bin", "restore", "activity", activity_id))
    _ok(run(db, "bin", "restore", "contact", "1"))
    assert json.loads(_ok(run(db, "activities", "--json")))["total"] == 1
    assert json.loads(_ok(run(db, "client", "1", "--json")))["contacts"][0]["name"] == "李四"


def test_the_english_command_line(tmp_path):
    from cli_runner import run_cli

    db = new_archive(tmp_path / "a.sqlite3")
    _ok(run(db, "add-client", "--name", "某公司"))
    deleted = run_cli("delete-client", "1", "--yes", "--db", db, env_lang="en")
    assert "Moved the client '某公司' to the recycle bin" in deleted.stdout
    unknown = run_cli("bin", "restore", "order", "1", "--db", db, env_lang="en")
    assert unknown.returncode == 1 and "unknown 'order'" in unknown.stderr
