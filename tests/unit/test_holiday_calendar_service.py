"""Days entered from the State Council's notice count at once in every deadline, plan and
report of the archive they are entered in, and only there."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import ValidationError, ValidationErrors
from app.domain.tenders import TenderDraft
from app.services import holiday_calendar, plans, tenders
from app.services.analysis.report import monthly_report
from app.services.archive import copy_database, open_archive

pytestmark = pytest.mark.both_backends

D = date


def test_entered_days_move_tender_deadlines_at_once(archive):
    """政府采购: the deposit back within 5 working days of the award notice; 质疑 within 7
    working days of the end of the result announcement (1 working day). Award notice Thu
    2027-02-04. By the statutory fallback alone Fri 5 (除夕) and Mon 8 (初三) are off: refund
    +5 = Mon 15 Feb; the announcement ends Tue 9, +7 = Thu 18 Feb. With the notice's 9-11 Feb
    entered as 休: refund Fri 12 (1), Mon 15 (2), Tue 16 (3), Wed 17 (4), Thu 18 (5); the
    announcement ends Fri 12, +7 = Tue 23 Feb."""
    draft = TenderDraft("X 采购项目", purchaser_name="某医院", award_notice_on=D(2027, 2, 4))
    tender = tenders.create_tender(archive, draft)
    assert (tender.refund_due, tender.challenge_until) == (D(2027, 2, 15), D(2027, 2, 18))
    assert tender.calendar_official is False
    holiday_calendar.set_days(archive, "2027-02-09..2027-02-11", off=True, name="春节")
    again = tenders.get_tender(archive, tender.id)
    assert (again.refund_due, again.challenge_until) == (D(2027, 2, 18), D(2027, 2, 23))
    assert again.calendar_official is True
    events = {e.label: e.when.date() for e in tenders.tender_dates(again)}
    assert events["质疑截止"] == D(2027, 2, 18)  # without the archive's calendar: the rule alone
    holiday_calendar.clear_days(archive, "2027-02-09..2027-02-11")
    assert tenders.get_tender(archive, tender.id).challenge_until == D(2027, 2, 18)


def test_entered_days_count_in_the_plan_and_the_report(archive):
    assert len(plans.get_plan(archive, 2027, 2).split.calendar.working_days) == 18
    holiday_calendar.set_days(archive, "2027-02-09..2027-02-11", off=True, name="春节")
    holiday_calendar.set_days(archive, "2027-02-20", off=False, name="春节")
    cal = plans.get_plan(archive, 2027, 2).split.calendar
    assert len(cal.working_days) == 18 - 3 + 1 and cal.makeup_days == (D(2027, 2, 20),)
    assert cal.note == ""  # 已公布
    report = monthly_report(archive, 2027, 1)  # its 下月计划 is February
    assert report.next_plan.working_days == 16 and report.next_plan.calendar_note == ""


def test_two_archives_in_one_process_keep_their_own_days(archive, tmp_path, migrated_template):
    other_path = tmp_path / "other.sqlite3"
    copy_database(migrated_template, other_path)
    other = open_archive(other_path)
    try:
        holiday_calendar.set_days(archive, "2027-03-01", off=True, name="公司假")
        assert len(plans.get_plan(archive, 2027, 3).split.calendar.working_days) == 22
        assert len(plans.get_plan(other, 2027, 3).split.calendar.working_days) == 23
        assert holiday_calendar.load(other).entered == ()
    finally:
        other.close()


def test_a_bad_csv_enters_nothing(archive, tmp_path):
    holiday_calendar.set_days(archive, "2027-01-04", off=True)
    bad = tmp_path / "notice.csv"
    bad.write_text("2027-02-09,休,春节\n2027-02-31,休,春节\n", encoding="utf-8")
    with pytest.raises(ValidationErrors) as refused:
        holiday_calendar.import_csv(archive, bad)
    assert refused.value.problems[0].details["row"] == 2
    assert [e.day for e in holiday_calendar.load(archive).entered] == [D(2027, 1, 4)]


def test_a_gbk_csv_with_a_header_is_read(archive, tmp_path):
    path = tmp_path / "notice.csv"
    path.write_bytes(
        "日期,休/班,名称\r\n2027-02-09,休,春节\r\n2027-02-20,班,春节\r\n".encode("gbk")
    )
    assert holiday_calendar.import_csv(archive, path) == 2
    entered = holiday_calendar.load(archive).entered
    assert [(e.day, e.off, e.name) for e in entered] == [
        (D(2027, 2, 9), True, "春节"),
        (D(2027, 2, 20), False, "春节"),
    ]


def test_an_unreadable_file_and_a_bad_year_are_refused(archive, tmp_path):
    with pytest.raises(ValidationError) as refused:
        holiday_calendar.import_csv(archive, tmp_path / "missing.csv")
    assert refused.value.code == "calendar_file_unreadable"
    with pytest.raises(ValidationError):
        holiday_calendar.year_calendar(archive, 2100)
    with pytest.raises(ValidationError) as long_name:
        holiday_calendar.set_days(archive, "2027-01-04", off=True, name="假" * 31)
    assert long_name.value.field == "calendar_name"


def test_year_calendar_reports_sources_status_and_months(archive):
    holiday_calendar.set_days(archive, "2027-02-20", off=False, name="春节")
    year = holiday_calendar.year_calendar(archive, 2027)
    assert year.status == "已公布"
    sources = {d.day: d.source.value for d in year.days}
    assert sources[D(2027, 2, 20)] == "已录入" and sources[D(2027, 2, 5)] == "法定推算"
    assert year.months[1].working_days == 19
    assert holiday_calendar.year_calendar(archive, 2030).status == "调休未公布"
    assert holiday_calendar.year_calendar(archive, 2026).status == "已公布"
