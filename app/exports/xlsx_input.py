"""Checks on an .xlsx before and beside openpyxl: the zip bomb guard and the merged cells.

An .xlsx is a zip of XML files. A few megabytes can declare gigabytes of XML (a "zip bomb");
openpyxl would read them all, so the declared sizes are checked first (the zip module never
inflates a member past its declared size, so the declaration bounds the work). openpyxl's
read-only mode, the one that reads large sheets in little memory, does not report merged cells:
they are read here from the sheet's own XML (`<mergeCell ref="A2:A4"/>`)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

# Legit workbooks: 100,000 rows x 20 columns of text is ~120 MB of sheet XML (inline strings)
# at a compression ratio of ~13; very repetitive sheets reach ~25. A bomb inflates ~1,000 times.
MAX_TOTAL_UNCOMPRESSED = 1 << 30  # 1 GiB of XML: far more than any client list
MAX_RATIO = 100  # uncompressed / compressed, for a member larger than RATIO_FLOOR
RATIO_FLOOR = 10 << 20  # small members may compress as well as they like
MAX_MEMBERS = 10_000


class NotAWorkbook(ValueError):
    """Not a zip, or a damaged one."""


class Bomb(ValueError):
    """The zip declares more than a workbook can sensibly hold."""

    def __init__(self, uncompressed: int, compressed: int):
        super().__init__(uncompressed, compressed)
        self.uncompressed = uncompressed
        self.compressed = compressed


def check_zip(path: Path) -> None:
    """Raises NotAWorkbook or Bomb; returns quietly for a zip of sensible size."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise NotAWorkbook(str(exc)) from None
    if len(members) > MAX_MEMBERS:
        raise Bomb(0, 0)
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise Bomb(total, packed)
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            1, member.compress_size
        ):
            raise Bomb(total, packed)


_MERGE = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([A-Za-z]+\d+):([A-Za-z]+\d+)"'
)
_CHUNK = 1 << 20
_OVERLAP = 512


def merged_ranges(path: Path, member: str) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merge in the sheet XML `member`, 1-based.

    Streams the XML and only looks for the mergeCell elements (they follow the cell data; text in
    cells cannot look like one, since XML escapes its '<')."""
    from openpyxl.utils.cell import range_boundaries

    member = member.lstrip("/")
    ranges: list[tuple[int, int, int, int]] = []
    with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
        tail = b""
        while True:
            chunk = stream.read(_CHUNK)
            data = tail + chunk
            cut = len(data) - _OVERLAP if chunk else len(data)  # the rest comes with the next
            for match in _MERGE.finditer(data, 0, len(data)):
                if match.start() >= cut:
                    break
                ref = f"{match.group(1).decode()}:{match.group(2).decode()}"
                ranges.append(range_boundaries(ref.upper()))
            if not chunk:
                return ranges
            tail = data[max(cut, 0) :]
