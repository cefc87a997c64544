"""A landed revision runs the SQL it ran when it landed, never the app's live code (issue 14):
revision 0034 carries its functions and grants as literal text, and installs on a team archive
byte for byte what it installed when it still called app.db.team_roles (captured then into
tests/data/revision_0034_installed.json by tests/data/capture_revision_0034.py). No revision
imports the app's database code or models."""

from __future__ import annotations

import re

from installed_objects import REVISION_0034, around_0034, load

from app.db import archive_file

APP_ROLES = (
    "assistant",
    "account_manager",
    "dept_manager",
    "marketing",
    "general_manager",
    "admin",
    "searcher",
)


def test_no_revision_imports_the_app_s_database_code():
    for revision in sorted((archive_file.MIGRATIONS / "versions").glob("*.py")):
        source = revision.read_text(encoding="utf-8")
        imports = re.findall(r"^\s*(?:from|import)\s+(app\.[\w.]+)", source, re.M)
        assert imports == [], f"{revision.name} imports live code: {imports}"


def test_0034_installs_and_takes_away_what_it_did_when_it_landed(pg_cluster):
    database = pg_cluster.new_database()
    try:
        captured = around_0034(pg_cluster, database)
    finally:
        pg_cluster.drop_database(database)
        for role in APP_ROLES:
            pg_cluster.sql(f'DROP ROLE IF EXISTS "{database}_{role}"')
    expected = load(REVISION_0034)
    for revision in ("0033", "0034"):  # down from head to 0033, then up to 0034 again
        for part, rows in expected[revision].items():
            assert captured[revision][part] == rows, f"{part} at {revision}"
