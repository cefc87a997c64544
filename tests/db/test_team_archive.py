"""The team archive on a real PostgreSQL server (tests/pg_server.py starts one): the same
services and commands as on an archive file (issue 14 §1)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from cli_runner import run_cli
from sqlalchemy import text

from app.db import server
from app.domain.errors import ArchiveError
from app.domain.plans import PlanTargets
from app.domain.records import ClientDraft, ContactDraft
from app.domain.text import pinyin_initials
from app.services import attachments, clients, plans, search
from app.services.archive import open_archive


def test_an_address_is_read_without_ever_holding_a_password():
    address = server.parse_address("postgresql://assistant@db.office.lan:5433/compass")
    assert (address.user, address.host, address.port, address.database) == (
        "assistant",
        "db.office.lan",
        5433,
        "compass",
    )
    assert address.display == "assistant@db.office.lan:5433/compass"
    with pytest.raises(ArchiveError) as raised:
        server.parse_address("postgresql://assistant:secret@db.office.lan/compass")
    assert raised.value.code == "password_in_address"
    assert "secret" not in str(raised.value.details)
    with pytest.raises(ArchiveError) as raised:
        server.parse_address("postgresql://assistant@db.office.lan/")
    assert raised.value.code == "server_address_invalid"


def test_a_socket_folder_and_port_in_the_query_are_kept():
    address = server.parse_address("postgresql://u@/compass?host=/run/pg&port=5499")
    assert (address.socket_folder, address.port) == ("/run/pg", 5499)
    assert address.url().query["host"] == "/run/pg"


def test_services_work_the_same_on_the_server(team_archive, tmp_path):
    client = clients.create_client(
        team_archive, ClientDraft("北京华信科技有限公司", region="北京"), [ContactDraft("王芳")]
    )
    assert clients.get_client(team_archive, client.id).name == "北京华信科技有限公司"
    for query in ("华信", "华", "bjhx", "hx", "北京华信科技有限公司"):
        hits = search.search(team_archive, query)
        assert [(h.kind, h.id) for h in hits][:1] == [("client", client.id)], query
    assert [h.kind for h in search.search(team_archive, "王芳")] == ["contact"]
    assert search.search(team_archive, "华为") == []
    scan = tmp_path / "营业执照.pdf"
    scan.write_bytes(b"%PDF-1.4 " + b"x" * (3 << 20))  # several chunks
    record = attachments.add(team_archive, "client", client.id, scan)
    copy = attachments.copy_out(team_archive, record.id, tmp_path / "out")
    assert copy.read_bytes() == scan.read_bytes()


def test_the_schema_is_migrated_once_and_reopening_changes_nothing(team_address):
    first = open_archive(team_address)
    revision = server.current_revision(first.db.engine)
    first.close()
    again = open_archive(team_address)
    assert server.current_revision(again.db.engine) == revision
    with again.db.read() as session:
        assert session.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    again.close()


def test_a_missing_database_and_an_unknown_login_are_put_into_words(pg_cluster):
    with pytest.raises(ArchiveError) as raised:
        open_archive(pg_cluster.address("no_such_archive"))
    assert raised.value.code == "server_database_missing"
    with pytest.raises(ArchiveError) as raised:
        open_archive(pg_cluster.address("postgres", user="nobody_here"))
    assert raised.value.code == "server_login_failed"


def test_every_revision_goes_up_and_down_on_postgresql(pg_cluster):
    from alembic import command
    from sqlalchemy import create_engine

    from app.db.archive_file import alembic_config

    name = pg_cluster.new_database()
    engine = create_engine(server.parse_address(pg_cluster.address(name)).url())
    try:
        for direction, target in (("upgrade", "head"), ("downgrade", "base"), ("upgrade", "head")):
            with engine.begin() as conn:
                getattr(command, direction)(alembic_config(None, conn), target)
        with engine.connect() as conn:
            tables = conn.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar()
        assert tables > 30
    finally:
        engine.dispose()
        pg_cluster.drop_database(name)


def test_the_command_line_takes_a_server_address(pg_cluster):
    name = pg_cluster.new_database()
    address = pg_cluster.address(name)
    made = run_cli("team", "init", address)
    assert made.returncode == 0, made.stderr
    assert "0023" in made.stdout or "数据结构版本" in made.stdout
    added = run_cli("add-client", "--name", "深圳恒达电子", "--tier", "A", "--db", address)
    assert added.returncode == 0, added.stderr
    listed = run_cli("clients", "--db", address)
    assert "深圳恒达电子" in listed.stdout
    found = run_cli("search", "恒达", "--db", address)
    assert "深圳恒达电子" in found.stdout
    refused = run_cli("backup", "/tmp/never-written", "--db", address)
    assert refused.returncode == 1
    assert "团队档案" in refused.stderr and "Traceback" not in refused.stderr
    secret = run_cli("clients", "--db", address.replace("compass_test@", "compass_test:pw@"))
    assert secret.returncode == 1 and "pw@" not in secret.stderr
    pg_cluster.drop_database(name)


def test_money_columns_hold_a_department_s_figures_on_postgresql(team_archive):
    """PostgreSQL's integer holds 32 bits: 21,474,836.47 元 in fen. A month's target of
    141,891,000 元 (the 100,000-client archive's) must fit, as it does on SQLite."""
    with team_archive.db.read() as session:
        kinds = session.execute(
            text(
                "SELECT DISTINCT data_type FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND column_name LIKE '%\\_fen'"
            )
        ).scalars()
        assert set(kinds) == {"bigint"}
    target = PlanTargets(signed_amount=Decimal("141891000.00"), receipts=Decimal("98765432.10"))
    plan = plans.set_targets(team_archive, 2026, 11, target, "王芳")
    assert plan.team.targets.signed_amount == Decimal("141891000.00")


def test_a_name_with_many_polyphonic_characters_is_saved_and_found(team_archive):
    """Its initials of every reading run past 200 characters (0022 keeps up to 16 spellings);
    PostgreSQL enforces a declared varchar length, SQLite never did."""
    name = "长乐区单县朝阳长春重庆长沙银行行长会议系统采购项目部"
    assert len(pinyin_initials(name)) > 200
    client = clients.create_client(team_archive, ClientDraft(name))
    assert [h.id for h in search.search(team_archive, "单县朝阳") if h.kind == "client"] == [
        client.id
    ]


def test_a_team_archive_opened_read_only_is_refused_every_write_by_the_server(team_address):
    """What only reads (lists, show, search, `company` without options) opens the team archive
    read-only: the server itself refuses a write there, and nothing is saved."""
    reader = open_archive(team_address, read_only=True)
    try:
        with pytest.raises(ArchiveError) as refused:
            clients.create_client(reader, ClientDraft("只读时新建的客户"))
        assert refused.value.code == "archive_opened_read_only"
        assert clients.client_count(reader) == 0
    finally:
        reader.close()
    shown = run_cli("company", "--db", team_address)
    assert shown.returncode == 0, shown.stderr
    named = run_cli("company", "--name", "北京华信科技有限公司", "--db", team_address)
    assert named.returncode == 0, named.stderr
    assert "北京华信科技有限公司" in run_cli("company", "--db", team_address).stdout


def test_no_statement_of_the_app_is_compiled_with_llvm(team_address):
    """JIT off on every connection, for writers and readers alike: the planner's cost of a
    客户经理's statements under the row-level policies passed jit_above_cost, and opening
    分析与月报 on 100,000 clients spent 7.7 of its 7.8 s compiling."""
    for read_only in (False, True):
        archive = open_archive(team_address, read_only=read_only)
        try:
            with archive.db.read() as session:
                assert session.execute(text("SHOW jit")).scalar() == "off"
                assert session.execute(text("SHOW lock_timeout")).scalar() != "0"
        finally:
            archive.close()
