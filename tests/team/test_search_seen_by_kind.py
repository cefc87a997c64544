"""Who sees a search document, decided for a whole batch (issue 14 §2): compass_search_seen
splits compass_sees_record's CASE by kind and semi-joins each kind's rows with its table, whose
policy applies. It must say exactly what the search_docs read policy says row by row, for every
kind, every person and either setting; and revision 0036 brings it to a team archive made before
it (and takes it back)."""

from __future__ import annotations

import psycopg
import pytest
from installed_objects import migrate_team

from app.db import team_roles
from app.services import team_users

REVISION = "0036"  # the revision that decides by kind
BEFORE = "0035"
MEETINGS_SEEN = "0037"  # the revision whose rule names the index's meetings and action items
ADDED_BY_0037 = ("meeting", "action")
PEOPLE = ("wang", "li", "zhao", "chen", "boss")
SEEN = "compass_search_seen(text[], integer[])"


@pytest.fixture
def every_kind(team_db):
    """The demo's records of every kind, their clients shared between 王芳, 李强 and nobody."""
    team_db.fill()
    return team_db


def _pairs(team_db) -> tuple[list[str | None], list[int | None]]:
    """Every record of every kind the rule names, one id nobody has per kind, the kinds the
    rule leaves to its ELSE (as search_docs has them), and nulls."""
    branches, _otherwise = team_roles._sees_record_branches()
    kinds: list[str | None] = []
    refs: list[int | None] = []
    with team_db.superuser() as conn:
        for kind, rule in branches:
            table = rule.split(" FROM ")[1].split()[0]
            ids = [r[0] for r in conn.execute(f"SELECT id FROM {table} ORDER BY id")]
            assert ids, f"no {table} in the test's data"
            ids.append(max(ids) + 1000)
            kinds += [kind] * len(ids)
            refs += ids
        for kind, ref_id in conn.execute(
            "SELECT DISTINCT ON (kind) kind, ref_id FROM search_docs ORDER BY kind, id"
        ):
            kinds.append(kind)
            refs.append(ref_id)
    kinds += [None, "client"]
    refs += [1, None]
    return kinds, refs


def _row_by_row(team_db, short: str, kinds, refs) -> set[int]:
    """The positions the search_docs read policy lets the person read, asked row by row."""
    read = team_roles.POLICIES["search_docs"][0]
    rows = team_db.sql_as(
        short,
        "SELECT o FROM unnest(CAST(%(k)s AS text[]), CAST(%(r)s AS integer[]))"
        f" WITH ORDINALITY AS x(kind, ref_id, o) WHERE {read}",
        {"k": kinds, "r": refs},
    )
    return {o for (o,) in rows}


def _by_kind(team_db, short: str, kinds, refs) -> set[int]:
    """The positions compass_search_seen gives the person (lent to them for the test)."""
    login = f'"{team_db.login(short)}"'
    with team_db.superuser() as conn:
        conn.execute(f"GRANT EXECUTE ON FUNCTION {SEEN} TO {login}")
    try:
        rows = team_db.sql_as(
            short,
            "SELECT compass_search_seen(CAST(%(k)s AS text[]), CAST(%(r)s AS integer[]))",
            {"k": kinds, "r": refs},
        )
    finally:
        with team_db.superuser() as conn:
            conn.execute(f"REVOKE EXECUTE ON FUNCTION {SEEN} FROM {login}")
    return {o for (o,) in rows}


@pytest.mark.parametrize("read_all", [False, True])
def test_the_batch_rule_is_the_policy_s_rule_for_every_kind(every_kind, read_all):
    if read_all:
        boss = every_kind.open("boss")
        team_users.set_managers_read_all(boss, True)
        boss.close()
    kinds, refs = _pairs(every_kind)
    for short in PEOPLE:
        expected = _row_by_row(every_kind, short, kinds, refs)
        assert _by_kind(every_kind, short, kinds, refs) == expected, short
    # the rule tells people apart: 王芳 sees some and misses some records of these kinds
    wang = _row_by_row(every_kind, "wang", kinds, refs)
    for kind in ("client", "contact", "activity", "contract", "receipt"):
        mine = [o for o, k in enumerate(kinds, 1) if k == kind][:-1]  # not the id nobody has
        seen = [o in wang for o in mine]
        assert all(seen) if read_all else (any(seen) and not all(seen)), kind


SEEN_IN = team_roles.SEEN_IN
CLIENTS = team_roles.CLIENTS


def _from_clients(team_db, short: str, kinds, refs) -> set[int]:
    """The positions compass_search_seen_in gives the person from the clients
    compass_search_clients finds for them (both lent to them for the test), as compass_search
    asks them (revision 0039)."""
    login = f'"{team_db.login(short)}"'
    with team_db.superuser() as conn:
        for function in (SEEN_IN, CLIENTS):
            conn.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {login}")
    try:
        rows = team_db.sql_as(
            short,
            "SELECT compass_search_seen_in(CAST(%(k)s AS text[]), CAST(%(r)s AS integer[]),"
            " compass_search_clients())",
            {"k": kinds, "r": refs},
        )
    finally:
        with team_db.superuser() as conn:
            for function in (SEEN_IN, CLIENTS):
                conn.execute(f"REVOKE EXECUTE ON FUNCTION {function} FROM {login}")
    return {o for (o,) in rows}


def _of_no_client(team_db) -> None:
    """A document and a letter of no client, and a meeting with no client."""
    with team_db.superuser() as conn:
        conn.execute(
            "UPDATE documents SET client_id = NULL WHERE id = (SELECT min(id) FROM documents)"
        )
        conn.execute("UPDATE letters SET client_id = NULL WHERE id = (SELECT min(id) FROM letters)")
        conn.execute(
            "DELETE FROM meeting_clients WHERE meeting_id = (SELECT min(meeting_id)"
            " FROM meeting_clients)"
        )


@pytest.mark.parametrize("read_all", [False, True])
def test_the_rule_from_the_person_s_clients_is_the_policy_s_rule(every_kind, read_all):
    """Revision 0039's rule (each record's client or meeting against the person's clients,
    the tables' policies not asked) says what the search_docs read policy says, row by row,
    for every kind, person and setting: documents and letters of no client, meetings with no
    client, packet sections through their tenders, ids nobody has and kinds the rule leaves to
    its ELSE."""
    if read_all:
        boss = every_kind.open("boss")
        team_users.set_managers_read_all(boss, True)
        boss.close()
    _of_no_client(every_kind)
    kinds, refs = _pairs(every_kind)
    for short in PEOPLE:
        expected = _row_by_row(every_kind, short, kinds, refs)
        assert _from_clients(every_kind, short, kinds, refs) == expected, short
    wang = _row_by_row(every_kind, "wang", kinds, refs)
    for kind in ("client", "contact", "activity", "contract", "receipt", "meeting", "document"):
        mine = [o for o, k in enumerate(kinds, 1) if k == kind][:-1]
        seen = [o in wang for o in mine]
        assert all(seen) if read_all else (any(seen) and not all(seen)), kind


def _definition(team_db, function: str = SEEN) -> tuple:
    with team_db.superuser() as conn:
        return conn.execute(
            "SELECT p.prosrc, p.prosecdef, p.proconfig, r.rolname, p.proacl::text"
            " FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner"
            f" WHERE p.oid = to_regprocedure('{function}')"
        ).fetchone()


def test_the_revision_brings_the_batch_rule_to_a_team_archive_and_takes_it_back(every_kind):
    from app.services import search

    def hits(short: str) -> dict[str, list]:
        person = every_kind.open(short)
        try:
            return {
                q: [(h.kind, h.id) for h in search.search(person, q, limit=1000)]
                for q in ("有限公司", "拜访", "华")
            }
        finally:
            person.close()

    made = _definition(every_kind)  # as `team init` makes it
    search_made = _definition(every_kind, team_roles.SEARCH)
    assert "compass_search_readers()" in search_made[0]  # as revision 0040 made it
    assert "UNION ALL" in made[0] and "CASE" not in made[0]
    expected = hits("wang")
    assert any(expected.values())
    kinds, refs = _pairs(every_kind)
    kept = [n for n, k in enumerate(kinds) if k not in ADDED_BY_0037]  # the same rule in 0036
    kinds, refs = [kinds[n] for n in kept], [refs[n] for n in kept]
    seen = _by_kind(every_kind, "wang", kinds, refs)
    migrate_team(every_kind, "downgrade", BEFORE)
    before = _definition(every_kind)
    assert "CASE x.kind" in before[0] and "UNION ALL" not in before[0]
    assert before[1:] == made[1:]  # the owner, grants and search path stay
    search_before = _definition(every_kind, team_roles.SEARCH)
    assert "greatest(n, 16);" in search_before[0] and search_before[1:] == search_made[1:]
    assert _by_kind(every_kind, "wang", kinds, refs) == seen  # row by row, the same
    migrate_team(every_kind, "upgrade", REVISION)
    assert _by_kind(every_kind, "wang", kinds, refs) == seen
    migrate_team(every_kind, "upgrade", "head")  # compass_search as revision 0038 left it
    assert _definition(every_kind) == made
    assert _definition(every_kind, team_roles.SEARCH) == search_made
    assert hits("wang") == expected


# the tables the search index's kinds stand for, where a table of its own decides who reads
INDEXED_TABLES = {
    "client": "clients",
    "contact": "contacts",
    "activity": "activities",
    "tender": "tenders",
    "packet_section": "packet_sections",
    "document": "documents",
    "letter": "letters",
    "contract": "contracts",
    "receipt": "receipts",
    "meeting": "meetings",
    "action": "action_items",
    "rebate": "rebates",
    "news": "client_news",
}


def _index_leaks(team_db, short: str) -> dict[str, int]:
    """Per kind, the search documents the person reads whose record they may not read."""
    leaks = {}
    for kind, table in INDEXED_TABLES.items():
        (count,) = team_db.sql_as(
            short,
            f"SELECT count(*) FROM search_docs d WHERE d.kind = '{kind}'"
            f" AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = d.ref_id)",
        )[0]
        if count:
            leaks[kind] = count
    return leaks


def _meetings_hidden(team_db, short: str) -> int:
    with team_db.superuser() as conn:
        (every,) = conn.execute("SELECT count(*) FROM meetings").fetchone()
    (seen,) = team_db.sql_as(short, "SELECT count(*) FROM meetings")[0]
    return every - seen


def test_the_index_shows_no_one_a_record_they_may_not_read(every_kind):
    """The search index holds titles and bodies: a 客户经理 reads an entry only when they may
    read its record (revision 0037: meetings and action items were left to ELSE true)."""
    assert _meetings_hidden(every_kind, "wang") > 0  # the data tells people apart
    for short in PEOPLE:
        assert _index_leaks(every_kind, short) == {}, short
    migrate_team(every_kind, "downgrade", REVISION)
    assert set(_index_leaks(every_kind, "wang")) == {"meeting", "action"}  # what 0037 closes
    migrate_team(every_kind, "upgrade", MEETINGS_SEEN)
    assert _index_leaks(every_kind, "wang") == {}


def test_a_manager_s_search_finds_no_meeting_they_may_not_read(every_kind):
    from app.services import search

    person = every_kind.open("wang")
    try:
        readable = {m for (m,) in every_kind.sql_as("wang", "SELECT id FROM meetings")}
        found = {
            h.id
            for q in ("会议", "纪要", "拜访", "华", "有限公司")
            for h in search.search(person, q, limit=1000)
            if h.kind == "meeting"
        }
    finally:
        person.close()
    assert found and found <= readable


# --- the readers' marks (revision 0040, app.db.search_readers) -----------------------------------

_MARKS_OF = (
    "array(SELECT u.lexeme FROM unnest({v}) u WHERE u.lexeme IN ('#free', '#none')"
    " OR left(u.lexeme, 3) = '#o.' ORDER BY 1)"
)
_NAMES = {"wang": "王芳", "li": "李强"}


def _marked_for(team_db, short: str, kinds, refs) -> set[int]:
    """The positions whose record's marks (compass_reader_marks) say the person reads them."""
    with team_db.superuser() as conn:
        rows = conn.execute(
            "SELECT o FROM unnest(CAST(%(k)s AS text[]), CAST(%(r)s AS integer[]))"
            " WITH ORDINALITY AS x(kind, ref_id, o)"
            " WHERE compass_reader_marks(x.kind, x.ref_id) && ARRAY['#free', '#o.' || md5(%(n)s)]",
            {"k": kinds, "r": refs, "n": _NAMES[short]},
        ).fetchall()
    return {o for (o,) in rows}


def _out_of_step(team_db) -> list[tuple]:
    """Documents whose vectors' marks are not what their record's readers make them."""
    vectors = " OR ".join(
        f"{_MARKS_OF.format(v=f'd.{v}')} <> compass_reader_marks(d.kind, d.ref_id)"
        for v in ("title_tsv", "body_tsv", "initials_tsv")
    )
    with team_db.superuser() as conn:
        return conn.execute(
            f"SELECT d.kind, d.ref_id FROM search_docs d WHERE {vectors}"
        ).fetchall()


def _every_mark(team_db) -> dict[tuple, list]:
    with team_db.superuser() as conn:
        rows = conn.execute(
            f"SELECT kind, ref_id, {_MARKS_OF.format(v='title_tsv')} FROM search_docs"
        ).fetchall()
    return {(k, r): m for k, r, m in rows}


def test_the_readers_marks_say_what_the_policy_says_for_every_kind(every_kind):
    """A 客户经理 reads a document exactly when its marks hold '#free' or their own: row by row
    against the search_docs read policy, for every kind, ids nobody has, documents and letters
    of no client, a meeting with no client, kinds the rule leaves to its ELSE."""
    _of_no_client(every_kind)
    kinds, refs = _pairs(every_kind)
    for short in _NAMES:
        expected = _row_by_row(every_kind, short, kinds, refs)
        assert _marked_for(every_kind, short, kinds, refs) == expected, short
    assert _out_of_step(every_kind) == []


def test_the_marks_follow_every_change_that_moves_a_record_s_readers(every_kind):
    """The triggers write the marks again when a client changes owner, a record moves to another
    client, a meeting gains or loses a client, an action item moves to another meeting, a
    document loses its client; and a 客户经理's own new visit is marked as theirs at once."""
    from datetime import datetime

    from app.domain.enums import ActivityKind
    from app.domain.records import ActivityDraft
    from app.services import activities, search

    before = _every_mark(every_kind)
    with every_kind.superuser() as conn:
        conn.execute("UPDATE clients SET owner = '李强' WHERE id IN (3, 6)")  # 王芳's
        conn.execute(
            "UPDATE activities SET client_id = 1 WHERE id IN (SELECT min(id)"
            " FROM activities WHERE client_id = 2)"
        )
        conn.execute(
            "DELETE FROM meeting_clients WHERE meeting_id = (SELECT max(meeting_id)"
            " FROM meeting_clients)"
        )
        conn.execute(
            "INSERT INTO meeting_clients (meeting_id, client_id) SELECT min(id), 5"
            " FROM meetings ON CONFLICT DO NOTHING"
        )
        conn.execute(
            "UPDATE action_items SET meeting_id = (SELECT max(id) FROM meetings)"
            " WHERE id = (SELECT min(id) FROM action_items)"
        )
        conn.execute(
            "UPDATE documents SET client_id = NULL WHERE id = (SELECT max(id)"
            " FROM documents WHERE client_id IS NOT NULL)"
        )
    after = _every_mark(every_kind)
    moved = {key for key in before if before[key] != after.get(key)}
    assert {kind for kind, _ in moved} >= {"client", "contact", "activity", "meeting", "document"}
    assert _out_of_step(every_kind) == []
    kinds, refs = _pairs(every_kind)
    for short in _NAMES:
        assert _marked_for(every_kind, short, kinds, refs) == _row_by_row(
            every_kind, short, kinds, refs
        ), short
    wang = every_kind.open("wang")
    try:
        visit = activities.create_activity(
            wang,
            ActivityDraft(
                client_id=9,
                kind=ActivityKind.VISIT,
                started_at=datetime(2026, 12, 7, 10, 0),
                subject="拜访确认标记甲乙丙",
            ),
        )
        found = [h.id for h in search.search(wang, "标记甲乙丙") if h.kind == "activity"]
    finally:
        wang.close()
    assert found == [visit.id]
    assert _every_mark(every_kind)[("activity", visit.id)] == ["#o." + _md5("王芳")]
    assert _out_of_step(every_kind) == []


def _md5(text: str) -> str:
    import hashlib

    return hashlib.md5(text.encode()).hexdigest()


def test_no_login_calls_the_marks_functions_nor_forges_a_mark(every_kind):
    """The marks' functions run with the policies bypassed: no login may call them; and a
    document a 客户经理 writes is marked by the trigger whatever vectors they send."""
    from app.db import search_readers

    for function in search_readers.FUNCTIONS:
        name, _, args = function.partition("(")
        call = {
            "compass_reader_marks": "compass_reader_marks('client', 1)",
            "compass_unmarked": "compass_unmarked(CAST('a' AS tsvector))",
            "compass_remark": "compass_remark('client', ARRAY[1])",
            "compass_remark_meetings": "compass_remark_meetings(ARRAY[1])",
            "compass_search_readers": "compass_search_readers()",
        }.get(name)
        if call is None:  # a trigger function: not callable at all
            continue
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            every_kind.sql_as("wang", f"SELECT {call}")
    (client,) = every_kind.sql_as("wang", "SELECT min(id) FROM clients")[0]
    every_kind.sql_as(
        "wang",
        "UPDATE search_docs SET title_tsv = CAST('''#free'' ''#o.x''' AS tsvector)"
        " WHERE kind = 'client' AND ref_id = %(c)s",
        {"c": client},
    )
    with every_kind.superuser() as conn:
        (marks,) = conn.execute(
            f"SELECT {_MARKS_OF.format(v='title_tsv')} FROM search_docs"
            " WHERE kind = 'client' AND ref_id = %(c)s",
            {"c": client},
        ).fetchone()
    assert marks == ["#o." + _md5("王芳")]
