"""A 客户经理's search reads only what the person may read (issue 14 §3): each search document
carries its readers' marks in its three vectors ('#o.<md5 of the owner>' of each owner of its
record's client, '#free' when everyone may read it, '#none' when only those who read everything
may), computed by a trigger on search_docs as the document is written and written again by
triggers on what moves a record's readers (a client's owner, a record's client, a meeting's
clients, an action item's meeting, a packet section's tender); compass_search asks GIN for the
query AND the person's marks, so that a 客户经理's lookups no longer read eight candidates for
each one handed over. Every row is still decided by compass_search_seen_in: the same hits as
before. Only a team archive whose roles `team init` made gets them; on SQLite, and on a server
archive without roles, nothing is done. Upgrading marks every document (a rewrite of
search_docs: about a minute per 100,000 documents on a small server). Down: the triggers and
functions go and compass_search is as revision 0039 left it; the marks stay in the vectors,
where no query term can match them (they hold a '#', as the kinds' and blocks' marks do) and
the next upgrade writes them again.

The SQL is written out here as it was when the revision landed (`team init` makes the same
functions from app.db.search_readers and app.db.team_roles, which may change in later
revisions; this one may not).

Revision ID: 0040
Revises: 0039
Create Date: 2026-12-07
"""

from alembic import op
from sqlalchemy import text

revision = "0040"
down_revision = "0039"
branch_labels = None
depends_on = None

_FUNCTIONS_0 = r"""CREATE OR REPLACE FUNCTION compass_reader_marks(k text, rid integer) RETURNS text[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH r(cid, free) AS (SELECT rid, false WHERE k = 'client'
    UNION ALL SELECT t.client_id, false FROM contacts t WHERE k = 'contact' AND t.id = rid
    UNION ALL SELECT t.client_id, false FROM activities t WHERE k = 'activity' AND t.id = rid
    UNION ALL SELECT t.client_id, false FROM tenders t WHERE k = 'tender' AND t.id = rid
    UNION ALL SELECT t.client_id, false FROM contracts t WHERE k = 'contract' AND t.id = rid
    UNION ALL SELECT t.client_id, false FROM receipts t WHERE k = 'receipt' AND t.id = rid
    UNION ALL SELECT t.client_id, false FROM rebates t WHERE k = 'rebate' AND t.id = rid
    UNION ALL SELECT t.client_id, false FROM client_news t WHERE k = 'news' AND t.id = rid
    UNION ALL SELECT t.client_id, t.client_id IS NULL FROM documents t WHERE k = 'document' AND t.id = rid
    UNION ALL SELECT t.client_id, t.client_id IS NULL FROM letters t WHERE k = 'letter' AND t.id = rid
    UNION ALL SELECT p.client_id, false FROM packet_sections t JOIN tenders p ON p.id = t.tender_id WHERE k = 'packet_section' AND t.id = rid
    UNION ALL SELECT mc.client_id, false FROM meeting_clients mc WHERE mc.meeting_id IN (SELECT t.id FROM meetings t WHERE k IN ('minutes', 'meeting') AND t.id = rid UNION ALL SELECT t.meeting_id FROM action_items t WHERE k = 'action' AND t.id = rid)
    UNION ALL SELECT NULL, true FROM (SELECT t.id FROM meetings t WHERE k IN ('minutes', 'meeting') AND t.id = rid UNION ALL SELECT t.meeting_id FROM action_items t WHERE k = 'action' AND t.id = rid) m(id) WHERE m.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meeting_clients mc WHERE mc.meeting_id = m.id)),
  m AS (SELECT DISTINCT CASE WHEN r.free THEN '#free' ELSE '#o.' || md5(c.owner) END AS mark FROM r LEFT JOIN clients c ON c.id = r.cid WHERE r.free OR c.owner IS NOT NULL)
  SELECT CASE WHEN NOT coalesce(k IN ('action', 'activity', 'client', 'contact', 'contract', 'document', 'letter', 'meeting', 'minutes', 'news', 'packet_section', 'rebate', 'receipt', 'tender'), false) THEN ARRAY['#free']
    ELSE coalesce(nullif(array(SELECT m.mark FROM m ORDER BY 1), '{}'), ARRAY['#none']) END $$;
"""

_FUNCTIONS_1 = r"""CREATE OR REPLACE FUNCTION compass_unmarked(v tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v @@ CAST('''#free'' | ''#none'' | ''#o.'':*' AS tsquery)
    THEN ts_delete(v, array(SELECT u.lexeme FROM unnest(v) u
      WHERE u.lexeme IN ('#free', '#none') OR left(u.lexeme, 3) = '#o.'))
    ELSE v END $$;
CREATE OR REPLACE FUNCTION compass_mark_document() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  marks tsvector := array_to_tsvector(compass_reader_marks(CAST(NEW.kind AS text), NEW.ref_id));
BEGIN
  NEW.title_tsv := compass_unmarked(coalesce(NEW.title_tsv, '')) || marks;
  NEW.body_tsv := compass_unmarked(coalesce(NEW.body_tsv, '')) || marks;
  NEW.initials_tsv := compass_unmarked(coalesce(NEW.initials_tsv, '')) || marks;
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION compass_remark(k text, refs integer[]) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE search_docs SET ref_id = ref_id WHERE kind = k AND ref_id = ANY(refs) $$;
"""

_FUNCTIONS_2 = r"""CREATE OR REPLACE FUNCTION compass_remark_meetings(meetings integer[]) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM compass_remark('minutes', meetings);
  PERFORM compass_remark('meeting', meetings);
  PERFORM compass_remark('action', array(SELECT a.id FROM action_items a
    WHERE a.meeting_id = ANY(meetings)));
END $$;
CREATE OR REPLACE FUNCTION compass_remark_record() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM compass_remark(TG_ARGV[0], ARRAY[NEW.id]);
  IF TG_TABLE_NAME = 'tenders' THEN
    PERFORM compass_remark('packet_section', array(SELECT s.id FROM packet_sections s
      WHERE s.tender_id = NEW.id));
  END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION compass_remark_meeting_clients() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM compass_remark_meetings(ARRAY[OLD.meeting_id]);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM compass_remark_meetings(ARRAY[NEW.meeting_id]);
  END IF;
  RETURN NULL;
END $$;
"""

_FUNCTIONS_3 = r"""CREATE OR REPLACE FUNCTION compass_remark_client() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM compass_remark('client', ARRAY[NEW.id]);
  PERFORM compass_remark('contact', array(SELECT t.id FROM contacts t WHERE t.client_id = NEW.id));
  PERFORM compass_remark('activity', array(SELECT t.id FROM activities t WHERE t.client_id = NEW.id));
  PERFORM compass_remark('tender', array(SELECT t.id FROM tenders t WHERE t.client_id = NEW.id));
  PERFORM compass_remark('contract', array(SELECT t.id FROM contracts t WHERE t.client_id = NEW.id));
  PERFORM compass_remark('receipt', array(SELECT t.id FROM receipts t WHERE t.client_id = NEW.id));
  PERFORM compass_remark('rebate', array(SELECT t.id FROM rebates t WHERE t.client_id = NEW.id));
  PERFORM compass_remark('news', array(SELECT t.id FROM client_news t WHERE t.client_id = NEW.id));
  PERFORM compass_remark('document', array(SELECT t.id FROM documents t WHERE t.client_id = NEW.id));
  PERFORM compass_remark('letter', array(SELECT t.id FROM letters t WHERE t.client_id = NEW.id));
  PERFORM compass_remark('packet_section', array(SELECT s.id FROM packet_sections s JOIN tenders t ON t.id = s.tender_id WHERE t.client_id = NEW.id));
  PERFORM compass_remark_meetings(array(SELECT mc.meeting_id FROM meeting_clients mc WHERE mc.client_id = NEW.id));
  RETURN NULL;
END $$;
"""

_FUNCTIONS_4 = r"""CREATE OR REPLACE FUNCTION compass_search_readers() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN coalesce((SELECT compass_reads_all()), false) THEN NULL
    ELSE '''#free''' || coalesce(' | ''#o.' || md5((SELECT compass_login_name())) || '''', '')
  END $$;
"""

_TRIGGERS = [
    "DROP TRIGGER IF EXISTS compass_mark_document ON search_docs",
    "CREATE TRIGGER compass_mark_document BEFORE INSERT OR UPDATE ON search_docs FOR EACH ROW EXECUTE FUNCTION compass_mark_document()",
    "DROP TRIGGER IF EXISTS compass_remark_client ON clients",
    "CREATE TRIGGER compass_remark_client AFTER UPDATE OF owner ON clients FOR EACH ROW WHEN (OLD.owner IS DISTINCT FROM NEW.owner) EXECUTE FUNCTION compass_remark_client()",
    "DROP TRIGGER IF EXISTS compass_remark_record ON contacts",
    "CREATE TRIGGER compass_remark_record AFTER UPDATE OF client_id ON contacts FOR EACH ROW WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id) EXECUTE FUNCTION compass_remark_record('contact')",
    "DROP TRIGGER IF EXISTS compass_remark_record ON activities",
    "CREATE TRIGGER compass_remark_record AFTER UPDATE OF client_id ON activities FOR EACH ROW WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id) EXECUTE FUNCTION compass_remark_record('activity')",
    "DROP TRIGGER IF EXISTS compass_remark_record ON tenders",
    "CREATE TRIGGER compass_remark_record AFTER UPDATE OF client_id ON tenders FOR EACH ROW WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id) EXECUTE FUNCTION compass_remark_record('tender')",
    "DROP TRIGGER IF EXISTS compass_remark_record ON contracts",
    "CREATE TRIGGER compass_remark_record AFTER UPDATE OF client_id ON contracts FOR EACH ROW WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id) EXECUTE FUNCTION compass_remark_record('contract')",
    "DROP TRIGGER IF EXISTS compass_remark_record ON receipts",
    "CREATE TRIGGER compass_remark_record AFTER UPDATE OF client_id ON receipts FOR EACH ROW WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id) EXECUTE FUNCTION compass_remark_record('receipt')",
    "DROP TRIGGER IF EXISTS compass_remark_record ON rebates",
    "CREATE TRIGGER compass_remark_record AFTER UPDATE OF client_id ON rebates FOR EACH ROW WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id) EXECUTE FUNCTION compass_remark_record('rebate')",
    "DROP TRIGGER IF EXISTS compass_remark_record ON client_news",
    "CREATE TRIGGER compass_remark_record AFTER UPDATE OF client_id ON client_news FOR EACH ROW WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id) EXECUTE FUNCTION compass_remark_record('news')",
    "DROP TRIGGER IF EXISTS compass_remark_record ON documents",
    "CREATE TRIGGER compass_remark_record AFTER UPDATE OF client_id ON documents FOR EACH ROW WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id) EXECUTE FUNCTION compass_remark_record('document')",
    "DROP TRIGGER IF EXISTS compass_remark_record ON letters",
    "CREATE TRIGGER compass_remark_record AFTER UPDATE OF client_id ON letters FOR EACH ROW WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id) EXECUTE FUNCTION compass_remark_record('letter')",
    "DROP TRIGGER IF EXISTS compass_remark_record ON packet_sections",
    "CREATE TRIGGER compass_remark_record AFTER UPDATE OF tender_id ON packet_sections FOR EACH ROW WHEN (OLD.tender_id IS DISTINCT FROM NEW.tender_id) EXECUTE FUNCTION compass_remark_record('packet_section')",
    "DROP TRIGGER IF EXISTS compass_remark_record ON action_items",
    "CREATE TRIGGER compass_remark_record AFTER UPDATE OF meeting_id ON action_items FOR EACH ROW WHEN (OLD.meeting_id IS DISTINCT FROM NEW.meeting_id) EXECUTE FUNCTION compass_remark_record('action')",
    "DROP TRIGGER IF EXISTS compass_remark_meeting_clients ON meeting_clients",
    "CREATE TRIGGER compass_remark_meeting_clients AFTER INSERT OR UPDATE OR DELETE ON meeting_clients FOR EACH ROW EXECUTE FUNCTION compass_remark_meeting_clients()",
]

_FUNCTIONS = (
    "compass_reader_marks(text, integer)",
    "compass_unmarked(tsvector)",
    "compass_mark_document()",
    "compass_remark(text, integer[])",
    "compass_remark_meetings(integer[])",
    "compass_remark_client()",
    "compass_remark_record()",
    "compass_remark_meeting_clients()",
    "compass_search_readers()",
)

_MARK_ALL = "UPDATE search_docs SET ref_id = ref_id"

# replaced in place: its owner, grants and search path stay
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

_SEARCH_AS_0039 = r"""CREATE OR REPLACE FUNCTION compass_search(how text, col text, q text, below integer, n integer,
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
    if not _roles_made(conn):
        return
    for block in (_FUNCTIONS_0, _FUNCTIONS_1, _FUNCTIONS_2, _FUNCTIONS_3, _FUNCTIONS_4):
        conn.exec_driver_sql(block.replace("%", "%%"))
    for function in _FUNCTIONS:
        conn.execute(text(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC"))
    for statement in _TRIGGERS:
        conn.execute(text(statement))
    conn.execute(text(_MARK_ALL))
    conn.exec_driver_sql(_SEARCH.replace("%", "%%"))


def downgrade() -> None:
    conn = op.get_bind()
    if not _roles_made(conn):
        return
    conn.exec_driver_sql(_SEARCH_AS_0039.replace("%", "%%"))
    for statement in _TRIGGERS:
        if statement.startswith("DROP TRIGGER"):
            conn.execute(text(statement))
    for function in reversed(_FUNCTIONS):
        conn.execute(text(f"DROP FUNCTION IF EXISTS {function}"))
