"""The holiday calendar is built from its stored rows in one place (calendar_from_rows), so the
calendar command, the tender deadlines and the monthly report count the same days."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from app.domain.working_days import OFF, WORK, calendar_from_rows

APP = Path(__file__).resolve().parents[2] / "app"


def test_rows_become_days_off_and_make_up_working_days():
    cal = calendar_from_rows([(date(2031, 2, 3), OFF, "春节"), (date(2031, 2, 8), WORK, "春节")])
    assert [(d.day, d.off, d.name) for d in cal.entered] == [
        (date(2031, 2, 3), True, "春节"),
        (date(2031, 2, 8), False, "春节"),
    ]
    assert not cal.is_workday(date(2031, 2, 3))  # a Monday off
    assert cal.is_workday(date(2031, 2, 8))  # a Saturday worked


def test_no_other_module_turns_rows_into_entered_days():
    building = re.compile(r"EnteredDay\([^)]*kind\s*==")
    places = [
        str(path.relative_to(APP))
        for path in APP.rglob("*.py")
        if building.search(path.read_text(encoding="utf-8"))
    ]
    assert places == ["domain/working_days.py"]
