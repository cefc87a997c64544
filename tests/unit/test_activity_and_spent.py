"""The 大客户月报's activity figures and its budget chapter's expenses from one read of the
month's activities (issue 11: two passes over them took 250 ms of CPU on the 1,000,000-activity
archive, one takes 135 ms): on the generated archive with every edge (tests/monthly_samples.py),
app.db.repositories.analysis.activity_and_spent gives exactly activity_by_owner's rows and
budgets.spent's, for months, the cut-off's month and a whole year, on both back ends; an owner
whose clients only had activities without a visit, an expense or a complaint keeps its line;
and printing the report no longer reads the expenses a second time."""

from __future__ import annotations

from datetime import date, datetime

import monthly_samples
import pytest

from app.db.repositories import analysis as repo
from app.db.repositories import budgets as budget_repo
from app.services.readers import reading

pytestmark = pytest.mark.both_backends

RANGES = (
    (date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 26)),  # the month running, cut-off
    (date(2026, 10, 1), date(2026, 10, 31), None),
    (date(2026, 9, 1), date(2026, 9, 30), None),
    (date(2026, 1, 1), date(2026, 12, 31), date(2026, 11, 26)),
    (date(2024, 1, 1), date(2024, 1, 31), None),  # nothing at all
)


def _both(archive, first, last, as_of):
    with reading(archive) as reader:
        old = (
            repo.activity_by_owner(reader, first, last, as_of),
            budget_repo.spent(reader, first, last),
        )
        new = repo.activity_and_spent(reader, first, last, as_of)
    return old, new


def test_one_read_gives_the_activity_lines_and_the_expenses_of_two(archive):
    monthly_samples.bin_some(archive, monthly_samples.build(archive))
    seen = 0
    for first, last, as_of in RANGES:
        (lines, spent), (folded_lines, folded_spent) = _both(archive, first, last, as_of)
        assert sorted(folded_lines) == sorted(lines), (first, last)
        assert sorted(folded_spent) == sorted(spent), (first, last)
        seen += len(lines)
    assert seen > 10  # the sample's months have owners with visits, expenses and complaints


def test_an_owner_with_only_quiet_activities_keeps_its_line(archive):
    """A call without expense is neither a visit, nor an expense, nor a complaint: the owner
    whose clients had only such activities still gets its (zero) line, as before."""
    from app.domain.enums import ActivityKind
    from app.domain.records import ActivityDraft, ClientDraft
    from app.services import activities, clients

    monthly_samples.build(archive)
    quiet = clients.create_client(archive, ClientDraft("安静科技有限公司", owner="孙七"))
    when = datetime(2026, 11, 3, 9, 0)
    activities.create_activity(
        archive, ActivityDraft(quiet.id, ActivityKind.CALL, when, subject="电话回访")
    )
    first, last, as_of = RANGES[0]
    (lines, spent), (folded_lines, folded_spent) = _both(archive, first, last, as_of)
    assert ("孙七", 0, 0, 0, None, None, 0) in lines
    assert sorted(folded_lines) == sorted(lines) and sorted(folded_spent) == sorted(spent)


@pytest.mark.file_only
def test_printing_the_report_reads_the_expenses_once(archive, tmp_path, monkeypatch):
    """The budget chapter takes the expenses the report's activity figures came with: the
    separate expenses query is not run, and the chapter's figures are the ones it gave."""
    from app.services import analysis, budgets
    from app.services.analysis import report_pdf

    monthly_samples.bin_some(archive, monthly_samples.build(archive))
    expected = budgets.budget_report(archive, date(2026, 11, 1), date(2026, 11, 30))
    reads = []
    real = budget_repo.spent
    monkeypatch.setattr(budget_repo, "spent", lambda *a: reads.append(a) or real(*a))
    chapters = []
    real_chapters = report_pdf.report_chapters

    def chapters_of(report, head=None, budget=None):
        chapters.append(budget)
        return real_chapters(report, head, budget)

    monkeypatch.setattr(report_pdf, "report_chapters", chapters_of)
    pages = analysis.write_monthly_report(archive, 2026, 11, tmp_path / "月报.pdf")
    assert pages > 1 and reads == []
    assert chapters == [expected] and expected.lines
