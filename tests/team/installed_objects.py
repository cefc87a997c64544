"""What a team archive's revisions installed on the server, as comparable text: the app's
functions (pg_get_functiondef, owner, who may run them), the row-level policies (pg_policies),
the grants of tables, functions and roles (information_schema, pg_auth_members). The database's
name (which the app's role names carry) reads as {db}, so two databases compare equal."""

from __future__ import annotations

import json
from pathlib import Path

_FUNCTIONS = """
SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid), pg_get_userbyid(p.proowner),
       coalesce(array_to_string(array(SELECT unnest(p.proacl)::text ORDER BY 1), ','), '')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' ORDER BY 1
"""
_POLICIES = """
SELECT tablename, policyname, permissive, array_to_string(roles, ','), cmd,
       coalesce(qual, ''), coalesce(with_check, '')
  FROM pg_policies WHERE schemaname = 'public' ORDER BY 1, 2
"""
_TABLE_GRANTS = """
SELECT grantee, table_name, string_agg(privilege_type, ',' ORDER BY privilege_type)
  FROM information_schema.role_table_grants WHERE table_schema = 'public'
 GROUP BY 1, 2 ORDER BY 1, 2
"""
_COLUMN_GRANTS = """
SELECT grantee, table_name, privilege_type, string_agg(column_name, ',' ORDER BY column_name)
  FROM information_schema.role_column_grants WHERE table_schema = 'public'
 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
"""
_ROUTINE_GRANTS = """
SELECT grantee, specific_name, privilege_type FROM information_schema.role_routine_grants
 WHERE routine_schema = 'public' ORDER BY 1, 2, 3
"""
_MEMBERS = """
SELECT g.rolname, m.rolname FROM pg_auth_members a
  JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
 WHERE g.rolname LIKE current_database() || '\\_%' ORDER BY 1, 2
"""
_ROLES = "SELECT rolname FROM pg_roles WHERE rolname LIKE current_database() || '\\_%' ORDER BY 1"
_SCHEMA = "SELECT array_to_string(array(SELECT unnest(nspacl)::text ORDER BY 1), ',')"
_SCHEMA += " FROM pg_namespace WHERE nspname = 'public'"
_DATABASE = "SELECT array_to_string(array(SELECT unnest(datacl)::text ORDER BY 1), ',')"
_DATABASE += " FROM pg_database WHERE datname = current_database()"

QUERIES = {
    "functions": _FUNCTIONS,
    "policies": _POLICIES,
    "table_grants": _TABLE_GRANTS,
    "column_grants": _COLUMN_GRANTS,
    "routine_grants": _ROUTINE_GRANTS,
    "role_members": _MEMBERS,
    "roles": _ROLES,
    "schema_acl": _SCHEMA,
    "database_acl": _DATABASE,
}


def _specific(text: str) -> str:
    """information_schema's specific_name ends in the function's oid: dropped."""
    head, _, tail = text.rpartition("_")
    return head if tail.isdigit() else text


def installed(conn, database: str) -> dict[str, list[str]]:
    """`conn`: a psycopg connection (a superuser's) to `database`."""
    found: dict[str, list[str]] = {}
    for name, query in QUERIES.items():
        rows = conn.execute(query).fetchall()
        if name == "routine_grants":
            rows = sorted((g, _specific(s), p) for g, s, p in rows)
        found[name] = [" | ".join(str(v) for v in row).replace(database, "{db}") for row in rows]
    return found


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def save(path: Path, captured: dict) -> None:
    path.write_text(json.dumps(captured, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


REVISION_0034 = Path(__file__).parent.parent / "data" / "revision_0034_installed.json"


def migrate(address: str, direction: str, target: str) -> None:
    """Alembic's upgrade or downgrade of the team archive at `address` to `target`."""
    from alembic import command
    from sqlalchemy import create_engine

    from app.db import server
    from app.db.archive_file import alembic_config

    engine = create_engine(server.parse_address(address).url())
    try:
        with engine.begin() as conn:
            getattr(command, direction)(alembic_config(None, conn), target)
    finally:
        engine.dispose()


def around_0034(cluster, database: str) -> dict[str, dict[str, list[str]]]:
    """A team archive `team init` made (at head, with its roles) taken down to 0033 and up to
    0034 again: what is installed at each (revision 0034's downgrade and upgrade)."""
    import psycopg

    from app.services import team

    address = cluster.address(database)
    team.init(address, None)
    captured = {}
    for direction, target in (("downgrade", "0033"), ("upgrade", "0034")):
        migrate(address, direction, target)
        with psycopg.connect(
            dbname=database, user="compass_test", host=cluster.socket, autocommit=True
        ) as conn:
            captured[target] = installed(conn, database)
    return captured


def migrate_team(team_db, direction: str, target: str) -> None:
    """`migrate` for a test's team archive (tests/team_logins.py's team_db), as its superuser."""
    migrate(team_db.cluster.address(team_db.database), direction, target)
