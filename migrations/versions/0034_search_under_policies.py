"""A person under the team archive's row-level security policies searches through the GIN
indexes (issue 14 §2-3): under the search_docs policy PostgreSQL may not use them (`@@` is not
LEAKPROOF), so a 客户经理's search read every document. compass_search (SECURITY DEFINER) runs
the index lookups and keeps what the search_docs policy lets the login read, asked as the
searcher role; the who-am-I functions the policies use name
the session's login (session_user), which is the same login for every connection the app makes
and the one person asking inside those functions. Only a team archive whose roles `team init`
made has any of this; on SQLite, and on a server archive without roles, the revision does
nothing. Down: the functions and the searcher role go, and the who-am-I functions read
current_user again.

The SQL is written out here as it was when the revision landed (`team init` makes the same
objects from app.db.team_roles, which may change in later revisions; this one may not):
tests/team/test_frozen_revisions.py checks it installs what it installed then.

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

# the app roles' names as `team init` makes them: <database>_<role>, at most 63 characters
_APP_ROLES = (
    "assistant",
    "account_manager",
    "dept_manager",
    "marketing",
    "general_manager",
    "admin",
)
_SEARCHER = "searcher"

_WHO = """
CREATE OR REPLACE FUNCTION compass_registered() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM team_users WHERE login = {who}) $$;
CREATE OR REPLACE FUNCTION compass_login_name() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT display_name FROM team_users WHERE login = {who} AND NOT disabled $$;
CREATE OR REPLACE FUNCTION compass_app_role() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT app_role FROM team_users WHERE login = {who} AND NOT disabled $$;
"""

# the positions of the (kind, ref_id) pairs the person sees: the search_docs read policy, with
# compass_sees_record's rule written out in it, on the records' own tables (their policies apply)
_SEARCH_SEEN = """CREATE OR REPLACE FUNCTION compass_search_seen(kinds text[], refs integer[])
  RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT x.o FROM unnest(kinds, refs) WITH ORDINALITY AS x(kind, ref_id, o)
  WHERE (SELECT compass_reads_all()) OR CASE x.kind
    WHEN 'client' THEN EXISTS (SELECT 1 FROM clients WHERE id = x.ref_id)
    WHEN 'contact' THEN EXISTS (SELECT 1 FROM contacts WHERE id = x.ref_id)
    WHEN 'activity' THEN EXISTS (SELECT 1 FROM activities WHERE id = x.ref_id)
    WHEN 'tender' THEN EXISTS (SELECT 1 FROM tenders WHERE id = x.ref_id)
    WHEN 'packet_section' THEN EXISTS (SELECT 1 FROM packet_sections WHERE id = x.ref_id)
    WHEN 'document' THEN EXISTS (SELECT 1 FROM documents WHERE id = x.ref_id)
    WHEN 'letter' THEN EXISTS (SELECT 1 FROM letters WHERE id = x.ref_id)
    WHEN 'contract' THEN EXISTS (SELECT 1 FROM contracts WHERE id = x.ref_id)
    WHEN 'receipt' THEN EXISTS (SELECT 1 FROM receipts WHERE id = x.ref_id)
    WHEN 'minutes' THEN EXISTS (SELECT 1 FROM meetings WHERE id = x.ref_id)
    WHEN 'rebate' THEN EXISTS (SELECT 1 FROM rebates WHERE id = x.ref_id)
    WHEN 'news' THEN EXISTS (SELECT 1 FROM client_news WHERE id = x.ref_id)
    ELSE true END $$
"""

# The lookups, newest first, in batches growing fourfold: each batch's rows are asked of
# compass_search_seen at once, and the rows the person sees are handed over until there are `n`.
_SEARCH = r"""CREATE OR REPLACE FUNCTION compass_search(how text, col text, q text, below integer, n integer,
    blocks text[] DEFAULT NULL, k text DEFAULT NULL)
  RETURNS TABLE (id integer, kind text, ref_id integer, title text, body text, matched boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  fields constant text := 'd.id, CAST(d.kind AS text) AS kind, d.ref_id,'
    ' CAST(d.title AS text) AS title, CAST(d.body AS text) AS body';
  lookup text;
  batch integer := greatest(n, 16);
  fetched integer;
  got integer := 0;
  r record;
BEGIN
  IF col NOT IN ('title_tsv', 'body_tsv', 'initials_tsv') THEN
    RAISE EXCEPTION 'compass_search: no such column %', col;
  END IF;
  lookup := CASE how
    WHEN 'range' THEN format('SELECT %s, true AS m FROM search_docs d WHERE d.%I'
      ' @@ CAST($1 AS tsquery) AND d.id + 0 < $2 ORDER BY d.id + 0 DESC LIMIT $3', fields, col)
    WHEN 'blocks' THEN format('SELECT r.*, true AS m FROM unnest($4) WITH ORDINALITY'
      ' AS b(mark, o), LATERAL (SELECT %s FROM search_docs d WHERE d.%I @@ (CAST($1 AS tsquery)'
      ' && CAST(b.mark AS tsquery)) AND d.id + 0 < $2 ORDER BY d.id + 0 DESC) r LIMIT $3',
      fields, col)
    WHEN 'sample' THEN format('SELECT %s, d.%I @@ CAST($1 AS tsquery) AS m FROM search_docs d'
      ' WHERE d.kind BETWEEN $5 AND $5 AND d.id < $2 ORDER BY d.kind DESC, d.id DESC LIMIT $3',
      fields, col) END;
  IF lookup IS NULL THEN
    RAISE EXCEPTION 'compass_search: no such lookup %', how;
  END IF;
  lookup := 'WITH c AS MATERIALIZED (' || lookup || '), o AS (SELECT c.*, row_number() OVER'
    ' (ORDER BY c.id DESC) AS o FROM c), s AS (SELECT compass_search_seen(array(SELECT o.kind'
    ' FROM o ORDER BY o.o), array(SELECT o.ref_id FROM o ORDER BY o.o)) AS o)'
    ' SELECT o.*, o.o IN (SELECT s.o FROM s) AS seen FROM o ORDER BY o.o';
  LOOP
    fetched := 0;
    FOR r IN EXECUTE lookup USING q, below, batch, blocks, k LOOP
      fetched := fetched + 1;
      below := r.id;
      IF r.seen THEN
        id := r.id; kind := r.kind; ref_id := r.ref_id; title := r.title; body := r.body;
        matched := r.m;
        RETURN NEXT;
        got := got + 1;
        EXIT WHEN got >= n;
      END IF;
    END LOOP;
    EXIT WHEN got >= n OR fetched < batch;
    batch := least(batch * 4, 20000);
  END LOOP;
END $$;
"""
_SEEN_SIGNATURE = "compass_search_seen(text[], integer[])"
_SEARCH_SIGNATURE = "compass_search(text, text, text, integer, integer, text[], text)"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _role(database: str, suffix: str) -> str:
    return f"{database[: 62 - len(suffix)]}_{suffix}"


def _exists(conn, role: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": role})
    return bool(found.scalar())


def _roles_made(conn) -> bool:
    """Whether `team init` made the app's roles (and its who-am-I functions) here."""
    database = conn.execute(text("SELECT current_database()")).scalar()
    return _exists(conn, _role(database, "assistant")) and bool(
        conn.execute(text("SELECT to_regprocedure('compass_app_role()')")).scalar()
    )


def _install_search(conn) -> None:
    """The searcher role and compass_search, which runs the index lookups as the archive's
    owner and keeps what compass_search_seen, owned by the searcher role, lets through."""
    database = conn.execute(text("SELECT current_database()")).scalar()
    searcher = _quoted(_role(database, _SEARCHER))
    if not _exists(conn, _role(database, _SEARCHER)):
        conn.execute(text(f"CREATE ROLE {searcher} NOLOGIN"))
    owner = conn.execute(text("SELECT current_user")).scalar()
    conn.execute(text(f"GRANT {searcher} TO {_quoted(owner)}"))  # to give it the function
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {searcher}"))
    conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {searcher}"))
    conn.exec_driver_sql(_SEARCH_SEEN)
    conn.exec_driver_sql(_SEARCH.replace("%", "%%"))  # the driver's placeholders are %s
    everyone = ", ".join(_quoted(_role(database, r)) for r in _APP_ROLES)
    for statement in (
        f"ALTER FUNCTION {_SEEN_SIGNATURE} OWNER TO {searcher}",
        f"REVOKE ALL ON FUNCTION {_SEEN_SIGNATURE} FROM PUBLIC",
        f"REVOKE ALL ON FUNCTION {_SEARCH_SIGNATURE} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {_SEARCH_SIGNATURE} TO {everyone}",
    ):
        conn.execute(text(statement))


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite" or not _roles_made(conn):
        return
    conn.exec_driver_sql(_WHO.format(who="session_user"))
    _install_search(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite" or not _roles_made(conn):
        return
    conn.exec_driver_sql(_WHO.format(who="current_user"))
    op.execute(f"DROP FUNCTION IF EXISTS {_SEARCH_SIGNATURE}")
    op.execute(f"DROP FUNCTION IF EXISTS {_SEEN_SIGNATURE}")
    database = conn.execute(text("SELECT current_database()")).scalar()
    searcher = _role(database, _SEARCHER)
    if _exists(conn, searcher):
        op.execute(f"DROP OWNED BY {_quoted(searcher)}")
        op.execute(f"DROP ROLE {_quoted(searcher)}")
