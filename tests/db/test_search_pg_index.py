"""The team archive's search index (issue 14 §3): pairs of adjacent characters, the kind's mark
and the blocks of ids in each tsvector let GIN answer a lookup in one kind among the newest ids,
and the hits stay those of the archive file (FTS5) hit for hit, found step by step from the
newest ids down (the blocks made small here, so that a handful of records spans many of them
and goes through every step)."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import text

from app.db import search_pg, server
from app.db import search_terms as base
from app.db.archive_file import alembic_config
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients, search
from app.services.archive import open_archive

REVISION = "0033"  # the revision that gives the vectors the blocks of their ids
BEFORE = "0032"

WORDS = ("北京", "华信", "科技", "深圳", "鑫源", "华为", "医疗", "贸易", "0755", "1381", "有限公司")
QUERIES = (
    "华",
    "北京",
    "华信",
    "北京华信",
    "鑫",
    "0755",
    "1381",
    "755",
    "bj",
    "bjhx",
    "hx",
    "zx",
    "有限公司",
    "科技 华",
    "abc",
    "李",
    "北京华信科技有限公司",
    "信0",
)


def _seed(archive) -> None:
    rng = random.Random(14)
    for number in range(60):
        name = "".join(rng.sample(WORDS[:8], 3)) + rng.choice(("有限公司", "集团", ""))
        draft = ClientDraft(
            f"{name}{number}",
            region=rng.choice(("北京", "华南", "")),
            address=f"深圳市福田区{rng.choice(WORDS)}路{number}号",
            notes=rng.choice(("abc 客户", "电话 0755-8888", "1381 回访", "")),
        )
        contacts = [ContactDraft(rng.choice(("李娜", "张伟", "王芳")), title="经理")]
        clients.create_client(archive, draft, contacts)
    clients.create_client(archive, ClientDraft("北京华信科技有限公司"))


@pytest.fixture(
    params=["block by block", "whole range", "a kind's newest first", "a small kind in order"]
)
def small_scan(monkeypatch, request):
    """Blocks of 2, 4, 8 and 32 ids, one of each size before the next: the matches of every
    query span many blocks. Each lookup block by block, or in one lookup of its range, or (a
    kind's) first among the kind's newest 3 documents read in order, then either way as the
    matches among them say, or (every kind taken as small) its documents read in order, 3 at a
    time, before the rest is looked up (which way a lookup goes is an estimate; all give the
    same rows)."""
    monkeypatch.setattr(search_pg, "BLOCK_SHIFTS", (1, 2, 3, 5))
    monkeypatch.setattr(search_pg, "PER_SIZE", 1)
    monkeypatch.setattr(search_pg, "SAMPLE", 3)
    rows = {
        "block by block": -1,
        "whole range": 10**9,
        "a kind's newest first": 12,
        "a small kind in order": -1,
    }
    monkeypatch.setattr(search_pg, "WHOLE_RANGE_ROWS", rows[request.param])
    monkeypatch.setattr(search_pg, "SAMPLED_RANGE_ROWS", rows[request.param])
    if request.param == "a kind's newest first":
        monkeypatch.setattr(search_pg, "_at_most", lambda *_args: 1.0)
    if request.param == "a small kind in order":
        monkeypatch.setattr(search_pg, "_small_kind", lambda *_args: True)


def _rename_a_few(archive) -> None:
    """Clients renamed: their documents are written again, and are the newest on both."""
    from dataclasses import replace

    for client_id in (3, 11, 29):
        client = clients.get_client(archive, client_id)
        clients.update_client(
            archive, client_id, replace(client.draft(), name="华信" + client.name)
        )


def test_the_same_hits_as_the_archive_file_through_both_steps(archive, team_archive, small_scan):
    for each in (archive, team_archive):
        _seed(each)
        _rename_a_few(each)
    for query in QUERIES:
        for limit in (3, 20):
            expected = search.search(archive, query, limit=limit)
            assert search.search(team_archive, query, limit=limit) == expected, (query, limit)
    assert [h.kind for h in search.search(team_archive, "北京华信科技有限公司")][:1] == ["client"]


def test_each_lookup_gives_the_rows_fts5_gives(archive, team_archive, small_scan, monkeypatch):
    """The lookups the shared search loop makes, one by one: the newest matches of every kind
    together and of one kind, alone and after the lookup of every kind (whose rows the kind's
    lookup starts from)."""
    from app.db import search_index

    for each in (archive, team_archive):
        _seed(each)
        _rename_a_few(each)
    with archive.db.read() as a, team_archive.db.read() as b:
        raw = a.connection().connection.driver_connection
        for query in QUERIES:
            pairs = zip(search_pg.probes(query), search_index._probes(query), strict=True)
            for server_probe, file_probe in pairs:
                for limit, kind in ((5, None), (40, None), (200, None), (6, "client")):
                    rows, seen = search_index._matches(raw, file_probe, limit, kind)
                    got, got_seen = search_pg.matches(b.connection(), server_probe, limit, kind)
                    # the same documents in the same order (ids are each back end's own)
                    assert [r[1:] for r in got] == [r[1:] for r in rows], (query, limit, kind)
                    assert got_seen == seen
                lookups = search_pg._Lookups(b.connection())
                for limit, kind in ((7, None), (3, "client"), (30, "contact"), (9, "client")):
                    rows, seen = search_index._matches(raw, file_probe, limit, kind)
                    got, got_seen = lookups(b.connection(), server_probe, limit, kind)
                    assert [r[1:] for r in got] == [r[1:] for r in rows], (query, limit, kind)
                    assert got_seen == seen


def test_the_index_holds_the_tokens_fts5_holds(archive, team_archive):
    """Pairs and the kind's mark are the server's own: `dump` (what `check` compares) shows the
    tokens as the archive file has them."""
    _seed(archive)
    _seed(team_archive)
    with archive.db.read() as a, team_archive.db.read() as b:
        from app.db import search_index

        assert search_index.dump(b) == search_index.dump(a)


def test_pairs_and_the_kind_mark_are_lexemes_no_query_reaches():
    vector = search_pg.tsvector_literal(
        ["北", "京", "a", "华", "0"], "client", search_pg._one_character
    )
    assert vector == "'北':1 '京':2 '北 京':1 'a':3 '华':4 '0':5 '华 0':4 '#client'"
    assert search_pg.tsquery("北京华信") == "('北 京' <-> '京 华' <-> '华 信')"
    assert search_pg.tsquery("华 bj") == "'华' & 'bj':*"
    assert search_pg.initials_tsquery("bjhx") == "('b j' <-> 'j h' <-> 'h x')"
    # the break between two spellings of initials never pairs with a letter
    _kind, _t, _b, initials = base.fts_values("client", "", "", "cyzy zyzy")
    paired = search_pg.tsvector_literal(initials.split(), None, search_pg._one_letter)
    assert "'y or'" not in paired and "'or z'" not in paired and "'y z':2,7" in paired


def _plan(session, statement: str, params: dict) -> str:
    return "\n".join(r[0] for r in session.execute(text(f"EXPLAIN {statement}"), params))


def test_a_lookup_asks_gin_never_walks_an_index(team_archive):
    """Neither way of looking names a btree-usable condition, so the planner cannot walk the
    primary key or the (kind, ref_id) index through every document of a kind (1.4 s for 华
    among a million activities): the whole range asks the title's GIN index for the kind's
    mark AND the query; block by block, it asks it once per block, newest block first, in a
    nested loop that the LIMIT stops."""
    _seed(team_archive)
    with team_archive.db.read() as session:
        session.execute(text("ANALYZE search_docs"))
        session.execute(text("SET LOCAL enable_seqscan = off"))  # a few rows: no table scan
        params = {"q": search_pg.tsquery("华信"), "mark": "'#client'", "below": 1000, "n": 30}
        shape = {"column": "title_tsv", "kind": search_pg._OF_KIND.format(column="title_tsv")}
        whole = _plan(session, search_pg._WHOLE_RANGE.format(**shape), params)
        blocks = [f"'{m}'" for m in search_pg.blocks_down(0, 4096)]
        statement = search_pg._NEWEST_BY_BLOCK.format(**shape)
        walk = _plan(session, statement, {**params, "blocks": blocks})
    for plan in (whole, walk):
        assert "Bitmap Index Scan on ix_search_docs_title_tsv" in plan, plan
        assert "uq_search_docs_kind_ref" not in plan and "pkey" not in plan, plan
    assert "Nested Loop" in walk and "Function Scan on unnest b" in walk, walk
    assert walk.index("Limit") < walk.index("Nested Loop") < walk.index("Function Scan"), walk


def test_a_kind_s_newest_documents_are_read_in_order_through_an_index(team_archive):
    """A kind's newest documents are read newest first through the (kind, id) index and the
    reading stops at SAMPLE: never the primary key read backwards past the other kinds, never
    a sort of the whole kind."""
    _seed(team_archive)
    with team_archive.db.read() as session:
        session.execute(text("ANALYZE search_docs"))
        session.execute(text("SET LOCAL enable_seqscan = off"))
        params = {"q": "'华'", "kind": "client", "below": 2**31 - 1, "scan": 7}
        plan = _plan(session, search_pg._SAMPLE.format(column="title_tsv"), params)
    assert "Index Scan Backward using ix_search_docs_kind_id" in plan, plan
    assert "Sort" not in plan and "search_docs_pkey" not in plan, plan


def test_a_kind_s_bounds_are_read_off_the_kind_id_index(team_archive):
    """The lowest and highest id of a kind: two probes at the ends of the (kind, id) index,
    never the primary key read backwards past the other kinds, never a sort of the kind."""
    _seed(team_archive)
    with team_archive.db.read() as session:
        session.execute(text("ANALYZE search_docs"))
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(
            r[0]
            for r in session.execute(
                text(f"EXPLAIN {search_pg._KIND_BOUNDS.text}"), {"kind": "client"}
            )
        )
    assert plan.count("using ix_search_docs_kind_id") == 2, plan
    assert "Sort" not in plan and "search_docs_pkey" not in plan, plan


def test_the_blocks_of_a_range_hold_each_of_its_ids_once_newest_first():
    """A range's blocks: the smallest first, PER_SIZE of each size before the next up (from
    where the ids reach a multiple of it), newest first; every id of the range is in exactly
    one, and each document's vector holds the six blocks of its id."""
    assert search_pg.block_marks(600_000) == [
        "#10.585",
        "#12.146",
        "#14.36",
        "#16.9",
        "#18.2",
        "#20.0",
    ]
    assert search_pg.blocks_down(1, 5000) == ["#10.4", "#10.3", "#10.2", "#10.1", "#10.0"]
    marks = search_pg.blocks_down(1_488_000, 2_977_026)
    assert marks[:5] == ["#10.2907", "#10.2906", "#10.2905", "#10.2904", "#12.725"]  # to 4K
    assert len(marks) < 20  # a rare term: a few lookups over 1.5 million ids
    # a common one (拜访, in 28% of bodies): blocks no bigger than to hold BLOCK_ROWS matches
    small = search_pg.blocks_down(1_488_000, 2_977_026, largest=20_000)
    assert {m.split(".")[0] for m in small} == {"#10", "#12", "#14"} and len(small) < 100
    for low, below, largest in ((1, 5000, 1e9), (3072, 600_064, 5000), (1_488_000, 2_977_026, 1e9)):
        marks = search_pg.blocks_down(low, below, largest)
        for doc_id in (low, low + 1, below - 1, (low + below) // 2):
            held = [m for m in marks if m in search_pg.block_marks(doc_id)]
            assert len(held) == 1, (low, below, doc_id)
        order = [
            next(i for i, m in enumerate(marks) if m in search_pg.block_marks(d))
            for d in (below - 1, (low + below) // 2, low)
        ]
        assert order == sorted(order), (low, below)


def test_the_statistics_bound_what_a_term_may_match(team_archive):
    """The estimate that picks the way of looking: a term's share of the documents from
    ANALYZE (the rarest term of an expression), a term ANALYZE did not list no more than the
    least it did, and everything (1) before ANALYZE has run."""
    _seed(team_archive)
    with team_archive.db.read() as session:
        conn = session.connection()
        assert search_pg._at_most(conn, "title_tsv", "'北 京'") == 1.0
    with team_archive.db.session() as session:
        session.execute(text("ANALYZE search_docs"))
    with team_archive.db.read() as session:
        conn = session.connection()
        conn.connection.info.pop("sc_search_statistics", None)
        frequencies, least = search_pg._statistics(conn)["title_tsv"]
        assert 0 < least <= frequencies["#client"] <= 1
        assert search_pg._at_most(conn, "title_tsv", "'#client'") == frequencies["#client"]
        assert search_pg._at_most(conn, "title_tsv", "'#client' & '龘 龘'") == least
        assert search_pg._at_most(conn, "title_tsv", "'龘':*") >= least


def test_a_document_written_again_carries_the_blocks_of_its_new_id(team_archive, small_scan):
    """A renamed client's document takes the next id (the newest, as on SQLite) and its
    vectors the blocks of that id, so the newest ids' lookup finds it first."""
    _seed(team_archive)
    _rename_a_few(team_archive)
    with team_archive.db.read() as session:
        rows = session.execute(
            text("SELECT id, title_tsv::text, body_tsv::text, initials_tsv::text FROM search_docs")
        ).all()
    for doc_id, *vectors in rows:
        for vector in vectors:
            held = {m for m in search_pg.block_marks(doc_id) if f"'{m}'" in vector}
            assert held == set(search_pg.block_marks(doc_id)), (doc_id, vector)
    assert [h.title[:2] for h in search.search(team_archive, "华信", limit=3)][:1] == ["华信"]


def _sql(address: str, statement: str):
    from sqlalchemy import create_engine

    engine = create_engine(server.parse_address(address).url())
    try:
        with engine.begin() as conn:
            result = conn.exec_driver_sql(statement)
            return result.scalar() if result.returns_rows else None
    finally:
        engine.dispose()


def _sql_row(address: str, statement: str):
    from sqlalchemy import create_engine

    engine = create_engine(server.parse_address(address).url())
    try:
        with engine.begin() as conn:
            return tuple(conn.exec_driver_sql(statement).one())
    finally:
        engine.dispose()


def _migrate(address: str, direction: str, target: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    engine = create_engine(server.parse_address(address).url())
    try:
        with engine.begin() as conn:
            getattr(command, direction)(alembic_config(None, conn), target)
    finally:
        engine.dispose()


def test_the_revision_rebuilds_the_vectors_of_an_existing_team_archive(team_address):
    """Down to the revision before (whose index the older version rebuilds in its own shape),
    then up: the next opening rebuilds the index with pairs and kind marks, found at once."""
    archive = open_archive(team_address)
    clients.create_client(archive, ClientDraft("北京华信"))
    archive.close()
    _migrate(team_address, "downgrade", BEFORE)
    # the index as the version before made it: single characters only, no rebuild pending
    _sql(team_address, "UPDATE search_docs SET title_tsv = '北:1 京:2 华:3 信:4'")
    _sql(team_address, "DELETE FROM settings WHERE key = 'search.rebuild_needed'")
    _migrate(team_address, "upgrade", REVISION)
    archive = open_archive(team_address)
    try:
        assert [h.kind for h in search.search(archive, "华信")] == ["client"]
    finally:
        archive.close()
    doc_id, vector = _sql_row(team_address, "SELECT id, title_tsv::text FROM search_docs")
    assert "'华 信':3" in vector and "'#client'" in vector
    assert all(f"'{mark}'" in vector for mark in search_pg.block_marks(doc_id))


def test_a_very_long_text_fits_a_tsvector_and_is_found(team_archive):
    """A 150,000-character note: past position 16,383 (where PostgreSQL clamps positions and no
    phrase can match any more) no pairs are added, so the vector stays under PostgreSQL's 1 MB
    limit and the record saves and is found (a review found the save and every later index
    rebuild refused with 'string is too long for tsvector')."""
    rng = random.Random(3)
    characters = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    long_notes = "北京华信" + "".join(rng.choice(characters) for _ in range(150_000))
    literal = search_pg.tsvector_literal(list(long_notes), "client", search_pg._one_character)
    assert len(literal.encode()) < 1_000_000
    record = clients.create_client(team_archive, ClientDraft("鑫源长文客户", notes=long_notes))
    hits = search.search(team_archive, "北京华信")
    assert any(hit.kind == "client" and hit.id == record.id for hit in hits)
    assert search.rebuild_index(team_archive) > 0  # the rebuild takes it too


def test_the_owner_opening_read_only_rebuilds_an_index_left_out_of_date(team_address):
    """After an upgrade the index is marked for rebuilding; the owner's first opening may be a
    read-only command (`search`): it rebuilds with a writer of its own, so phrases are found at
    once and the mark is gone (before, only a writable opening rebuilt, and until then every
    phrase search found nothing)."""
    archive = open_archive(team_address)
    clients.create_client(archive, ClientDraft("北京华信科技有限公司"))
    archive.close()
    _sql(
        team_address,
        "UPDATE search_docs SET body_tsv = to_tsvector('simple', ''),"
        " title_tsv = to_tsvector('simple', '')",
    )  # the old shape: nothing GIN can answer
    _sql(team_address, "INSERT INTO settings (key, value) VALUES ('search.rebuild_needed', 'true')")
    reader = open_archive(team_address, read_only=True)
    try:
        assert [hit.title for hit in search.search(reader, "北京华信")] == ["北京华信科技有限公司"]
    finally:
        reader.close()
    assert (
        _sql(team_address, "SELECT count(*) FROM settings WHERE key = 'search.rebuild_needed'") == 0
    )


def test_a_small_kind_is_told_by_the_statistics(team_archive, monkeypatch):
    """A kind with few documents (by ANALYZE's statistics of the kind column) is read in order
    instead of looked up in GIN; without statistics (none yet, or a login under the row-level
    security policies, to whom PostgreSQL shows none) no kind is taken as small."""
    _seed(team_archive)
    with team_archive.db.read() as session:
        assert not search_pg._small_kind(session.connection(), "client")
    with team_archive.db.session() as session:
        session.execute(text("ANALYZE search_docs"))
    with team_archive.db.read() as session:
        conn = session.connection()
        conn.connection.info.pop("sc_search_kinds", None)
        assert search_pg._small_kind(conn, "client")  # 61 clients
        assert search_pg._small_kind(conn, "tender")  # none: rarer than any kind listed
        monkeypatch.setattr(search_pg, "SMALL_KIND", 10)
        assert not search_pg._small_kind(conn, "client")
        hits = search.search(team_archive, "华信", limit=5)
    assert [h.kind for h in hits][:1] == ["client"]


_GIN_OPTIONS = (
    "SELECT string_agg(c.relname || '=' || coalesce(array_to_string(c.reloptions, ','), ''),"
    " ' ' ORDER BY c.relname) FROM pg_class c WHERE c.relname IN ('ix_search_docs_title_tsv',"
    " 'ix_search_docs_body_tsv', 'ix_search_docs_initials_tsv')"
)
_WITHOUT_PENDING_LIST = (
    "ix_search_docs_body_tsv=fastupdate=off ix_search_docs_initials_tsv=fastupdate=off"
    " ix_search_docs_title_tsv=fastupdate=off"
)


def test_the_index_takes_each_document_in_at_once_also_after_a_rebuild(team_archive):
    """No pending list (revision 0044): a document written is in the GIN index itself, so no
    lookup reads through a list of the documents written since the last vacuum; a rebuild makes
    the indexes again the same way."""
    clients.create_client(team_archive, ClientDraft("北京华信"))
    with team_archive.db.read() as session:
        assert session.execute(text(_GIN_OPTIONS)).scalar() == _WITHOUT_PENDING_LIST
    assert search.rebuild_index(team_archive) > 0
    with team_archive.db.read() as session:
        assert session.execute(text(_GIN_OPTIONS)).scalar() == _WITHOUT_PENDING_LIST
    assert [h.kind for h in search.search(team_archive, "华信")] == ["client"]


def test_the_revision_takes_the_pending_list_away_and_back(team_address):
    archive = open_archive(team_address)
    clients.create_client(archive, ClientDraft("北京华信"))
    archive.close()
    assert _sql(team_address, _GIN_OPTIONS) == _WITHOUT_PENDING_LIST
    _migrate(team_address, "downgrade", "0043")
    assert _sql(team_address, _GIN_OPTIONS) == (
        "ix_search_docs_body_tsv= ix_search_docs_initials_tsv= ix_search_docs_title_tsv="
    )
    _migrate(team_address, "upgrade", "head")
    assert _sql(team_address, _GIN_OPTIONS) == _WITHOUT_PENDING_LIST
    archive = open_archive(team_address)
    try:
        assert [h.kind for h in search.search(archive, "华信")] == ["client"]
    finally:
        archive.close()
