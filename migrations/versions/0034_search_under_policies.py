"""A person under the team archive's row-level security policies searches through the GIN
indexes (issue 14 §2-3): under the search_docs policy PostgreSQL may not use them (`@@` is not
LEAKPROOF), so a 客户经理's search read every document. compass_search (SECURITY DEFINER) runs
the index lookups and keeps what the search_docs policy lets the login read, asked as the
searcher role (app.db.team_roles.apply_search); the who-am-I functions the policies use name
the session's login (session_user), which is the same login for every connection the app makes
and the one person asking inside those functions. Only a team archive whose roles `team init`
made has any of this; on SQLite, and on a server archive without roles, the revision does
nothing. Down: the functions and the searcher role go, and the who-am-I functions read
current_user again.

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-06
"""

from alembic import op
from sqlalchemy import text

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None

_WHO = """
CREATE OR REPLACE FUNCTION compass_registered() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM team_users WHERE login = {who}) $$;
CREATE OR REPLACE FUNCTION compass_login_name() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT display_name FROM team_users WHERE login = {who} AND NOT disabled $$;
CREATE OR REPLACE FUNCTION compass_app_role() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT app_role FROM team_users WHERE login = {who} AND NOT disabled $$;
"""


def _roles_made(conn) -> bool:
    from app.db import team_roles  # the SQL `team init` runs (no tables, no models)

    return team_roles.made(conn) and bool(
        conn.execute(text("SELECT to_regprocedure('compass_app_role()')")).scalar()
    )


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite" or not _roles_made(conn):
        return
    from app.db import team_roles

    conn.exec_driver_sql(_WHO.format(who="session_user"))
    team_roles.apply_search(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite" or not _roles_made(conn):
        return
    conn.exec_driver_sql(_WHO.format(who="current_user"))
    op.execute(
        "DROP FUNCTION IF EXISTS compass_search(text, text, text, integer, integer, text[], text)"
    )
    op.execute("DROP FUNCTION IF EXISTS compass_search_seen(text[], integer[])")
    from app.db import team_roles

    searcher = team_roles.search_role(conn.execute(text("SELECT current_database()")).scalar())
    if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": searcher}).scalar():
        quoted = '"' + searcher.replace('"', '""') + '"'
        op.execute(f"DROP OWNED BY {quoted}")
        op.execute(f"DROP ROLE {quoted}")
