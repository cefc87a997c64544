"""Demo tenders: every status and method, deposits in each state, results, the qualification
library with scans and packets that pass the checklist."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from app.demo.tenders import add_demo_tenders
from app.domain.tenders import QualificationState, TenderMethod, TenderStatus
from app.domain.working_days import is_covered, likely_workday
from app.services import qualifications, settings, tender_packet, tenders
from app.ui.tasks import TaskContext

pytestmark = pytest.mark.both_backends


@pytest.fixture
def demo(archive):
    summary = add_demo_tenders(archive, rng_seed=7)
    return archive, summary


def test_every_status_and_method_over_the_last_year_and_next_two_months(demo):
    archive, summary = demo
    rows = tenders.list_tenders(archive)
    assert summary.tenders == len(rows) == 30
    assert set(Counter(r.status for r in rows)) == {s.value for s in TenderStatus}
    assert set(Counter(r.method for r in rows)) == {m.value for m in TenderMethod}
    today = archive.today()
    deadlines = [r.bid_deadline.date() for r in rows]
    assert min(deadlines) >= today - timedelta(days=366)
    assert max(deadlines) <= today + timedelta(days=62)
    assert len({r.title for r in rows}) == len(rows)
    for row in rows:
        assert row.client_name.startswith("某")
        assert row.budget is not None and row.budget >= 100000


def test_results_deposits_and_items(demo):
    archive, _ = demo
    records = [tenders.get_tender(archive, r.id) for r in tenders.list_tenders(archive)]
    for record in records:
        d = record.draft
        assert record.items and record.items_total <= (d.ceiling or d.budget)
        assert "deposit_above_2_percent" not in record.warnings
        if d.status in (TenderStatus.WON, TenderStatus.LOST):
            assert d.winner and d.winning_price and d.award_notice_on and d.our_price
        if d.status == TenderStatus.WON:
            assert d.winner == settings.company(archive).name
    refunded = [r for r in records if r.draft.deposit_refunded_on]
    waiting = [r for r in records if r.refund_due and not r.draft.deposit_refunded_on]
    paid_only = [r for r in records if r.draft.deposit_paid_on and not r.draft.award_notice_on]
    assert refunded and paid_only
    assert any(r.refund_due >= archive.today() for r in waiting)  # refund due, not late yet
    overdue = tenders.deadline_radar(archive).refunds_overdue
    assert len(overdue) == 1


def test_company_and_qualification_library(demo):
    archive, summary = demo
    company = settings.company(archive)
    assert company.name == "北京华信科技有限公司" and company.uscc == "91110105948219939U"
    library = qualifications.list_all(archive)
    assert summary.qualifications == len(library) >= 10
    states = Counter(q.state for q in library)
    assert states[QualificationState.EXPIRING] == 2
    assert states[QualificationState.EXPIRED] == 1
    for q in library:
        paths = qualifications.scan_paths(archive, q.id)
        assert len(paths) == 1 and paths[0].read_bytes().startswith(b"%PDF")


def test_packets_of_tenders_being_prepared_are_ready_to_print(demo, tmp_path):
    archive, summary = demo
    preparing = [r for r in tenders.list_tenders(archive) if r.status == TenderStatus.PREPARING]
    assert summary.packets_ready == len(preparing) == 5
    for row in preparing:
        checks = tender_packet.checklist(archive, row.id)
        assert [c for c in checks if c.level == "error"] == []
        packet = tender_packet.sections(archive, row.id)
        deviation = next(s for s in packet if s.form == "tech_deviation")
        assert deviation.content["rows"]
    result = tender_packet.build_pdf(archive, preparing[0].id, tmp_path / "ready.pdf")
    assert result.pages > 10


def test_tracked_tender_shows_the_certificate_to_renew(demo):
    archive, _ = demo
    radar = tenders.deadline_radar(archive)
    assert {title for _row, _qid, title, _day in radar.expiring_qualifications} == {
        "高新技术企业证书"
    }


def test_deterministic_and_leaves_existing_tenders_alone(archive, tmp_path, migrated_template):
    from app.services.archive import copy_database, open_archive

    first = add_demo_tenders(archive, rng_seed=3)
    assert add_demo_tenders(archive, rng_seed=3).tenders == 0
    other_path = tmp_path / "other.sqlite3"
    copy_database(migrated_template, other_path)
    other = open_archive(other_path, clock=archive.now)
    try:
        assert add_demo_tenders(other, rng_seed=3) == first
        titles = [r.title for r in tenders.list_tenders(archive)]
        assert sorted(titles) == sorted(r.title for r in tenders.list_tenders(other))
    finally:
        other.close()


def test_progress_is_reported(archive):
    seen = []
    add_demo_tenders(archive, task=TaskContext(lambda done, total: seen.append((done, total))))
    assert seen[-1][0] == seen[-1][1] and len(seen) > 30


def test_won_tenders_name_our_company_as_it_is_set(archive):
    settings.save_company(archive, settings.CompanySettings(name="华信科技有限公司"))
    add_demo_tenders(archive, rng_seed=7)
    records = [tenders.get_tender(archive, r.id) for r in tenders.list_tenders(archive)]
    won = [r for r in records if r.draft.status == TenderStatus.WON]
    assert won and {r.draft.winner for r in won} == {"华信科技有限公司"}
    assert all(r.draft.winner != "北京华信科技有限公司" for r in records)
    statement = next(q for q in qualifications.list_all(archive) if q.kind == "无重大违法记录声明")
    assert statement.issuer == "华信科技有限公司"


def test_deadlines_fall_on_working_days(demo):
    archive, _ = demo
    for row in tenders.list_tenders(archive):
        d = tenders.get_tender(archive, row.id).draft
        for moment in (d.documents_deadline, d.bid_deadline):
            day = moment.date()
            assert likely_workday(day), (d.title, moment)
            assert (day.month, day.day) not in {(1, 1), (5, 1), (10, 1), (10, 2)}
            assert day.weekday() < 5 or is_covered(day)
        assert d.documents_deadline < d.bid_deadline


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 10, 2), False),  # 国庆, published
        (date(2026, 9, 20), True),  # a Sunday made a working day (调休)
        (date(2027, 1, 1), False),  # 元旦, a year not published yet
        (date(2027, 1, 4), True),
        (date(2027, 10, 5), False),
        (date(2027, 1, 2), False),  # Saturday
    ],
)
def test_likely_workday(day, expected):
    assert likely_workday(day) is expected
