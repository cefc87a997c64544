"""The team archive's roles, grants and row-level security (issue 14 §2), made by `team init`.

Group roles (NOLOGIN), one per app role, named after the database (`<db>_assistant`, …) so two
team databases on one server share none. A person's login is a member of one of them
(app.services.team_users). Who the login is comes from `current_user` joined to team_users,
never from a setting a client could change; a login not in team_users is the archive's owner or
the server's superuser (they bypass row-level security) and is bound by nothing here.

The policies say, table by table, what the app shows: 助理, 管理员 and the approvers read every
record; 助理 and 管理员 write every record; a 客户经理 reads and writes their own clients (clients.owner
is their name) and what hangs on them, and reads the others' when the setting
team.managers_read_all is true. Child tables ask their parent table, whose own policy applies, so
visibility composes. Approval steps and document reviews are checked by triggers: the actor is
the login's name, the step the login's role's, never the applicant's or the author's, one step
per person and round; a rebate's or a document's status must follow its steps at commit.

Everything is idempotent: CREATE OR REPLACE, DROP POLICY IF EXISTS, roles made when missing."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection

from app.db import search_readers
from app.domain.team_roles import AppRole

WRITERS = (AppRole.ASSISTANT, AppRole.ADMIN, AppRole.ACCOUNT_MANAGER)
APPROVERS = (AppRole.DEPT_MANAGER, AppRole.MARKETING, AppRole.GENERAL_MANAGER)


def group_role(database: str, role: AppRole | str) -> str:
    """The group role of `role` in `database`: <db>_<role>, at most 63 characters."""
    return f"{database[: 62 - len(str(AppRole(role).value))]}_{AppRole(role).value}"


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- functions the policies use -----------------------------------------------------------------

_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION compass_registered() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM team_users WHERE login = session_user) $$;
CREATE OR REPLACE FUNCTION compass_login_name() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT display_name FROM team_users WHERE login = session_user AND NOT disabled $$;
CREATE OR REPLACE FUNCTION compass_app_role() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT app_role FROM team_users WHERE login = session_user AND NOT disabled $$;
CREATE OR REPLACE FUNCTION compass_writes_all() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(compass_app_role() IN ('assistant', 'admin'), false) $$;
CREATE OR REPLACE FUNCTION compass_reads_all() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(compass_app_role() IN
      ('assistant', 'admin', 'dept_manager', 'marketing', 'general_manager'), false)
    OR (compass_app_role() = 'account_manager' AND EXISTS (
      SELECT 1 FROM settings WHERE key = 'team.managers_read_all' AND value IN ('true', '1'))) $$;
CREATE OR REPLACE FUNCTION compass_approver() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(compass_app_role() IN ('dept_manager', 'marketing', 'general_manager'), false)
$$;
CREATE OR REPLACE FUNCTION compass_owns_client(cid integer) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT compass_writes_all() OR (compass_app_role() = 'account_manager' AND EXISTS (
    SELECT 1 FROM clients WHERE id = cid AND owner = compass_login_name())) $$;
-- the clients the person reads when not everything (the clients' policy applies too), and the
-- clients a 客户经理 writes: by the owner index, as arrays the policies hash once a statement
CREATE OR REPLACE FUNCTION compass_clients_read() RETURNS integer[] LANGUAGE sql STABLE AS $$
  SELECT array(SELECT c.id FROM clients c WHERE c.owner = compass_login_name()) $$;
CREATE OR REPLACE FUNCTION compass_clients_written() RETURNS integer[] LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN compass_app_role() = 'account_manager'
    THEN array(SELECT c.id FROM clients c WHERE c.owner = compass_login_name())
    ELSE CAST('{}' AS integer[]) END $$;
CREATE OR REPLACE FUNCTION compass_sees_client(cid integer) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM clients WHERE id = cid) $$;
CREATE OR REPLACE FUNCTION compass_meeting_links(mid integer) RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*) FROM meeting_clients WHERE meeting_id = mid $$;
CREATE OR REPLACE FUNCTION compass_linked_meetings() RETURNS SETOF integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT DISTINCT meeting_id FROM meeting_clients $$;
CREATE OR REPLACE FUNCTION compass_sees_meeting(mid integer) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT compass_reads_all() OR compass_meeting_links(mid) = 0
    OR EXISTS (SELECT 1 FROM meeting_clients WHERE meeting_id = mid) $$;
CREATE OR REPLACE FUNCTION compass_writes_meeting(mid integer) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT compass_writes_all() OR (compass_app_role() = 'account_manager' AND (
    compass_meeting_links(mid) = 0 OR EXISTS (
      SELECT 1 FROM meeting_clients mc JOIN clients c ON c.id = mc.client_id
      WHERE mc.meeting_id = mid AND c.owner = compass_login_name()))) $$;
CREATE OR REPLACE FUNCTION compass_blob_used(s text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM attachments WHERE sha256 = s)
    OR EXISTS (SELECT 1 FROM recycle_bin WHERE strpos(blobs, '"' || s || '"') > 0) $$;
CREATE OR REPLACE FUNCTION compass_sees_blob(s text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT compass_reads_all() OR EXISTS (SELECT 1 FROM attachments WHERE sha256 = s)
    OR EXISTS (SELECT 1 FROM recycle_bin WHERE strpos(blobs, '"' || s || '"') > 0)
    OR NOT compass_blob_used(s) $$;
CREATE OR REPLACE FUNCTION compass_sees_record(k text, rid integer) RETURNS boolean
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
CREATE OR REPLACE FUNCTION compass_writes_record(k text, rid integer) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT compass_writes_all() OR CASE k
    WHEN 'client' THEN compass_owns_client(rid)
    WHEN 'activity' THEN compass_owns_client((SELECT client_id FROM activities WHERE id = rid))
    WHEN 'news' THEN compass_owns_client((SELECT client_id FROM client_news WHERE id = rid))
    WHEN 'letter' THEN compass_owns_client((SELECT client_id FROM letters WHERE id = rid))
    WHEN 'packet_section' THEN compass_owns_client((SELECT t.client_id FROM tenders t
      JOIN packet_sections s ON s.tender_id = t.id WHERE s.id = rid))
    ELSE false END $$;
"""

# --- approval steps and document reviews, checked by the database ------------------------------

_TRIGGERS = r"""
CREATE OR REPLACE FUNCTION compass_refuse(reason text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = reason, ERRCODE = '42501'; END $$;

CREATE OR REPLACE FUNCTION compass_kept_in_bin(tbl text, found jsonb) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM recycle_bin
                 WHERE payload::jsonb -> 'tables' -> tbl @> jsonb_build_array(found)) $$;

CREATE OR REPLACE FUNCTION compass_check_rebate_step() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  me text := compass_login_name();
  mine text := compass_app_role();
  needed text;
  round_start integer;
  refusal text;
BEGIN
  IF me IS NULL THEN
    IF compass_registered() THEN PERFORM compass_refuse('login disabled'); END IF;
    RETURN NEW;  -- the archive's owner or the server's superuser
  END IF;
  IF NEW.actor IS DISTINCT FROM me THEN
    refusal := 'a step is recorded under the name of the login taking it';
  ELSIF NEW.step IN ('manager', 'marketing', 'gm') THEN
    needed := CASE NEW.step WHEN 'manager' THEN 'dept_manager'
      WHEN 'marketing' THEN 'marketing' ELSE 'general_manager' END;
    SELECT max(id) INTO round_start FROM rebate_steps
      WHERE rebate_id = NEW.rebate_id AND decision = 'apply';
    IF mine IS DISTINCT FROM needed THEN
      refusal := 'this approval step belongs to the role ' || needed;
    ELSIF EXISTS (SELECT 1 FROM rebates WHERE id = NEW.rebate_id AND applicant = me) THEN
      refusal := 'the applicant does not approve their own application';
    ELSIF EXISTS (SELECT 1 FROM rebate_steps WHERE rebate_id = NEW.rebate_id
                  AND id >= coalesce(round_start, 0) AND actor = me) THEN
      refusal := 'one person takes one step of an application';
    END IF;
  END IF;
  -- a step the recycle bin kept comes back as it was (restoring a deleted rebate)
  IF refusal IS NOT NULL AND NOT (TG_OP = 'INSERT' AND compass_kept_in_bin('rebate_steps',
      jsonb_build_object('id', NEW.id, 'rebate_id', NEW.rebate_id, 'step', NEW.step,
                         'decision', NEW.decision, 'actor', NEW.actor))) THEN
    PERFORM compass_refuse(refusal);
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS compass_rebate_step ON rebate_steps;
CREATE TRIGGER compass_rebate_step BEFORE INSERT OR UPDATE ON rebate_steps
  FOR EACH ROW EXECUTE FUNCTION compass_check_rebate_step();

CREATE OR REPLACE FUNCTION compass_check_rebate_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last record;
  expected text;
  now_status text;
BEGIN
  IF compass_login_name() IS NULL AND NOT compass_registered() THEN RETURN NULL; END IF;
  SELECT status INTO now_status FROM rebates WHERE id = NEW.id;
  SELECT step, decision INTO last FROM rebate_steps
    WHERE rebate_id = NEW.id AND step <> 'settle' ORDER BY id DESC LIMIT 1;
  expected := CASE
    WHEN last.decision IS NULL THEN NULL
    WHEN last.decision = 'apply' THEN 'applied'
    WHEN last.decision = 'reject' THEN 'rejected'
    WHEN last.step = 'manager' THEN 'manager'
    WHEN last.step = 'marketing' THEN 'marketing'
    WHEN last.step = 'gm' THEN 'approved' END;
  IF now_status IS DISTINCT FROM expected THEN
    PERFORM compass_refuse('a rebate''s status follows its approval steps');
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS compass_rebate_status ON rebates;
CREATE CONSTRAINT TRIGGER compass_rebate_status AFTER INSERT OR UPDATE ON rebates
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compass_check_rebate_status();

CREATE OR REPLACE FUNCTION compass_check_review() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  me text := compass_login_name();
  refusal text;
BEGIN
  IF me IS NULL THEN
    IF compass_registered() THEN PERFORM compass_refuse('login disabled'); END IF;
    RETURN NEW;
  END IF;
  IF NEW.actor IS DISTINCT FROM me THEN
    refusal := 'a review is recorded under the name of the login taking it';
  ELSIF NEW.action IN ('approve', 'return') THEN
    IF NOT compass_approver() THEN
      refusal := 'documents are approved by 大客户部经理, 市场营销中心 or 总经理';
    ELSIF EXISTS (SELECT 1 FROM document_versions WHERE document_id = NEW.document_id
                  AND version = NEW.version AND author = me)
       OR (SELECT actor FROM document_reviews WHERE document_id = NEW.document_id
           AND action = 'submit' ORDER BY id DESC LIMIT 1) = me THEN
      refusal := 'the author of a draft does not approve it';
    END IF;
  END IF;
  IF refusal IS NOT NULL AND NOT (TG_OP = 'INSERT' AND compass_kept_in_bin('document_reviews',
      jsonb_build_object('id', NEW.id, 'document_id', NEW.document_id, 'action', NEW.action,
                         'actor', NEW.actor))) THEN
    PERFORM compass_refuse(refusal);
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS compass_review ON document_reviews;
CREATE TRIGGER compass_review BEFORE INSERT OR UPDATE ON document_reviews
  FOR EACH ROW EXECUTE FUNCTION compass_check_review();

CREATE OR REPLACE FUNCTION compass_check_document_status() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  expected text;
BEGIN
  IF compass_login_name() IS NULL AND NOT compass_registered() THEN RETURN NULL; END IF;
  IF NOT compass_approver() THEN RETURN NULL; END IF;
  SELECT to_status INTO expected FROM document_reviews WHERE document_id = NEW.id
    ORDER BY id DESC LIMIT 1;
  IF (SELECT status FROM documents WHERE id = NEW.id) IS DISTINCT FROM expected THEN
    PERFORM compass_refuse('a document''s status follows its reviews');
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS compass_document_status ON documents;
CREATE CONSTRAINT TRIGGER compass_document_status AFTER UPDATE ON documents
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compass_check_document_status();
"""

# --- policies -------------------------------------------------------------------------------------

# Each who-am-I function is wrapped in a scalar subquery, so PostgreSQL computes it once per
# statement (an InitPlan) instead of once per row; a row's parent is looked up in one hashed
# subplan over the parent table (whose own policy applies), not one query per row. Measured on
# 100,000 clients: a 客户经理's count(*) of contacts went from 38 s (a function per row) to
# tens of milliseconds. The clients a person reads are that hashed list, built from an array the
# owner index gives (compass_clients_read, revision 0042): as `SELECT c.id FROM clients c` under
# the clients' policy (`reads all OR owner = me`, which no index serves) every statement on one
# contact, visit or contract read all 100,000 clients first (10 ms, four or five times in a
# save; now 3-5 ms for a 客户经理 of 14,500 clients). What a statement writes asks its client's
# key instead (EXISTS: one row at a time, a probe each). Reading does not: PostgreSQL costs an
# EXISTS per row even for a whole table, and chose worse ways for a 客户经理's lists (今日待办
# 236 ms instead of 26). A key written bare serves several tables; no parent has a column of
# that name (tests/team/test_policy_parents.py).
_READ_ALL = "(SELECT compass_reads_all())"
_WRITE_ALL = "(SELECT compass_writes_all())"
_ME = "(SELECT compass_login_name())"
_ROLE = "(SELECT compass_app_role())"
_SEEN_CLIENTS = "(SELECT unnest((SELECT compass_clients_read())))"
# a meeting's clients (meeting_clients holds a column named like the meeting's key): a list too
_MY_CLIENTS = "(SELECT unnest((SELECT compass_clients_written())))"


def _my_client(key: str) -> str:
    """Whether the client `key` names is the 客户经理's own: a probe of its key, for the rows a
    statement writes (one at a time: no list of every client for it)."""
    return (
        f"EXISTS (SELECT 1 FROM clients c WHERE c.id = {key} AND c.owner = {_ME}"
        f" AND {_ROLE} = 'account_manager')"
    )


def _via(parent: str, key: str) -> tuple[str, str]:
    """Read and write conditions of a row that hangs on a `parent` row (with client_id) by
    `key`."""
    return (
        f"{_READ_ALL} OR {key} IN (SELECT p.id FROM {parent} p)",
        f"{_WRITE_ALL} OR EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {key}"
        f" AND {_my_client('p.client_id')})",
    )


_NULLABLE_CLIENT = (
    f"{_READ_ALL} OR client_id IS NULL OR client_id IN {_SEEN_CLIENTS}",
    f"{_WRITE_ALL} OR {_my_client('client_id')}",
)
_OWN_FIGURES = (
    f"{_READ_ALL} OR owner = {_ME} OR owner = ''",
    f"{_WRITE_ALL} OR owner = {_ME}",
)
_BY_CLIENT = (
    f"{_READ_ALL} OR client_id IN {_SEEN_CLIENTS}",
    f"{_WRITE_ALL} OR {_my_client('client_id')}",
)
_LINKED = "(SELECT compass_linked_meetings())"
_APPROVER = "(SELECT compass_approver())"


def _meeting(key: str) -> tuple[str, str]:
    """A meeting is its clients': read when one of them is seen (or it has none), written when
    one is the manager's own (or it has none)."""
    return (
        f"{_READ_ALL} OR {key} NOT IN {_LINKED}"
        f" OR {key} IN (SELECT mc.meeting_id FROM meeting_clients mc)",
        f"{_WRITE_ALL} OR ({_ROLE} = 'account_manager' AND ({key} NOT IN {_LINKED}"
        f" OR {key} IN (SELECT mc.meeting_id FROM meeting_clients mc WHERE mc.client_id IN"
        f" {_MY_CLIENTS})))",
    )


# table -> (who reads a row, who writes it)
POLICIES: dict[str, tuple[str, str]] = {
    "clients": (
        f"{_READ_ALL} OR owner = {_ME}",
        f"{_WRITE_ALL} OR ({_ROLE} = 'account_manager' AND owner = {_ME})",
    ),
    **{
        table: _BY_CLIENT
        for table in (
            "contacts",
            "activities",
            "tenders",
            "contracts",
            "receipts",
            "rebates",
            "client_tier_changes",
            "client_news",
            "meeting_clients",
        )
    },
    "documents": _NULLABLE_CLIENT,
    "letters": _NULLABLE_CLIENT,
    "activity_contacts": _via("activities", "activity_id"),
    "tender_items": _via("tenders", "tender_id"),
    "packet_sections": _via("tenders", "tender_id"),
    "packet_files": (
        f"{_READ_ALL} OR section_id IN (SELECT s.id FROM packet_sections s)",
        f"{_WRITE_ALL} OR EXISTS (SELECT 1 FROM packet_sections s JOIN tenders t"
        f" ON t.id = s.tender_id WHERE s.id = section_id AND {_my_client('t.client_id')})",
    ),
    "document_versions": _via("documents", "document_id"),
    "contract_lines": _via("contracts", "contract_id"),
    "rebate_steps": _via("rebates", "rebate_id"),
    "meetings": _meeting("id"),
    "meeting_decisions": _meeting("meeting_id"),
    "action_items": _meeting("meeting_id"),
    "attachments": (
        f"{_READ_ALL} OR compass_sees_record(owner_kind, owner_id)",
        f"{_WRITE_ALL} OR compass_writes_record(owner_kind, owner_id)",
    ),
    "monthly_targets": _OWN_FIGURES,
    "annual_plans": _OWN_FIGURES,
    "sales_forecasts": _OWN_FIGURES,
    "budgets": _OWN_FIGURES,
    "recycle_bin": (f"{_WRITE_ALL} OR deleted_by = {_ME}", f"{_WRITE_ALL} OR deleted_by = {_ME}"),
    "settings": ("true", f"key NOT LIKE 'team.%' OR {_ROLE} = 'admin'"),
    # a file's content is read by who sees an attachment (or a bin item) using it; it is
    # removed only when nothing uses it any more (a purge), whoever's it was
    "blob_chunks": (
        f"{_READ_ALL} OR compass_sees_blob(sha256)",
        f"{_ROLE} IS NOT NULL AND ({_WRITE_ALL} OR NOT compass_blob_used(sha256))",
    ),
    "blobs": (
        "true",
        f"{_ROLE} IS NOT NULL AND ({_WRITE_ALL} OR NOT compass_blob_used(sha256))",
    ),
    # the index follows its records; anyone who writes keeps it
    "search_docs": (f"{_READ_ALL} OR compass_sees_record(kind, ref_id)", f"{_ROLE} IS NOT NULL"),
}

# what the approvers may do besides reading: take steps, review, and what that writes
_APPROVER_POLICIES: dict[str, str] = {
    "rebates": "UPDATE",
    "rebate_steps": "INSERT",
    "documents": "UPDATE",
    "document_reviews": "INSERT",
    # approving a 购销合同 registers its contract (app.services.documents.registering)
    "contracts": "INSERT",
    "contract_lines": "INSERT",
}
_APPROVER_COLUMNS = {
    "rebates": "status, updated_at, settlement, settled_at, version",
    "documents": "status, approved_version, updated_at, version",
}


def _policy_sql(table: str, read: str, write: str) -> list[str]:
    """A read policy and one per kind of write (a FOR ALL policy would widen reading too)."""
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS compass_read ON {table}",
        f"CREATE POLICY compass_read ON {table} FOR SELECT USING ({read})",
        f"DROP POLICY IF EXISTS compass_insert ON {table}",
        f"CREATE POLICY compass_insert ON {table} FOR INSERT WITH CHECK ({write})",
        f"DROP POLICY IF EXISTS compass_update ON {table}",
        f"CREATE POLICY compass_update ON {table} FOR UPDATE USING ({write}) WITH CHECK ({write})",
        f"DROP POLICY IF EXISTS compass_delete ON {table}",
        f"CREATE POLICY compass_delete ON {table} FOR DELETE USING ({write})",
    ]


def _special_policies() -> list[str]:
    out = _policy_sql("document_reviews", *_via("documents", "document_id"))
    # the history: everyone adds entries under their own name; reads what they may see
    out += [
        "ALTER TABLE change_log ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS compass_read ON change_log",
        f"CREATE POLICY compass_read ON change_log FOR SELECT USING ({_READ_ALL}"
        f' OR "user" = {_ME} OR (record_id IS NOT NULL AND compass_sees_record(kind, record_id)))',
        "DROP POLICY IF EXISTS compass_insert ON change_log",
        f'CREATE POLICY compass_insert ON change_log FOR INSERT WITH CHECK ("user" = {_ME})',
    ]
    for table in ("blobs", "blob_chunks"):  # content-addressed: adding one never hurts
        out += [
            f"DROP POLICY IF EXISTS compass_insert ON {table}",
            f"CREATE POLICY compass_insert ON {table} FOR INSERT WITH CHECK ({_ROLE} IS NOT NULL)",
        ]
    for table, command in _APPROVER_POLICIES.items():
        read = POLICIES.get(table, POLICIES["document_versions"])[0]
        clause = (
            f"USING ({_APPROVER} AND ({read}))"
            if command == "UPDATE"
            else f"WITH CHECK ({_APPROVER} AND ({read}))"
        )
        if command == "UPDATE":
            clause += f" WITH CHECK ({_APPROVER})"
        out += [
            f"DROP POLICY IF EXISTS compass_approve ON {table}",
            f"CREATE POLICY compass_approve ON {table} FOR {command} {clause}",
        ]
    return out


# --- grants ---------------------------------------------------------------------------------------


def _grants(database: str, tables: list[str]) -> list[str]:
    role = {r: quoted(group_role(database, r)) for r in AppRole}
    everyone = ", ".join(role.values())
    writers = ", ".join(role[r] for r in WRITERS)
    approvers = ", ".join(role[r] for r in APPROVERS)
    out = [
        f"GRANT USAGE ON SCHEMA public TO {everyone}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {everyone}",
        f"GRANT INSERT, UPDATE, DELETE ON team_users TO {role[AppRole.ADMIN]}",
    ]
    shared = ("team_users", "alembic_version")
    for table in tables:
        if table in shared:
            continue
        out.append(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {writers}")
    for table in ("change_log", "search_docs", "number_sequences", "blobs", "blob_chunks"):
        if table in tables:
            out.append(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {approvers}")
    for table, command in _APPROVER_POLICIES.items():
        columns = _APPROVER_COLUMNS.get(table)
        what = f"UPDATE ({columns})" if columns else command
        out.append(f"GRANT {what} ON {table} TO {approvers}")
    return out


def _tables(conn: Connection) -> list[str]:
    return list(
        conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        ).scalars()
    )


def _create_roles(conn: Connection, database: str) -> None:
    for role in AppRole:
        name = group_role(database, role)
        exists = conn.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}
        ).scalar()
        if not exists:
            conn.execute(text(f"CREATE ROLE {quoted(name)} NOLOGIN"))


def made(conn: Connection) -> bool:
    """Whether `team init` made the roles of the database `conn` is on."""
    database = conn.execute(text("SELECT current_database()")).scalar()
    name = group_role(database, AppRole.ASSISTANT)
    return bool(
        conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).scalar()
    )


# --- the search index's lookups under the policies ------------------------------------------------

# Under the search_docs policy PostgreSQL cannot use the GIN indexes: `@@` (ts_match_vq) is not
# LEAKPROOF, so it may not run before the policy's filter, and every search of a person under
# the policies read all of search_docs. compass_search (SECURITY DEFINER, owned by the archive's
# owner, who bypasses the policies) runs the index lookups app.db.search_pg makes and keeps only
# the rows compass_search_seen lets through: a SELECT of search_docs run as the searcher role, a
# NOLOGIN role that holds nothing but SELECT and owns no table, so the search_docs read policy
# itself applies to it (and the tables that policy asks, clients, activities, ..., apply theirs).
# Who is asking is the session's login (session_user: the who-am-I functions above read it, and
# no login can change it), so inside both functions the rule is that of the person connected.
# `how` names the lookup: 'range' (the newest matches below an id), 'blocks' (the same, block
# by block) and 'sample' (a kind's newest documents, with whether each matches).
SEARCH_ROLE_SUFFIX = "searcher"


def search_role(database: str) -> str:
    return f"{database[: 62 - len(SEARCH_ROLE_SUFFIX)]}_{SEARCH_ROLE_SUFFIX}"


def _sees_record_branches() -> tuple[list[tuple[str, str]], str]:
    """compass_sees_record's CASE (as _FUNCTIONS has it), taken apart: each kind's condition
    (`rid` the record's id) and the ELSE's. Nothing else may be in it: a CASE written
    otherwise stops `team init` here rather than be searched by a rule of its own."""
    found = re.search(
        r"compass_sees_record\(k text, rid integer\).*?SELECT CASE k\n(.*?)\n\s*ELSE (\w+) END \$\$",
        _FUNCTIONS,
        re.S,
    )
    assert found is not None
    lines = found.group(1).splitlines()
    branches = [re.fullmatch(r"\s*WHEN '(\w+)' THEN (.+)", line) for line in lines]
    assert all(branches), lines
    return [(b.group(1), b.group(2)) for b in branches if b], found.group(2)


def search_seen_sql() -> str:
    """compass_search_seen: the positions of the (kind, ref_id) pairs the person sees, decided
    for the whole batch at once. It is the search_docs read policy (read all, or
    compass_sees_record) with compass_sees_record's CASE split by kind: the batch's rows of a
    kind are joined (a semi-join on the primary key) with that kind's table, whose own policy
    applies, so each table's policy finds the person's clients once per call, not once per
    row (a CASE of EXISTS per row made PostgreSQL read each table whole, or ask per row)."""
    read = POLICIES["search_docs"][0]
    assert read == f"{_READ_ALL} OR compass_sees_record(kind, ref_id)", read
    branches, otherwise = _sees_record_branches()
    named = ", ".join(f"'{kind}'" for kind, _ in branches)
    parts = [
        f"SELECT x.o FROM x WHERE (SELECT a.yes FROM a) OR ({otherwise}"
        f" AND NOT coalesce(x.kind IN ({named}), false))"
    ]
    for kind, rule in branches:
        rule = re.sub(r"\brid\b", "x.ref_id", rule)
        parts.append(
            f"SELECT x.o FROM x WHERE NOT (SELECT a.yes FROM a) AND x.kind = '{kind}' AND {rule}"
        )
    union = "\n  UNION ALL ".join(parts)
    return (
        "CREATE OR REPLACE FUNCTION compass_search_seen(kinds text[], refs integer[])\n"
        "  RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER"
        " SET search_path = public, pg_temp AS $$\n"
        "  WITH x AS MATERIALIZED (SELECT u.kind, u.ref_id, u.o"
        " FROM unnest(kinds, refs) WITH ORDINALITY AS u(kind, ref_id, o)),\n"
        f"  a AS MATERIALIZED (SELECT coalesce({_READ_ALL}, false) AS yes)\n"
        f"  {union} $$\n"
    )


# The same rule for a batch, from the person's clients worked out once per search
# (compass_search_clients: the clients the person reads, under the clients policy, by the owner
# index) instead of once per kind and batch: each table's policy asked the clients' policy for
# its own hashed list of the person's clients, a scan of every client (20-25 ms on 100,000) per
# kind in the batch, 0.5-1 s of a 客户经理's search. compass_search_seen_in is owned by the
# archive's owner (the policies do not apply to it): each kind's row is found by its primary key
# and its client (or meeting) compared with the list, so a batch costs per candidate. It is the
# search_docs read policy, spelled out kind by kind as the tables' policies say (a record of a
# client's, a document or letter of a client's or of none, a packet section of a tender's, a
# meeting or action item of a meeting with no client or one of the person's clients, any other
# kind: seen); tests/team/test_search_seen_by_kind.py compares it with the policy row by row
# for every kind, person and setting. The clients list: when the person does not read all, the
# clients policy is `owner = me`, which the index serves (with the policy still applied).
SEARCH_CLIENTS_SQL = r"""
CREATE OR REPLACE FUNCTION compass_search_clients() RETURNS integer[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN coalesce((SELECT compass_reads_all()), false) THEN NULL
    ELSE array(SELECT c.id FROM clients c WHERE c.owner = (SELECT compass_login_name())) END $$;
"""
_BY_CLIENT_KINDS = search_readers.BY_CLIENT  # kind in the index -> its table


def search_seen_in_sql() -> str:
    """compass_search_seen_in(kinds, refs, clients): the positions the person sees, given the
    clients they read (compass_search_clients). In PL/pgSQL, which keeps the statement's plan for
    the session: as an SQL function its dozen branches were planned again at each call (1.2 ms,
    called for every batch of every lookup; 0.4 ms kept)."""
    branches, otherwise = _sees_record_branches()
    assert otherwise == "true", otherwise
    named = ", ".join(f"'{kind}'" for kind, _ in branches)
    owned = ["SELECT x.o, x.ref_id AS cid, false AS free FROM x WHERE x.kind = 'client'"]
    for kind, table in _BY_CLIENT_KINDS.items():
        assert POLICIES[table] == _BY_CLIENT, table
        owned.append(
            f"SELECT x.o, t.client_id, false FROM x JOIN {table} t ON t.id = x.ref_id"
            f" WHERE x.kind = '{kind}'"
        )
    owned.append(
        "SELECT x.o, p.client_id, false FROM x JOIN packet_sections t ON t.id = x.ref_id"
        " JOIN tenders p ON p.id = t.tender_id WHERE x.kind = 'packet_section'"
    )
    for kind, table in (("document", "documents"), ("letter", "letters")):
        assert POLICIES[table] == _NULLABLE_CLIENT, table
        owned.append(
            f"SELECT x.o, t.client_id, t.client_id IS NULL FROM x JOIN {table} t"
            f" ON t.id = x.ref_id WHERE x.kind = '{kind}'"
        )
    assert POLICIES["meetings"] == _meeting("id")
    assert POLICIES["action_items"] == _meeting("meeting_id")
    meetings = [
        f"SELECT x.o, t.{key} AS m FROM x JOIN {table} t ON t.id = x.ref_id"
        f" WHERE x.kind IN ({kinds})"
        for table, key, kinds in (
            ("meetings", "id", "'minutes', 'meeting'"),
            ("action_items", "meeting_id", "'action'"),
        )
    ]
    covered = {"client", "packet_section", "document", "letter", "minutes", "meeting", "action"}
    assert {k for k, _ in branches} == covered | set(_BY_CLIENT_KINDS), branches
    union = "\n    UNION ALL ".join(owned)
    return (
        "CREATE OR REPLACE FUNCTION compass_search_seen_in(kinds text[], refs integer[],"
        " clients integer[])\n"
        "  RETURNS SETOF bigint LANGUAGE plpgsql STABLE SECURITY DEFINER"
        " SET search_path = public, pg_temp AS $$\nBEGIN\n"
        "  RETURN QUERY WITH x AS MATERIALIZED (SELECT u.kind, u.ref_id, u.o"
        " FROM unnest(kinds, refs) WITH ORDINALITY AS u(kind, ref_id, o)),\n"
        f"  a AS MATERIALIZED (SELECT coalesce({_READ_ALL}, false) AS yes),\n"
        f"  r AS MATERIALIZED ({union}),\n"
        f"  m AS ({' UNION ALL '.join(meetings)})\n"
        f"  SELECT x.o FROM x WHERE (SELECT a.yes FROM a) OR NOT coalesce(x.kind IN ({named}),"
        " false)\n"
        "  UNION ALL SELECT r.o FROM r WHERE NOT (SELECT a.yes FROM a)"
        " AND (r.free OR r.cid IN (SELECT unnest(clients)))\n"
        "  UNION ALL SELECT m.o FROM m WHERE NOT (SELECT a.yes FROM a)"
        " AND (m.m NOT IN (SELECT mc.meeting_id FROM meeting_clients mc)"
        " OR m.m IN (SELECT mc.meeting_id FROM meeting_clients mc"
        " WHERE mc.client_id IN (SELECT unnest(clients))));\nEND $$\n"
    )


# The lookups, newest first, in batches growing fourfold; for one who does not read everything,
# only among the documents marked as theirs or everyone's (app.db.search_readers: a 客户经理's
# batches read eight times what they handed over before). Each batch's rows are asked of
# compass_search_seen_in at once (one statement, given the person's clients, found only for a
# batch that has rows: most lookups in a small kind find none, and the list of a 客户经理's
# 14,500 clients cost 1.5 ms a lookup), and the rows the person sees are handed over until there
# are `n`. A batch is read as ids (with its kind, ref_id and whether it matches): the titles and
# bodies are fetched only for the rows handed over. 'samples' reads the 'sample' of each kind
# in `blocks` in one statement (app.db.search_pg's _Lookups.prepare). `k` names the kind of a
# lookup in one kind: its mark ('#client') is a condition of its own beside the query and the
# block's mark, so that GIN intersects the lists skipping through the long ones (one tsquery
# of their AND read them whole).
_SEARCH = r"""
CREATE OR REPLACE FUNCTION compass_search(how text, col text, q text, below integer, n integer,
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
SEEN = "compass_search_seen(text[], integer[])"
SEEN_IN = "compass_search_seen_in(text[], integer[], integer[])"
CLIENTS = "compass_search_clients()"
SEARCH = "compass_search(text, text, text, integer, integer, text[], text)"


def apply_search(conn: Connection) -> None:
    """The search role and compass_search (see above); run by `team init` and revision 0034."""
    database = conn.execute(text("SELECT current_database()")).scalar()
    searcher = quoted(search_role(database))
    if not conn.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": search_role(database)}
    ).scalar():
        conn.execute(text(f"CREATE ROLE {searcher} NOLOGIN"))
    owner = conn.execute(text("SELECT current_user")).scalar()
    conn.execute(text(f"GRANT {searcher} TO {quoted(owner)}"))  # to give it the function
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {searcher}"))
    conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {searcher}"))
    conn.exec_driver_sql(search_seen_sql())
    conn.exec_driver_sql(SEARCH_CLIENTS_SQL)
    conn.exec_driver_sql(search_seen_in_sql())
    search_readers.apply(conn)
    conn.exec_driver_sql(_SEARCH.replace("%", "%%"))  # the driver's placeholders are %s
    everyone = ", ".join(quoted(group_role(database, r)) for r in AppRole)
    for statement in (
        f"ALTER FUNCTION {SEEN} OWNER TO {searcher}",
        f"REVOKE ALL ON FUNCTION {SEEN} FROM PUBLIC",
        f"ALTER FUNCTION {CLIENTS} OWNER TO {searcher}",
        f"REVOKE ALL ON FUNCTION {CLIENTS} FROM PUBLIC",
        f"REVOKE ALL ON FUNCTION {SEEN_IN} FROM PUBLIC",
        f"REVOKE ALL ON FUNCTION {SEARCH} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {SEARCH} TO {everyone}",
    ):
        conn.execute(text(statement))


def apply(conn: Connection) -> None:
    """Makes (or remakes) the roles, grants, functions, triggers and policies of the database
    `conn` is on. Run by the archive's owner or a superuser, in one transaction."""
    database = conn.execute(text("SELECT current_database()")).scalar()
    _create_roles(conn, database)
    conn.execute(text("REVOKE ALL ON SCHEMA public FROM PUBLIC"))
    conn.execute(text(f"REVOKE ALL ON DATABASE {quoted(database)} FROM PUBLIC"))
    everyone = ", ".join(quoted(group_role(database, r)) for r in AppRole)
    # No temporary tables: one named like a table the policies read (team_users, settings)
    # would be found before it by the functions that say who is asking, and make its maker
    # whoever it says (pg_temp comes first in a search path unless named last).
    conn.execute(text(f"GRANT CONNECT ON DATABASE {quoted(database)} TO {everyone}"))
    conn.execute(text(f"REVOKE TEMPORARY ON DATABASE {quoted(database)} FROM {everyone}"))
    for block in (_FUNCTIONS, _TRIGGERS):
        conn.exec_driver_sql(block)
    tables = _tables(conn)
    for statement in _grants(database, tables):
        conn.execute(text(statement))
    for table, (read, write) in POLICIES.items():
        for statement in _policy_sql(table, read, write):
            conn.execute(text(statement))
    for statement in _special_policies():
        conn.execute(text(statement))
    apply_search(conn)
