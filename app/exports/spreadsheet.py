"""Reading and writing plain sheets: .xlsx (openpyxl) and .csv.

A sheet is a heading row plus data rows of cell values. Rows carry their spreadsheet row
number (the heading is row 1) so that whoever checks them can point at the right line. No
business rules here: the services decide what the cells mean."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from app.domain.errors import ValidationError

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)
SUPPORTED_SUFFIXES = XLSX_SUFFIXES + CSV_SUFFIXES
_DELIMITERS = (",", "\t", ";")
_WIDTH_SAMPLE_ROWS = 200
_MIN_WIDTH, _MAX_WIDTH = 8, 50


@dataclass(frozen=True)
class Table:
    """A sheet as read: the heading cells and the data rows as (row number, cells)."""

    heading: tuple[object, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]


@dataclass(frozen=True)
class ExtraSheet:
    """A further sheet written after the data (instructions, for instance)."""

    title: str
    heading: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def file_format(path: Path) -> str:
    """'xlsx' or 'csv' by suffix; anything else raises ValidationError('file', 'unsupported_format')."""
    suffix = Path(path).suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix in CSV_SUFFIXES:
        return "csv"
    raise ValidationError("file", "unsupported_format", value=suffix or Path(path).name)


def is_blank(cells: Sequence[object]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def read_table(path: Path) -> Table:
    """The first sheet of an .xlsx, or a .csv, as a Table. Trailing blank rows are dropped.

    Raises ValidationError('file', 'unsupported_format' | 'unreadable')."""
    path = Path(path)
    kind = file_format(path)
    if not path.is_file():
        raise ValidationError("file", "unreadable", value=str(path))
    raw_rows = _read_xlsx(path) if kind == "xlsx" else _read_csv(path)
    heading: tuple[object, ...] = ()
    rows: list[tuple[int, tuple[object, ...]]] = []
    for number, cells in enumerate(raw_rows, start=1):
        if number == 1:
            heading = tuple(cells)
        else:
            rows.append((number, tuple(cells)))
    while rows and is_blank(rows[-1][1]):
        rows.pop()
    return Table(heading, tuple(rows))


def _read_xlsx(path: Path) -> list[list[object]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError("file", "unreadable", value=f"{path.name}: {exc}") from None
    try:
        sheet = workbook.worksheets[0]
        # The declared size is often wrong (whole formatted rows reach column XFD): trust the
        # cells themselves, or every row would be padded to 16,384 values.
        sheet.reset_dimensions()
        return [[_xlsx_value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _xlsx_value(value: object) -> object:
    """A real Excel date stays a date; a midnight datetime is the date people typed."""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value


def _read_csv(path: Path) -> list[list[object]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError("file", "unreadable", value=f"{path.name}: {exc}") from None
    text = _decode(data, path)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [[cell if cell != "" else None for cell in row] for row in reader]
    except csv.Error as exc:
        raise ValidationError("file", "unreadable", value=f"{path.name}: {exc}") from None


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) first, then GB18030, which older Chinese Excel writes."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("file", "unreadable", value=f"{path.name}: unknown text encoding")


def _sniff_delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def write_table(
    path: Path,
    heading: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    sheet_title: str = "Sheet1",
    extra_sheets: Sequence[ExtraSheet] = (),
) -> int:
    """Writes heading + rows as .xlsx or .csv (by suffix); returns the number of data rows.

    xlsx: bold, frozen heading row, column widths fitted to the first rows, real dates.
    csv: UTF-8 with a BOM so that Excel shows Chinese correctly; dates as YYYY-MM-DD."""
    path = Path(path)
    kind = file_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "csv":
        return _write_csv(path, heading, rows)
    return _write_xlsx(path, heading, rows, sheet_title, extra_sheets)


def _write_csv(path: Path, heading: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(heading)
        for row in rows:
            writer.writerow([_csv_text(v) for v in row])
            count += 1
    return count


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_xlsx(
    path: Path,
    heading: Sequence[str],
    rows: Iterable[Sequence[object]],
    sheet_title: str,
    extra_sheets: Sequence[ExtraSheet],
) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    count = _fill_sheet(sheet, heading, rows)
    for extra in extra_sheets:
        _fill_sheet(workbook.create_sheet(extra.title), extra.heading, list(extra.rows))
    workbook.save(path)
    return count


def _chain(sample: list[tuple], rest: Iterator) -> Iterator[tuple]:
    yield from sample
    for row in rest:
        yield tuple(row)


def _fill_sheet(sheet, heading: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Sets widths (from the heading and the first rows), freezes and bolds the heading."""
    rows = iter(rows)
    sample = [tuple(r) for _, r in zip(range(_WIDTH_SAMPLE_ROWS), rows, strict=False)]
    for index, width in enumerate(_column_widths(heading, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_bold_cell(sheet, text, bold) for text in heading])
    count = 0
    for row in _chain(sample, rows):
        sheet.append(list(row))
        count += 1
    return count


def _bold_cell(sheet, text: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = font
    return cell


def _column_widths(heading: Sequence[str], sample: Sequence[Sequence[object]]) -> list[float]:
    widths = []
    for index, title in enumerate(heading):
        longest = _display_width(title)
        for row in sample:
            if index < len(row):
                longest = max(longest, _display_width(_csv_text(row[index])))
        widths.append(min(_MAX_WIDTH, max(_MIN_WIDTH, longest + 2)))
    return widths


def _display_width(text: object) -> int:
    """Chinese characters take two columns in Excel's width unit."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text or ""))
