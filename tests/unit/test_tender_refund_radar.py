"""Where a deposit shows as overdue (the radar on the home page, the .ics calendar): the winner's
only once its contract date is entered. 《政府采购法实施条例》第三十三条: 采购人或者采购代理机构
应当自中标通知书发出之日起5个工作日内退还未中标供应商的投标保证金，自政府采购合同签订之日起5个
工作日内退还中标供应商的投标保证金. The archive's clock stands at 2026-11-26."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.tenders import TenderDraft, TenderStatus
from app.services import tenders

pytestmark = pytest.mark.both_backends


def _paid(archive, title: str, status: TenderStatus, **extra) -> int:
    draft = TenderDraft(
        title=title,
        purchaser_name="某市城管局",
        status=status,
        award_notice_on=date(2026, 11, 2),  # Monday, three weeks before the clock
        bid_deposit=Decimal("8000"),
        deposit_paid_on=date(2026, 10, 20),
        **extra,
    )
    return tenders.create_tender(archive, draft).id


def _overdue(archive) -> dict[str, date]:
    return {row.title: due for row, due in tenders.deadline_radar(archive).refunds_overdue}


def test_the_winners_deposit_is_not_overdue_before_the_contract(archive, tmp_path):
    _paid(archive, "未中标项目", TenderStatus.LOST)
    won = _paid(archive, "中标项目", TenderStatus.WON)
    # the lost one: 11-03, 04, 05, 06, 09 -> due Mon 11-09, overdue on 11-26
    assert _overdue(archive) == {"未中标项目": date(2026, 11, 9)}
    record = tenders.get_tender(archive, won)
    assert record.refund_due is None
    assert [d.waiting_for for d in record.deadlines if d.key == "refund_due"] == [
        "contract_signed_on"
    ]
    out = tmp_path / "t.ics"
    tenders.export_ics(archive, out)
    text = out.read_text(encoding="utf-8")
    assert text.count("SUMMARY:投标保证金应退还") == 1  # the lost tender's only
    assert "SUMMARY:投标保证金应退还：未中标项目" in text
    assert "SUMMARY:合同签订期限：中标项目" in text  # 11-02 + 30 days: Wed 12-02

    # Contract signed Tue 11-10: 11-11, 12, 13, 16, 17 -> due Tue 11-17, overdue now.
    signed = replace(record.draft, contract_signed_on=date(2026, 11, 10))
    assert tenders.update_tender(archive, won, signed).refund_due == date(2026, 11, 17)
    assert _overdue(archive) == {"未中标项目": date(2026, 11, 9), "中标项目": date(2026, 11, 17)}


def test_a_contract_signed_recently_is_not_yet_overdue(archive):
    # Signed Mon 11-23: 11-24, 25, 26, 27, 30 -> due Mon 11-30, after the clock's 11-26.
    won = _paid(archive, "刚签合同", TenderStatus.WON, contract_signed_on=date(2026, 11, 23))
    assert tenders.get_tender(archive, won).refund_due == date(2026, 11, 30)
    assert _overdue(archive) == {}
    upcoming = [(e.label, e.when.date()) for e in tenders.deadline_radar(archive).upcoming]
    assert ("投标保证金应退还", date(2026, 11, 30)) in upcoming


def test_the_calendar_file_cites_the_rule_of_each_computed_date(archive, tmp_path):
    _paid(archive, "未中标项目", TenderStatus.LOST)
    out = tmp_path / "t.ics"
    tenders.export_ics(archive, out)
    text = out.read_bytes().decode("utf-8").replace("\r\n ", "")  # unfold long lines
    assert "依据：《政府采购法实施条例》第三十三条" in text
    assert "依据：财政部令第94号" in text
