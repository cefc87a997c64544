"""The schema's history on PostgreSQL with data in it: a team database at the first revision,
filled as that version would have filled it, upgraded to head (every revision's data steps run on
the server: pinyin initials, search index, money as BIGINT), then down to base and up again."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import create_engine, text

from app.db import server
from app.db.archive_file import alembic_config, head_revision
from app.domain.records import ClientDraft
from app.services import activities, clients, search
from app.services.archive import open_archive

FIRST = "0001"  # the revision the sample is written at
NOW = datetime(2026, 11, 26, 10, 30)
STAMP = "2026-11-01 09:00:00"

SAMPLE = (
    "INSERT INTO clients (id, name, name_key, sort_key, initials, uscc, tier, is_key_account,"
    " region, owner, status, created_on, last_visit_on, created_at, updated_at) VALUES (1,"
    " '深圳华达电子有限公司', '深圳华达电子有限公司', 'shen zhen hua da dian zi you xian gong si',"
    " 'szhddzyxgs', '91110000600037341L', 'A', true, '华南', '王强', '合作中', '2025-01-02',"
    " '2026-11-01', :stamp, :stamp)",
    "INSERT INTO contacts (id, client_id, name, title, mobile)"
    " VALUES (1, 1, '李娜', '采购经理', '13812345678')",
    "INSERT INTO activities (id, client_id, kind, started_at, subject, expense_fen, created_at,"
    " updated_at) VALUES (1, 1, 'visit', :stamp, '年度框架协议谈判', 12345, :stamp, :stamp)",
    "INSERT INTO activity_contacts (activity_id, contact_id) VALUES (1, 1)",
    # as any writer of explicit ids must: the sequences move past them
    *(
        f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), 1)"
        for t in ("clients", "contacts", "activities")
    ),
)


def _migrate(engine, direction: str, target: str) -> None:
    from alembic import command

    with engine.begin() as conn:
        getattr(command, direction)(alembic_config(None, conn), target)


def _tables(engine) -> set[str]:
    with engine.connect() as conn:
        found = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        return {r[0] for r in found}


def _check_upgraded(address: str) -> None:
    archive = open_archive(address, clock=lambda: NOW)
    try:
        assert server.current_revision(archive.db.engine) == head_revision()
        client = clients.get_client(archive, 1)
        assert client.name == "深圳华达电子有限公司" and client.is_key_account
        assert (client.bank, client.bank_account) == ("", "")
        filled = replace(client.draft(), bank="招商银行", bank_account="1109 0123 4567")
        assert clients.update_client(archive, 1, filled).bank_account == "1109 0123 4567"
        assert client.contacts[0].mobile == "13812345678"
        activity = activities.get_activity(archive, 1)
        assert str(activity.expense) == "123.45"
        assert activity.contact_ids == (1,)
        # the search index was filled by the upgrade, so the old data is findable at once
        assert [h.id for h in search.search(archive, "华达") if h.kind == "client"] == [1]
        assert [h.id for h in search.search(archive, "szhd") if h.kind == "client"] == [1]
        assert [h.id for h in search.search(archive, "框架") if h.kind == "activity"] == [1]
        # a new record takes a new id
        assert clients.create_client(archive, ClientDraft("广州嘉禾医疗")).id == 2
        with archive.db.read() as session:
            money = session.execute(
                text(
                    "SELECT data_type FROM information_schema.columns"
                    " WHERE table_name = 'activities' AND column_name = 'expense_fen'"
                )
            ).scalar()
        assert money == "bigint"
    finally:
        archive.close()


def test_first_revision_upgrades_to_head_with_data_and_goes_down_again(pg_cluster):
    name = pg_cluster.new_database()
    address = pg_cluster.address(name)
    engine = create_engine(server.parse_address(address).url())
    try:
        _migrate(engine, "upgrade", FIRST)
        with engine.begin() as conn:
            for statement in SAMPLE:
                conn.execute(text(statement), {"stamp": STAMP})
        _check_upgraded(address)

        _migrate(engine, "downgrade", FIRST)
        assert "search_docs" not in _tables(engine)
        with engine.connect() as conn:
            kept = conn.execute(text("SELECT name, initials FROM clients ORDER BY id")).all()
        assert kept[0] == ("深圳华达电子有限公司", "szhddzyxgs")
        assert [r[0] for r in kept] == ["深圳华达电子有限公司", "广州嘉禾医疗"]

        _migrate(engine, "downgrade", "base")
        assert not {"clients", "activities", "search_docs", "blob_chunks"} & _tables(engine)
        _migrate(engine, "upgrade", "head")
        fresh = open_archive(address, clock=lambda: NOW)
        try:
            assert clients.client_count(fresh) == 0
        finally:
            fresh.close()
    finally:
        engine.dispose()
        pg_cluster.drop_database(name)
