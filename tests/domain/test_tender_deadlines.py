"""The dates the regulations give a government-procurement tender, from the rules' own text, with
worked examples counted by hand on the official 2026 schedule (国办发明电〔2025〕7号):

- 春节: 2-15 (Sun) to 2-23 (Mon) off; 2-14 (Sat) and 2-28 (Sat) are working days.
- 中秋: 9-25 (Fri) to 9-27 off; 国庆: 10-01 (Thu) to 10-07 off; 9-20 (Sun) and 10-10 (Sat) are
  working days.

The 2026→2027 examples are in test_tender_deadlines_2027.py (they need the 2027 holidays)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import ValidationErrors
from app.domain.tenders import (
    RULE_CHALLENGE,
    RULE_CONTRACT,
    RULE_REFUND_UNSUCCESSFUL,
    RULE_REFUND_WINNER,
    TenderDraft,
    TenderStatus,
    announcement_end,
    challenge_deadline,
    contract_due,
    deposit_refund_due,
    refund_deadline,
    tender_deadlines,
    validate_tender,
    winner_refund_due,
)


def _draft(**values) -> TenderDraft:
    return TenderDraft(title="某市智慧路灯采购项目", purchaser_name="某市城管局", **values)


# --- 投标保证金 -------------------------------------------------------------------------------


def test_unsuccessful_bidders_deposit_across_national_day():
    """《政府采购法实施条例》第三十三条: "自中标通知书发出之日起5个工作日内退还未中标供应商的投标
    保证金". Notice Tue 2026-09-29: 9-30 (1); 10-01..07 off; 10-08 (2), 10-09 (3), Sat 10-10
    调休上班 (4); Sun 10-11 off; Mon 10-12 (5)."""
    assert deposit_refund_due(date(2026, 9, 29)).day == date(2026, 10, 12)


def test_unsuccessful_bidders_deposit_across_spring_festival():
    """第三十三条, as above. Notice Thu 2026-02-12: Fri 2-13 (1), Sat 2-14 调休上班 (2);
    2-15..2-23 off; 2-24 (3), 2-25 (4), 2-26 (5)."""
    assert deposit_refund_due(date(2026, 2, 12)).day == date(2026, 2, 26)


def test_winners_deposit_is_counted_from_the_contract():
    """第三十三条: "自政府采购合同签订之日起5个工作日内退还中标供应商的投标保证金". Contract
    signed Thu 2026-09-24: 9-25..27 off (中秋); 9-28 (1), 9-29 (2), 9-30 (3); 10-01..07 off;
    10-08 (4), 10-09 (5)."""
    assert winner_refund_due(date(2026, 9, 24)).day == date(2026, 10, 9)
    won = _draft(
        status=TenderStatus.WON,
        award_notice_on=date(2026, 9, 10),
        contract_signed_on=date(2026, 9, 24),
    )
    refund = refund_deadline(won)
    assert refund is not None
    assert (refund.day, refund.rule) == (date(2026, 10, 9), RULE_REFUND_WINNER)


def test_winners_deposit_has_no_due_date_before_the_contract_is_signed():
    """第三十三条 counts the winner's 5 working days from the contract's signing: without that
    date there is nothing to be overdue, however long ago the award notice was."""
    won = _draft(status=TenderStatus.WON, award_notice_on=date(2026, 3, 2))
    refund = refund_deadline(won)
    assert refund is not None
    assert refund.day is None
    assert refund.waiting_for == "contract_signed_on"
    assert "中标供应商" in refund.rule and "合同签订之日起5个工作日" in refund.rule


def test_a_lost_tenders_deposit_cites_the_unsuccessful_bidders_sentence():
    """第三十三条, the first half, cited where the date is shown."""
    lost = _draft(status=TenderStatus.LOST, award_notice_on=date(2026, 9, 29))
    refund = refund_deadline(lost)
    assert refund is not None
    assert (refund.day, refund.rule) == (date(2026, 10, 12), RULE_REFUND_UNSUCCESSFUL)
    assert "第三十三条" in refund.rule and "未中标供应商" in refund.rule


def test_a_waived_deposit_has_no_refund_date():
    waived = _draft(
        status=TenderStatus.LOST, award_notice_on=date(2026, 9, 29), bid_deposit=Decimal("0")
    )
    assert refund_deadline(waived) is None


# --- 合同签订期限 -----------------------------------------------------------------------------


def test_contract_within_thirty_days_moves_past_national_day():
    """《政府采购法》第四十六条: "采购人与中标、成交供应商应当在中标、成交通知书发出之日起三十日内
    ……签订政府采购合同"; 《民法典》第二百零一条: 开始的当日不计入; 第二百零三条: "期间的最后一日
    是法定休假日的，以法定休假日结束的次日为期间的最后一日". Notice Thu 2026-09-03: day 30 is
    Sat 10-03, inside 国庆 (10-01..07), so the last day is Thu 10-08."""
    assert contract_due(date(2026, 9, 3)).day == date(2026, 10, 8)


def test_contract_within_thirty_days_moves_past_spring_festival():
    """第四十六条 with 第二百零三条. Notice Sat 2026-01-17: day 30 is Mon 2-16, inside 春节
    (2-15..2-23), so the last day is Tue 2-24."""
    assert contract_due(date(2026, 1, 17)).day == date(2026, 2, 24)


def test_contract_last_day_on_a_make_up_saturday_stays():
    """第二百零三条 moves only a 法定休假日: Sat 2026-02-14 is a 调休 working day. Notice Thu
    2026-01-15: day 30 is 2-14, and it stays."""
    assert contract_due(date(2026, 1, 15)).day == date(2026, 2, 14)


def test_contract_last_day_on_a_weekend_moves_to_monday():
    """第二百零三条 (a rest day is a 法定休假日). Notice Thu 2026-10-15: day 30 is Sat 11-14;
    the last day is Mon 11-16."""
    assert contract_due(date(2026, 10, 15)).day == date(2026, 11, 16)


def test_contract_last_day_on_a_working_day_is_day_thirty():
    """第四十六条: notice Mon 2026-11-02, day 30 is Wed 12-02, a working day."""
    assert contract_due(date(2026, 11, 2)).day == date(2026, 12, 2)


# --- 质疑期限 ---------------------------------------------------------------------------------


def test_challenge_counts_from_the_end_of_the_announcement_across_national_day():
    """财政部令第94号《政府采购质疑和投诉办法》第十条: "供应商认为采购文件、采购过程、中标或者成交
    结果使其权益受到损害的，可以在知道或者应知其权益受到损害之日起7个工作日内，以书面形式向采购人、
    采购代理机构提出质疑。……应知其权益受到损害之日，是指：……（三）对采购结果提出质疑的，为中标
    或者成交结果公告期限届满之日。" The result is announced with the notice on Tue 2026-09-29
    for 1 working day (财政部令第87号第六十九条), which ends Wed 9-30. 7 working days after it:
    10-08 (1), 10-09 (2), Sat 10-10 调休上班 (3), 10-12 (4), 10-13 (5), 10-14 (6), 10-15 (7)."""
    assert announcement_end(date(2026, 9, 29)).day == date(2026, 9, 30)
    assert challenge_deadline(date(2026, 9, 29)).day == date(2026, 10, 15)
    # not from the award day, which would end a day early (10-14)
    assert challenge_deadline(date(2026, 9, 29)).day != date(2026, 10, 14)


def test_a_longer_announcement_moves_the_challenge_deadline():
    """第十条 as above, with a 3-working-day announcement from Tue 2026-09-29: 9-30 (1), 10-08
    (2), 10-09 (3) is its last day; then 10-10 (1), 10-12 (2), 10-13 (3), 10-14 (4), 10-15 (5),
    10-16 (6), 10-19 (7)."""
    assert announcement_end(date(2026, 9, 29), 3).day == date(2026, 10, 9)
    assert challenge_deadline(date(2026, 9, 29), 3).day == date(2026, 10, 19)


def test_challenge_across_spring_festival():
    """第十条. Notice and announcement Wed 2026-02-11, 1 working day: ends Thu 2-12. Then Fri
    2-13 (1), Sat 2-14 调休上班 (2); 2-15..2-23 off; 2-24 (3), 2-25 (4), 2-26 (5), 2-27 (6),
    Sat 2-28 调休上班 (7)."""
    assert challenge_deadline(date(2026, 2, 11)).day == date(2026, 2, 28)


# --- the dates together, each with its rule --------------------------------------------------


def test_every_date_cites_its_rule():
    draft = _draft(status=TenderStatus.LOST, award_notice_on=date(2026, 9, 29), announcement_days=1)
    found = {d.key: d for d in tender_deadlines(draft)}
    assert {k: d.day for k, d in found.items()} == {
        "refund_due": date(2026, 10, 12),
        "announcement_ends": date(2026, 9, 30),
        "challenge_until": date(2026, 10, 15),
        "contract_due": date(2026, 10, 29),  # 9-29 + 30 days: Thu 10-29, a working day
    }
    assert found["challenge_until"].rule == RULE_CHALLENGE
    assert "第94号" in RULE_CHALLENGE and "公告期限届满之日起7个工作日" in RULE_CHALLENGE
    assert found["contract_due"].rule == RULE_CONTRACT
    assert "第四十六条" in RULE_CONTRACT and "第二百零三条" in RULE_CONTRACT
    assert "1个工作日" in found["announcement_ends"].rule
    assert all(d.official for d in found.values())


def test_no_dates_before_the_award_notice():
    assert tender_deadlines(_draft(status=TenderStatus.SUBMITTED)) == []


@pytest.mark.parametrize("days", [0, 21])
def test_the_announcement_period_is_checked(days):
    with pytest.raises(ValidationErrors) as refused:
        validate_tender(_draft(announcement_days=days))
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("announcement_days", "bad_announcement_days")
    ]


def test_a_contract_before_the_award_notice_is_refused():
    draft = _draft(award_notice_on=date(2026, 9, 29), contract_signed_on=date(2026, 9, 28))
    with pytest.raises(ValidationErrors) as refused:
        validate_tender(draft)
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("contract_signed_on", "before_award_notice")
    ]
