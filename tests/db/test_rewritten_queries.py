"""Queries rewritten for speed (issue 11) give what the old ones gave, row for row, on a demo
archive: each old query is kept here verbatim and both are run over the same months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from app.db.repositories import budgets as budget_repo
from app.demo import create_demo_archive
from app.services.archive import open_archive

MONTHS = [(2025, 12), (2026, 1), (2026, 6), (2026, 9), (2026, 11), (2026, 12)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("rewritten") / "demo.sqlite3"
    create_demo_archive(db, clients=200, activities=6000, seed=11)
    archive = open_archive(db, read_only=True)
    yield archive
    archive.close()


def _month(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    after = date(year + month // 12, month % 12 + 1, 1)
    return first, after - timedelta(days=1)


OLD_SPENT = (
    "SELECT c.owner, a.kind, sum(a.expense_fen) FROM activities a"
    " JOIN clients c ON c.id = a.client_id"
    " WHERE a.started_at >= :a AND a.started_at < :b AND a.expense_fen <> 0"
    " GROUP BY c.owner, a.kind"
)


@pytest.mark.parametrize(("year", "month"), MONTHS)
def test_budget_spent_is_what_the_per_activity_join_gave(demo, year, month):
    first, last = _month(year, month)
    with demo.db.read() as session:
        old = session.execute(
            text(OLD_SPENT), {"a": first.isoformat(), "b": (last + timedelta(1)).isoformat()}
        )
        expected = sorted((r[0] or "", r[1], int(r[2])) for r in old)
        found = budget_repo.spent(session, first, last)
    assert sorted(found) == expected
    if (year, month) == (2026, 11):
        assert expected, "the demo has expenses in the month compared"


# --- the search index's rebuild -------------------------------------------------------------


def _old_style_documents(session):
    """The clients, contacts and activities as ORM objects, as the rebuild read them before."""
    from sqlalchemy import select

    from app.db.models import Activity, Client, Contact
    from app.services import indexing

    for client in session.scalars(select(Client).order_by(Client.id)):
        yield indexing.client_document(client)
    contacts = select(Contact, Client.name).join(Client, Client.id == Contact.client_id)
    for contact, name in session.execute(contacts.order_by(Contact.id)):
        yield indexing.contact_document(contact, name)
    activities = select(Activity, Client.name).join(Client, Client.id == Activity.client_id)
    for activity, name in session.execute(activities.order_by(Activity.id)):
        yield indexing.activity_document(activity, name)


QUERIES = ("华", "深圳", "有限公司", "bjhx", "拜访", "2026", "HT", "回款", "zy")


def _index_state(session):
    from app.db import search_index

    rows = session.execute(
        text("SELECT id, kind, ref_id, title, body, initials FROM search_docs ORDER BY id")
    ).all()
    hits = {
        q: search_index.search(session, q, ("client", "activity", "contact"), 50) for q in QUERIES
    }
    return rows, hits, search_index.problems(session)


def test_rebuild_gives_the_index_one_document_at_a_time_gave(tmp_path):
    """The rebuild appends in batches without looking each document up, and reads clients,
    contacts and activities as rows: the same documents, ids, tokens and hits as replacing the
    documents one by one, from ORM objects."""
    from app.db import search_index
    from app.services import indexing

    db = tmp_path / "demo.sqlite3"
    create_demo_archive(db, clients=120, activities=2500, seed=3)
    archive = open_archive(db)
    try:
        with archive.db.session() as session:
            rows = list(indexing.all_documents(session))
            old = list(_old_style_documents(session))
            assert [d for d in rows if d.kind in ("client", "contact", "activity")] == old
        with archive.db.session() as session:
            search_index.clear(session)
            search_index.index_documents(session, indexing.all_documents(session))
        with archive.db.read() as session:
            one_by_one = _index_state(session)
        with archive.db.session() as session:
            assert indexing.rebuild(session) == len(rows)
        with archive.db.read() as session:
            rebuilt = _index_state(session)
    finally:
        archive.close()
    assert rebuilt == one_by_one
    assert rebuilt[2] == [] and len(rebuilt[0]) == len(rows)
    assert all(rebuilt[1][q] for q in ("华", "有限公司", "拜访"))
