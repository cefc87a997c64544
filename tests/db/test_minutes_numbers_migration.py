"""Migration 0012: minutes written before it get their 纪要编号 by meeting time within each year,
the year's counter continues after them, and the revision goes down and up again."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from app.db import archive_file
from app.domain.minutes import MeetingDraft
from app.services import minutes
from app.services.archive import open_archive

NOW = datetime(2026, 11, 26, 10, 30)
STAMP = "2026-11-01 09:00:00.000000"
# (id, held_at): ids not in meeting order, two years
MEETINGS = (
    (1, "2026-03-05 09:00:00.000000"),
    (2, "2025-12-30 15:00:00.000000"),
    (3, "2026-01-08 10:00:00.000000"),
    (4, "2025-06-01 09:30:00.000000"),
)


def _sql(path, statement: str, *params) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        with conn:
            return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


def _archive_at_0010_with_minutes(path) -> None:
    archive_file.migrate(path, target="0010")
    for meeting_id, held_at in MEETINGS:
        _sql(
            path,
            "INSERT INTO meetings (id, title, held_at, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            meeting_id,
            f"会议{meeting_id}",
            held_at,
            STAMP,
            STAMP,
        )


def test_existing_minutes_are_numbered_by_date_within_their_year(tmp_path):
    path = tmp_path / "a.sqlite3"
    _archive_at_0010_with_minutes(path)
    archive = open_archive(path, clock=lambda: NOW)
    try:
        numbers = {i: minutes.get_meeting(archive, i).number for i, _ in MEETINGS}
        assert numbers == {
            4: "〔2025〕第1期",
            2: "〔2025〕第2期",
            3: "〔2026〕第1期",
            1: "〔2026〕第2期",
        }
        assert minutes.get_meeting(archive, 1).distribution == ""
        new = minutes.create_meeting(
            archive, MeetingDraft("周例会", datetime(2026, 11, 20, 9), distribution="大客户部")
        )
        assert new.number == "〔2026〕第3期" and new.distribution == "大客户部"
    finally:
        archive.close()


def test_down_to_0010_and_up_again(tmp_path):
    path = tmp_path / "a.sqlite3"
    _archive_at_0010_with_minutes(path)
    open_archive(path, clock=lambda: NOW).close()
    archive_file.downgrade(path, "0010")
    columns = {row[1] for row in _sql(path, "PRAGMA table_info(meetings)")}
    assert not {"number_year", "number_seq", "distribution", "copies_to"} & columns
    assert _sql(path, "SELECT count(*) FROM number_sequences WHERE scope = 'minutes'") == [(0,)]
    assert _sql(path, "SELECT count(*) FROM meetings") == [(4,)]
    archive = open_archive(path, clock=lambda: NOW)
    try:
        assert minutes.get_meeting(archive, 1).number == "〔2026〕第2期"
    finally:
        archive.close()
