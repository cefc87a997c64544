"""A 客户经理's search of a team archive decides who sees what for a whole batch of search
documents at once (issue 14 §2): compass_search_seen, which compass_search asks of each batch,
joined the batch row by row with compass_sees_record's CASE, and PostgreSQL read each kind's
table whole (a hashed subplan) or asked the policy per row: seconds per search on 100,000
clients. Now the batch is split by kind and each kind's rows are semi-joined with the kind's
table on its primary key, whose own policy (and the clients it asks, once per call) applies:
the same rule, compass_sees_record's CASE taken apart. Only a team archive whose roles `team
init` made has it; on SQLite, and on a server archive without roles, nothing is done. Down:
the function as revision 0034 made it.

The SQL is written out here as it was when the revision landed (`team init` makes the same
function from app.db.team_roles.search_seen_sql, which may change in later revisions; this one
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


def downgrade() -> None:
    conn = op.get_bind()
    if _roles_made(conn):
        conn.exec_driver_sql(_SEEN_ROW_BY_ROW.replace("%", "%%"))
