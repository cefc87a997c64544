"""Revision 0022: the pinyin initials of every reading for the clients already on file."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from app.db import archive_file
from app.services import search
from app.services.archive import open_archive

NOW = datetime(2026, 12, 6, 9, 0)
STAMP = "2026-11-01 09:00:00.000000"


def _archive_at_0021(path) -> None:
    archive_file.migrate(path, target="0021")
    conn = sqlite3.connect(path)
    with conn:
        for cid, name, sort_key, initials in (
            (
                1,
                "朝阳长城贸易有限公司",
                "chao yang zhang cheng mao yi you xian gong si",
                "cyzcmyyxgs",
            ),
            (2, "单县华达电子", "dan xian hua da dian zi", "dxhddz"),
        ):
            conn.execute(
                "INSERT INTO clients (id, name, name_key, sort_key, initials, tier,"
                " is_key_account, status, created_on, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, 'A', 1, '合作中', '2025-01-02', ?, ?)",
                (cid, name, name, sort_key, initials, STAMP, STAMP),
            )
    conn.close()


def _initials(path) -> dict[int, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT id, initials FROM clients ORDER BY id"))
    finally:
        conn.close()


def test_upgrade_spells_every_reading_and_the_index_finds_them(tmp_path):
    path = tmp_path / "old.sqlite3"
    _archive_at_0021(path)
    archive = open_archive(path, clock=lambda: NOW)
    try:
        stored = _initials(path)
        # 朝 cháo/zhāo, 长 zhǎng/cháng (the name's own reading first), 单 dān/chán/shàn
        assert set(stored[1].split()) == {"cyzcmyyxgs", "zyzcmyyxgs", "cyccmyyxgs", "zyccmyyxgs"}
        assert stored[2].split() == ["dxhddz", "cxhddz", "sxhddz"]
        for typed in ("cyzc", "zycc", "cycc", "zyzc"):
            assert [h.id for h in search.search(archive, typed) if h.kind == "client"] == [1]
        for typed in ("dx", "sx", "cxhd"):
            assert [h.id for h in search.search(archive, typed) if h.kind == "client"] == [2]
        # spellings are kept apart: 单县's 'dx cx' holds no 'xc'
        assert not [h for h in search.search(archive, "xc") if h.kind == "client"]
    finally:
        archive.close()


def test_downgrade_keeps_the_usual_reading(tmp_path):
    path = tmp_path / "old.sqlite3"
    _archive_at_0021(path)
    open_archive(path, clock=lambda: NOW).close()
    upgraded = _initials(path)
    archive_file.downgrade(path, "0021")
    # the usual reading, first of the spellings (pypinyin reads this name zhāo yáng cháng chéng)
    assert _initials(path) == {1: upgraded[1].split()[0], 2: "dxhddz"}
    assert upgraded[1].split()[0] == "zyccmyyxgs"
    conn = sqlite3.connect(path)
    try:
        spellings = conn.execute("SELECT initials FROM search_docs WHERE initials LIKE '% %'")
        assert spellings.fetchall() == []
    finally:
        conn.close()


def test_the_rule_written_in_the_revision_spells_as_when_it_landed():
    """0022 carries its own spelling rule (no import of the app's live text functions): it
    spells every captured name as the app did when the revision landed."""
    import importlib.util
    import json
    from pathlib import Path

    found = sorted((archive_file.MIGRATIONS / "versions").glob("0022_*.py"))
    spec = importlib.util.spec_from_file_location("revision_0022", found[0])
    revision = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(revision)
    captured = Path(__file__).parent.parent / "data" / "revision_0022_initials.json"
    expected = json.loads(captured.read_text(encoding="utf-8"))
    assert len(expected) > 800
    assert {name: revision.pinyin_initials(name) for name in expected} == expected
