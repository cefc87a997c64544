"""Contacts, activities, attachments, overdue visits and settings through the real entry point."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_on as run


def test_activity_life_cycle_and_overdue_list(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    assert (
        run(
            db,
            "add-client",
            "--name",
            "深圳华强电子有限公司",
            "--tier",
            "A",
            "--key",
            "--created-on",
            "2026-01-05",
        ).returncode
        == 0
    )
    assert run(db, "add-client", "--name", "上海浦江物流有限公司", "--tier", "D").returncode == 0
    assert (
        run(db, "add-contact", "1", "--name", "李四", "--mobile", "+86 139 1234 5678").returncode
        == 0
    )
    visit = run(
        db,
        "add-activity",
        "1",
        "--kind",
        "拜访",
        "--subject",
        "季度拜访",
        "--at",
        "2020-01-01 09:00",
        "--expense",
        "¥1,234.50",
        "--json",
    )
    assert visit.returncode == 0, visit.stderr
    assert json.loads(visit.stdout)["expense"] == "1234.50"
    complaint = run(db, "add-activity", "1", "--kind", "complaint", "--subject", "交货延迟")
    complaint_id = complaint.stdout.strip()
    listed = json.loads(run(db, "activities", "--open-complaints", "--json").stdout)
    assert [a["id"] for a in listed["activities"]] == [int(complaint_id)]
    assert run(db, "close-complaint", complaint_id, "--resolution", "补发并道歉").returncode == 0
    assert json.loads(run(db, "activities", "--open-complaints", "--json").stdout)["total"] == 0

    overdue = json.loads(run(db, "overdue", "--json").stdout)
    assert [c["name"] for c in overdue["clients"]] == ["深圳华强电子有限公司"]
    assert overdue["clients"][0]["last_visit_on"] == "2020-01-01"
    assert run(db, "intervals", "--set", "A=100000").returncode == 1
    assert run(db, "intervals", "--set", "A=3650").returncode == 0


def test_attachments_round_trip_and_check(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    run(db, "add-client", "--name", "某公司")
    doc = tmp_path / "合同扫描.pdf"
    doc.write_bytes(b"%PDF-1.4 scan")
    added = run(db, "attach", "client", "1", doc)
    assert added.returncode == 0, added.stderr
    listed = json.loads(run(db, "attachments", "client", "1", "--json").stdout)
    assert [a["original_name"] for a in listed] == ["合同扫描.pdf"]
    assert run(db, "check").returncode == 0
    assert run(db, "detach", listed[0]["id"]).returncode == 0
    assert json.loads(run(db, "attachments", "client", "1", "--json").stdout) == []


def test_bad_input_exits_1_naming_the_field(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    run(db, "add-client", "--name", "某公司")
    bad_kind = run(db, "add-activity", "1", "--kind", "吃饭", "--subject", "x")
    assert bad_kind.returncode == 1 and "类型" in bad_kind.stderr
    bad_mobile = run(db, "add-contact", "1", "--name", "张三", "--mobile", "12345")
    assert bad_mobile.returncode == 1 and "手机" in bad_mobile.stderr
    bad_uscc = run(db, "company", "--uscc", "913502033909960330")
    assert bad_uscc.returncode == 1 and "统一社会信用代码" in bad_uscc.stderr
    missing_arg = run(db, "add-activity", "1")
    assert missing_arg.returncode == 1 and "--kind" in missing_arg.stderr
