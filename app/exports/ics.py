"""iCalendar (.ics, RFC 5545) export of dated events for the user's calendar."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: datetime
    all_day: bool
    description: str = ""


# China keeps UTC+8 all year, so one STANDARD rule describes the zone completely.
_SHANGHAI = [
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Shanghai",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets are folded (continuation lines start with a space)."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > 74:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return out


def write_ics(events: Iterable[CalendarEvent], out: Path, stamp: datetime) -> int:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Sales Compass//销售罗盘//ZH",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:投标日程",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    count = 0
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp:%Y%m%dT%H%M%S}"]
        if event.all_day:
            lines += [
                f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
                f"DTEND;VALUE=DATE:{event.start + timedelta(days=1):%Y%m%d}",
            ]
        else:
            lines += [
                f"DTSTART;TZID=Asia/Shanghai:{event.start:%Y%m%dT%H%M%S}",
                f"DTEND;TZID=Asia/Shanghai:{event.start + timedelta(hours=1):%Y%m%dT%H%M%S}",
            ]
        lines.append(f"SUMMARY:{_escape(event.summary)}")
        if event.description:
            lines.append(f"DESCRIPTION:{_escape(event.description)}")
        lines += [
            "BEGIN:VALARM",
            "TRIGGER:-P1D",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(event.summary)}",
            "END:VALARM",
            "END:VEVENT",
        ]
        count += 1
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    out.write_text("\r\n".join(folded) + "\r\n", encoding="utf-8")
    return count
