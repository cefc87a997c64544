"""A search under the policies reads the samples of several kinds in one call (issue 14 §3,
revision 0043): compass_search('samples') gives, kind by kind, exactly what compass_search
('sample') gives for each kind on its own, also when a kind's newest documents hold some whose
marks say the person reads them and the policy says not (the kind goes on below them); and a
whole search gives the same hits with the samples read at once or kind by kind."""

from __future__ import annotations

import pytest

from app.db import search_pg
from app.services import search

SAMPLES = (
    "SELECT id, kind, ref_id, title, body, matched FROM compass_search('samples', %(col)s,"
    " %(q)s, %(below)s, %(n)s, CAST(%(kinds)s AS text[]))"
)
SAMPLE = (
    "SELECT id, kind, ref_id, title, body, matched FROM compass_search('sample', %(col)s,"
    " %(q)s, %(below)s, %(n)s, NULL, %(kind)s)"
)
KINDS_SAMPLED = ["client", "contact", "activity", "contract", "letter", "qualification"]
FIVE_KINDS = ("client", "contact", "activity", "contract", "letter")


@pytest.fixture
def filled(team_db):
    """The demo's records of every kind, the clients shared between 王芳, 李强 and nobody."""
    team_db.fill(activities=600)
    return team_db


def _per_kind(team_db, short: str, params: dict) -> dict[str, list]:
    return {
        kind: team_db.sql_as(short, SAMPLE, {**params, "kind": kind}) for kind in params["kinds"]
    }


def _at_once(team_db, short: str, params: dict) -> dict[str, list]:
    rows = team_db.sql_as(short, SAMPLES, params)
    return {kind: [r for r in rows if r[1] == kind] for kind in params["kinds"]}


def _cases():
    for col, q in (("title_tsv", "'华'"), ("body_tsv", "'拜' <-> '访'"), ("title_tsv", "'zz'")):
        for below in (2**31 - 1, 400):
            for n in (1, 3, 16, 40):
                yield {"col": col, "q": q, "below": below, "n": n, "kinds": KINDS_SAMPLED}


def test_the_samples_at_once_are_each_kind_s_sample(filled):
    for short in ("wang", "zhao"):  # a 客户经理 (marks) and the assistant (reads all)
        for params in _cases():
            expected = _per_kind(filled, short, params)
            assert _at_once(filled, short, params) == expected, (short, params)
            assert any(expected.values()), params  # a sample reads matches and not alike


def _forge_free_marks(team_db) -> int:
    """Marks every document of 李强's clients' records readable by all (the trigger that keeps
    the marks off for the change): a mark out of step, which only the policy can catch."""
    with team_db.superuser() as conn:
        conn.execute("ALTER TABLE search_docs DISABLE TRIGGER compass_mark_document")
        try:
            done = conn.execute(
                "UPDATE search_docs d SET title_tsv = d.title_tsv || CAST('#free' AS tsvector),"
                " body_tsv = d.body_tsv || CAST('#free' AS tsvector)"
                " WHERE (d.kind = 'client' AND d.ref_id IN (SELECT id FROM clients"
                "   WHERE owner = '李强'))"
                " OR (d.kind = 'activity' AND d.ref_id IN (SELECT a.id FROM activities a"
                "   JOIN clients c ON c.id = a.client_id WHERE c.owner = '李强'))"
            ).rowcount
        finally:
            conn.execute("ALTER TABLE search_docs ENABLE TRIGGER compass_mark_document")
    return done


def test_a_kind_whose_sample_holds_what_the_policy_hides_goes_on_below_it(filled):
    assert _forge_free_marks(filled) > 20
    readable = {i for (i,) in filled.sql_as("wang", "SELECT id FROM search_docs")}
    for params in _cases():
        expected = _per_kind(filled, "wang", params)
        got = _at_once(filled, "wang", params)
        assert got == expected, params
        for kind, rows in got.items():
            assert {r[0] for r in rows} <= readable
            # the newest n the policy lets 王芳 read, whatever the marks say
            newest = filled.sql_as(
                "wang",
                "SELECT id FROM search_docs WHERE kind = %(k)s AND id < %(b)s"
                " ORDER BY id DESC LIMIT %(n)s",
                {"k": kind, "b": params["below"], "n": params["n"]},
            )
            assert [r[0] for r in rows] == [i for (i,) in newest], (kind, params)


def test_samples_of_no_kind_give_nothing(filled):
    params = {"col": "title_tsv", "q": "'华'", "below": 2**31 - 1, "n": 5, "kinds": []}
    assert filled.sql_as("wang", SAMPLES, params) == []


@pytest.fixture
def sampled_way(monkeypatch):
    """Every lookup of a kind starts from a sample (as on a large archive)."""
    monkeypatch.setattr(search_pg, "WHOLE_RANGE_ROWS", -1)
    monkeypatch.setattr(search_pg, "SAMPLED_RANGE_ROWS", -1)
    monkeypatch.setattr(search_pg, "SAMPLE", 40)  # 10 under the policies
    used: list[bool] = []
    original = search_pg._newest_of_kind

    def spy(conn, column, match, kind, below, limit, read=None):
        used.append(read is not None)
        return original(conn, column, match, kind, below, limit, read)

    monkeypatch.setattr(search_pg, "_newest_of_kind", spy)
    return used


def _hits(team_db, short: str) -> list:
    """Five kinds: the first look of every kind (1,560 matches for thirteen) reads 300 matches
    here, fewer than the common terms have, so kinds left short are looked up on their own."""
    person = team_db.open(short)
    try:
        return [
            (q, h.kind, h.id)
            for q in ("华", "有限公司", "拜访", "bj", "2026", "科技 华")
            for h in search.search(person, q, limit=5, kinds=FIVE_KINDS)
        ]
    finally:
        person.close()


def test_a_search_gives_the_same_hits_with_the_samples_read_at_once(
    filled, sampled_way, monkeypatch
):
    _forge_free_marks(filled)
    at_once = {short: _hits(filled, short) for short in ("wang", "zhao")}
    assert any(sampled_way), "no lookup started from a sample read at once"
    monkeypatch.setattr(search_pg._Lookups, "prepare", lambda *_args: None)
    sampled_way.clear()
    one_by_one = {short: _hits(filled, short) for short in ("wang", "zhao")}
    assert sampled_way and not any(sampled_way)
    assert at_once == one_by_one
    assert all(at_once.values())


_DEFINITIONS = (
    "SELECT p.proname, pg_get_functiondef(p.oid), pg_get_userbyid(p.proowner), p.proacl::text"
    " FROM pg_proc p WHERE p.proname IN ('compass_search', 'compass_search_seen_in')"
    " ORDER BY 1"
)


def test_the_revision_goes_down_and_up_and_the_hits_stay(filled, sampled_way):
    from installed_objects import migrate_team

    with filled.superuser() as conn:
        made = conn.execute(_DEFINITIONS).fetchall()  # as `team init` makes them
    assert "'samples'" in made[0][1] and "LANGUAGE plpgsql" in made[1][1]
    before = {short: _hits(filled, short) for short in ("wang", "zhao")}
    migrate_team(filled, "downgrade", "0042")
    with filled.superuser() as conn:
        down = conn.execute(_DEFINITIONS).fetchall()
    assert "'samples'" not in down[0][1] and "LANGUAGE sql" in down[1][1]
    assert [d[2:] for d in down] == [m[2:] for m in made]  # owners and grants stay
    migrate_team(filled, "upgrade", "head")
    with filled.superuser() as conn:
        assert conn.execute(_DEFINITIONS).fetchall() == made
    assert {short: _hits(filled, short) for short in ("wang", "zhao")} == before
    assert any(sampled_way)
