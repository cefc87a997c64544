"""The models' partial indexes (revisions 0030 and 0032) are the migrated schema's on both back
ends, predicate included (alembic's comparison of models and schema does not look at it), and
the models load without SQLAlchemy's PostgreSQL dialect on an archive file (issue 11: ~40 ms of
every start): its predicate is given once the team archive's engine loads that dialect."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.schema import CreateIndex

from app.db.models import PREDICATE, Base

pytestmark = pytest.mark.both_backends

PROJECT = Path(__file__).resolve().parents[2]
PARTIAL = {"ix_activities_open_next_step", "ix_activities_client_visits"}


def _partial_indexes() -> list:
    tables = Base.metadata.tables.values()
    return [index for table in tables for index in table.indexes if index.info.get(PREDICATE)]


def _pg_definition(conn, name: str) -> str:
    return conn.execute(text("SELECT pg_get_indexdef(CAST(:n AS regclass))"), {"n": name}).scalar()


def test_the_models_partial_indexes_are_the_migrated_ones(archive):
    engine = archive.db.engine
    indexes = _partial_indexes()
    assert {index.name for index in indexes} == PARTIAL
    with engine.connect() as conn:
        for index in indexes:
            made = str(CreateIndex(index).compile(dialect=engine.dialect))
            assert " WHERE " in made, made
            if engine.dialect.name == "sqlite":
                sql = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :n"
                stored = conn.execute(text(sql), {"n": index.name}).scalar()
                assert " ".join(stored.split()) == " ".join(made.split())
                continue
            # PostgreSQL words an index its own way: the model's made beside it, compared so
            twin = f"{index.name}_model"
            stored = _pg_definition(conn, index.name)
            try:
                conn.execute(text(made.replace(index.name, twin, 1)))
                ours = _pg_definition(conn, twin)
            finally:
                conn.rollback()  # the twin goes
            assert ours.replace(twin, index.name) == stored
            assert " WHERE " in stored


PROBE = """
import json, sys
from app.domain.queries import ClientQuery
from app.services import clients
from app.services.archive import open_archive
archive = open_archive(sys.argv[1])  # for writing, as the window opens it: the ORM's session
shown = clients.client_rows(archive, clients.list_client_ids(archive, ClientQuery(text="华")))
archive.close()
print(json.dumps({"models": "app.db.models" in sys.modules, "shown": len(shown),
                  "postgresql": "sqlalchemy.dialects.postgresql" in sys.modules}))
"""


@pytest.mark.file_only
def test_an_archive_file_is_read_through_the_models_without_the_postgresql_dialect(tmp_path):
    from app.domain.records import ClientDraft
    from app.services import clients
    from app.services.archive import open_archive

    path = tmp_path / "archive.sqlite3"
    made = open_archive(path)
    try:
        clients.create_client(made, ClientDraft(name="华信科技有限公司"), [])
    finally:
        made.close()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"models": True, "shown": 1, "postgresql": False}
