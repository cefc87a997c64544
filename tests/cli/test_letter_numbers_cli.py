"""A 收文号 or 发文字号 typed by hand names one letter: `letters add --number` with a number
another letter (or, for a 发文, a document) holds is refused with the field named, and the
archive is left as it was; the next number given by the counter skips one typed ahead."""

from __future__ import annotations

import sqlite3

from cli_runner import new_archive, run_on


def _letters(db) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT direction, number, title FROM letters ORDER BY id"
        ).fetchall()


def _add(db, direction: str, title: str, *extra: str):
    return run_on(
        db, "letters", "add", direction, "--title", title, "--counterpart", "华信科技", *extra
    )


def test_a_typed_incoming_number_held_by_another_letter_is_refused(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    first = _add(db, "--incoming", "关于对账的函", "--date", "2026-03-02")
    assert first.returncode == 0, first.stderr
    before = _letters(db)
    number = before[0][1]

    again = _add(db, "--incoming", "关于发票的函", "--number", number)

    assert again.returncode != 0
    assert "Traceback" not in again.stderr
    assert f"收文号/发文字号：“{number}”已被另一件函件或文书使用" in again.stderr
    assert _letters(db) == before
    outgoing = _add(db, "--outgoing", "复函", "--number", number)  # the other register
    assert outgoing.returncode == 0, outgoing.stderr


def test_a_typed_outgoing_number_held_by_another_letter_is_refused(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    assert _add(db, "--outgoing", "报价函", "--number", "华信函〔2026〕7号").returncode == 0
    before = _letters(db)

    again = _add(db, "--outgoing", "催款函", "--number", "华信函〔2026〕7号")

    assert again.returncode != 0
    assert "“华信函〔2026〕7号”已被另一件函件或文书使用" in again.stderr
    assert _letters(db) == before


def test_the_next_incoming_number_skips_one_typed_ahead(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    typed = _add(db, "--incoming", "来函一", "--date", "2026-03-02", "--number", "收〔2026〕1号")
    assert typed.returncode == 0, typed.stderr

    counted = _add(db, "--incoming", "来函二", "--date", "2026-03-03")

    assert counted.returncode == 0, counted.stderr
    assert [n for _d, n, _t in _letters(db)] == ["收〔2026〕1号", "收〔2026〕2号"]


def test_refusals_of_the_letters_command_use_chinese_punctuation(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    missing = tmp_path / "没有的扫描件.pdf"

    no_scan = _add(db, "--incoming", "来函", "--scan", missing)
    wrong_way = _add(db, "--incoming", "来函", "--answers", "1")

    assert no_scan.returncode == 1 and f"文件不存在：{missing}" in no_scan.stderr
    assert wrong_way.returncode != 0 and "只用于发文（--outgoing）" in wrong_way.stderr
    assert _letters(db) == []
