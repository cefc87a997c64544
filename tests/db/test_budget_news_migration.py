"""Migration 0021: the budgets and client_news tables come and go; clients is not rebuilt (its
AUTOINCREMENT and the expression index ix_clients_visit_plan stay), and going down takes the
news scans' attachment rows with the news."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from app.db import archive_file
from app.domain.records import ClientDraft
from app.services import budgets, clients, news
from app.services.archive import open_archive

NOW = datetime(2026, 11, 26, 10, 30)


def _sql(path, statement: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(statement).fetchall()
    finally:
        conn.close()


def _clients_schema(path) -> list[tuple]:
    return _sql(
        path, "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'clients' ORDER BY name"
    )


def test_up_with_data_and_down_again(tmp_path):
    path = tmp_path / "a.sqlite3"
    archive_file.migrate(path, target="0020")
    before = _clients_schema(path)
    archive_file.migrate(path, target="0021")
    assert _clients_schema(path) == before  # 0021 does not rebuild clients
    archive = open_archive(path, clock=lambda: NOW)
    try:
        client = clients.create_client(archive, ClientDraft("北京华信科技有限公司", owner="王芳"))
        budgets.set_budget(archive, "2026-11", "王芳", "拜访", "1000")
        scan = tmp_path / "剪报.pdf"
        scan.write_bytes(b"%PDF-1.4")
        news.add_news(archive, news.NewsDraft(client.id, date(2026, 11, 3), "新厂区投产"), scan)
    finally:
        archive.close()
    assert ("ix_clients_visit_plan",) in [(n,) for n, _sql in _clients_schema(path)]
    (sql,) = _sql(path, "SELECT sql FROM sqlite_master WHERE name = 'client_news'")[0]
    assert "AUTOINCREMENT" in sql
    assert _sql(path, "SELECT count(*) FROM attachments WHERE owner_kind = 'news'") == [(1,)]

    archive_file.downgrade(path, "0020")
    tables = {r[0] for r in _sql(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not {"budgets", "client_news"} & tables
    assert _sql(path, "SELECT count(*) FROM attachments WHERE owner_kind = 'news'") == [(0,)]
    assert _clients_schema(path) == before
    assert _sql(path, "SELECT name FROM clients") == [("北京华信科技有限公司",)]
