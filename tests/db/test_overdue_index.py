"""Migration 0011: the full overdue-visit list reads ix_clients_visit_plan (a scan in plan order on
a large analysed archive, a range per tier on a small one) instead of computing every client's
visit day; the expression in the index must stay the one the query compiles to."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from app.db.repositories.clients import overdue_ids_statement
from app.domain.records import ClientDraft
from app.services import clients, planning
from app.services.archive import open_archive

DUE = {"A": date(2026, 11, 6), "B": date(2026, 10, 6), "C": date(2026, 9, 6)}


def _plan(archive) -> str:
    stmt = overdue_ids_statement(DUE, key_only=False)
    sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with archive.db.read() as session:
        rows = session.execute(text(f"EXPLAIN QUERY PLAN {sql}")).all()
    return " | ".join(row[-1] for row in rows)


def test_the_overdue_list_reads_the_visit_plan_index(tmp_path):
    archive = open_archive(tmp_path / "a.sqlite3")
    try:
        for n, tier in enumerate("ABCDABCD"):
            clients.create_client(archive, ClientDraft(name=f"深圳客户{n}有限公司", tier=tier))
        plan = _plan(archive)  # the whole list; a filter may rather use its own index
        assert "ix_clients_visit_plan" in plan, plan
        assert len(planning.overdue_ids(archive)) == 0  # all entered today: none overdue yet
    finally:
        archive.close()


def test_migrating_a_new_archive_warns_nothing_and_keeps_the_index(tmp_path):
    """Later batch migrations reflect the clients table, whose expression index SQLAlchemy
    cannot reflect: its warning must not reach the user, and the index must survive."""
    import sqlite3
    import warnings

    path = tmp_path / "new.sqlite3"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        open_archive(path).close()
    assert [str(w.message) for w in caught] == []
    conn = sqlite3.connect(path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    finally:
        conn.close()
    assert "ix_clients_visit_plan" in names


def test_every_later_downgrade_keeps_the_index_and_autoincrement(tmp_path):
    """A later revision that copies the clients table (SQLAlchemy's batch mode rebuilds it from
    reflection, which cannot see an expression index) would silently drop the index: step down
    one revision at a time to 0011 and look after each step."""
    import sqlite3

    from app.db import archive_file

    path = tmp_path / "steps.sqlite3"
    open_archive(path).close()
    chain = archive_file._revision_graph()  # revision -> the one it revises
    revision = archive_file.head_revision()
    while revision != "0011":
        revision = chain[revision]
        archive_file.downgrade(path, revision)
        conn = sqlite3.connect(path)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'clients'").fetchone()
        finally:
            conn.close()
        assert "ix_clients_visit_plan" in names, revision
        assert "AUTOINCREMENT" in sql, revision
