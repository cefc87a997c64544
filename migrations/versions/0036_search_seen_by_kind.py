"""A 客户经理's search of a team archive decides who sees what for a whole batch of search
documents at once (issue 14 §2): compass_search_seen, which compass_search asks of each batch,
joined the batch row by row with compass_sees_record's CASE, and PostgreSQL read each kind's
table whole (a hashed subplan) or asked the policy per row: seconds per search on 100,000
clients. Now the batch is split by kind and each kind's rows are semi-joined with the kind's
table on its primary key, whose own policy (and the clients it asks, once per call) applies:
the same rule, compass_sees_record's CASE taken apart. compass_search starts with a batch 8
times as big for one who does not read everything (each batch costs a scan of clients per kind
in it). Only a team archive whose roles `team init` made has them; on SQLite, and on a server
archive without roles, nothing is done. Down:
the functions as revision 0034 made them.

The SQL is written out here as it was when the revision landed (`team init` makes the same
functions from app.db.team_roles, which may change in later revisions; this one
may not).

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-06
"""

from alembic import op
from sqlalchemy import text

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None

# replaced in place: its owner (the searcher role) and its grants stay
_SEEN_BY_KIND = """CREATE OR REPLACE FUNCTION compass_search_seen(kinds text[], refs integer[])
  RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH x AS MATERIALIZED (SELECT u.kind, u.ref_id, u.o FROM unnest(kinds, refs) WITH ORDINALITY AS u(kind, ref_id, o)),
  a AS MATERIALIZED (SELECT coalesce((SELECT compass_reads_all()), false) AS yes)
  SELECT x.o FROM x WHERE (SELECT a.yes FROM a) OR (true AND NOT coalesce(x.kind IN ('client', 'contact', 'activity', 'tender', 'packet_section', 'document', 'letter', 'contract', 'receipt', 'minutes', 'rebate', 'news'), false))
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'client' AND EXISTS (SELECT 1 FROM clients WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'contact' AND EXISTS (SELECT 1 FROM contacts WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'activity' AND EXISTS (SELECT 1 FROM activities WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'tender' AND EXISTS (SELECT 1 FROM tenders WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'packet_section' AND EXISTS (SELECT 1 FROM packet_sections WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'document' AND EXISTS (SELECT 1 FROM documents WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'letter' AND EXISTS (SELECT 1 FROM letters WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'contract' AND EXISTS (SELECT 1 FROM contracts WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'receipt' AND EXISTS (SELECT 1 FROM receipts WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'minutes' AND EXISTS (SELECT 1 FROM meetings WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'rebate' AND EXISTS (SELECT 1 FROM rebates WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'news' AND EXISTS (SELECT 1 FROM client_news WHERE id = x.ref_id) $$
"""

# compass_search starts a batch 8 times as big for one who does not read everything
_SEARCH_BIGGER_FIRST = r"""CREATE OR REPLACE FUNCTION compass_search(how text, col text, q text, below integer, n integer,
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

_SEARCH_AS_0034 = r"""CREATE OR REPLACE FUNCTION compass_search(how text, col text, q text, below integer, n integer,
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

_SEEN_ROW_BY_ROW = """CREATE OR REPLACE FUNCTION compass_search_seen(kinds text[], refs integer[])
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


def _roles_made(conn) -> bool:
    """Whether `team init` made the app's roles and compass_search_seen here."""
    if conn.dialect.name != "postgresql":
        return False
    found = conn.execute(
        text("SELECT to_regprocedure('compass_search_seen(text[], integer[])')")
    ).scalar()
    return bool(found)


def upgrade() -> None:
    conn = op.get_bind()
    if _roles_made(conn):
        conn.exec_driver_sql(_SEEN_BY_KIND.replace("%", "%%"))
        conn.exec_driver_sql(_SEARCH_BIGGER_FIRST.replace("%", "%%"))


def downgrade() -> None:
    conn = op.get_bind()
    if _roles_made(conn):
        conn.exec_driver_sql(_SEEN_ROW_BY_ROW.replace("%", "%%"))
        conn.exec_driver_sql(_SEARCH_AS_0034.replace("%", "%%"))
