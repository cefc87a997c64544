"""A team archive's logins may not make temporary tables, and the functions that run with the
owner's rights name pg_temp last in their search path (issue 14 §2). A temporary table is found
before a table of the same name unless pg_temp is named last, so a login could make its own
`team_users` saying it is the administrator, and the functions the policies ask "who is this"
would have believed it. On SQLite, and on a server archive without the app's roles, nothing is
done. Down: TEMPORARY is granted again to the roles that may connect, and the paths are
`public` again.

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-06
"""

from alembic import op
from sqlalchemy import text

revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None

# the roles given CONNECT on this database other than its owner: the app's group roles
_GRANTEES = """
SELECT DISTINCT g.rolname FROM pg_database d, aclexplode(d.datacl) a
  JOIN pg_roles g ON g.oid = a.grantee
 WHERE d.datname = current_database() AND a.privilege_type = 'CONNECT'
   AND a.grantee <> d.datdba
"""
_DEFINERS = """
SELECT p.oid::regprocedure::text FROM pg_proc p
 WHERE p.prosecdef AND p.proname LIKE 'compass%'
   AND pg_has_role(current_user, p.proowner, 'USAGE')
"""


def _team_archive(conn) -> bool:
    if conn.dialect.name != "postgresql":
        return False
    found = conn.execute(text("SELECT to_regprocedure('compass_app_role()')")).scalar()
    return bool(found)


def _change(temporary: str, path: str) -> None:
    conn = op.get_bind()
    if not _team_archive(conn):
        return
    database = conn.execute(text("SELECT current_database()")).scalar()
    for (role,) in conn.execute(text(_GRANTEES)).all():
        conn.exec_driver_sql(temporary.format(db=_quoted(database), role=_quoted(role)))
    for (function,) in conn.execute(text(_DEFINERS)).all():
        conn.exec_driver_sql(f"ALTER FUNCTION {function} SET search_path = {path}")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def upgrade() -> None:
    _change("REVOKE TEMPORARY ON DATABASE {db} FROM {role}", "public, pg_temp")


def downgrade() -> None:
    _change("GRANT TEMPORARY ON DATABASE {db} TO {role}", "public")
