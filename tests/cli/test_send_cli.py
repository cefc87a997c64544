"""`document send` (登记发文) and `letters add --answers` through the real entry point: the
approved 函 is numbered with its kind's 机关代字, registered as 发文 with its date and scan, and
the 收文 it answers shows 已复函 and leaves the overdue list."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run


def _ok(*args: object) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _letter_document(db, client_id: int) -> None:
    sets = ["subject=调价事宜", "body=现就调价事宜函复如下。", "sender=张三"]
    _ok(
        "document",
        "new",
        "--kind",
        "letter",
        "--template",
        "letter",
        "--client",
        client_id,
        *[x for s in sets for x in ("--set", s)],
        "--db",
        db,
    )


def _incoming(db, title: str) -> dict:
    return json.loads(
        _ok(
            "letters",
            "add",
            "--incoming",
            "--title",
            title,
            "--counterpart",
            "北京恒信贸易有限公司",
            "--date",
            "2026-11-20",
            "--reply-due",
            "2026-11-30",
            "--json",
            "--db",
            db,
        )
    )


def test_send_registers_the_letter_with_its_number_date_scan_and_answer(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("company", "--name", "华信科技有限公司", "--phone", "010-88886666", "--db", db)
    _ok("documents", "prefix", "letter", "华信函", "--db", db)
    _ok("documents", "prefix", "notice", "华信通", "--db", db)
    client = json.loads(_ok("add-client", "--name", "北京恒信贸易有限公司", "--json", "--db", db))
    asked = _incoming(db, "关于调价的函")
    assert [
        x["id"] for x in json.loads(_ok("letters", "list", "--overdue", "--json", "--db", db))
    ] == [asked["id"]]
    _letter_document(db, client["id"])

    refused = run("document", "send", "1", "--db", db)  # still a draft
    assert refused.returncode != 0 and "批准" in refused.stderr
    assert "Traceback" not in refused.stderr
    _ok("document", "submit", "1", "--db", db)
    _ok("document", "approve", "1", "--db", db)
    wrong = run("document", "send", "1", "--answers", "999", "--db", db)
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    assert json.loads(_ok("letters", "list", "--outgoing", "--json", "--db", db)) == []

    out = _ok("document", "send", "1", "--date", "2026-12-05", "--answers", asked["id"], "--db", db)
    assert "华信函〔2026〕1号" in out and "已复函" in out and "华信函〔2026〕1号.pdf" in out
    [sent] = json.loads(_ok("letters", "list", "--outgoing", "--json", "--db", db))
    assert sent["number"] == "华信函〔2026〕1号" and sent["dated_on"] == "2026-12-05"
    assert sent["reply_to_id"] == asked["id"] and sent["document_id"] == 1
    [incoming] = json.loads(_ok("letters", "list", "--incoming", "--json", "--db", db))
    assert incoming["status"] == "已复函"
    assert json.loads(_ok("letters", "list", "--overdue", "--json", "--db", db)) == []
    shown = json.loads(_ok("document", "show", "1", "--json", "--db", db))
    assert shown["document"]["doc_number"] == "华信函〔2026〕1号"


def test_send_with_a_scan_and_a_hand_entered_reply(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("company", "--name", "华信科技有限公司", "--db", db)
    _ok("documents", "prefix", "letter", "华信函", "--db", db)
    client = json.loads(_ok("add-client", "--name", "北京恒信贸易有限公司", "--json", "--db", db))
    _letter_document(db, client["id"])
    _ok("document", "submit", "1", "--db", db)
    _ok("document", "approve", "1", "--db", db)
    missing = run("document", "send", "1", "--scan", tmp_path / "none.pdf", "--db", db)
    assert missing.returncode != 0 and "扫描件" in missing.stderr
    scan = tmp_path / "盖章件.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert "盖章件.pdf" in _ok("document", "send", "1", "--scan", scan, "--db", db)

    asked = _incoming(db, "询价函")
    reply = json.loads(
        _ok(
            "letters",
            "add",
            "--outgoing",
            "--title",
            "关于询价的复函",
            "--counterpart",
            "北京恒信贸易有限公司",
            "--answers",
            asked["id"],
            "--json",
            "--db",
            db,
        )
    )
    assert reply["number"] == "华信函〔2026〕2号"  # the 函 counter, after the sent letter
    assert reply["reply_to_id"] == asked["id"]
    statuses = {
        x["title"]: x["status"]
        for x in json.loads(_ok("letters", "list", "--incoming", "--json", "--db", db))
    }
    assert statuses == {"询价函": "已复函"}
