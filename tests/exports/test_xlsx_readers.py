"""Workbooks are read by calamine (issue 11: 10,000 rows in a tenth of the time) and give exactly
the rows openpyxl gives, which stays the reader of what calamine cannot open."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from data.messy_clients import messy_clients_xlsx

from app.exports import spreadsheet


def openpyxl_rows(path, monkeypatch) -> list:
    monkeypatch.setattr(spreadsheet, "_calamine_rows", lambda *_args: None)
    rows = spreadsheet.read_table(path)
    monkeypatch.undo()
    return rows


def tricky_workbook(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B2"] = "名称"  # data starting at B2: rows and columns still count from A1
    sheet["C2"] = "数"
    sheet["D2"] = "日期"
    sheet["E2"] = "时间"
    sheet["F2"] = "文本"
    sheet.append([None, "甲", 13800138000, date(2026, 1, 2), datetime(2026, 1, 2, 13, 30), "a_x"])
    sheet.append([None, "乙", 1.5, datetime(2026, 1, 3), None, "=不是公式"])
    sheet.append([None, "丙", -7, None, None, "  空格  "])
    sheet.merge_cells("B6:B7")
    sheet["B6"] = "合并"
    sheet["C7"] = 7
    sheet.append([])
    book.create_sheet("第二").append(["不读"])
    book.save(path)
    return path


@pytest.mark.parametrize("make", [tricky_workbook, messy_clients_xlsx])
def test_calamine_gives_the_rows_openpyxl_gives(make, tmp_path, monkeypatch):
    path = make(tmp_path / "book.xlsx")
    assert spreadsheet._calamine_rows(path, path.name, {}) is not None  # the fast path is taken
    assert spreadsheet.read_table(path) == openpyxl_rows(path, monkeypatch)


def test_whole_numbers_dates_and_empty_cells_read_as_openpyxl_reads_them(tmp_path):
    rows = spreadsheet._calamine_rows(tricky_workbook(tmp_path / "b.xlsx"), "b.xlsx", {})
    assert rows[0] == []  # row 1 is empty: row numbers in messages stay the sheet's
    assert rows[1] == [None, "名称", "数", "日期", "时间", "文本"]
    assert rows[2] == [
        None,
        "甲",
        13800138000,
        date(2026, 1, 2),
        datetime(2026, 1, 2, 13, 30),
        "a_x",
    ]
    assert isinstance(rows[2][2], int)
    assert rows[3][:4] == [None, "乙", 1.5, date(2026, 1, 3)]
    assert rows[5][1] == rows[6][1] == "合并"  # carried down the merge


def test_a_file_calamine_cannot_read_goes_to_openpyxl_and_its_message(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert spreadsheet._calamine_rows(broken, broken.name, {}) is None
    with pytest.raises(Exception) as caught:
        spreadsheet.read_table(broken)
    assert getattr(caught.value, "code", "") in ("not_a_workbook", "unreadable")
