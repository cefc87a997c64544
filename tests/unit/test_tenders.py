"""Tender rules and the tender register services."""

import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from app.domain.errors import ValidationError, ValidationErrors
from app.domain.tenders import (
    TenderDraft,
    TenderStatus,
    bid_deposit_too_high,
    can_move,
    challenge_deadline,
    contract_due,
    deposit_refund_due,
)
from app.domain.working_days import add_working_days
from app.services import clients, qualifications, tender_packet, tenders
from app.services.tenders import TenderItemLine

pytestmark = pytest.mark.both_backends


def test_deposit_limit_is_two_percent_of_budget():
    assert not bid_deposit_too_high(Decimal("20000.00"), Decimal("1000000"))
    assert bid_deposit_too_high(Decimal("20000.01"), Decimal("1000000"))
    assert not bid_deposit_too_high(None, Decimal("1000000"))


def test_refund_due_counts_chinese_working_days_over_national_day():
    # 2026-09-30 award notice; 10-01..10-07 holiday, 10-10 (Saturday) a make-up working day.
    # 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13: the 11th, a Sunday, is a rest day.
    assert deposit_refund_due(date(2026, 9, 30)).day == date(2026, 10, 13)
    assert deposit_refund_due(date(2026, 9, 30)).official


def test_challenge_period_is_seven_working_days_after_the_announcement():
    # Friday 2026-11-20 award: the 1-working-day announcement ends Monday 11-23; 7 working days
    # after it: 11-24, 25, 26, 27, 30, 12-01, 12-02 (tests/domain/test_tender_deadlines.py).
    assert challenge_deadline(date(2026, 11, 20)).day == date(2026, 12, 2)


def test_year_without_published_calendar_falls_back_to_statutory_holidays_and_says_so():
    # Wed 2026-12-30 + 3: Thu 12-31 (1); Fri 2027-01-01 is 元旦, a statutory holiday in a year
    # without a published calendar (放假办法 第二条: 元旦，放假1天（1月1日）); Mon 01-04 (2), Tue 01-05 (3)
    answer = add_working_days(date(2026, 12, 30), 3)
    assert answer.day == date(2027, 1, 5)
    assert answer.official is False


def test_contract_due_thirty_days_after_award():
    assert contract_due(date(2026, 11, 1)).day == date(2026, 12, 1)  # a Tuesday


def test_status_pipeline_refuses_skipping_to_a_result():
    assert can_move(TenderStatus.TRACKING, TenderStatus.PREPARING)
    assert not can_move(TenderStatus.TRACKING, TenderStatus.WON)
    assert not can_move(TenderStatus.WON, TenderStatus.LOST)


def _tender(archive, **changes):
    values = dict(
        title="某市智慧政务平台采购项目",
        number="ZB-2026-001",
        purchaser_name="某市政务服务中心",
        budget=Decimal("1000000"),
        bid_deadline=datetime(2026, 12, 10, 9, 30),
    )
    values.update(changes)
    return tenders.create_tender(archive, TenderDraft(**values))


def test_new_purchaser_becomes_a_client_and_is_reused(archive):
    first = _tender(archive)
    second = _tender(archive, title="第二个项目", purchaser_name="某市政务服务中心 ")
    assert first.draft.client_id == second.draft.client_id
    assert clients.get_client(archive, first.draft.client_id).name == "某市政务服务中心"
    assert [t.id for t in tenders.for_client(archive, first.draft.client_id)] == [
        second.id,
        first.id,
    ]


def test_tender_needs_title_and_purchaser(archive):
    with pytest.raises(ValidationErrors) as err:
        tenders.create_tender(archive, TenderDraft(title=" "))
    assert {p.field for p in err.value.problems} == {"tender_title", "purchaser"}


def test_deposit_above_two_percent_is_warned_not_refused(archive):
    record = _tender(archive, bid_deposit=Decimal("30000"))
    assert "deposit_above_2_percent" in record.warnings


def test_illegal_status_move_is_refused(archive):
    record = _tender(archive)
    with pytest.raises(ValidationError) as err:
        tenders.set_status(archive, record.id, TenderStatus.LOST)
    assert err.value.code == "illegal_status_move"


def test_items_total_adds_up_exactly(archive):
    record = _tender(archive)
    lines = [
        TenderItemLine("服务器", "X1", Decimal("3"), "台", Decimal("33333.33")),
        TenderItemLine("实施服务", "", Decimal("1.5"), "人月", Decimal("0.01")),
    ]
    updated = tenders.set_items(archive, record.id, lines)
    assert updated.items_total == Decimal("99999.99") + Decimal("0.02")


def test_refund_overdue_and_expiring_qualification_on_radar(archive, tmp_path):
    scan = tmp_path / "licence.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n")
    record = _tender(
        archive,
        bid_deposit=Decimal("10000"),
        deposit_paid_on=date(2026, 10, 20),
        award_notice_on=date(2026, 11, 2),
        status=TenderStatus.TRACKING,
    )
    soon = _tender(archive, title="下月项目", bid_deadline=datetime(2026, 12, 5, 9, 0))
    q = qualifications.add(
        archive, qualifications.QualificationDraft("ISO9001", expires_on=date(2026, 12, 1)), [scan]
    )
    tender_packet.attach_qualification(archive, soon.id, q.id)
    radar = tenders.deadline_radar(archive)
    assert [(row.id, due) for row, due in radar.refunds_overdue] == [(record.id, date(2026, 11, 9))]
    assert [(row.id, title) for row, _qid, title, _ in radar.expiring_qualifications] == [
        (soon.id, "ISO9001")
    ]
    assert any(e.tender_id == soon.id and e.label == "投标截止/开标" for e in radar.upcoming)


def test_win_rate_by_method(archive):
    a = _tender(archive, title="A")
    b = _tender(archive, title="B")
    for tid, result in ((a.id, TenderStatus.WON), (b.id, TenderStatus.LOST)):
        tenders.set_status(archive, tid, TenderStatus.PREPARING)
        tenders.set_status(archive, tid, TenderStatus.SUBMITTED)
        record = tenders.get_tender(archive, tid)
        from dataclasses import replace

        tenders.update_tender(
            archive, tid, replace(record.draft, status=result, award_notice_on=date(2026, 11, 20))
        )
    [stats] = tenders.outcome_stats(archive, "method")
    assert (stats.won, stats.lost, stats.win_rate) == (1, 1, Decimal("50.0"))


def test_ics_has_every_dated_event(archive, tmp_path):
    _tender(
        archive,
        award_notice_on=date(2026, 11, 20),
        bid_deposit=Decimal("1000"),
        deposit_paid_on=date(2026, 11, 1),
    )
    out = tmp_path / "t.ics"
    count = tenders.export_ics(archive, out)
    text = out.read_text(encoding="utf-8")
    assert count == text.count("BEGIN:VEVENT") == 4  # deadline, award, challenge, refund
    assert "DTSTART;TZID=Asia/Shanghai:20261210T093000" in text
    assert "SUMMARY:质疑截止" in text
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai" in out.read_bytes().decode("utf-8")
    assert re.search(r"^DTSTAMP:\d{8}T\d{6}Z$", text, re.MULTILINE)
