"""A team archive's search reads less for each lookup (issue 14 §3): compass_search reads a
batch as ids (with each row's kind, ref_id and whether it matches) and fetches the titles and
bodies only of the rows it hands over, not of the 8 times as many a 客户经理's batch reads; and a
lookup in one kind names the kind (`k`), whose mark ('#client') is a condition of its own beside
the query and the block's mark, where the caller used to fold it into the query (one tsquery of
their AND: GIN read each of its lexemes' lists whole, 50 ms and more to find that a kind holds no
match; as separate conditions it skips through the long lists by the short one). The same rows
as before, in the same order. Only a team archive whose roles `team init` made has the
function; on SQLite, and on a server archive without roles, nothing is done. Down: the function
as revision 0036 left it (the app of that revision folds the kind's mark into its query).

The SQL is written out here as it was when the revision landed (`team init` makes the same
function from app.db.team_roles, which may change in later revisions; this one may not).

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-07
"""

from alembic import op
from sqlalchemy import text

revision = "0038"
down_revision = "0037"
branch_labels = None
depends_on = None

# replaced in place: its owner, grants and search path stay
_SEARCH_BY_IDS = r"""CREATE OR REPLACE FUNCTION compass_search(how text, col text, q text, below integer, n integer,
    blocks text[] DEFAULT NULL, k text DEFAULT NULL)
  RETURNS TABLE (id integer, kind text, ref_id integer, title text, body text, matched boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  fields constant text := 'd.id, CAST(d.kind AS text) AS kind, d.ref_id';
  lookup text;
  of_kind text := '';
  -- one who reads only some starts bigger: each batch asks each kind's policy for the
  -- person's clients once (a scan of clients), and a 客户经理 sees a seventh of the documents
  batch integer := CASE WHEN coalesce(compass_reads_all(), false) THEN greatest(n, 16)
    ELSE greatest(least(n, 2500) * 8, 128) END;
  fetched integer;
  got integer := 0;
  r record;
BEGIN
  IF col NOT IN ('title_tsv', 'body_tsv', 'initials_tsv') THEN
    RAISE EXCEPTION 'compass_search: no such column %', col;
  END IF;
  IF k IS NOT NULL AND how <> 'sample' THEN
    of_kind := format(' AND d.%I @@ CAST(%L AS tsquery)', col, quote_literal('#' || k));
  END IF;
  lookup := CASE how
    WHEN 'range' THEN format('SELECT %s, true AS m FROM search_docs d WHERE d.%I'
      ' @@ CAST($1 AS tsquery)%s AND d.id + 0 < $2 ORDER BY d.id + 0 DESC LIMIT $3', fields, col,
      of_kind)
    WHEN 'blocks' THEN format('SELECT r.*, true AS m FROM unnest($4) WITH ORDINALITY'
      ' AS b(mark, o), LATERAL (SELECT %s FROM search_docs d WHERE d.%I @@ CAST($1 AS tsquery)'
      ' AND d.%I @@ CAST(b.mark AS tsquery)%s AND d.id + 0 < $2 ORDER BY d.id + 0 DESC) r'
      ' LIMIT $3', fields, col, col, of_kind)
    WHEN 'sample' THEN format('SELECT %s, d.%I @@ CAST($1 AS tsquery) AS m FROM search_docs d'
      ' WHERE d.kind BETWEEN $5 AND $5 AND d.id < $2 ORDER BY d.kind DESC, d.id DESC LIMIT $3',
      fields, col) END;
  IF lookup IS NULL THEN
    RAISE EXCEPTION 'compass_search: no such lookup %', how;
  END IF;
  lookup := 'WITH c AS MATERIALIZED (' || lookup || '), o AS (SELECT c.*, row_number() OVER'
    ' (ORDER BY c.id DESC) AS o FROM c), s AS (SELECT compass_search_seen(array(SELECT o.kind'
    ' FROM o ORDER BY o.o), array(SELECT o.ref_id FROM o ORDER BY o.o)) AS o),'
    ' v AS MATERIALIZED (SELECT o.*, o.o IN (SELECT s.o FROM s) AS seen FROM o)'
    ' SELECT v.*, t.title, t.body FROM v LEFT JOIN LATERAL (SELECT CAST(d.title AS text) AS'
    ' title, CAST(d.body AS text) AS body FROM search_docs d WHERE d.id = v.id AND v.seen'
    ' AND v.m OFFSET 0) t ON true ORDER BY v.o';
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

_SEARCH_AS_0036 = r"""CREATE OR REPLACE FUNCTION compass_search(how text, col text, q text, below integer, n integer,
    blocks text[] DEFAULT NULL, k text DEFAULT NULL)
  RETURNS TABLE (id integer, kind text, ref_id integer, title text, body text, matched boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  fields constant text := 'd.id, CAST(d.kind AS text) AS kind, d.ref_id,'
    ' CAST(d.title AS text) AS title, CAST(d.body AS text) AS body';
  lookup text;
  -- one who reads only some starts bigger: each batch asks each kind's policy for the
  -- person's clients once (a scan of clients), and a 客户经理 sees a seventh of the documents
  batch integer := CASE WHEN coalesce(compass_reads_all(), false) THEN greatest(n, 16)
    ELSE greatest(least(n, 2500) * 8, 128) END;
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


def _roles_made(conn) -> bool:
    """Whether `team init` made the app's roles and compass_search here."""
    if conn.dialect.name != "postgresql":
        return False
    found = conn.execute(
        text(
            "SELECT to_regprocedure('compass_search(text, text, text, integer, integer, text[], text)')"
        )
    ).scalar()
    return bool(found)


def upgrade() -> None:
    conn = op.get_bind()
    if _roles_made(conn):
        conn.exec_driver_sql(_SEARCH_BY_IDS.replace("%", "%%"))


def downgrade() -> None:
    conn = op.get_bind()
    if _roles_made(conn):
        conn.exec_driver_sql(_SEARCH_AS_0036.replace("%", "%%"))
