"""An offline copy of a team archive (issue 14 §4): checkout, a day on the road, sync; the same
client changed offline and online is listed field by field; a kill during sync leaves both
sides consistent and a re-run completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import replace
from datetime import datetime

from clock import FIXED_NOW
from sqlalchemy import text

from app.domain.enums import ActivityKind
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, clients, team_transfer
from app.services.archive import open_archive

PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _team_with_a_client(address: str) -> int:
    team = open_archive(address, clock=lambda: FIXED_NOW)
    try:
        made = clients.create_client(
            team,
            ClientDraft("北京华信科技有限公司", region="北京", notes="老客户"),
            [ContactDraft("王芳")],
        )
        return made.id
    finally:
        team.close()


def _rows(archive, sql: str) -> list:
    with archive.db.read() as session:
        return [tuple(r) for r in session.execute(text(sql)).all()]


def _state(archive) -> list:
    return (
        _rows(archive, "SELECT id, name, region, notes, address FROM clients ORDER BY id")
        + _rows(archive, "SELECT id, client_id, name FROM contacts ORDER BY id")
        + _rows(archive, "SELECT id, client_id, subject FROM activities ORDER BY id")
    )


def _edit(archive, client_id: int, **changes) -> None:
    record = clients.get_client(archive, client_id)
    clients.update_client(archive, client_id, replace(record.draft(), **changes))


def test_the_scripted_day_lists_the_conflict_field_by_field_and_resolves_it(tmp_path, team_address):
    client_id = _team_with_a_client(team_address)
    copy_path = tmp_path / "路上.sqlite3"
    checked = team_transfer.checkout(team_address, copy_path)
    assert checked.counts["clients"] == 1 and checked.counts["contacts"] == 1
    # on the road: the same client edited, a new contact and a visit
    copy = open_archive(copy_path, clock=lambda: FIXED_NOW)
    _edit(copy, client_id, notes="路上改的备注", address="海淀区中关村大街1号")
    made = clients.create_client(
        copy, ClientDraft("天津滨海新材料", region="天津"), [ContactDraft("赵六")]
    )
    visit = activities.create_activity(
        copy, ActivityDraft(made.id, ActivityKind.VISIT, datetime(2026, 12, 1, 9), "首次拜访")
    )
    # at the office, online: the same client, one field the same and one other
    team = open_archive(team_address, clock=lambda: FIXED_NOW)
    _edit(team, client_id, notes="办公室改的备注", region="北京市")
    clients.create_client(team, ClientDraft("上海申达物流"), [])
    team.close()

    result = team_transfer.sync(copy)
    assert [(c.ref, c.base, c.mine, c.theirs) for c in result.conflicts] == [
        (f"clients:{client_id}:notes", "老客户", "路上改的备注", "办公室改的备注")
    ]
    assert result.sent["new"] >= 3  # the client, its contact, the visit (and their history)
    assert result.received["new"] >= 1  # 上海申达物流
    team = open_archive(team_address)
    try:
        held = clients.get_client(team, client_id)
        assert (held.notes, held.region, held.address) == ("办公室改的备注", "北京市", "")
        new_there = _rows(team, "SELECT id FROM clients WHERE name = '天津滨海新材料'")
        [(server_id,)] = new_there
        assert _rows(team, f"SELECT subject FROM activities WHERE client_id = {server_id}") == [
            ("首次拜访",)
        ]
    finally:
        team.close()
    # the copy learnt the server's ids, and its visit points at the client's new id
    assert _rows(copy, "SELECT id FROM clients WHERE name = '天津滨海新材料'") == [(server_id,)]
    assert (
        activities.get_activity(copy, _rows(copy, "SELECT id FROM activities")[0][0]).client_id
        == server_id
    )
    assert visit.client_id == made.id

    settled = team_transfer.sync(
        copy, team_transfer.parse_resolution("mine", f"clients:{client_id}:notes")
    )
    assert settled.conflicts == [] and settled.resolved == 1
    team = open_archive(team_address)
    try:
        final = clients.get_client(team, client_id)
        assert (final.notes, final.region, final.address) == (
            "路上改的备注",
            "北京市",
            "海淀区中关村大街1号",
        )
        assert _state(team) == _state(copy)
    finally:
        team.close()
    again = team_transfer.sync(copy)
    assert again.sent == {"new": 0, "edit": 0, "delete": 0} and not again.conflicts
    copy.close()


def test_deletions_go_both_ways_and_a_deleted_changed_record_is_a_conflict(tmp_path, team_address):
    client_id = _team_with_a_client(team_address)
    team = open_archive(team_address)
    other = clients.create_client(team, ClientDraft("上海申达物流"), [ContactDraft("李四")])
    team.close()
    copy_path = tmp_path / "copy.sqlite3"
    team_transfer.checkout(team_address, copy_path)
    copy = open_archive(copy_path)
    clients.delete_client(copy, other.id)
    _edit(copy, client_id, notes="路上改的")
    team = open_archive(team_address)
    clients.delete_client(team, client_id)
    team.close()
    result = team_transfer.sync(copy)
    assert [c.ref for c in result.conflicts] == [f"clients:{client_id}:*"]
    assert result.sent["delete"] >= 2  # 上海申达物流 and its contact
    settled = team_transfer.sync(
        copy, team_transfer.parse_resolution("theirs", f"clients:{client_id}")
    )
    assert not settled.conflicts
    team = open_archive(team_address)
    assert _state(team) == _state(copy) == []
    team.close()
    copy.close()


def _sync_in_a_process_killed_at(copy_path, point: str) -> int:
    env = dict(os.environ, SALES_COMPASS_TEST_KILL_AT=point, SALES_COMPASS_LANG="zh")
    done = subprocess.run(
        [sys.executable, "-m", "app", "team", "sync", str(copy_path)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.returncode


def test_a_kill_during_sync_leaves_both_sides_consistent_and_a_rerun_completes(
    tmp_path, team_address
):
    client_id = _team_with_a_client(team_address)
    copy_path = tmp_path / "copy.sqlite3"
    team_transfer.checkout(team_address, copy_path)
    copy = open_archive(copy_path)
    clients.create_client(copy, ClientDraft("天津滨海新材料"), [ContactDraft("赵六")])
    _edit(copy, client_id, notes="路上改的")
    before = _state(copy)
    copy.close()
    team = open_archive(team_address)
    on_server = _state(team)
    team.close()

    assert _sync_in_a_process_killed_at(copy_path, "sync_before_server_commit") == -signal.SIGKILL
    team, copy = open_archive(team_address), open_archive(copy_path)
    assert _state(team) == on_server and _state(copy) == before  # nothing happened
    team.close(), copy.close()

    assert _sync_in_a_process_killed_at(copy_path, "sync_after_server_commit") == -signal.SIGKILL
    team, copy = open_archive(team_address), open_archive(copy_path)
    assert len(_rows(team, "SELECT id FROM clients")) == 2  # the server has it all
    assert _state(copy) == before  # the copy has not learnt it yet
    team.close()
    result = team_transfer.sync(copy)  # the re-run finds what went up: nothing twice
    assert not result.conflicts and result.sent["new"] == 0
    team = open_archive(team_address)
    assert len(_rows(team, "SELECT id FROM clients")) == 2
    assert _state(team) == _state(copy)
    team.close()
    copy.close()


def test_an_encrypted_laptop_archive_goes_up_and_an_encrypted_copy_comes_down(
    tmp_path, team_address
):
    from encrypted_archives import CLIENT, PASSWORD, files_showing, new_process

    from app.services import archive as archive_service
    from app.services import attachments, encryption

    laptop = tmp_path / "laptop.sqlite3"
    made = open_archive(laptop)
    client = clients.create_client(made, ClientDraft(CLIENT), [ContactDraft("王芳")])
    scan = tmp_path / "执照.pdf"
    scan.write_bytes(b"%PDF-1.4 secret scan")
    attachments.add(made, "client", client.id, scan)
    made.close()
    encryption.encrypt(laptop, PASSWORD)
    new_process()
    archive_service.unlock(laptop, PASSWORD)
    pushed = team_transfer.push(laptop, team_address)
    assert pushed.verified and pushed.files_added == 1  # the file went up decrypted

    new_process()
    road = tmp_path / "road" / "copy.sqlite3"
    road.parent.mkdir()
    team_transfer.checkout(team_address, road, encrypt_password=PASSWORD)
    assert archive_service.is_encrypted(road)
    assert files_showing(road.parent, CLIENT) == []
    new_process()
    copy = open_archive(road, password=PASSWORD)
    [there] = attachments.list_for(copy, "client", client.id)
    out = attachments.copy_out(copy, there.id, tmp_path / "out")
    assert out.read_bytes() == scan.read_bytes()
    _edit(copy, client.id, notes="加密副本里改的")
    assert not team_transfer.sync(copy).conflicts
    copy.close()
    team = open_archive(team_address)
    assert clients.get_client(team, client.id).notes == "加密副本里改的"
    team.close()


def test_a_delete_is_held_while_the_other_side_added_records_to_it(tmp_path, team_address):
    kept = _team_with_a_client(team_address)
    team = open_archive(team_address)
    gone = clients.create_client(team, ClientDraft("上海申达物流"), [])
    team.close()
    path = tmp_path / "copy.sqlite3"
    team_transfer.checkout(team_address, path)
    copy = open_archive(path)
    clients.delete_client(copy, kept)  # offline: deleted ...
    team = open_archive(team_address)
    clients.add_contact(team, kept, ContactDraft("新来的联系人"))  # ... online: a contact added
    clients.delete_client(team, gone.id)  # online: deleted ...
    team.close()
    clients.add_contact(copy, gone.id, ContactDraft("路上加的联系人"))  # ... offline: one added
    result = team_transfer.sync(copy)
    assert sorted(c.ref for c in result.conflicts) == sorted(
        [f"clients:{gone.id}:*", f"clients:{kept}:*"]
    )
    team = open_archive(team_address)
    assert ("新来的联系人",) in _rows(team, "SELECT name FROM contacts")  # nothing lost there
    team.close()
    assert ("路上加的联系人",) in _rows(copy, "SELECT name FROM contacts")  # nor here
    choices = team_transfer.parse_resolution("mine", f"clients:{gone.id}")
    choices |= team_transfer.parse_resolution("theirs", f"clients:{kept}")
    settled = team_transfer.sync(copy, choices)
    assert not settled.conflicts
    team = open_archive(team_address)
    names = {n for (n,) in _rows(team, "SELECT name FROM contacts")}
    assert {"新来的联系人", "路上加的联系人"} <= names
    assert _state(team) == _state(copy)
    team.close()
    copy.close()


def test_an_attachment_added_offline_goes_up_with_its_file(tmp_path, team_address):
    from app.services import attachments

    client_id = _team_with_a_client(team_address)
    path = tmp_path / "copy.sqlite3"
    team_transfer.checkout(team_address, path)
    copy = open_archive(path)
    scan = tmp_path / "名片.png"
    scan.write_bytes(b"\x89PNG business card")
    attachments.add(copy, "client", client_id, scan)
    assert not team_transfer.sync(copy).conflicts
    copy.close()
    team = open_archive(team_address)
    [there] = attachments.list_for(team, "client", client_id)
    assert attachments.copy_out(team, there.id, tmp_path / "out").read_bytes() == scan.read_bytes()
    team.close()


def test_a_copy_holds_only_what_the_login_may_read(tmp_path, team_address, pg_cluster):
    """Row-level security decides what a login reads; a record hanging on a client it may not
    read stays on the server (the roles of issue 14 §2 stand in as one policy here)."""
    import uuid

    client_id = _team_with_a_client(team_address)
    team = open_archive(team_address)
    hidden = clients.create_client(team, ClientDraft("隐藏客户"), [ContactDraft("看不见的人")])
    team.close()
    database = team_address.split("?")[0].rsplit("/", 1)[-1]
    login = f"road_{uuid.uuid4().hex[:8]}"
    for statement in (
        f"CREATE ROLE {login} LOGIN",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {login}",
        "ALTER TABLE clients ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY road_reads ON clients FOR SELECT TO {login} USING (name <> '隐藏客户')",
    ):
        pg_cluster.sql(statement, database)
    address = pg_cluster.address(database, user=login)
    path = tmp_path / "copy.sqlite3"
    checked = team_transfer.checkout(address, path)
    assert checked.counts["clients"] == 1 and checked.counts["contacts"] == 1
    copy = open_archive(path)
    assert _rows(copy, "SELECT id FROM clients") == [(client_id,)]
    assert ("看不见的人",) not in _rows(copy, "SELECT name FROM contacts")
    result = team_transfer.sync(copy)  # the hidden client's contact does not come down either
    assert result.received["new"] == 0 and not result.conflicts
    assert hidden.id not in {i for (i,) in _rows(copy, "SELECT client_id FROM contacts")}
    copy.close()
