"""Revision 0030 (issue 11): the home page's next steps due are read from a partial index of
the next steps not done, in due order, without walking the done ones or sorting."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from sqlalchemy import event

from app.db import archive_file
from app.domain.enums import ActivityKind
from app.domain.records import ActivityDraft, ClientDraft
from app.services import activities, clients
from app.services.archive import open_archive

REVISION = "0030"  # the revision that adds the index (renumbered at merge)
BEFORE = "0029"
INDEX = "ix_activities_open_next_step"


def _indexes(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    finally:
        conn.close()


def test_due_next_steps_read_the_open_next_step_index(tmp_path):
    archive = open_archive(tmp_path / "a.sqlite3")
    try:
        client = clients.create_client(archive, ClientDraft(name="深圳恒达电子有限公司"))
        for n in range(6):
            draft = ActivityDraft(
                client_id=client.id,
                kind=ActivityKind.CALL,
                started_at=datetime(2026, 11, 1, 9, 0),
                subject=f"电话 {n}",
                next_step="回访",
                next_step_due=date(2026, 11, 1) + timedelta(days=n),
            )
            made = activities.create_activity(archive, draft)
            if n % 2:
                activities.mark_next_step_done(archive, made.id)
        seen = []
        note = lambda *args: seen.append((args[2], args[3]))  # noqa: E731
        event.listen(archive.db.engine, "before_cursor_execute", note)
        try:
            due = activities.due_next_steps(archive)
        finally:
            event.remove(archive.db.engine, "before_cursor_execute", note)
        assert [row.subject for row in due] == ["电话 0", "电话 2", "电话 4"]
        statement, parameters = seen[-1]
        with archive.db.read() as session:
            raw = session.connection().connection.driver_connection
            plan = " | ".join(
                str(r[-1]) for r in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
            )
        assert INDEX in plan and "TEMP B-TREE" not in plan, plan
    finally:
        archive.close()


def test_the_revision_adds_the_index_and_takes_it_away(tmp_path):
    path = tmp_path / "a.sqlite3"
    open_archive(path).close()
    assert INDEX in _indexes(path)
    archive_file.downgrade(path, BEFORE)
    assert INDEX not in _indexes(path)
    archive_file.migrate(path, REVISION)
    assert INDEX in _indexes(path)
