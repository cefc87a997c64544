"""A 客户经理's search asks the server for less (issue 14 §3), the same hits:

- a kind's newest documents ('sample') are read in the (kind, id) index's order, the person's
  marks a filter the planner cannot serve from GIN (ts_match_vq): as a condition GIN could
  serve, the planner at times read every document the person may read and sorted them (100 ms
  for 华 among a 客户经理's clients, instead of 20);
- 'samples': the samples of several kinds in one call (app.db.search_pg's _Lookups.prepare),
  one statement for all of them, a kind whose sample held documents the person may not read
  going on as 'sample' does; each kind asked on its own cost a few milliseconds of fixed work,
  a dozen times a probe;
- the person's clients are listed only for a batch that has rows (most lookups in a small
  kind find none; 1.5 ms each for 14,500 clients);
- compass_search_seen_in is PL/pgSQL, which keeps its statement's plan for the session (as an
  SQL function its dozen branches were planned at every call: 1.2 ms, 0.4 kept).

Only a team archive whose roles `team init` made has these functions; on SQLite, and on a server
archive without roles, nothing is done. Down: both functions as revision 0041 left them.

The SQL is written out here as it was when the revision landed (`team init` makes the same
functions from app.db.team_roles, which may change in later revisions; this one may not).

Revision ID: 0043
Revises: 0042
Create Date: 2026-12-07
"""

from alembic import op
from sqlalchemy import text

revision = "0043"
down_revision = "0042"
branch_labels = None
depends_on = None

_SEEN_IN = r"""CREATE OR REPLACE FUNCTION compass_search_seen_in(kinds text[], refs integer[], clients integer[])
  RETURNS SETOF bigint LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY WITH x AS MATERIALIZED (SELECT u.kind, u.ref_id, u.o FROM unnest(kinds, refs) WITH ORDINALITY AS u(kind, ref_id, o)),
  a AS MATERIALIZED (SELECT coalesce((SELECT compass_reads_all()), false) AS yes),
  r AS MATERIALIZED (SELECT x.o, x.ref_id AS cid, false AS free FROM x WHERE x.kind = 'client'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN contacts t ON t.id = x.ref_id WHERE x.kind = 'contact'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN activities t ON t.id = x.ref_id WHERE x.kind = 'activity'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN tenders t ON t.id = x.ref_id WHERE x.kind = 'tender'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN contracts t ON t.id = x.ref_id WHERE x.kind = 'contract'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN receipts t ON t.id = x.ref_id WHERE x.kind = 'receipt'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN rebates t ON t.id = x.ref_id WHERE x.kind = 'rebate'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN client_news t ON t.id = x.ref_id WHERE x.kind = 'news'
    UNION ALL SELECT x.o, p.client_id, false FROM x JOIN packet_sections t ON t.id = x.ref_id JOIN tenders p ON p.id = t.tender_id WHERE x.kind = 'packet_section'
    UNION ALL SELECT x.o, t.client_id, t.client_id IS NULL FROM x JOIN documents t ON t.id = x.ref_id WHERE x.kind = 'document'
    UNION ALL SELECT x.o, t.client_id, t.client_id IS NULL FROM x JOIN letters t ON t.id = x.ref_id WHERE x.kind = 'letter'),
  m AS (SELECT x.o, t.id AS m FROM x JOIN meetings t ON t.id = x.ref_id WHERE x.kind IN ('minutes', 'meeting') UNION ALL SELECT x.o, t.meeting_id AS m FROM x JOIN action_items t ON t.id = x.ref_id WHERE x.kind IN ('action'))
  SELECT x.o FROM x WHERE (SELECT a.yes FROM a) OR NOT coalesce(x.kind IN ('client', 'contact', 'activity', 'tender', 'packet_section', 'document', 'letter', 'contract', 'receipt', 'minutes', 'meeting', 'action', 'rebate', 'news'), false)
  UNION ALL SELECT r.o FROM r WHERE NOT (SELECT a.yes FROM a) AND (r.free OR r.cid IN (SELECT unnest(clients)))
  UNION ALL SELECT m.o FROM m WHERE NOT (SELECT a.yes FROM a) AND (m.m NOT IN (SELECT mc.meeting_id FROM meeting_clients mc) OR m.m IN (SELECT mc.meeting_id FROM meeting_clients mc WHERE mc.client_id IN (SELECT unnest(clients))));
END $$
"""

_SEARCH = r"""CREATE OR REPLACE FUNCTION compass_search(how text, col text, q text, below integer, n integer,
    blocks text[] DEFAULT NULL, k text DEFAULT NULL)
  RETURNS TABLE (id integer, kind text, ref_id integer, title text, body text, matched boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  fields constant text := 'd.id, CAST(d.kind AS text) AS kind, d.ref_id';
  lookup text;
  of_kind text := '';
  -- the marks of what the person reads (NULL: everything), app.db.search_readers: GIN hands
  -- over only the documents the person may read, still each decided below
  readers text := compass_search_readers();
  of_reader text := '';
  -- the same, as a filter the planner cannot serve from GIN: a kind's newest documents are
  -- read in the (kind, id) index's order, never by every document the person reads, sorted
  of_reader_in_order text := '';
  batch integer := greatest(n, 16);
  fetched integer;
  got integer := 0;
  r record;
  -- 'samples': per kind of `blocks`, the documents read and handed over, and the last read
  i integer;
  read_of integer[];
  got_of integer[];
  last_of integer[];
BEGIN
  IF col NOT IN ('title_tsv', 'body_tsv', 'initials_tsv') THEN
    RAISE EXCEPTION 'compass_search: no such column %', col;
  END IF;
  IF k IS NOT NULL AND how <> 'sample' THEN
    of_kind := format(' AND d.%I @@ CAST(%L AS tsquery)', col, quote_literal('#' || k));
  END IF;
  IF readers IS NOT NULL THEN
    of_reader := format(' AND d.%I @@ CAST(%L AS tsquery)', col, readers);
    of_reader_in_order := format(' AND ts_match_vq(d.%I, CAST(%L AS tsquery))', col, readers);
  END IF;
  lookup := CASE how
    WHEN 'range' THEN format('SELECT %s, true AS m FROM search_docs d WHERE d.%I'
      ' @@ CAST($1 AS tsquery)%s%s AND d.id + 0 < $2 ORDER BY d.id + 0 DESC LIMIT $3', fields,
      col, of_kind, of_reader)
    WHEN 'blocks' THEN format('SELECT r.*, true AS m FROM unnest($4) WITH ORDINALITY'
      ' AS b(mark, o), LATERAL (SELECT %s FROM search_docs d WHERE d.%I @@ CAST($1 AS tsquery)'
      ' AND d.%I @@ CAST(b.mark AS tsquery)%s%s AND d.id + 0 < $2 ORDER BY d.id + 0 DESC) r'
      ' LIMIT $3', fields, col, col, of_kind, of_reader)
    WHEN 'sample' THEN format('SELECT %s, d.%I @@ CAST($1 AS tsquery) AS m FROM search_docs d'
      ' WHERE d.kind BETWEEN $5 AND $5 AND d.id < $2%s ORDER BY d.kind DESC, d.id DESC LIMIT $3',
      fields, col, of_reader_in_order)
    WHEN 'samples' THEN format('SELECT r.* FROM unnest($4) AS b(kind), LATERAL (SELECT %s,'
      ' d.%I @@ CAST($1 AS tsquery) AS m FROM search_docs d WHERE d.kind BETWEEN b.kind AND'
      ' b.kind AND d.id < $2%s ORDER BY d.kind DESC, d.id DESC LIMIT $3) r', fields, col,
      of_reader_in_order) END;
  IF lookup IS NULL THEN
    RAISE EXCEPTION 'compass_search: no such lookup %', how;
  END IF;
  lookup := 'WITH c AS MATERIALIZED (' || lookup || '), o AS (SELECT c.*, row_number() OVER'
    ' (ORDER BY c.id DESC) AS o FROM c), s AS (SELECT compass_search_seen_in(array(SELECT'
    ' o.kind FROM o ORDER BY o.o), array(SELECT o.ref_id FROM o ORDER BY o.o), CASE WHEN'
    ' EXISTS (SELECT 1 FROM o) THEN compass_search_clients() END) AS o),'
    ' v AS MATERIALIZED (SELECT o.*, o.o IN (SELECT s.o FROM s) AS seen FROM o)'
    ' SELECT v.*, t.title, t.body FROM v LEFT JOIN LATERAL (SELECT CAST(d.title AS text) AS'
    ' title, CAST(d.body AS text) AS body FROM search_docs d WHERE d.id = v.id AND v.seen'
    ' AND v.m OFFSET 0) t ON true ORDER BY v.o';
  IF how = 'samples' THEN
    -- each kind's newest `n` as 'sample' reads them, all kinds in one statement; a kind whose
    -- `n` held some the person may not read (marks out of step) goes on as 'sample' goes on
    IF coalesce(cardinality(blocks), 0) = 0 THEN
      RETURN;
    END IF;
    read_of := array_fill(0, ARRAY[cardinality(blocks)]);
    got_of := read_of;
    last_of := read_of;
    FOR r IN EXECUTE lookup USING q, below, n, blocks, k LOOP
      i := array_position(blocks, r.kind);
      read_of[i] := read_of[i] + 1;
      last_of[i] := r.id;
      IF r.seen THEN
        id := r.id; kind := r.kind; ref_id := r.ref_id; title := r.title; body := r.body;
        matched := r.m;
        RETURN NEXT;
        got_of[i] := got_of[i] + 1;
      END IF;
    END LOOP;
    FOR i IN 1 .. coalesce(cardinality(blocks), 0) LOOP
      IF read_of[i] = n AND got_of[i] < n THEN
        RETURN QUERY SELECT * FROM compass_search('sample', col, q, last_of[i], n - got_of[i],
          NULL, blocks[i]);
      END IF;
    END LOOP;
    RETURN;
  END IF;
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

_SEEN_IN_AS_0041 = r"""CREATE OR REPLACE FUNCTION compass_search_seen_in(kinds text[], refs integer[], clients integer[])
  RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH x AS MATERIALIZED (SELECT u.kind, u.ref_id, u.o FROM unnest(kinds, refs) WITH ORDINALITY AS u(kind, ref_id, o)),
  a AS MATERIALIZED (SELECT coalesce((SELECT compass_reads_all()), false) AS yes),
  r AS MATERIALIZED (SELECT x.o, x.ref_id AS cid, false AS free FROM x WHERE x.kind = 'client'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN contacts t ON t.id = x.ref_id WHERE x.kind = 'contact'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN activities t ON t.id = x.ref_id WHERE x.kind = 'activity'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN tenders t ON t.id = x.ref_id WHERE x.kind = 'tender'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN contracts t ON t.id = x.ref_id WHERE x.kind = 'contract'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN receipts t ON t.id = x.ref_id WHERE x.kind = 'receipt'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN rebates t ON t.id = x.ref_id WHERE x.kind = 'rebate'
    UNION ALL SELECT x.o, t.client_id, false FROM x JOIN client_news t ON t.id = x.ref_id WHERE x.kind = 'news'
    UNION ALL SELECT x.o, p.client_id, false FROM x JOIN packet_sections t ON t.id = x.ref_id JOIN tenders p ON p.id = t.tender_id WHERE x.kind = 'packet_section'
    UNION ALL SELECT x.o, t.client_id, t.client_id IS NULL FROM x JOIN documents t ON t.id = x.ref_id WHERE x.kind = 'document'
    UNION ALL SELECT x.o, t.client_id, t.client_id IS NULL FROM x JOIN letters t ON t.id = x.ref_id WHERE x.kind = 'letter'),
  m AS (SELECT x.o, t.id AS m FROM x JOIN meetings t ON t.id = x.ref_id WHERE x.kind IN ('minutes', 'meeting') UNION ALL SELECT x.o, t.meeting_id AS m FROM x JOIN action_items t ON t.id = x.ref_id WHERE x.kind IN ('action'))
  SELECT x.o FROM x WHERE (SELECT a.yes FROM a) OR NOT coalesce(x.kind IN ('client', 'contact', 'activity', 'tender', 'packet_section', 'document', 'letter', 'contract', 'receipt', 'minutes', 'meeting', 'action', 'rebate', 'news'), false)
  UNION ALL SELECT r.o FROM r WHERE NOT (SELECT a.yes FROM a) AND (r.free OR r.cid IN (SELECT unnest(clients)))
  UNION ALL SELECT m.o FROM m WHERE NOT (SELECT a.yes FROM a) AND (m.m NOT IN (SELECT mc.meeting_id FROM meeting_clients mc) OR m.m IN (SELECT mc.meeting_id FROM meeting_clients mc WHERE mc.client_id IN (SELECT unnest(clients)))) $$
"""

_SEARCH_AS_0041 = r"""CREATE OR REPLACE FUNCTION compass_search(how text, col text, q text, below integer, n integer,
    blocks text[] DEFAULT NULL, k text DEFAULT NULL)
  RETURNS TABLE (id integer, kind text, ref_id integer, title text, body text, matched boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  fields constant text := 'd.id, CAST(d.kind AS text) AS kind, d.ref_id';
  lookup text;
  of_kind text := '';
  -- the marks of what the person reads (NULL: everything), app.db.search_readers: GIN hands
  -- over only the documents the person may read, still each decided below
  readers text := compass_search_readers();
  of_reader text := '';
  batch integer := greatest(n, 16);
  fetched integer;
  got integer := 0;
  r record;
  -- the person's clients, once per call (NULL for one who reads all)
  clients integer[] := compass_search_clients();
BEGIN
  IF col NOT IN ('title_tsv', 'body_tsv', 'initials_tsv') THEN
    RAISE EXCEPTION 'compass_search: no such column %', col;
  END IF;
  IF k IS NOT NULL AND how <> 'sample' THEN
    of_kind := format(' AND d.%I @@ CAST(%L AS tsquery)', col, quote_literal('#' || k));
  END IF;
  IF readers IS NOT NULL THEN
    of_reader := format(' AND d.%I @@ CAST(%L AS tsquery)', col, readers);
  END IF;
  lookup := CASE how
    WHEN 'range' THEN format('SELECT %s, true AS m FROM search_docs d WHERE d.%I'
      ' @@ CAST($1 AS tsquery)%s%s AND d.id + 0 < $2 ORDER BY d.id + 0 DESC LIMIT $3', fields,
      col, of_kind, of_reader)
    WHEN 'blocks' THEN format('SELECT r.*, true AS m FROM unnest($4) WITH ORDINALITY'
      ' AS b(mark, o), LATERAL (SELECT %s FROM search_docs d WHERE d.%I @@ CAST($1 AS tsquery)'
      ' AND d.%I @@ CAST(b.mark AS tsquery)%s%s AND d.id + 0 < $2 ORDER BY d.id + 0 DESC) r'
      ' LIMIT $3', fields, col, col, of_kind, of_reader)
    WHEN 'sample' THEN format('SELECT %s, d.%I @@ CAST($1 AS tsquery) AS m FROM search_docs d'
      ' WHERE d.kind BETWEEN $5 AND $5 AND d.id < $2%s ORDER BY d.kind DESC, d.id DESC LIMIT $3',
      fields, col, of_reader) END;
  IF lookup IS NULL THEN
    RAISE EXCEPTION 'compass_search: no such lookup %', how;
  END IF;
  lookup := 'WITH c AS MATERIALIZED (' || lookup || '), o AS (SELECT c.*, row_number() OVER'
    ' (ORDER BY c.id DESC) AS o FROM c), s AS (SELECT compass_search_seen_in(array(SELECT'
    ' o.kind FROM o ORDER BY o.o), array(SELECT o.ref_id FROM o ORDER BY o.o), $6) AS o),'
    ' v AS MATERIALIZED (SELECT o.*, o.o IN (SELECT s.o FROM s) AS seen FROM o)'
    ' SELECT v.*, t.title, t.body FROM v LEFT JOIN LATERAL (SELECT CAST(d.title AS text) AS'
    ' title, CAST(d.body AS text) AS body FROM search_docs d WHERE d.id = v.id AND v.seen'
    ' AND v.m OFFSET 0) t ON true ORDER BY v.o';
  LOOP
    fetched := 0;
    FOR r IN EXECUTE lookup USING q, below, batch, blocks, k, clients LOOP
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


def _install(seen_in: str, search: str) -> None:
    conn = op.get_bind()
    if not _roles_made(conn):
        return
    conn.exec_driver_sql(seen_in.replace("%", "%%"))
    conn.exec_driver_sql(search.replace("%", "%%"))  # the driver's placeholders are %s


def upgrade() -> None:
    _install(_SEEN_IN, _SEARCH)


def downgrade() -> None:
    _install(_SEEN_IN_AS_0041, _SEARCH_AS_0041)
