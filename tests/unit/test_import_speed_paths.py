"""The faster paths of a large client import (issue 11) give what the plain ones gave:
pinyin read run by run, the NUL check over an executemany's rows, the search documents of a
batch written in two statements, and fewer garbage collections only while the import runs."""

from __future__ import annotations

import gc
import random
import sqlite3

import pytest
from pypinyin import lazy_pinyin

from app.db import nul_guard, search_index
from app.domain import text
from app.domain.records import ClientDraft
from app.services import client_transfer, clients, search
from app.services.collections_pace import FEWER, fewer_collections

ALPHABET = list("长沙银行重庆朝阳单县华信有限公司第号北京科技乐都会〇𠀀ａüǚńḿ")
ALPHABET += list("AbC 12-()（）·　\n\t.,，、")


def test_reading_run_by_run_gives_pypinyins_readings():
    rng = random.Random(11)
    texts = ["", "1", "北京华信", "华东北京医疗设备第12号有限公司", "ABC 华 12 信", "第 3 号"]
    texts += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 16))) for _ in range(3000)]
    for sample in texts:
        assert text._readings(sample) == lazy_pinyin(sample, errors="default"), sample


def test_names_that_differ_in_a_number_share_their_runs():
    text._run_readings.cache_clear()
    for number in range(1, 201):
        text.pinyin_keys(f"上海软件第{number}号有限公司")
    assert text._run_readings.cache_info().currsize == 2  # 上海软件第, 号有限公司
    assert text.pinyin_keys("上海软件第7号有限公司") == (
        "shang hai ruan jian di 7 hao you xian gong si",
        "shrjd7hyxgs",
    )


@pytest.mark.parametrize(
    "parameters, found",
    [
        ([("a", 1, None, 2.5, True)] * 3 + [("b\x00", 1)], True),
        ([("a", 1, None)] * 3, False),
        ({"x": "a", "y": [1, {"z": "\x00"}]}, True),
        ({"x": "a", "y": [1, {"z": "b"}]}, False),
        ((b"\x00", 3), False),  # bytes are not text
        ("\x00", True),
        (None, False),
    ],
)
def test_the_nul_check_finds_a_nul_anywhere_in_the_parameters(parameters, found):
    assert nul_guard._has_nul(parameters) is found


def test_a_reindexed_batch_replaces_the_old_documents(archive):
    one = clients.create_client(archive, ClientDraft("北京华信科技有限公司")).id
    two = clients.create_client(archive, ClientDraft("上海恒达电子有限公司")).id
    with archive.db.session() as session:
        docs = [
            search_index.Document("client", one, "北京华信科技", "北京华信科技", "bjhxkj"),
            search_index.Document("client", two, "上海恒达", "上海恒达", "shhd"),
        ]
        search_index.index_documents(session, docs)
    assert {hit.id for hit in search.search(archive, "华信")} == {one}
    assert {hit.id for hit in search.search(archive, "恒达")} == {two}
    assert not search.search(archive, "有限公司")  # the old titles are gone
    rows = _docs(archive)
    assert [kind for kind, _ in rows].count("client") == 2  # each client once
    assert [ref for _, ref in rows][-2:] == [one, two]  # in the batch's order, at the end


def _docs(archive) -> list[tuple[str, int]]:
    connection = sqlite3.connect(archive.path)
    try:
        return connection.execute("SELECT kind, ref_id FROM search_docs ORDER BY id").fetchall()
    finally:
        connection.close()


def test_collections_are_fewer_only_inside_the_block():
    before = gc.get_threshold()
    gc.set_threshold(700, *before[1:])
    try:
        with fewer_collections():
            assert gc.get_threshold()[0] == FEWER
        assert gc.get_threshold()[0] == 700
    finally:
        gc.set_threshold(*before)


def test_an_import_runs_with_fewer_collections(archive, tmp_path):
    source = tmp_path / "clients.csv"
    source.write_text("客户名称\n华信科技有限公司\n", encoding="utf-8")
    seen = []

    class Task:
        def cancelled(self) -> bool:
            seen.append(gc.get_threshold()[0])
            return False

        def progress(self, done: int, total: int) -> None:
            pass

    before = gc.get_threshold()
    gc.set_threshold(700, *before[1:])
    try:
        report = client_transfer.import_clients(archive, source, Task())
        assert gc.get_threshold()[0] == 700
    finally:
        gc.set_threshold(*before)
    assert report.imported == 1 and seen and set(seen) == {FEWER}
