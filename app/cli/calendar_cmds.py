"""calendar: the holiday calendar every deadline, plan and report counts working days by.

`calendar set/clear` enter or take back days from the State Council's notice (国务院办公厅关于
某年部分节假日安排的通知); `calendar import` reads them from a CSV file; `calendar show` lists a
year's holidays and make-up days with where each comes from."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import command, lang, print_json
from app.domain.errors import ValidationError
from app.domain.typography import chinese_punctuation
from app.services import holiday_calendar
from app.services.archive import Archive

SOURCE_EN = {"官方(库)": "published (library)", "已录入": "entered", "法定推算": "statutory"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "calendar", help="holiday calendar (节假日): days from the State Council's notice"
    )
    sub = parser.add_subparsers(dest="calendar_cmd", metavar="ACTION", required=True)
    p = command(
        sub, "set", _set, "enter days from the notice as days off (休) or working days (班)"
    )
    p.add_argument("days", metavar="DATE[..DATE]", help="e.g. 2027-02-05..2027-02-11")
    kind = p.add_mutually_exclusive_group(required=True)
    kind.add_argument("--off", dest="off", action="store_true", help="休: a day off")
    kind.add_argument("--work", dest="off", action="store_false", help="班: a make-up working day")
    p.add_argument("--name", default="", help="e.g. 春节")
    p = command(
        sub, "clear", _clear, "take entered days back out (the library/statutory rule counts again)"
    )
    p.add_argument("days", metavar="DATE[..DATE]")
    p = command(
        sub, "import", _import, "enter days from a CSV file: date, 休/班, name (header optional)"
    )
    p.add_argument("file", type=Path, metavar="FILE.csv")
    p = command(
        sub,
        "show",
        _show,
        "a year's holidays and make-up days, and working days per month",
        writes=False,
    )
    p.add_argument("year", metavar="YYYY")
    p.add_argument("--json", action="store_true")


def _set(args: argparse.Namespace, archive: Archive) -> int:
    first, last = holiday_calendar.set_days(archive, args.days, args.off, args.name)
    count = (last - first).days + 1
    kind = ("off" if args.off else "working") if lang() == "en" else ("休" if args.off else "班")
    if lang() == "en":
        print(f"Entered {count} day(s) {first}..{last} as {kind} days")
    else:
        print(f"已录入 {first} 至 {last} 共 {count} 天：{kind}")
    return 0


def _clear(args: argparse.Namespace, archive: Archive) -> int:
    removed = holiday_calendar.clear_days(archive, args.days)
    print(f"Removed {removed} entered day(s)" if lang() == "en" else f"已删除录入的 {removed} 天")
    return 0


def _import(args: argparse.Namespace, archive: Archive) -> int:
    count = holiday_calendar.import_csv(archive, args.file)
    print(f"Entered {count} day(s)" if lang() == "en" else f"已录入 {count} 天")
    return 0


def _show(args: argparse.Namespace, archive: Archive) -> int:
    if not str(args.year).isdigit():
        raise ValidationError("calendar_year", "calendar_bad_year", value=str(args.year))
    year = holiday_calendar.year_calendar(archive, int(args.year))
    if args.json:
        print_json(_json(year))
        return 0
    english = lang() == "en"
    if english:
        print(f"{year.year}: {'published' if year.published else 'make-up days not announced'}")
    else:
        print(f"{year.year}年 {year.status}")
    for d in year.days:
        kind = ("off" if d.off else "work") if english else ("休" if d.off else "班")
        source = SOURCE_EN[d.source.value] if english else chinese_punctuation(d.source.value)
        print(
            f"{d.day:%Y-%m-%d} {'一二三四五六日'[d.day.weekday()]} {kind} {d.name or '-'} {source}"
        )
    months = "  ".join(f"{m.month}月 {m.working_days}" for m in year.months)
    print(("Working days: " if english else "工作日：") + months + f"  ({year.working_days})")
    return 0


def _json(year: holiday_calendar.YearCalendar) -> dict:
    return {
        "year": year.year,
        "published": year.published,
        "status": year.status,
        "days": [
            {
                "date": d.day,
                "kind": "休" if d.off else "班",
                "off": d.off,
                "name": d.name,
                "source": d.source.value,
            }
            for d in year.days
        ],
        "working_days": {f"{year.year}-{m.month:02d}": m.working_days for m in year.months},
        "working_days_total": year.working_days,
    }
