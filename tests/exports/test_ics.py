"""The .ics calendar checked against RFC 5545: the time zone defined, DTSTAMP in UTC, CRLF line
endings, lines folded at 75 octets without splitting a character, TEXT values escaped."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from app.exports.ics import CalendarEvent, escape_text, fold, write_ics

STAMP = datetime(2026, 11, 26, 10, 30, tzinfo=timezone(timedelta(hours=8)))


def _write(tmp_path, *events: CalendarEvent) -> bytes:
    out = tmp_path / "t.ics"
    assert write_ics(events, out, STAMP) == len(events)
    return out.read_bytes()


def _unfold(raw: bytes) -> list[str]:
    return raw.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def test_timed_event_defines_its_time_zone_and_stamps_in_utc(tmp_path):
    raw = _write(
        tmp_path,
        CalendarEvent(
            "a@sales-compass", "投标截止/开标：项目A", datetime(2026, 12, 10, 9, 30), False
        ),
    )
    lines = _unfold(raw)
    assert "DTSTART;TZID=Asia/Shanghai:20261210T093000" in lines
    begin, end = lines.index("BEGIN:VTIMEZONE"), lines.index("END:VTIMEZONE")
    zone = lines[begin:end]
    assert "TZID:Asia/Shanghai" in zone and "TZOFFSETTO:+0800" in zone
    assert begin < lines.index("BEGIN:VEVENT")  # defined before it is used
    assert "DTSTAMP:20261126T023000Z" in lines
    assert all(
        re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in lines if line.startswith("DTSTAMP")
    )


def test_naive_stamp_is_local_time_converted_to_utc(tmp_path):
    naive = datetime(2026, 11, 26, 10, 30)
    out = tmp_path / "t.ics"
    write_ics([CalendarEvent("u", "x", datetime(2026, 12, 1), True)], out, naive)
    expected = naive.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTAMP:{expected}" in _unfold(out.read_bytes())


def test_all_day_events_only_need_no_time_zone(tmp_path):
    raw = _write(tmp_path, CalendarEvent("b", "保证金退还", datetime(2026, 12, 1), True))
    lines = _unfold(raw)
    assert "DTSTART;VALUE=DATE:20261201" in lines and "DTEND;VALUE=DATE:20261202" in lines
    assert "BEGIN:VTIMEZONE" not in lines


def test_crlf_line_endings_and_folding_at_75_octets(tmp_path):
    long_text = "某市政务服务中心智慧政务平台建设项目(二期),含服务器;存储\\备份" * 4
    raw = _write(
        tmp_path,
        CalendarEvent("c", long_text, datetime(2026, 12, 10, 9, 30), False, long_text),
    )
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # no bare LF
    assert b"\r" not in raw.replace(b"\r\n", b"")  # no bare CR
    physical = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) <= 75
    assert any(len(line) >= 73 for line in physical)  # long lines are filled, not cut short
    for line in physical:
        line.decode("utf-8")  # a character is never split between two lines
    assert f"SUMMARY:{escape_text(long_text)}" in _unfold(raw)


def test_text_escaping():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_fold_counts_octets_not_characters():
    line = "SUMMARY:" + "投" * 30  # 8 + 90 octets
    parts = fold(line)
    assert [len(p.encode()) for p in parts] == [74, 25]  # 74: the next character needs 3
    assert parts[1].startswith(" ") and "".join(p.lstrip(" ") for p in parts) == line
    assert fold("X" * 75) == ["X" * 75]
    assert fold("X" * 76) == ["X" * 75, " X"]
