"""`team sync` reads what changed since the copy's last sync, not whole tables (issue 14 §4): a
sync with one change on each side reads a handful of the server's rows however many the team
holds; what was written on the server outside the app (psql) still comes down, a record deleted
on the server goes from the copy, and one changed on both sides is still listed field by
field."""

from __future__ import annotations

from dataclasses import replace

import pytest
from clock import FIXED_NOW
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from app.db import team_copy as tc
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients, search, team_transfer
from app.services.archive import open_archive

CLIENTS = 150
SMALL = {"blobs", "calendar_days", "settings", "number_sequences"}  # read whole: small


@pytest.fixture
def server_reads():
    """The rows the server's SELECTs returned, while the test counts."""
    counted = {"rows": 0, "on": False}

    def after(conn, cursor, statement, _parameters, _context, _many) -> None:
        selecting = statement.lstrip().upper().startswith(("SELECT", "WITH"))
        if counted["on"] and conn.dialect.name == "postgresql" and selecting:
            counted["rows"] += max(cursor.rowcount, 0)

    event.listen(Engine, "after_cursor_execute", after)
    yield counted
    event.remove(Engine, "after_cursor_execute", after)


def _team(address: str) -> list[int]:
    team = open_archive(address, clock=lambda: FIXED_NOW)
    try:
        return [
            clients.create_client(
                team,
                ClientDraft(f"华信{n:03d}科技有限公司", notes="老客户"),
                [ContactDraft("王芳")],
            ).id
            for n in range(CLIENTS)
        ]
    finally:
        team.close()


def _ids(archive, sql: str) -> list[tuple]:
    with archive.db.read() as session:
        return [tuple(r) for r in session.execute(text(sql)).all()]


def _edit(archive, client_id: int, **changes) -> None:
    record = clients.get_client(archive, client_id)
    clients.update_client(archive, client_id, replace(record.draft(), **changes))


def _sync(copy, server_reads, *resolutions):
    server_reads["rows"], server_reads["on"] = 0, True
    try:
        return team_transfer.sync(copy, *resolutions)
    finally:
        server_reads["on"] = False


def test_a_sync_with_few_changes_reads_few_rows_and_misses_none(
    tmp_path, team_address, server_reads, monkeypatch
):
    ids = _team(team_address)
    copy_path = tmp_path / "路上.sqlite3"
    team_transfer.checkout(team_address, copy_path)
    copy = open_archive(copy_path, clock=lambda: FIXED_NOW)
    try:
        whole: list[tuple[str, str]] = []
        read_rows = tc.read_rows

        def reading(conn, table):
            whole.append((conn.dialect.name, table.name))
            return read_rows(conn, table)

        monkeypatch.setattr(tc, "read_rows", reading)
        quiet = _sync(copy, server_reads)
        assert quiet.sent == quiet.received == {"new": 0, "edit": 0, "delete": 0}
        assert server_reads["rows"] < 40, server_reads  # not the 300 clients and contacts
        # neither side is read whole: only the small tables keyed otherwise (and counters)
        assert {name for _side, name in whole} <= SMALL, whole

        _edit(copy, ids[3], notes="路上改的备注")  # offline
        made = clients.create_client(copy, ClientDraft("路上新开发的客户"), [ContactDraft("周七")])
        team = open_archive(team_address, clock=lambda: FIXED_NOW)
        _edit(team, ids[7], region="华北")  # in the office
        _edit(team, ids[9], notes="办公室改的备注")
        _edit(copy, ids[9], notes="路上也改了")  # both sides: a conflict
        with team.db.session() as session:  # outside the app (psql): no history, no version
            session.execute(text(f"UPDATE clients SET address = '天津' WHERE id = {ids[11]}"))
        clients.create_client(team, ClientDraft("办公室新客户"), [])  # takes the copy's new id
        clients.delete_client(team, ids[13])  # deleted on the server
        _edit(team, ids[15], name="滨海新名字有限公司")  # the copy's search finds it after
        team.close()

        result = _sync(copy, server_reads)
        assert [(c.ref, c.mine, c.theirs) for c in result.conflicts] == [
            (f"clients:{ids[9]}:notes", "路上也改了", "办公室改的备注")
        ]
        # a few rows, and the ids of the two id ranges where the delete was looked for (a
        # whole read is every row of every table: the 150 clients, their contacts, the history)
        assert server_reads["rows"] < 150, server_reads
        assert clients.get_client(copy, ids[7]).region == "华北"
        assert clients.get_client(copy, ids[11]).address == "天津"
        found = search.search(copy, "新名字")
        assert [h.id for h in found if h.kind == "client"] == [ids[15]]
        [(server_id,)] = _ids(copy, "SELECT id FROM clients WHERE name = '路上新开发的客户'")
        assert server_id != made.id  # renumbered: the index follows, no entry is left behind
        hits = [(h.kind, h.id) for h in search.search(copy, "路上新开发")]
        assert ("client", server_id) in hits and ("client", made.id) not in hits
        with copy.db.read() as session:  # deleted on the server: gone from the copy
            sql = text(f"SELECT count(*) FROM clients WHERE id = {ids[13]}")
            assert session.execute(sql).scalar() == 0
        team = open_archive(team_address)
        try:
            assert clients.get_client(team, ids[3]).notes == "路上改的备注"
        finally:
            team.close()

        settled = _sync(
            copy, server_reads, team_transfer.parse_resolution("mine", f"clients:{ids[9]}:notes")
        )
        assert settled.conflicts == [] and settled.resolved == 1
        again = _sync(copy, server_reads)
        assert again.sent == again.received == {"new": 0, "edit": 0, "delete": 0}
        assert not again.conflicts
    finally:
        copy.close()


def test_links_added_and_removed_on_the_server_follow(tmp_path, team_address):
    """activity_contacts (a key of two ids, no stamp on a delete): a visit with two contacts
    made on the server comes down with its links; a link removed on the server outside the
    app goes from the copy too."""
    from datetime import datetime

    from app.domain.enums import ActivityKind
    from app.domain.records import ActivityDraft
    from app.services import activities

    team = open_archive(team_address, clock=lambda: FIXED_NOW)
    client = clients.create_client(
        team, ClientDraft("北京华信科技有限公司"), [ContactDraft("王芳"), ContactDraft("李强")]
    )
    first, second = (c.id for c in client.contacts)
    when = datetime(2026, 11, 20, 9)
    old = activities.create_activity(
        team,
        ActivityDraft(client.id, ActivityKind.VISIT, when, "首访", contact_ids=(first, second)),
    )
    team.close()
    copy_path = tmp_path / "路上.sqlite3"
    team_transfer.checkout(team_address, copy_path)
    team = open_archive(team_address, clock=lambda: FIXED_NOW)
    new = activities.create_activity(
        team,
        ActivityDraft(client.id, ActivityKind.VISIT, when, "回访", contact_ids=(first, second)),
    )
    with team.db.session() as session:
        session.execute(
            text(
                f"DELETE FROM activity_contacts WHERE activity_id = {old.id} AND contact_id = {second}"
            )
        )
    team.close()

    copy = open_archive(copy_path, clock=lambda: FIXED_NOW)
    try:
        team_transfer.sync(copy)
        with copy.db.read() as session:
            links = session.execute(
                text("SELECT activity_id, contact_id FROM activity_contacts ORDER BY 1, 2")
            ).all()
    finally:
        copy.close()
    assert [tuple(r) for r in links] == sorted([(old.id, first), (new.id, first), (new.id, second)])
