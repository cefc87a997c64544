"""iCalendar (.ics, RFC 5545) export of dated events for the user's calendar.

Times of day are Beijing time (DTSTART;TZID=Asia/Shanghai with the zone's VTIMEZONE), DTSTAMP is
UTC, lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character, and
text values escape backslash, semicolon, comma and line breaks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.safe_files import atomic_output

TZID = "Asia/Shanghai"
MAX_OCTETS = 75  # per line, the CRLF not counted (RFC 5545 3.1)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: datetime  # naive, Beijing time
    all_day: bool
    description: str = ""


# China keeps UTC+8 all year, so one STANDARD rule describes the zone completely.
_SHANGHAI = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): \\ ; , escaped, any line break as \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> list[str]:
    """A content line cut into lines of at most 75 octets (continuations start with a space),
    never inside a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        octets = len(ch.encode("utf-8"))
        if size + octets > MAX_OCTETS:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += octets
    out.append(current)
    return out


def utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC ('...Z'); a naive moment is the computer's local time."""
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def write_ics(events: Iterable[CalendarEvent], out: Path, stamp: datetime) -> int:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Sales Compass//销售罗盘//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:投标日程",
        f"X-WR-TIMEZONE:{TZID}",
    ]
    body: list[str] = []
    count = 0
    timed = False
    for event in events:
        body += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{utc_stamp(stamp)}"]
        if event.all_day:
            body += [
                f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
                f"DTEND;VALUE=DATE:{event.start + timedelta(days=1):%Y%m%d}",
            ]
        else:
            timed = True
            body += [
                f"DTSTART;TZID={TZID}:{event.start:%Y%m%dT%H%M%S}",
                f"DTEND;TZID={TZID}:{event.start + timedelta(hours=1):%Y%m%dT%H%M%S}",
            ]
        body.append(f"SUMMARY:{escape_text(event.summary)}")
        if event.description:
            body.append(f"DESCRIPTION:{escape_text(event.description)}")
        body += [
            "BEGIN:VALARM",
            "TRIGGER:-P1D",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(event.summary)}",
            "END:VALARM",
            "END:VEVENT",
        ]
        count += 1
    if timed:  # every TZID used must be defined in the same calendar (RFC 5545 3.2.19)
        lines += _SHANGHAI
    lines += body
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in fold(line)]
    with atomic_output(out) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write("\r\n".join(folded) + "\r\n")
    return count
