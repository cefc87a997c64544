"""Search documents of meetings and action items are read by who may read the meeting (issue
14 §2, a security fix): the search_docs read policy asks compass_sees_record(kind, ref_id),
whose CASE named 'minutes' (the kind the history and attachments use) but not 'meeting' and
'action', the kinds the search index files them under, so they fell to ELSE true: a 客户经理
found in search the titles and bodies of meetings and action items of other managers' clients
that the meetings' own policy keeps from them. compass_sees_record gains the two kinds (each
table's own policy decides, as for every other kind), and compass_search_seen, which is that
rule split by kind for a batch, is made again from it. Only a team archive whose roles `team
init` made has them; on SQLite, and on a server archive without roles, nothing is done. Down:
the functions as revision 0036 left them.

The SQL is written out here as it was when the revision landed (`team init` makes the same
functions from app.db.team_roles, which may change in later revisions; this one may not).

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-06
"""

from alembic import op
from sqlalchemy import text

revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None

# replaced in place: their owners and grants stay
_SEES_RECORD = """CREATE OR REPLACE FUNCTION compass_sees_record(k text, rid integer) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT CASE k
    WHEN 'client' THEN EXISTS (SELECT 1 FROM clients WHERE id = rid)
    WHEN 'contact' THEN EXISTS (SELECT 1 FROM contacts WHERE id = rid)
    WHEN 'activity' THEN EXISTS (SELECT 1 FROM activities WHERE id = rid)
    WHEN 'tender' THEN EXISTS (SELECT 1 FROM tenders WHERE id = rid)
    WHEN 'packet_section' THEN EXISTS (SELECT 1 FROM packet_sections WHERE id = rid)
    WHEN 'document' THEN EXISTS (SELECT 1 FROM documents WHERE id = rid)
    WHEN 'letter' THEN EXISTS (SELECT 1 FROM letters WHERE id = rid)
    WHEN 'contract' THEN EXISTS (SELECT 1 FROM contracts WHERE id = rid)
    WHEN 'receipt' THEN EXISTS (SELECT 1 FROM receipts WHERE id = rid)
    WHEN 'minutes' THEN EXISTS (SELECT 1 FROM meetings WHERE id = rid)
    WHEN 'meeting' THEN EXISTS (SELECT 1 FROM meetings WHERE id = rid)
    WHEN 'action' THEN EXISTS (SELECT 1 FROM action_items WHERE id = rid)
    WHEN 'rebate' THEN EXISTS (SELECT 1 FROM rebates WHERE id = rid)
    WHEN 'news' THEN EXISTS (SELECT 1 FROM client_news WHERE id = rid)
    ELSE true END $$;
"""

_SEEN_BY_KIND = """CREATE OR REPLACE FUNCTION compass_search_seen(kinds text[], refs integer[])
  RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH x AS MATERIALIZED (SELECT u.kind, u.ref_id, u.o FROM unnest(kinds, refs) WITH ORDINALITY AS u(kind, ref_id, o)),
  a AS MATERIALIZED (SELECT coalesce((SELECT compass_reads_all()), false) AS yes)
  SELECT x.o FROM x WHERE (SELECT a.yes FROM a) OR (true AND NOT coalesce(x.kind IN ('client', 'contact', 'activity', 'tender', 'packet_section', 'document', 'letter', 'contract', 'receipt', 'minutes', 'meeting', 'action', 'rebate', 'news'), false))
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
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'meeting' AND EXISTS (SELECT 1 FROM meetings WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'action' AND EXISTS (SELECT 1 FROM action_items WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'rebate' AND EXISTS (SELECT 1 FROM rebates WHERE id = x.ref_id)
  UNION ALL SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = 'news' AND EXISTS (SELECT 1 FROM client_news WHERE id = x.ref_id) $$
"""

_SEES_RECORD_AS_0036 = """CREATE OR REPLACE FUNCTION compass_sees_record(k text, rid integer) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT CASE k
    WHEN 'client' THEN EXISTS (SELECT 1 FROM clients WHERE id = rid)
    WHEN 'contact' THEN EXISTS (SELECT 1 FROM contacts WHERE id = rid)
    WHEN 'activity' THEN EXISTS (SELECT 1 FROM activities WHERE id = rid)
    WHEN 'tender' THEN EXISTS (SELECT 1 FROM tenders WHERE id = rid)
    WHEN 'packet_section' THEN EXISTS (SELECT 1 FROM packet_sections WHERE id = rid)
    WHEN 'document' THEN EXISTS (SELECT 1 FROM documents WHERE id = rid)
    WHEN 'letter' THEN EXISTS (SELECT 1 FROM letters WHERE id = rid)
    WHEN 'contract' THEN EXISTS (SELECT 1 FROM contracts WHERE id = rid)
    WHEN 'receipt' THEN EXISTS (SELECT 1 FROM receipts WHERE id = rid)
    WHEN 'minutes' THEN EXISTS (SELECT 1 FROM meetings WHERE id = rid)
    WHEN 'rebate' THEN EXISTS (SELECT 1 FROM rebates WHERE id = rid)
    WHEN 'news' THEN EXISTS (SELECT 1 FROM client_news WHERE id = rid)
    ELSE true END $$;
"""

_SEEN_BY_KIND_AS_0036 = """CREATE OR REPLACE FUNCTION compass_search_seen(kinds text[], refs integer[])
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


def _roles_made(conn) -> bool:
    """Whether `team init` made the app's roles and their functions here."""
    if conn.dialect.name != "postgresql":
        return False
    found = conn.execute(
        text("SELECT to_regprocedure('compass_search_seen(text[], integer[])')")
    ).scalar()
    return bool(found)


def upgrade() -> None:
    conn = op.get_bind()
    if _roles_made(conn):
        conn.exec_driver_sql(_SEES_RECORD.replace("%", "%%"))
        conn.exec_driver_sql(_SEEN_BY_KIND.replace("%", "%%"))


def downgrade() -> None:
    conn = op.get_bind()
    if _roles_made(conn):
        conn.exec_driver_sql(_SEES_RECORD_AS_0036.replace("%", "%%"))
        conn.exec_driver_sql(_SEEN_BY_KIND_AS_0036.replace("%", "%%"))
