"""The hits of a team archive's search stay what they were when its lookups got cheaper (issue 14
§3, revision 0038: compass_search reads batches as ids and fetches the texts of the rows it hands
over; a lookup in one kind names the kind's mark as a condition of its own; no JIT; smaller
whole-range lookups; revision 0039: the person's clients found once per lookup, and who sees a
batch decided from them by compass_search_seen_in). For every person (the owner, the assistant, two 客户经理, a 大客户部经理,
the administrator), every way a lookup may go and a dozen terms, the search gives exactly the
hits that the shared search loop (app.db.search_terms.search_with) gives over a reference
lookup: the newest matches found by a plain query of search_docs on the person's own
connection, where the read policy is asked row by row (no GIN lookup, no compass_search, no
blocks). The revision goes down and up again on the same archive, and the hits stay."""

from __future__ import annotations

import pytest
from installed_objects import migrate_team
from sqlalchemy import text

from app.db import search_pg
from app.db import search_terms as base
from app.services.search_kinds import KINDS

REVISION = "0039"  # the revision that finds the person's clients once per lookup
BEFORE = "0038"
PEOPLE = (None, "zhao", "wang", "li", "chen", "boss")  # None: the archive's owner
QUERIES = ("华", "有限公司", "拜访", "张", "bj", "ht", "会议", "北京华信", "2026", "科技 华", "王")
SEARCH = "compass_search(text, text, text, integer, integer, text[], text)"


def _the_way(monkeypatch, way: str) -> None:
    """The thresholds that send the lookups this way on a small archive (set before the
    documents are written: their vectors hold the blocks of their ids)."""
    if way in ("blocks", "sample"):
        monkeypatch.setattr(search_pg, "BLOCK_SHIFTS", (1, 2, 3, 5))
        monkeypatch.setattr(search_pg, "PER_SIZE", 1)
        monkeypatch.setattr(search_pg, "WHOLE_RANGE_ROWS", -1)
        monkeypatch.setattr(search_pg, "SAMPLED_RANGE_ROWS", -1)
        monkeypatch.setattr(search_pg, "_at_most", lambda *_args: 1.0)
    if way == "sample":
        monkeypatch.setattr(search_pg, "SAMPLE", 3)
    if way == "small kinds":
        monkeypatch.setattr(search_pg, "SAMPLE", 4)
        monkeypatch.setattr(search_pg, "_small_kind", lambda *_args: True)


@pytest.fixture(params=["as it is", "blocks", "sample", "small kinds"])
def varied(team_db, monkeypatch, request):
    """The demo's records of every kind, their clients shared between 王芳, 李强 and nobody,
    and a few renamed (written again: the newest documents, their old ids gone)."""
    _the_way(monkeypatch, request.param)
    team_db.fill()
    from dataclasses import replace

    from app.services import clients

    owner = team_db.open()
    try:
        for client_id in (2, 5, 9):
            client = clients.get_client(owner, client_id)
            clients.update_client(
                owner, client_id, replace(client.draft(), name="华信" + client.name)
            )
    finally:
        owner.close()
    return team_db


def _reference(conn, probe: base._Probe, limit: int, kind: str | None = None):
    """The newest `limit` matches of the probe (of the kind) the connection may read."""
    column = search_pg._COLUMN[probe.column]
    of_kind = "" if kind is None else " AND kind = :kind"
    rows = conn.execute(
        text(
            f"SELECT id, kind, ref_id, title, body FROM search_docs WHERE {column} @@"
            f" CAST(:q AS tsquery){of_kind} ORDER BY id DESC LIMIT :n"
        ),
        {"q": probe.match, "kind": kind, "n": limit},
    ).all()
    return [tuple(r) for r in rows if probe.keeps(r[3], r[4])], len(rows)


def _hits(team_db, short: str | None) -> dict[tuple[str, int], tuple[list, list]]:
    """Per query and limit: (the search's hits, the reference's), as the person."""
    person = team_db.open(short)
    found = {}
    try:
        for query in QUERIES:
            for limit in (3, 20):
                with person.db.read() as session:
                    got = search_pg.search(session, query, KINDS, limit)
                with person.db.read() as session:
                    conn = session.connection()
                    probes = search_pg.probes(query)
                    expected = base.search_with(conn, probes, query, KINDS, limit, None, _reference)
                found[(query, limit)] = (got, expected)
    finally:
        person.close()
    return found


def _same(found: dict, short: str | None) -> int:
    count = 0
    for (query, limit), (got, expected) in found.items():
        assert got == expected, (short, query, limit)
        count += len(got)
    return count


def test_every_person_gets_the_hits_of_the_plain_lookup_whichever_way(varied):
    per_person = {short: _same(_hits(varied, short), short) for short in PEOPLE}
    assert all(per_person.values()), per_person
    # the policies tell people apart: a 客户经理 finds fewer than the assistant
    assert per_person["wang"] < per_person["zhao"] and per_person["li"] < per_person["zhao"]


def _definition(team_db) -> tuple:
    with team_db.superuser() as conn:
        return conn.execute(
            "SELECT p.prosrc, p.prosecdef, p.proconfig, r.rolname, p.proacl::text"
            " FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner"
            f" WHERE p.oid = to_regprocedure('{SEARCH}')"
        ).fetchone()


def test_the_revision_goes_down_and_up_and_the_hits_stay(team_db):
    team_db.fill(owners="CASE id % 2 WHEN 0 THEN '王芳' ELSE '' END")
    made = _definition(team_db)  # as `team init` makes it
    assert "compass_search_seen_in(" in made[0] and "compass_search_clients()" in made[0]
    before = {short: _hits(team_db, short) for short in ("zhao", "wang")}
    migrate_team(team_db, "downgrade", BEFORE)
    down = _definition(team_db)
    assert "compass_search_seen(array" in down[0] and "compass_search_seen_in" not in down[0]
    assert "v AS MATERIALIZED" in down[0]
    assert down[1:] == made[1:]  # the owner, grants and search path stay
    migrate_team(team_db, "upgrade", REVISION)
    at_revision = _definition(team_db)
    assert "compass_search_seen_in(" in at_revision[0]
    assert "compass_search_readers" not in at_revision[0]  # revision 0040's
    migrate_team(team_db, "upgrade", "head")  # (a person's login may not open it below head)
    assert _definition(team_db) == made
    for short, found in before.items():
        assert _same(found, short)
        assert _hits(team_db, short) == found, short


MARKS = "0040"  # the revision that marks each document's readers


def _marks_installed(team_db) -> set[str]:
    """The reader marks' functions and triggers on the server."""
    with team_db.superuser() as conn:
        functions = conn.execute(
            "SELECT proname FROM pg_proc WHERE proname LIKE 'compass\\_%mark%'"
            " OR proname = 'compass_search_readers'"
        ).fetchall()
        triggers = conn.execute(
            "SELECT DISTINCT tgname FROM pg_trigger WHERE tgname LIKE 'compass\\_%mark%'"
        ).fetchall()
    return {r[0] for r in functions + triggers}


def test_the_marks_revision_goes_down_and_up_and_the_hits_stay(team_db):
    """Revision 0040 (documents carry their readers' marks, compass_search asks for them):
    down to 0039 and up again, the hits of a 客户经理 and an assistant are the plain lookup's
    at every step, and what it made goes and comes back."""
    team_db.fill(owners="CASE id % 3 WHEN 0 THEN '王芳' ELSE '李强' END")
    made = _definition(team_db)
    assert "compass_search_readers()" in made[0]
    installed = _marks_installed(team_db)
    assert {"compass_reader_marks", "compass_mark_document", "compass_search_readers"} <= installed
    before = {short: _hits(team_db, short) for short in ("zhao", "wang")}
    assert all(_same(found, short) for short, found in before.items())
    migrate_team(team_db, "downgrade", REVISION)
    assert "compass_search_readers" not in _definition(team_db)[0]
    assert _marks_installed(team_db) == set()
    with team_db.superuser() as conn:  # a change made while the marks are not kept
        conn.execute("UPDATE clients SET owner = '王芳' WHERE owner = '李强' AND id % 2 = 0")
    migrate_team(team_db, "upgrade", MARKS)
    assert _marks_installed(team_db) == installed
    migrate_team(team_db, "upgrade", "head")  # (a person's login may not open it below head)
    assert _marks_installed(team_db) == installed
    assert _definition(team_db) == made
    after = {short: _hits(team_db, short) for short in ("zhao", "wang")}
    assert all(_same(found, short) for short, found in after.items())
    assert after["zhao"] == before["zhao"]  # the assistant reads all, before and after
    assert after["wang"] != before["wang"]  # 王芳 was given clients: her hits changed
