"""`sales-compass client ID --timeline` through the real entry point."""

from __future__ import annotations

import json

from cli_runner import run_on as run


def test_client_timeline_merges_activities_and_tenders(tmp_path):
    db = tmp_path / "t.sqlite3"
    assert run(db, "add-client", "--name", "某市人民医院").returncode == 0
    visit = run(
        db,
        "add-activity",
        "1",
        "--kind",
        "拜访",
        "--subject",
        "季度拜访",
        "--at",
        "2026-10-01 09:00",
    )
    assert visit.returncode == 0, visit.stderr
    tender = run(
        db,
        "tender",
        "add",
        "--title",
        "医疗设备采购项目",
        "--number",
        "YY-2026-01",
        "--purchaser",
        "某市人民医院",
        "--budget",
        "500000",
        "--deadline",
        "2026-11-03 09:30",
        "--json",
    )
    assert tender.returncode == 0, tender.stderr
    tender_id = json.loads(tender.stdout)["id"]

    shown = run(db, "client", "1", "--timeline", "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["counts"] == {"activity": 1, "meeting": 0, "tender": 1}
    assert [(e["kind"], e["id"], e["when"], e["title"]) for e in data["entries"]] == [
        ("tender", tender_id, "2026-11-03 09:30", "医疗设备采购项目"),
        ("activity", int(visit.stdout), "2026-10-01 09:00", "季度拜访"),
    ]
    assert data["entries"][0]["bid_deadline"] == "2026-11-03 09:30"

    only = run(db, "client", "1", "--timeline", "--kind", "activity", "--json")
    assert [e["kind"] for e in json.loads(only.stdout)["entries"]] == ["activity"]
    limited = json.loads(run(db, "client", "1", "--timeline", "--limit", "1", "--json").stdout)
    assert len(limited["entries"]) == 1 and limited["truncated"]

    text = run(db, "client", "1", "--timeline")
    assert text.returncode == 0
    lines = text.stdout.splitlines()
    assert lines[0].startswith("2026-11-03 09:30  投标") and "投标截止 2026-11-03 09:30" in lines[0]
    assert "活动" in lines[1] and "[拜访] 季度拜访" in lines[1]

    missing = run(db, "client", "99", "--timeline")
    assert missing.returncode == 1 and "99" in missing.stderr
