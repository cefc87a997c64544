"""The tender calendar (.ics) as Outlook, Apple Calendar or WPS shows it: our own words in Chinese
punctuation (投标截止/开标：…, 项目编号 …；采购人 …, （调休未公布，按法定假日推算）, 依据：…), the
project's title, number and purchaser as they were entered (as the window and the command line
show them), and the file read back through RFC 5545 unfolding and unescaping."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.tenders import TenderDraft
from app.domain.typography import is_chinese
from app.services import tenders

pytestmark = pytest.mark.both_backends

TITLE = "智慧政务平台(二期),含服务器;存储"  # as typed on an English keyboard: kept as entered


def _read_back(raw: bytes) -> list[dict[str, str]]:
    """Each VEVENT's SUMMARY and DESCRIPTION, unfolded (RFC 5545 3.1) and unescaped (3.3.11)."""
    lines = raw.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")
    events: list[dict[str, str]] = []
    in_alarm = False
    for line in lines:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            events.append({})
        in_alarm = line == "BEGIN:VALARM" or (in_alarm and line != "END:VALARM")
        if name in ("SUMMARY", "DESCRIPTION") and events and not in_alarm:
            events[-1][name] = _unescape(value)
    return events


def _unescape(value: str) -> str:
    out, chars = [], iter(value)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            assert ch not in ";,", value  # an unescaped ASCII separator would cut the value
            out.append(ch)
    return "".join(out)


def _ascii_beside_chinese(text: str, mark: str) -> bool:
    return any(
        ch == mark and (is_chinese(text[i - 1 : i]) or is_chinese(text[i + 1 : i + 2]))
        for i, ch in enumerate(text)
    )


def test_the_calendar_reads_in_chinese_punctuation(archive, tmp_path):
    # Award Wed 2026-12-30: the challenge period runs into 2027, whose 调休 is not published.
    tenders.create_tender(
        archive,
        TenderDraft(
            title=TITLE,
            number="ZB-2026,001",
            purchaser_name="某市政务服务中心",
            bid_deadline=datetime(2026, 12, 10, 9, 30),
            award_notice_on=date(2026, 12, 30),
        ),
    )
    out = tmp_path / "投标日程.ics"
    tenders.export_ics(archive, out)
    raw = out.read_bytes()
    events = {e["SUMMARY"].partition("：")[0]: e for e in _read_back(raw)}

    deadline = events["投标截止/开标"]
    assert deadline["SUMMARY"] == f"投标截止/开标：{TITLE}"
    assert deadline["DESCRIPTION"] == "项目编号 ZB-2026,001；采购人 某市政务服务中心"
    assert "项目编号 ZB-2026\\,001；采购人" in raw.decode("utf-8")  # ； needs no escape
    challenge = events["质疑截止"]["DESCRIPTION"].split("\n")
    assert challenge[1] == "（调休未公布，按法定假日推算）"
    assert challenge[2].startswith("依据：财政部令第94号《政府采购质疑和投诉办法》第十条：")
    for event in events.values():
        ours = event["DESCRIPTION"].replace("ZB-2026,001", "") + event["SUMMARY"].replace(TITLE, "")
        for mark in ",:;()":
            assert not _ascii_beside_chinese(ours, mark), (mark, ours)

    physical = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) <= 75  # octets, the CRLF not counted
    for line in physical:
        line.decode("utf-8")  # a folded line never splits a character


def test_a_tender_without_a_number_names_its_purchaser_only(archive, tmp_path):
    tenders.create_tender(
        archive,
        TenderDraft(
            title="项目A", purchaser_name="采购中心", bid_deadline=datetime(2026, 12, 10, 9, 30)
        ),
    )
    out = tmp_path / "t.ics"
    assert tenders.export_ics(archive, out) == 1
    [event] = _read_back(out.read_bytes())
    assert event == {"SUMMARY": "投标截止/开标：项目A", "DESCRIPTION": "采购人 采购中心"}
