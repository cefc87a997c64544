"""Searching a team archive under the row-level security policies (issue 14 §2-3): a person
under the policies searches through the GIN indexes (compass_search, app.db.team_roles), and
finds exactly what the policies let them read, no more, however they call it."""

from __future__ import annotations

import time
from datetime import datetime

import psycopg
import pytest
from installed_objects import migrate_team
from pg_server import SUPERUSER

from app.domain.enums import ActivityKind
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, clients, search, team_users

QUERIES = ("华信", "恒达", "拜访", "有限公司", "bjhx", "张", "方案")


@pytest.fixture
def visits(team_db):
    """Two clients each of 王芳's and 李强's, with visits and contacts; one client unowned."""
    assistant = team_db.open("zhao")
    try:
        for name, owner, contact in (
            ("北京华信科技有限公司", "王芳", "张伟"),
            ("北京华信软件有限公司", "王芳", "张敏"),
            ("深圳恒达电子有限公司", "李强", "张强"),
            ("深圳恒达华信有限公司", "李强", "刘洋"),
            ("上海无主有限公司", "", "张三"),
        ):
            client = clients.create_client(
                assistant, ClientDraft(name, owner=owner), [ContactDraft(contact)]
            )
            for day in range(1, 4):
                activities.create_activity(
                    assistant,
                    ActivityDraft(
                        client.id,
                        ActivityKind.VISIT,
                        datetime(2026, 3, day, 9, 0),
                        f"拜访{name[:4]}谈方案",
                        notes=f"{contact}说华信的方案可行",
                    ),
                )
    finally:
        assistant.close()
    return team_db


def _hits(archive, query: str) -> list[tuple[str, int]]:
    return [(h.kind, h.id) for h in search.search(archive, query, limit=1000)]


def _seen(team_db, short: str) -> set[tuple[str, int]]:
    return set(team_db.sql_as(short, "SELECT kind, ref_id FROM search_docs"))


def _search_as(team_db, short: str, queries=QUERIES) -> dict[str, list[tuple[str, int]]]:
    person = team_db.open(short)
    try:
        return {q: _hits(person, q) for q in queries}
    finally:
        person.close()


@pytest.mark.parametrize("read_all", [False, True])
def test_a_manager_finds_what_the_owner_finds_that_they_may_read(visits, read_all):
    if read_all:  # 'reads the rest according to a setting'
        boss = visits.open("boss")
        team_users.set_managers_read_all(boss, True)
        boss.close()
    owner = visits.open()
    try:
        everything = {q: _hits(owner, q) for q in QUERIES}
    finally:
        owner.close()
    seen = _seen(visits, "wang")
    theirs = {("client", i) for (i,) in visits.sql_as("zhao", "SELECT id FROM clients")}
    assert (theirs <= seen) is read_all
    found = _search_as(visits, "wang")
    for query in QUERIES:
        assert found[query] == [h for h in everything[query] if h in seen], query
    assert any(found.values())
    # the assistant reads everything
    assert _search_as(visits, "zhao") == everything


def _scans(team_db) -> tuple[int, int]:
    """search_docs's sequential scans, and the lookups in its GIN indexes, so far."""
    with psycopg.connect(
        dbname=team_db.database, user=SUPERUSER, host=team_db.cluster.socket, autocommit=True
    ) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        (seq,) = conn.execute(
            "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'search_docs'"
        ).fetchone()
        (gin,) = conn.execute(
            "SELECT sum(idx_scan) FROM pg_stat_user_indexes WHERE relname = 'search_docs'"
            " AND indexrelname LIKE '%tsv'"
        ).fetchone()
    return seq, int(gin)


@pytest.mark.parametrize("short", ["wang", "zhao"])
def test_a_search_under_the_policies_uses_the_gin_index(visits, short):
    """With sequential scans as dear as the planner makes them, a search of the index under
    the policies used to read all of search_docs: `@@` is not LEAKPROOF, so it could not be an
    index condition before the policy's filter."""
    visits.cluster.sql(f'ALTER ROLE "{visits.login(short)}" SET enable_seqscan = off')
    before = _scans(visits)
    _search_as(visits, short, ("华信", "拜访方案", "bjhx"))
    deadline = time.monotonic() + 10
    while _scans(visits) == before and time.monotonic() < deadline:
        time.sleep(0.2)  # a backend's counters arrive when it ends
    seq, gin = _scans(visits)
    assert seq == before[0]
    assert gin > before[1]
    plan = "\n".join(
        r[0]
        for r in visits.sql_as(
            short,
            "EXPLAIN SELECT * FROM search_docs WHERE title_tsv @@ CAST('华' AS tsquery)",
        )
    )
    assert "ix_search_docs_title_tsv" not in plan  # why compass_search is needed at all


def test_the_search_function_shows_a_manager_nothing_more(visits):
    seen = _seen(visits, "wang")
    for how, extra in (("range", ""), ("blocks", ", ARRAY['#20.0']"), ("sample", "")):
        kinds = ("client", "contact", "activity") if how == "sample" else (None,)
        for kind in kinds:
            tail = f", NULL, '{kind}'" if kind else extra
            got = visits.sql_as(
                "wang",
                f"SELECT kind, ref_id, title FROM compass_search('{how}', 'body_tsv', '华',"
                f" 2147483647, 100000{tail})",
            )
            assert got and {(k, r) for k, r, _t in got} <= seen, (how, kind)
    # the owner's own lookup finds more: what 李强's clients hold
    everything = visits.sql_as("zhao", "SELECT kind, ref_id FROM search_docs")
    assert not set(everything) <= seen
    with pytest.raises(psycopg.errors.RaiseException):  # no other column, no SQL of one's own
        visits.sql_as("wang", "SELECT * FROM compass_search('range', 'title', '华', 1, 1)")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the rule itself is not lent out
        visits.sql_as("wang", "SELECT compass_search_seen(ARRAY['client'], ARRAY[1])")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor who sees from which clients
        visits.sql_as(
            "wang", "SELECT compass_search_seen_in(ARRAY['client'], ARRAY[1], ARRAY[1, 2, 3])"
        )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        visits.sql_as("wang", "SELECT compass_search_clients()")


REVISION = "0034"  # the revision that brings compass_search to an existing team archive
BEFORE = "0033"


def _functions(team_db) -> list:
    return team_db.sql_as(
        "zhao", "SELECT proname FROM pg_proc WHERE proname LIKE 'compass_search%' ORDER BY 1"
    )


def test_the_revision_brings_the_search_function_to_a_team_archive_and_takes_it_away(visits):
    expected = _search_as(visits, "wang")
    migrate_team(visits, "downgrade", BEFORE)
    assert _functions(visits) == []
    who = "SELECT prosrc FROM pg_proc WHERE proname = 'compass_app_role'"
    assert "current_user" in visits.sql_as("zhao", who)[0][0]
    migrate_team(visits, "upgrade", "head")  # the app opens only a team archive at head
    assert _functions(visits) == [
        ("compass_search",),
        ("compass_search_clients",),  # revision 0039
        ("compass_search_readers",),  # revision 0040
        ("compass_search_seen",),
        ("compass_search_seen_in",),  # revision 0039
    ]
    assert "session_user" in visits.sql_as("zhao", who)[0][0]
    assert _search_as(visits, "wang") == expected
    seen = _seen(visits, "wang")
    got = visits.sql_as(
        "wang",
        "SELECT kind, ref_id FROM compass_search('range', 'title_tsv', '华', 2147483647, 1000)",
    )
    assert got and set(got) <= seen


def test_the_revision_takes_temporary_tables_away_and_pins_the_definers_paths(visits):
    """0035 on an existing team archive (and back): the policies' who-am-I tables cannot be
    shadowed by a temporary table of a login's own."""
    may_make = "SELECT has_database_privilege(current_database(), 'TEMPORARY')"
    paths = (
        "SELECT DISTINCT array_to_string(proconfig, ',') FROM pg_proc"
        " WHERE prosecdef AND proname LIKE 'compass%'"
    )
    migrate_team(visits, "downgrade", "0034")
    assert visits.sql_as("wang", may_make) == [(True,)]
    assert visits.sql_as("zhao", paths) == [("search_path=public",)]
    migrate_team(visits, "upgrade", "head")
    assert visits.sql_as("wang", may_make) == [(False,)]
    assert visits.sql_as("zhao", paths) == [("search_path=public, pg_temp",)]
    assert _search_as(visits, "wang")  # still finds


def test_a_search_under_the_policies_asks_no_bounds_of_the_policy(visits):
    """Under the policies the lookups' id range is every id the sequence gave (min, max and a
    kind's ends, read from search_docs, would ask the policy of row after row: seconds on a
    big archive), and the hits are those the person may read, newest first, as before."""
    from app.db import search_pg

    with psycopg.connect(
        dbname=visits.database, user=SUPERUSER, host=visits.cluster.socket, autocommit=True
    ) as conn:
        (newest,) = conn.execute("SELECT max(id) FROM search_docs").fetchone()
    person = visits.open("wang")
    try:
        with person.db.read() as session:
            lookups = search_pg._Lookups(session.connection())
            assert lookups.low == 1
            assert lookups.high >= newest
            assert lookups.kind_bounds(session.connection(), "client") == (1, lookups.high)
        hits = _hits(person, "华信")
    finally:
        person.close()
    assert hits and set(hits) <= _seen(visits, "wang")
