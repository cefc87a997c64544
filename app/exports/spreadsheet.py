"""Reading and writing plain sheets: .xlsx (openpyxl) and .csv.

A sheet is a heading row plus data rows of cell values. Rows carry their spreadsheet row
number (the heading is row 1) so that whoever checks them can point at the right line. No
business rules here: the services decide what the cells mean."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.domain.blocks import ExtraSheet
from app.domain.errors import ValidationError
from app.exports import csv_input, xlsx_input
from app.exports.csv_input import FORMULA_TRIGGERS, escape_formula, unescape_formula
from app.safe_files import atomic_output

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)
SUPPORTED_SUFFIXES = XLSX_SUFFIXES + CSV_SUFFIXES
_DELIMITERS = (",", "\t", ";")
_WIDTH_SAMPLE_ROWS = 200
_MIN_WIDTH, _MAX_WIDTH = 8, 50
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_CELLS = 5_000_000  # 100,000 rows x 20 columns is 2,000,000
MAX_CSV_BYTES = 512 << 20
# What XML 1.0 (so .xlsx) cannot hold; openpyxl raises IllegalCharacterError on the first one,
# half-way through a write-only sheet, which spoils the whole file.
_NOT_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# ECMA-376 escapes a character as _xHHHH_ in cell text (Excel writes control characters so).
_X_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


@dataclass(frozen=True)
class Table:
    """A sheet as read: the heading cells and the data rows as (row number, cells)."""

    heading: tuple[object, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    # Rows that could not be read as rows: row number -> (column index or None, reason code):
    # 'unbalanced_quote' (a CSV line with a stray quote), 'merged_heading' (rows inside a
    # merged heading cell). Their cells are still given, as far as they could be read.
    bad_rows: dict[int, tuple[int | None, str]] = field(default_factory=dict)


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

    Raises ValidationError('file', code) with code 'unsupported_format', 'unreadable',
    'not_a_workbook', 'zip_bomb', 'too_many_cells', 'unknown_encoding' or 'xlsx_named_csv'."""
    path = Path(path)
    kind = file_format(path)
    if not path.is_file():
        raise ValidationError("file", "unreadable", value=str(path))
    bad_rows: dict[int, tuple[int | None, str]] = {}
    raw_rows = _read_xlsx(path, bad_rows) if kind == "xlsx" else _read_csv(path, bad_rows)
    heading: tuple[object, ...] = ()
    rows: list[tuple[int, tuple[object, ...]]] = []
    for number, cells in enumerate(raw_rows, start=1):
        if number == 1:
            heading = tuple(cells)
        else:
            rows.append((number, tuple(cells)))
    while rows and is_blank(rows[-1][1]) and rows[-1][0] not in bad_rows:
        rows.pop()
    return Table(heading, tuple(rows), bad_rows)


def _read_xlsx(path: Path, bad_rows: dict) -> list[list[object]]:
    """The first sheet's rows, values of merged cells carried down to every row they cover.

    The zip is checked before openpyxl reads it (bombs), and whatever else goes wrong inside a
    damaged file is one clear error, never a traceback."""
    name = path.name
    try:
        xlsx_input.check_zip(path)
    except xlsx_input.NotAWorkbook:
        raise ValidationError("file", "not_a_workbook", value=name) from None
    except xlsx_input.Bomb as bomb:
        size = f"{bomb.uncompressed / (1 << 30):.1f} GB" if bomb.uncompressed else "?"
        raise ValidationError("file", "zip_bomb", value=name, size=size) from None
    except OSError as exc:
        raise ValidationError("file", "unreadable", value=f"{name}: {exc}") from None
    fast = _calamine_rows(path, name, bad_rows)
    if fast is not None:
        return fast
    try:
        from openpyxl import load_workbook  # openpyxl loads when a workbook is read or written

        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise ValidationError("file", "unreadable", value=f"{name}: {exc}") from None
    except Exception:  # noqa: BLE001 - any damage inside the zip is "not a workbook"
        raise ValidationError("file", "not_a_workbook", value=name) from None
    try:
        if not workbook.worksheets:
            raise ValidationError("file", "not_a_workbook", value=name)
        sheet = workbook.worksheets[0]
        # The declared size is often wrong (whole formatted rows reach column XFD): trust the
        # cells themselves, or every row would be padded to 16,384 values.
        sheet.reset_dimensions()
        rows = _xlsx_rows(sheet, name)
        member = getattr(sheet, "_worksheet_path", None)
        if member:
            _carry_merged_values(rows, xlsx_input.merged_ranges(path, member), bad_rows)
        return rows
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - a damaged sheet (bad XML, CRC error, ...)
        raise ValidationError("file", "not_a_workbook", value=name) from None
    finally:
        workbook.close()


def _calamine_rows(path: Path, name: str, bad_rows: dict) -> list[list[object]] | None:
    """The first sheet read by calamine (Rust; 10,000 rows in 0.13 s where openpyxl takes
    2.5 s), in the same values openpyxl gives: None for an empty cell, whole numbers as int,
    a date for a midnight date, rows numbered from A1. None when calamine cannot read the file:
    openpyxl then reads it, or says what is wrong with it."""
    try:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(str(path))
        if not workbook.sheet_names:
            return None
        sheet = workbook.get_sheet_by_index(0)
        if sheet.height * sheet.width > MAX_CELLS:
            return None  # openpyxl streams it and counts the cells really there
        rows: list[list[object]] = []
        for raw in sheet.to_python(skip_empty_area=False):  # from A1, as the sheet numbers rows
            values = [_calamine_value(v) for v in raw]
            while values and values[-1] is None:
                values.pop()
            rows.append(values)
        if len(rows) > MAX_ROWS:
            raise ValidationError("file", "too_many_cells", value=name, limit=f"{MAX_CELLS:,}")
        merges = [
            (top_left[1] + 1, top_left[0] + 1, bottom_right[1] + 1, bottom_right[0] + 1)
            for top_left, bottom_right in (sheet.merged_cell_ranges or ())
        ]
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - anything calamine cannot read goes to openpyxl
        return None
    _carry_merged_values(rows, merges, bad_rows)
    return rows


def _calamine_value(value: object) -> object:
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # openpyxl gives the whole numbers of a sheet as int
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value  # text comes with Excel's _xHHHH_ escapes decoded by calamine


def _xlsx_rows(sheet, name: str) -> list[list[object]]:
    rows: list[list[object]] = []
    cells = 0
    for row in sheet.iter_rows(values_only=True):
        values = [_xlsx_value(v) for v in row]
        while values and values[-1] is None:
            values.pop()
        cells += len(values)
        rows.append(values)
        if cells > MAX_CELLS or len(rows) > MAX_ROWS:
            raise ValidationError("file", "too_many_cells", value=name, limit=f"{MAX_CELLS:,}")
    return rows


def _carry_merged_values(
    rows: list[list[object]], merges: Iterable[tuple[int, int, int, int]], bad_rows: dict
) -> None:
    """A value merged over several rows belongs to each of them (as the sheet shows it). Rows
    covered by a merged heading cell are no data rows: they are marked 'merged_heading'."""
    for min_col, min_row, _max_col, max_row in merges:
        if max_row <= min_row:
            continue  # across columns only: the value is in its first column already
        last = min(max_row, MAX_ROWS)
        while len(rows) < last:
            rows.append([])
        if min_row == 1:
            for number in range(2, last + 1):
                bad_rows.setdefault(number, (min_col - 1, "merged_heading"))
            continue
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for number in range(min_row + 1, last + 1):
            row = rows[number - 1]
            if len(row) < min_col:
                row.extend([None] * (min_col - len(row)))
            row[min_col - 1] = value


def _xlsx_value(value: object) -> object:
    """A real Excel date stays a date; a midnight datetime is the date people typed. Text has
    Excel's _xHHHH_ escapes decoded (how Excel stores a control character; "_x005F_" is '_')."""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, str) and "_x" in value:
        return _X_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value


def _read_csv(path: Path, bad_rows: dict) -> list[list[object]]:
    """Rows of a CSV in any encoding csv_input can tell; a line with a stray quote is a row of
    its own, marked 'unbalanced_quote'. Our own formula escapes are taken off."""
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise ValidationError("file", "too_many_cells", value=path.name, limit=f"{MAX_CELLS:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError("file", "unreadable", value=f"{path.name}: {exc}") from None
    if data.startswith(b"PK\x03\x04"):
        raise ValidationError("file", "xlsx_named_csv", value=path.name)
    try:
        text, _encoding = csv_input.decode_text(data)
    except csv_input.UnknownEncoding:
        raise ValidationError("file", "unknown_encoding", value=path.name) from None
    delimiter = _sniff_delimiter(text)
    rows: list[list[object]] = []
    for number, record in enumerate(csv_input.read_records(text, delimiter), start=1):
        if record.bad_column is not None:
            bad_rows[number] = (record.bad_column, "unbalanced_quote")
        rows.append([unescape_formula(cell) if cell != "" else None for cell in record.cells])
    return rows


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
    kind: str | None = None,
) -> int:
    """Writes heading + rows as .xlsx or .csv (by suffix); returns the number of data rows.

    xlsx: bold, frozen heading row, column widths fitted to the first rows, real dates.
    csv: UTF-8 with a BOM so that Excel shows Chinese correctly; dates as YYYY-MM-DD.

    `kind` ('xlsx' or 'csv') overrides the suffix. The file appears under its name only when
    it is complete (app.safe_files.atomic_output). Text never becomes a live formula: in .xlsx it
    is a text cell, in .csv it gets a leading apostrophe (csv_input.escape_formula); characters
    XML cannot hold are left out of .xlsx rather than spoiling the file."""
    path = Path(path)
    kind = kind or file_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as tmp:
        if kind == "csv":
            return _write_csv(tmp, heading, rows)
        return _write_xlsx(tmp, heading, rows, sheet_title, extra_sheets)


def _write_csv(path: Path, heading: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([_csv_text(v) for v in heading])
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
    if isinstance(value, str):
        return escape_formula(_NOT_IN_XLSX.sub("", value))
    return str(value)


def _write_xlsx(
    path: Path,
    heading: Sequence[str],
    rows: Iterable[Sequence[object]],
    sheet_title: str,
    extra_sheets: Sequence[ExtraSheet],
) -> int:
    from openpyxl import Workbook

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
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows = iter(rows)
    sample = [tuple(r) for _, r in zip(range(_WIDTH_SAMPLE_ROWS), rows, strict=False)]
    for index, width in enumerate(_column_widths(heading, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_bold_cell(sheet, text, bold) for text in heading])
    count = 0
    for row in _chain(sample, rows):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    return count


def _xlsx_cell(sheet, value: object) -> object:
    """Text as a text cell (never a formula), without the characters XML cannot hold."""
    if not isinstance(value, str):
        return value
    value = _NOT_IN_XLSX.sub("", value)
    if "_x" in value:  # text that reads like an escape is escaped itself (its '_' as _x005F_)
        value = _X_ESCAPE.sub(lambda m: "_x005F" + m.group(0), value)
    if not value.startswith(FORMULA_TRIGGERS):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl takes '=...' for a formula
    cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return cell


def _bold_cell(sheet, text: object, font: object) -> object:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell

    cell = _xlsx_cell(sheet, text)
    if not isinstance(cell, Cell):
        cell = WriteOnlyCell(sheet, value=cell)
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
