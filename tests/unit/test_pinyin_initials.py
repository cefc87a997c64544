"""Pinyin initials index every reading of a polyphonic character (issue 13, §6: 朝阳 cy, 单县 sx,
长诚 cc; 11 of the demo's 36 names with 长 were not found by their initials).

The readings are those of 《通用规范汉字字典》 (2013): 长 cháng/zhǎng, 朝 cháo/zhāo, 单 dān/chán/
shàn, 重 zhòng/chóng, 行 xíng/háng. The expected initials below are written from those readings
by hand."""

from __future__ import annotations

from datetime import datetime

import pytest
from pypinyin import lazy_pinyin

from app.db import search_index
from app.demo import generate_demo
from app.domain.queries import ClientQuery
from app.domain.records import ClientDraft
from app.domain.text import MAX_INITIALS_VARIANTS, initials_variants, pinyin_initials
from app.services import clients, search

pytestmark = pytest.mark.both_backends


@pytest.mark.parametrize(
    "name, spellings",
    [
        ("朝阳", {"cy", "zy"}),
        ("单县", {"dx", "cx", "sx"}),
        ("长诚", {"cc", "zc"}),
        ("北京华信", {"bjhx"}),  # no polyphonic character: one spelling, as before
        ("深圳ABC科技", {"szabckj"}),
        ("有限公司", {"yxgs"}),  # 有 yǒu/yòu: one initial; archaic 有 wěi is not a reading now
    ],
)
def test_every_reading_is_spelled(name, spellings):
    assert set(initials_variants(name)) == spellings


def test_the_usual_reading_comes_first():
    assert initials_variants("长沙")[0] == "cs"  # 长沙 cháng shā
    assert initials_variants("行长")[0] == "hz"  # 行长 háng zhǎng
    assert pinyin_initials("朝阳") == "zy cy"  # 朝阳 alone: zhāo yáng, the morning sun
    assert pinyin_initials("单县") == "dx cx sx"  # 单 dān, then chán and shàn


def test_spellings_are_bounded_and_the_single_changes_come_first():
    """Eight polyphonic characters would give 256 spellings: at most MAX_INITIALS_VARIANTS are
    kept, the usual reading first, then each character read otherwise on its own."""
    name = "长长长长长长长长"  # each 长 c or z: the usual 'cccccccc' and one z at each place
    spelled = initials_variants(name)
    assert len(spelled) == MAX_INITIALS_VARIANTS == 16
    assert spelled[0] == "cccccccc"
    assert set(spelled[1:9]) == {"c" * i + "z" + "c" * (7 - i) for i in range(8)}


def test_spellings_do_not_run_into_each_other_in_the_index():
    """'dx cx sx' is indexed as three runs of letters: 'xc' (the end of one and the start of
    the next) is no spelling of 单县."""
    indexed = search_index.fts_values("client", "单县", "", pinyin_initials("单县"))[3]
    assert indexed.split(f" {search_index.INITIALS_BREAK} ") == ["d x", "c x", "s x"]


def _hits(archive, typed: str) -> set[int]:
    return {h.id for h in search.search(archive, typed, limit=200) if h.kind == "client"}


def _listed(archive, typed: str) -> set[int]:
    return set(clients.list_client_ids(archive, ClientQuery(text=typed)))


def test_chaoyang_is_found_by_cy_and_zy_in_search_and_the_client_list(archive):
    made = clients.create_client(archive, ClientDraft("北京朝阳区单县商贸有限公司"))
    for typed in ("cy", "zy", "bjcyq", "bjzyq", "sx", "dx", "cx", "cyqsx"):
        assert made.id in _hits(archive, typed), typed
    for typed in ("bjcy", "bjzy"):  # the list matches the start of a spelling
        assert made.id in _listed(archive, typed), typed
    assert made.id not in _hits(archive, "yz")


def _spellings_with_each_reading_of_chang(name: str) -> set[str]:
    """The name's initials with every 长 read cháng and, one at a time, zhǎng; the other
    characters as pypinyin reads them in context."""
    usual = [syllable[:1].lower() for syllable in lazy_pinyin(name)]
    places = [i for i, ch in enumerate(name) if ch == "长"]
    found = set()
    for reading in ("c", "z"):
        for place in places:
            spelled = list(usual)
            spelled[place] = reading
            found.add("".join(spelled))
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from app.services.archive import open_archive

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    archive = open_archive(path, create=True, clock=lambda: datetime(2026, 12, 6, 9, 0))
    generate_demo(archive)
    yield archive
    archive.close()


def test_every_demo_name_with_chang_is_found_by_each_reading(demo):
    named = {
        c.id: c.name
        for c in map(
            lambda i: clients.get_client(demo, i),
            clients.list_client_ids(demo, ClientQuery(text="长")),
        )
    }
    assert len(named) == 36
    for client_id, name in named.items():
        for typed in _spellings_with_each_reading_of_chang(name):
            assert client_id in _hits(demo, typed), (name, typed)
            assert client_id in _listed(demo, typed), (name, typed)
