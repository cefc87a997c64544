"""A meeting time or bid deadline on a day that does not exist (2026-02-30 09:00) is refused as
such, naming the field, as a date alone is; text that is no date at all is still said to be
one nobody can read. Nothing is saved either way."""

from __future__ import annotations

import json

import pytest
from cli_runner import new_archive
from cli_runner import run_cli as run

CASES = [
    ("2026-02-30 09:00", "日期不存在“2026-02-30 09:00”"),
    ("2026-13-01", "日期不存在“2026-13-01”"),
    ("明天", "无法识别的日期“明天”"),
    ("2026-12-30 25:00", "无法识别的日期“2026-12-30 25:00”"),
]


@pytest.mark.parametrize(("typed", "said"), CASES)
def test_meeting_time_and_bid_deadline(tmp_path, typed, said):
    db = new_archive(tmp_path / "a.sqlite3")

    meeting = run("minutes", "add", "--title", "例会", "--time", typed, "--db", db)
    tender = ("tender", "add", "--title", "医疗设备采购项目", "--purchaser", "某市人民医院")
    bid = run(*tender, "--deadline", typed, "--db", db)

    assert meeting.returncode == 1 and f"会议时间：{said}" in meeting.stderr
    assert bid.returncode == 1 and f"投标截止时间：{said}" in bid.stderr
    assert "Traceback" not in meeting.stderr + bid.stderr
    assert json.loads(run("minutes", "list", "--json", "--db", db).stdout) == []
    assert json.loads(run("tender", "list", "--json", "--db", db).stdout) == []
