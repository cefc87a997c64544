"""A 客户经理's statement on one record reads no list of every client (issue 14 §3, revision
0042): reading, the policies hash the person's clients from compass_clients_read() (the owner
index); writing, they ask the written row's client (or parent) by its key, EXISTS (SELECT 1 FROM
parent p WHERE p.id = key ...). The key is written bare, so that one policy serves several
tables: no parent may have a column of that name (it would be taken for the parent's own, and
the condition would say something else). The revision goes down and up on a team archive, and
every person sees and may write exactly what they did."""

from __future__ import annotations

import re

from installed_objects import installed, migrate_team

from app.db import team_roles
from app.db.models import Base

_EXISTS = re.compile(
    r"EXISTS \(SELECT 1 FROM (\w+) (\w+)((?: JOIN \w+ \w+ ON [\w.]+ = [\w.]+)*) WHERE \2\.id = ([\w.]+)"
)
_JOINED = re.compile(r" JOIN (\w+) \w+ ON")


def _policy_texts() -> list[str]:
    texts = [condition for pair in team_roles.POLICIES.values() for condition in pair]
    return texts + team_roles._special_policies()


def test_no_parent_has_a_column_named_as_the_key_it_is_asked_by():
    asked = 0
    for condition in _policy_texts():
        found = _EXISTS.findall(condition)
        assert len(found) == condition.count("EXISTS (SELECT 1 FROM"), condition
        for parent, _alias, joins, key in found:
            if "." in key:  # the outer parent's column, named
                continue
            for table in [parent, *_JOINED.findall(joins)]:
                assert key not in Base.metadata.tables[table].c, (table, key, condition)
            asked += 1
    assert asked > 15  # what the clients' children and their children write


def test_a_manager_s_statement_on_one_record_reads_no_list_of_every_client(team_db):
    """With thousands of clients, reading one contact takes the 客户经理's clients from the
    owner index (no scan of clients in the plan) and writing it probes its client's key."""
    team_db.fill()
    with team_db.superuser() as conn:
        conn.execute(
            "INSERT INTO clients (name, name_key, sort_key, tier, status, created_on,"
            " created_at, updated_at, owner) SELECT '批量客户' || g, 'plkh' || g, 'plkh' || g,"
            " 'C', c.status, c.created_on, c.created_at, c.updated_at,"
            " CASE g % 2 WHEN 0 THEN '王芳' ELSE '李强' END"
            " FROM generate_series(1, 4000) g, (SELECT * FROM clients LIMIT 1) c"
        )
        conn.execute("ANALYZE")
        (contact,) = conn.execute(
            "SELECT min(t.id) FROM contacts t JOIN clients c ON c.id = t.client_id"
            " WHERE c.owner = '王芳'"
        ).fetchone()

    def plan(statement: str) -> str:
        rows = team_db.sql_as("wang", f"EXPLAIN (VERBOSE) {statement}", {"c": contact})
        return "\n".join(r[0] for r in rows)

    read = plan("SELECT client_id FROM contacts WHERE id = %(c)s")
    assert "compass_clients_read()" in read and " on clients" not in read, read
    written = plan("UPDATE contacts SET name = name WHERE id = %(c)s")
    # the written row's client: a probe by its key (and the owner), not a list
    assert re.search(r"Index Cond: \(.*c\.id = contacts\.client_id", written), written
    one = "SELECT count(*) FROM contacts WHERE id = %(c)s"
    assert team_db.sql_as("wang", one, {"c": contact}) == [(1,)]
    assert team_db.sql_as("li", one, {"c": contact}) == [(0,)]  # 李强 does not read it
    update = "UPDATE contacts SET name = name WHERE id = %(c)s"
    assert team_db.sql_as("wang", update, {"c": contact}) == 1
    assert team_db.sql_as("li", update, {"c": contact}) == 0


_TABLES = (
    "clients",
    "contacts",
    "activities",
    "activity_contacts",
    "tenders",
    "tender_items",
    "packet_sections",
    "packet_files",
    "contracts",
    "contract_lines",
    "receipts",
    "rebates",
    "rebate_steps",
    "documents",
    "document_versions",
    "document_reviews",
    "letters",
    "client_news",
    "client_tier_changes",
    "meeting_clients",
    "search_docs",
)


def _what_each_sees(team_db) -> dict:
    seen = {}
    for short in ("wang", "li", "zhao", "chen"):
        for table in _TABLES:
            seen[(short, table)] = team_db.sql_as(short, f"SELECT count(*) FROM {table}")
    # and may write: each 客户经理's contacts they may change (a no-op update, counted)
    for short in ("wang", "li"):
        seen[(short, "write")] = team_db.sql_as(short, "UPDATE contacts SET name = name")
    return seen


def test_the_revision_goes_down_and_up_and_everyone_sees_what_they_did(team_db):
    team_db.fill()
    with team_db.superuser() as conn:
        made = installed(conn, team_db.database)  # as `team init` makes them
    assert any("compass_clients_read()" in p for p in made["policies"])
    assert any("WHERE ((c.id = contacts.client_id)" in p for p in made["policies"])
    before = _what_each_sees(team_db)
    assert before[("wang", "contacts")] != before[("zhao", "contacts")]
    migrate_team(team_db, "downgrade", "0041")
    with team_db.superuser() as conn:
        down = installed(conn, team_db.database)
    assert not any("compass_clients_" in p for p in down["policies"] + down["functions"])
    assert any("client_id IN ( SELECT c.id" in p for p in down["policies"])
    assert _what_each_sees(team_db) == before
    migrate_team(team_db, "upgrade", "head")
    with team_db.superuser() as conn:
        again = installed(conn, team_db.database)
    assert (again["policies"], again["functions"]) == (made["policies"], made["functions"])
    assert _what_each_sees(team_db) == before
