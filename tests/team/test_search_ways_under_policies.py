"""compass_search's ways on a small team archive (issue 14 §2-3): the lookups it takes on a
large archive (block by block; a kind's newest documents sampled first; batches growing
fourfold when the person sees few of the newest matches) are reached here by lowering the
thresholds app.db.search_pg reads (WHOLE_RANGE_ROWS, SAMPLE), not by another code path. Each
way finds for a 客户经理 exactly the owner's matches that the policies let them read, newest
first, as many as asked."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.db import search_pg
from app.domain.enums import ActivityKind
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, clients, search

VISITS = 8  # per client: 王芳's 16 visits are the oldest of the 40


@pytest.fixture
def archive_of_five(team_db):
    """Five clients (王芳's two first, then 李强's two and an unowned one), each with a contact
    and VISITS visits: every visit's subject says 拜访, its notes 方案."""
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
            for day in range(1, VISITS + 1):
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


def _the_way(monkeypatch, way: str) -> list[str]:
    """The thresholds that send a lookup this way on a small archive; the list fills with the
    ways the lookups took ('blocks' when the blocks were worked out, 'sample' when sampled)."""
    if way in ("blocks", "sample"):  # any estimate is above it: blocks, or a kind sampled
        monkeypatch.setattr(search_pg, "WHOLE_RANGE_ROWS", 0)
        monkeypatch.setattr(search_pg, "SAMPLED_RANGE_ROWS", 0)
    if way == "sample":
        monkeypatch.setattr(search_pg, "SAMPLE", 3)  # then the rest block by block
    taken: list[str] = []
    for name, said in (("blocks_down", "blocks"), ("_newest_of_kind", "sample")):
        original = getattr(search_pg, name)

        def spy(*args, original=original, said=said):
            taken.append(said)
            return original(*args)

        monkeypatch.setattr(search_pg, name, spy)
    return taken


def _lookup(team_db, short: str | None, query: str, limit: int, kind: str | None):
    person = team_db.open(short)
    try:
        with person.db.read() as session:
            conn = session.connection()
            guarded = search_pg._guarded(conn)
            found = []
            for probe in search_pg.probes(query):
                rows, _matched = search_pg.matches(conn, probe, limit, kind)
                found.append([(r[1], r[2]) for r in rows])
            return guarded, found
    finally:
        person.close()


@pytest.mark.parametrize("way", ["range", "blocks", "sample"])
@pytest.mark.parametrize("query", ["拜访", "华信", "方案", "bjhx"])
def test_each_way_finds_the_owner_s_matches_the_manager_may_read(
    archive_of_five, monkeypatch, way, query
):
    taken = _the_way(monkeypatch, way)
    seen = set(archive_of_five.sql_as("wang", "SELECT kind, ref_id FROM search_docs"))
    kinds = ("activity", "client", "contact") if way == "sample" else (None,)
    hits = 0
    for kind in kinds:
        _owner_guarded, everything = _lookup(archive_of_five, None, query, 1000, kind)
        for limit in (1, 5, 20):  # 20: more than a first batch of the newest holds for 王芳
            guarded, found = _lookup(archive_of_five, "wang", query, limit, kind)
            assert guarded and not _owner_guarded
            for got, all_of_them in zip(found, everything, strict=True):
                assert got == [h for h in all_of_them if h in seen][:limit], (kind, limit)
                hits += len(got)
    assert hits
    assert (way in taken) if way != "range" else not taken


def test_a_first_batch_short_of_what_the_manager_may_read_grows(archive_of_five):
    """The newest 20 visits are 李强's and the unowned client's: 王芳's 16 lie below them, so
    the first batch (20 matches) holds none of hers and the lookup must read a bigger one."""
    seen = set(archive_of_five.sql_as("wang", "SELECT kind, ref_id FROM search_docs"))
    _g, (owner_titles, *_rest) = _lookup(archive_of_five, None, "拜访", 1000, "activity")
    assert not [h for h in owner_titles[:20] if h in seen]
    _g, (found, *_rest) = _lookup(archive_of_five, "wang", "拜访", 20, "activity")
    assert len(found) == 2 * VISITS and set(found) <= seen


def test_the_whole_search_block_by_block_gives_the_manager_the_owner_s_hits_they_may_read(
    archive_of_five, monkeypatch
):
    """(A kind is sampled only when the lookup of every kind left it short: not with a page
    of 1,000 on 40 visits; the lookups above take that way.)"""
    way = "blocks"
    taken = _the_way(monkeypatch, way)
    seen = set(archive_of_five.sql_as("wang", "SELECT kind, ref_id FROM search_docs"))
    for query in ("华信", "拜访", "张"):
        owner, wang = archive_of_five.open(), archive_of_five.open("wang")
        try:
            everything = [(h.kind, h.id) for h in search.search(owner, query, limit=1000)]
            found = [(h.kind, h.id) for h in search.search(wang, query, limit=1000)]
        finally:
            owner.close()
            wang.close()
        assert found == [h for h in everything if h in seen], query
    assert way in taken
