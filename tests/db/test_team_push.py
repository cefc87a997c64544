"""team push: a laptop's archive file into a team archive on PostgreSQL (issue 14 §4), checked
by counts and hashes, repeatable without duplicates, ids remapped for a second laptop."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text
from team_samples import laptop_archive

from app.db import team_push
from app.domain.errors import AppError
from app.services import attachments, clients, history, recycle_bin, search, team_transfer
from app.services.archive import open_archive

SCAN = b"%PDF-1.4 " + b"scan" * 400_000  # two chunks on the server


def _count(address: str, table: str) -> int:
    archive = open_archive(address)
    try:
        with archive.db.read() as session:
            return session.execute(text(f"SELECT count(*) FROM {table}")).scalar()
    finally:
        archive.close()


def _clients(archive) -> dict[str, int]:
    with archive.db.read() as session:
        return dict(session.execute(text("SELECT name, id FROM clients")).all())


def test_a_laptop_archive_goes_up_whole_and_checked(tmp_path, team_address):
    path = laptop_archive(
        tmp_path / "laptop.sqlite3", ("北京华信科技", "上海申达物流", "广州粤海"), SCAN
    )
    result = team_transfer.push(path, team_address)
    counts = {c.table: c for c in result.counts}
    assert counts["clients"].local == 2 and counts["clients"].added == 2
    assert counts["contacts"].on_server == 4 and counts["activities"].on_server == 2
    assert counts["recycle_bin"].added == 1 and counts["change_log"].added >= 5
    assert result.verified and result.files == 1 and result.files_added == 1
    team = open_archive(team_address)
    try:
        assert sorted(_clients(team)) == ["上海申达物流", "北京华信科技"]
        first = _clients(team)["北京华信科技"]
        [scan] = attachments.list_for(team, "client", first)
        copy = attachments.copy_out(team, scan.id, tmp_path / "out")
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == hashlib.sha256(SCAN).hexdigest()
        assert [h.id for h in search.search(team, "申达")]
        assert history.record_history(team, "client", first)
        [binned] = recycle_bin.list_items(team)
        recycle_bin.restore_item(team, binned.id)  # its rows came up with ids of the server
        assert len(_clients(team)) == 3
    finally:
        team.close()


def test_a_second_push_adds_nothing_and_a_later_one_only_what_is_new(tmp_path, team_address):
    path = laptop_archive(tmp_path / "laptop.sqlite3", ("北京华信科技", "上海申达物流"))
    first = team_transfer.push(path, team_address)
    again = team_transfer.push(path, team_address)
    assert first.added > 0 and again.added == 0 and again.verified
    laptop = open_archive(path)
    clients.create_client(laptop, clients.ClientDraft("深圳恒达电子"), [])
    laptop.close()
    later = team_transfer.push(path, team_address)
    added = {c.table: c.added for c in later.counts if c.added}
    assert added.get("clients") == 1 and _count(team_address, "clients") == 2


def test_a_second_laptop_gets_new_ids_and_its_references_follow(tmp_path, team_address):
    one = laptop_archive(tmp_path / "one.sqlite3", ("北京华信科技", "上海申达物流", "作废客户"))
    two = laptop_archive(tmp_path / "two.sqlite3", ("杭州西湖软件", "北京华信科技", "作废客户乙"))
    team_transfer.push(one, team_address)
    result = team_transfer.push(two, team_address)
    assert result.verified
    counts = {c.table: c for c in result.counts}
    # 北京华信科技 is the same client on both laptops: matched by name, not added twice
    assert counts["clients"].added == 1 and counts["clients"].matched == 1
    team = open_archive(team_address)
    try:
        with team.db.read() as session:
            rows = session.execute(
                text(
                    "SELECT cl.name, c.name FROM contacts c JOIN clients cl ON cl.id = c.client_id"
                    " ORDER BY c.id"
                )
            ).all()
            ids = session.execute(text("SELECT id FROM clients ORDER BY id")).scalars().all()
            visits = session.execute(
                text(
                    "SELECT cl.name, a.subject FROM activities a"
                    " JOIN clients cl ON cl.id = a.client_id ORDER BY a.id"
                )
            ).all()
        assert ("杭州西湖软件", "联系人0甲") in rows
        assert len(set(ids)) == len(ids) == 3
        assert all(subject == f"拜访{name}" for name, subject in visits)
        # the sequence is past the highest id: a new client takes a fresh one
        made = clients.create_client(team, clients.ClientDraft("新客户"), [])
        assert made.id > max(ids)
    finally:
        team.close()


def test_a_different_schema_revision_is_refused_before_anything_is_written(tmp_path, team_address):
    path = laptop_archive(tmp_path / "laptop.sqlite3", ("北京华信科技", "作废"))
    team = open_archive(team_address)
    with team.db.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0022'"))
    with pytest.raises(AppError) as raised:
        team_push.push(open_archive(path).db.engine, team.db.engine, lambda s: iter(()), "x")
    assert raised.value.code == "team_revisions_differ"
    team.close()


def test_a_push_killed_before_it_commits_leaves_the_server_as_it_was(tmp_path, team_address):
    import os
    import signal
    import subprocess
    import sys

    from cli_runner import PROJECT

    path = laptop_archive(tmp_path / "laptop.sqlite3", ("北京华信科技", "作废"))
    env = dict(os.environ, SALES_COMPASS_TEST_KILL_AT="push_before_commit")
    killed = subprocess.run(
        [sys.executable, "-m", "app", "team", "push", str(path), team_address],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL
    assert _count(team_address, "clients") == 0 and _count(team_address, "sync_origins") == 0
    assert team_transfer.push(path, team_address).verified
    assert _count(team_address, "clients") == 1


def test_a_nul_an_older_version_stored_goes_up_without_it(tmp_path, team_address):
    """PostgreSQL's text cannot hold U+0000: the server gets the text without it, and the push
    is still verified."""
    import sqlite3

    path = laptop_archive(tmp_path / "laptop.sqlite3", ("北京华信科技", "上海申达物流"), SCAN)
    with sqlite3.connect(path) as conn:  # as an older version, or a hand edit, stored it
        conn.execute(
            "UPDATE clients SET notes = ? WHERE name = ?", ("周三\x00回访", "北京华信科技")
        )
    result = team_transfer.push(path, team_address)
    assert result.verified
    team = open_archive(team_address)
    try:
        first = _clients(team)["北京华信科技"]
        assert clients.get_client(team, first).notes == "周三回访"
    finally:
        team.close()
