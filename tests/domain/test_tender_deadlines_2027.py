"""Tender dates across 2026→2027 and in 2027, counted by hand with the statutory holidays of
《全国年节及纪念日放假办法》 (as amended in 2024) for 2027: 元旦 Fri 1-01; 春节 除夕 Fri 2-05 to
初三 Mon 2-08; 清明 Mon 4-05; 劳动节 Sat 5-01 and Sun 5-02; 端午 Wed 6-09; 中秋 Wed 9-15; 国庆
Fri 10-01 to Sun 10-03; no make-up working days known. Saturdays and Sundays are rest days.

chinesecalendar stops at 2026; these need the 2027 statutory-holiday fallback (issue 13 §2)."""

from __future__ import annotations

from datetime import date

from app.domain.tenders import (
    TenderDraft,
    TenderStatus,
    challenge_deadline,
    contract_due,
    deposit_refund_due,
    tender_deadlines,
    winner_refund_due,
)


def test_unsuccessful_refund_after_an_award_on_2026_12_28_skips_new_year():
    """《政府采购法实施条例》第三十三条: "自中标通知书发出之日起5个工作日内退还未中标供应商的投标
    保证金". Notice Mon 2026-12-28: 12-29 (1), 12-30 (2), 12-31 (3); Fri 2027-01-01 元旦 off;
    1-02, 1-03 weekend; Mon 1-04 (4), Tue 1-05 (5)."""
    assert deposit_refund_due(date(2026, 12, 28)).day == date(2027, 1, 5)


def test_unsuccessful_refund_across_spring_festival_2027():
    """第三十三条. Notice Wed 2027-02-03: Thu 2-04 (1); 2-05..2-08 春节 (2-06, 2-07 a weekend
    too); 2-09 (2), 2-10 (3), 2-11 (4), 2-12 (5)."""
    assert deposit_refund_due(date(2027, 2, 3)).day == date(2027, 2, 12)


def test_winners_refund_across_national_day_2027():
    """第三十三条: "自政府采购合同签订之日起5个工作日内退还中标供应商的投标保证金". Contract
    signed Tue 2027-09-28: 9-29 (1), 9-30 (2); 10-01..10-03 国庆; Mon 10-04 (3), 10-05 (4),
    10-06 (5)."""
    assert winner_refund_due(date(2027, 9, 28)).day == date(2027, 10, 6)


def test_challenge_after_an_announcement_ending_on_new_years_eve():
    """财政部令第94号 第十条: 对采购结果提出质疑的，自中标或者成交结果公告期限届满之日起7个工作日
    内. Notice and announcement Wed 2026-12-30 for 1 working day: ends Thu 12-31. Then 1-01 元旦
    and the weekend off; 1-04 (1), 1-05 (2), 1-06 (3), 1-07 (4), 1-08 (5), 1-11 (6), 1-12 (7)."""
    assert challenge_deadline(date(2026, 12, 30)).day == date(2027, 1, 12)


def test_contract_due_on_new_years_day_moves_to_monday():
    """《政府采购法》第四十六条 (三十日内) and 《民法典》第二百零三条 (最后一日是法定休假日的，以
    法定休假日结束的次日为期间的最后一日). Notice Wed 2026-12-02: day 30 is Fri 2027-01-01 元旦,
    then a weekend: the last day is Mon 1-04."""
    assert contract_due(date(2026, 12, 2)).day == date(2027, 1, 4)


def test_contract_due_in_spring_festival_2027_moves_past_it():
    """第四十六条 and 第二百零三条. Notice Thu 2027-01-07: day 30 is Sat 2-06, inside 春节
    (2-05..2-08): the last day is Tue 2-09."""
    assert contract_due(date(2027, 1, 7)).day == date(2027, 2, 9)


def test_the_dates_of_a_lost_tender_awarded_on_2026_12_28():
    """All four dates of a tender lost with its notice on Mon 2026-12-28 (1-working-day
    announcement): refund 2027-01-05 (above); the announcement ends Tue 12-29; 质疑 7 working days
    after: 12-30 (1), 12-31 (2), 1-04 (3), 1-05 (4), 1-06 (5), 1-07 (6), 1-08 (7); contract day
    30 is Wed 2027-01-27, a working day."""
    draft = TenderDraft(
        title="跨年项目",
        purchaser_name="某市财政局",
        status=TenderStatus.LOST,
        award_notice_on=date(2026, 12, 28),
    )
    assert {d.key: d.day for d in tender_deadlines(draft)} == {
        "refund_due": date(2027, 1, 5),
        "announcement_ends": date(2026, 12, 29),
        "challenge_until": date(2027, 1, 8),
        "contract_due": date(2027, 1, 27),
    }
