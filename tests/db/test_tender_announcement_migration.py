"""Migration 0020: a tender's result announcement period (working days). A tender made before it
gets the usual 1 working day (财政部令第87号 第六十九条: 中标公告期限为1个工作日), its other
details untouched; down to 0019 and up again."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from app.db import archive_file
from app.domain.tenders import TenderDraft, TenderStatus
from app.services import tenders
from app.services.archive import open_archive

NOW = datetime(2026, 11, 26, 10, 30)


def _columns(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[1] for row in conn.execute("PRAGMA table_info(tenders)")}
    finally:
        conn.close()


def test_an_older_tender_gets_one_working_day_and_keeps_its_dates(tmp_path):
    path = tmp_path / "a.sqlite3"
    archive = open_archive(path, clock=lambda: NOW)
    try:
        draft = TenderDraft(
            title="某项目",
            purchaser_name="某市政务服务中心",
            status=TenderStatus.LOST,
            award_notice_on=date(2026, 9, 29),
            announcement_days=3,
        )
        tender_id = tenders.create_tender(archive, draft).id
    finally:
        archive.close()
    archive_file.downgrade(path, "0019")
    assert "announcement_days" not in _columns(path)
    archive = open_archive(path, clock=lambda: NOW)
    try:
        assert archive_file.current_revision(path) == archive_file.head_revision()
        record = tenders.get_tender(archive, tender_id)
        assert record.draft.announcement_days == 1
        assert record.draft.award_notice_on == date(2026, 9, 29)
        # 1 working day from Tue 9-29 ends 9-30; 质疑 then runs to 10-15 (across 国庆)
        assert record.challenge_until == date(2026, 10, 15)
    finally:
        archive.close()
