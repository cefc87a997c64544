"""The activity list read a window at a time by keyset (issue 11): windows put together give
the whole list in the list's order for every sort, on both back ends; a window is read
through an index and the count too, never the whole table."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, text

from app.db.repositories import activities as repo
from app.domain.enums import ActivityKind, Tier
from app.domain.queries import ActivityQuery
from app.domain.records import ActivityDraft, ClientDraft
from app.services import activities, clients

pytestmark = pytest.mark.both_backends

KINDS = (ActivityKind.VISIT, ActivityKind.CALL, ActivityKind.COMPLAINT)


@pytest.fixture
def listed(archive):
    """29 activities of three clients with ties on every sort column and empty dates."""
    names = ("华信科技有限公司", "安泰物流有限公司", "中原机械股份有限公司")
    ids = [clients.create_client(archive, ClientDraft(name=n, tier=Tier.B)).id for n in names]
    start = datetime(2026, 11, 1, 9, 0)
    for i in range(29):
        due = None if i % 3 == 0 else date(2026, 11, 20) + timedelta(days=i % 4)
        kind = KINDS[i % 3]
        draft = ActivityDraft(
            client_id=ids[i % 3],
            kind=kind,
            started_at=start + timedelta(hours=i // 2),  # two activities an hour: ties
            subject=f"主题 {i % 5}",
            participants=f"张伟 {i % 2}",
            next_step="跟进" if due else "",
            next_step_due=due,
            expense=Decimal(i % 4 * 10),
            resolution="已处理" if kind == ActivityKind.COMPLAINT and i % 2 else "",
            closed_on=date(2026, 11, 10 + i % 3)
            if kind == ActivityKind.COMPLAINT and i % 2
            else None,
        )
        activities.create_activity(archive, draft)
    return archive


def _paged(archive, query: ActivityQuery, size: int) -> list[int]:
    found, after, more = [], None, True
    while more:
        page = activities.activity_page(archive, query, after, size)
        assert len(page.rows) <= size
        found += [row.id for row in page.rows]
        after, more = page.after, page.more
    return found


@pytest.mark.parametrize("sort", sorted(repo.SORTABLE))
@pytest.mark.parametrize("descending", [False, True])
def test_windows_put_together_are_the_whole_list_in_order(listed, sort, descending):
    query = ActivityQuery(sort=sort, descending=descending)
    whole = list(activities.list_activity_ids(listed, query))
    assert len(whole) == 29
    assert _paged(listed, query, 4) == whole
    rows = activities.activity_rows(listed, whole)
    if sort in ("next_step_due", "closed_on"):  # empty ones first ascending, last descending
        empty = [getattr(r, sort) is None for r in rows]
        assert empty == sorted(empty, reverse=not descending)
    if sort == "started_at":
        stamps = [(r.started_at, r.id) for r in rows]
        assert stamps == sorted(stamps, reverse=descending)


def test_filters_apply_to_windows_and_count(listed):
    query = ActivityQuery(kinds=(ActivityKind.COMPLAINT.value,), text="主题 1")
    whole = list(activities.list_activity_ids(listed, query))
    assert whole and _paged(listed, query, 2) == whole
    assert activities.count_activities(listed, query) == len(whole)
    assert activities.count_activities(listed, ActivityQuery()) == 29
    open_only = ActivityQuery(open_complaints=True)
    assert activities.count_activities(listed, open_only) == len(_paged(listed, open_only, 3))
    last = activities.activity_page(listed, ActivityQuery(), None, 29)
    assert len(last.rows) == 29 and not last.more


def _statements(archive, run) -> list[tuple[str, object]]:
    seen = []

    def note(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    engine = archive.db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return seen


def _plan(archive, statement: str, parameters) -> str:
    with archive.db.read() as session:
        raw = session.connection().connection.driver_connection
        return " | ".join(
            str(r[-1]) for r in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
        )


@pytest.mark.file_only
def test_a_window_and_the_count_are_read_through_indexes(listed):
    """Neither the newest activities' window (the list as it opens), the next one, nor the
    count reads the table or sorts it: each follows an index, so their cost does not grow
    with the archive."""
    first = activities.activity_page(listed, ActivityQuery(), None, 5)
    for run in (
        lambda: activities.activity_page(listed, ActivityQuery(), None, 5),
        lambda: activities.activity_page(listed, ActivityQuery(), first.after, 5),
        lambda: activities.activity_page(listed, ActivityQuery(sort="next_step_due"), None, 5),
    ):
        window = _statements(listed, run)[0]
        plan = _plan(listed, *window)
        assert "LIMIT" in window[0].upper()
        assert "USING" in plan and "INDEX" in plan, plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan  # only ties sorted (RIGHT PART)
    for query in (ActivityQuery(), ActivityQuery(open_complaints=True)):
        counted = _statements(listed, lambda q=query: activities.count_activities(listed, q))
        plan = _plan(listed, *counted[0])
        assert "COVERING INDEX" in plan, plan


@pytest.mark.file_only
def test_a_window_reads_a_bounded_number_of_rows(listed):
    """SQLite's virtual machine steps for a window stay the same when the archive holds ten
    times the activities (a list of every id would grow with them)."""

    def steps(archive) -> int:
        with archive.db.read() as session:
            raw = session.connection().connection.driver_connection
            counter = [0]

            def tick() -> int:
                counter[0] += 1
                return 0

            raw.set_progress_handler(tick, 100)
            try:
                repo.page(session, ActivityQuery(), None, 10)
            finally:
                raw.set_progress_handler(None, 100)
            return counter[0]

    before = steps(listed)
    with listed.db.session() as session:
        session.execute(
            text(
                "INSERT INTO activities (client_id, kind, started_at, subject, participants,"
                " notes, outcome, next_step, expense_fen, resolution, created_at, updated_at,"
                " version) SELECT client_id, kind, started_at, subject, participants, notes,"
                " outcome, next_step, expense_fen, resolution, created_at, updated_at, version"
                " FROM activities"
            )
        )
        for _ in range(3):
            session.execute(
                text(
                    "INSERT INTO activities (client_id, kind, started_at, subject,"
                    " participants, notes, outcome, next_step, expense_fen, resolution, created_at,"
                    " updated_at, version) SELECT client_id, kind, started_at, subject, participants,"
                    " notes, outcome, next_step, expense_fen, resolution, created_at, updated_at,"
                    " version FROM activities"
                )
            )
    assert activities.count_activities(listed, ActivityQuery()) == 29 * 16
    assert steps(listed) <= before * 1.5 + 5


def test_a_row_deleted_between_the_two_reads_does_not_end_the_list(archive, monkeypatch):
    """A window's ids are chosen first, then its rows read by id: a row deleted in between is
    missing from the window, and the list goes on (a review found it ended there)."""
    client = clients.create_client(archive, ClientDraft("北京华信科技有限公司"))
    for number in range(25):
        activities.create_activity(
            archive, ActivityDraft(client.id, ActivityKind.CALL, archive.now(), f"电话{number}")
        )
    original = repo.rows_for_ids

    def one_gone(session, ids):
        return [row for row in original(session, ids) if row[0] != ids[0]]

    monkeypatch.setattr(repo, "rows_for_ids", one_gone)
    first = activities.activity_page(archive, ActivityQuery(), limit=10)
    assert len(first.rows) == 10 and first.more  # the window filled from its extra row
