"""A 客户经理's search finds the person's clients once per lookup, not once per kind and batch
(issue 14 §3): compass_search asks compass_search_clients (owned by the searcher role, under the
clients policy) for the ids of the clients the person reads, by a new index clients (owner, id)
that serves it alone, and passes them to compass_search_seen_in, which decides who sees a batch's
documents as the search_docs read policy does, kind by kind, from each record's client (or
meeting) found by its primary key. Before, each kind's table policy in compass_search_seen
scanned all the clients for its own list, per batch: 20-25 ms a kind on 100,000 clients. The same
rows as before, in the same order. The index is made on every archive (SQLite too); the functions
only on a team archive whose roles `team init` made. Down: the index and the two functions go,
and compass_search is as revision 0038 left it.

The SQL is written out here as it was when the revision landed (`team init` makes the same
functions from app.db.team_roles, which may change in later revisions; this one may not).

Revision ID: 0039
Revises: 0038
Create Date: 2026-12-07
"""

from alembic import op
from sqlalchemy import text

revision = "0039"
down_revision = "0038"
branch_labels = None
depends_on = None

_CLIENTS = r"""CREATE OR REPLACE FUNCTION compass_search_clients() RETURNS integer[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN coalesce((SELECT compass_reads_all()), false) THEN NULL
    ELSE array(SELECT c.id FROM clients c WHERE c.owner = (SELECT compass_login_name())) END $$;
"""

_SEEN_IN = r"""CREATE OR REPLACE FUNCTION compass_search_seen_in(kinds text[], refs integer[], clients integer[])
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

# replaced in place: its owner, grants and search path stay
_SEARCH = r"""CREATE OR REPLACE FUNCTION compass_search(how text, col text, q text, below integer, n integer,
    blocks text[] DEFAULT NULL, k text DEFAULT NULL)
  RETURNS TABLE (id integer, kind text, ref_id integer, title text, body text, matched boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  fields constant text := 'd.id, CAST(d.kind AS text) AS kind, d.ref_id';
  lookup text;
  of_kind text := '';
  -- one who reads only some starts bigger: a 客户经理 sees a seventh of the documents, and
  -- each batch is one more statement and one more compass_search_seen_in
  batch integer := CASE WHEN coalesce(compass_reads_all(), false) THEN greatest(n, 16)
    ELSE greatest(least(n, 2500) * 8, 128) END;
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

_SEARCH_AS_0038 = r"""CREATE OR REPLACE FUNCTION compass_search(how text, col text, q text, below integer, n integer,
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

_CLIENTS_SIGNATURE = "compass_search_clients()"
_SEEN_IN_SIGNATURE = "compass_search_seen_in(text[], integer[], integer[])"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


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
    op.create_index("ix_clients_owner_id", "clients", ["owner", "id"])
    conn = op.get_bind()
    if not _roles_made(conn):
        return
    database = conn.execute(text("SELECT current_database()")).scalar()
    searcher = _quoted(f"{database[:54]}_searcher")
    conn.exec_driver_sql(_CLIENTS)
    conn.exec_driver_sql(_SEEN_IN)
    for statement in (
        f"ALTER FUNCTION {_CLIENTS_SIGNATURE} OWNER TO {searcher}",
        f"REVOKE ALL ON FUNCTION {_CLIENTS_SIGNATURE} FROM PUBLIC",
        f"REVOKE ALL ON FUNCTION {_SEEN_IN_SIGNATURE} FROM PUBLIC",
    ):
        conn.execute(text(statement))
    conn.exec_driver_sql(_SEARCH.replace("%", "%%"))


def downgrade() -> None:
    conn = op.get_bind()
    if _roles_made(conn):
        conn.exec_driver_sql(_SEARCH_AS_0038.replace("%", "%%"))
        conn.execute(text(f"DROP FUNCTION IF EXISTS {_SEEN_IN_SIGNATURE}"))
        conn.execute(text(f"DROP FUNCTION IF EXISTS {_CLIENTS_SIGNATURE}"))
    op.drop_index("ix_clients_owner_id", table_name="clients")
