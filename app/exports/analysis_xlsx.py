"""An analysis view as .xlsx: the rows on the first sheet (money as numbers with two decimals,
real dates, frozen heading), the key figures on a second sheet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMATS = {"money": "#,##0.00", "percent": "0.0", "days": "0.0", "int": "0", "date": "yyyy-mm-dd"}
WIDTHS = {"money": 16, "percent": 11, "days": 11, "int": 10, "date": 12}


def write_analysis(
    path: Path,
    *,
    title: str,
    period: str,
    columns: Sequence[tuple[str, str]],  # (label, kind)
    rows: Sequence[Sequence[object]],
    summary: Sequence[tuple[str, str]],
    parts: Sequence[tuple[str, Sequence[tuple[str, str]], Sequence[Sequence[object]]]] = (),
) -> int:
    """Writes the workbook and returns the number of data rows (of the first sheet); each of
    `parts` (title, columns, rows) is a sheet of its own after it."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    bold = Font(bold=True)
    count = _fill(sheet, columns, rows, bold)
    for part_title, part_columns, part_rows in parts:
        _fill(book.create_sheet(part_title[:31]), part_columns, part_rows, bold)
    info = book.create_sheet("说明")
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 60
    info.append([_bold(info, title, bold), period])
    for label, value in summary:
        info.append([label, value])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    book.save(tmp)
    tmp.replace(path)
    return count


def _fill(sheet, columns, rows, bold: Font) -> int:
    """The heading and the rows of one sheet; returns the number of rows."""
    sheet.freeze_panes = "A2"
    for i, (label, kind) in enumerate(columns):
        letter = _letter(i)
        sheet.column_dimensions[letter].width = WIDTHS.get(kind, max(12, len(label) * 2 + 2))
    sheet.append([_bold(sheet, label, bold) for label, _ in columns])
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, v, kind) for v, (_, kind) in zip(row, columns, strict=False)])
        count += 1
    return count


def _letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _bold(sheet, text: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = font
    return cell


def _cell(sheet, value: object, kind: str) -> object:
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = float(value) if kind in ("percent", "days") else value
    if isinstance(value, (Decimal, int, float, date)) and kind in FORMATS:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = FORMATS[kind]
        return cell
    return value
