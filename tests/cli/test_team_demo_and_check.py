"""`demo` fills a team archive on PostgreSQL, and `check` looks at one (issue 14 §1): through the
real entry point, on the throwaway server of tests/pg_server.py."""

from __future__ import annotations

import pytest
from cli_runner import run_cli
from sqlalchemy import create_engine, text

from app.db import server
from app.domain.errors import ArchiveError


def _sql(address: str, statement: str):
    engine = create_engine(server.parse_address(address).url())
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement))
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


def test_demo_fills_a_team_archive_and_check_finds_it_whole(team_address, tmp_path):
    made = run_cli("demo", "--clients", "20", "--activities", "60", "--db", team_address)
    assert made.returncode == 0, made.stderr
    assert "客户 20 家" in made.stdout and "t_" in made.stdout  # names the database
    [(clients, activities, contracts)] = _sql(
        team_address,
        "SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM activities),"
        " (SELECT count(*) FROM contracts)",
    )
    assert clients >= 20 and activities == 60 and contracts > 0
    listed = run_cli("clients", "--db", team_address)
    assert listed.returncode == 0 and listed.stdout.count("\n") >= 20
    again = run_cli("demo", "--clients", "5", "--db", team_address)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    # a new record after the demo's explicit ids takes the next id, never one in use
    added = run_cli("add-client", "--name", "新增客户有限公司", "--db", team_address)
    assert added.returncode == 0, added.stderr
    [(largest, distinct)] = _sql(team_address, "SELECT max(id), count(DISTINCT id) FROM clients")
    assert distinct == clients + 1 and largest > clients - 1

    checked = run_cli("check", "--db", team_address)
    assert (checked.returncode, checked.stdout.strip()) == (0, "ok"), checked.stderr


def test_check_reports_a_missing_attachment_and_an_unindexed_document(team_address, tmp_path):
    added = run_cli("add-client", "--name", "北京华信科技有限公司", "--db", team_address)
    assert added.returncode == 0, added.stderr
    scan = tmp_path / "营业执照.pdf"
    scan.write_bytes(b"%PDF-1.4 licence")
    attached = run_cli("attach", "client", "1", scan, "--db", team_address)
    assert attached.returncode == 0, attached.stderr
    _sql(team_address, "UPDATE search_docs SET title_tsv = NULL WHERE kind = 'client'")
    checked = run_cli("check", "--db", team_address)
    assert checked.returncode == 1
    assert checked.stdout.strip() == "search index: 1 client documents not indexed"
    fixed = run_cli("check", "--fix-search", "--db", team_address)
    assert fixed.returncode == 0 and "搜索索引已重建" in fixed.stdout
    assert fixed.stdout.strip().endswith("ok")
    _sql(team_address, "DELETE FROM blob_chunks")
    checked = run_cli("check", "--db", team_address)
    assert checked.returncode == 1
    assert checked.stdout.startswith("attachment file missing: ")


def _row_counts(address: str) -> dict[str, int]:
    tables = [
        t for (t,) in _sql(address, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    ]
    counts = _sql(address, " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables))
    return dict(counts)


@pytest.mark.parametrize(
    "failure", [KeyboardInterrupt(), ArchiveError("disk_full")], ids=["cancel", "disk-full"]
)
def test_a_demo_that_fails_half_way_leaves_the_team_archive_as_it_was(
    team_address, monkeypatch, failure
):
    from app.demo import build

    before = _row_counts(team_address)

    def fails(*_args, **_kwargs):
        raise failure

    # clients, sales, documents and tenders (with their scans) are in by then
    monkeypatch.setattr(build, "add_demo_minutes", fails)
    made = run_cli("demo", "--clients", "20", "--activities", "60", "--db", team_address)
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert _row_counts(team_address) == before

    monkeypatch.undo()  # and the next try fills it
    made = run_cli("demo", "--clients", "20", "--activities", "60", "--db", team_address)
    assert made.returncode == 0, made.stderr
