"""Reading CSV text as people's tools write it, without guessing wrong.

Two hazards of hand-kept CSV files are handled here rather than left to the csv module:

- The encoding. UTF-8 (with or without a BOM), UTF-16 (LE or BE, with or without a BOM),
  GB18030/GBK and Big5 are told apart; anything else is refused. GB18030 accepts almost any
  byte string, so Big5 bytes "decode" as GBK into nonsense: between the legacy Chinese encodings
  the one whose text is made of commonly used characters wins, and a text that is nonsense
  under every candidate is refused rather than imported as mojibake.
- A stray quote. `"` opens a quoted cell that the csv module continues over line ends, so one
  unbalanced quote folds every following row into a cell. Here a record may span several
  physical lines only when it is well formed (its quotes close properly and it has as many
  cells as the heading); otherwise its first line is reported as a row with an unbalanced quote
  and reading goes on at the next line, so every line is accounted for.

Also: our own CSV exports escape text that a spreadsheet would run as a formula with a leading
apostrophe (see `escape_formula`); `unescape_formula` takes exactly that escape off again."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from functools import lru_cache

# --- encodings -------------------------------------------------------------------------------

_LEGACY_CHINESE = ("gb18030", "cp950", "big5hkscs")
_SCORE_SAMPLE = 200_000  # characters scored per candidate decoding
_MIN_COMMON_SHARE = 0.6  # of the non-ASCII characters, in a text that is not nonsense


class UnknownEncoding(ValueError):
    """The bytes are not text in any encoding we can tell apart safely."""


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a CSV file's bytes, or UnknownEncoding."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, encoding), encoding
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text = _strict(data, utf16)
        if _common_share(text) >= _MIN_COMMON_SHARE:
            return text, utf16
        raise UnknownEncoding(utf16)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for encoding in _LEGACY_CHINESE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = _common_share(text)
        if best is None or share > best[0]:
            best = (share, text, encoding)
    if best is None or best[0] < _MIN_COMMON_SHARE:
        raise UnknownEncoding("legacy")
    return best[1], best[2]


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UnknownEncoding(encoding) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the zero bytes sit where UTF-16 puts them (the high byte
    of every ASCII character: delimiters, line ends, digits), else None."""
    sample = data[:65536]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    total = zeros_even + zeros_odd
    if total < max(2, len(sample) // 50):
        return None
    if zeros_odd >= 0.9 * total:
        return "utf-16-le"
    if zeros_even >= 0.9 * total:
        return "utf-16-be"
    return None


@lru_cache(maxsize=1)
def _common_characters() -> frozenset[str]:
    """Characters a Chinese text is mostly made of: the 3,755 first-level hanzi of GB2312, the
    5,401 frequently used hanzi of Big5, CJK and full-width punctuation."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            chars.update(bytes((lead, trail)).decode("gb2312", "ignore"))
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    for lead in range(0xA4, 0xC7):
        for trail in trails:
            if lead == 0xC6 and trail > 0x7E:
                break
            chars.update(bytes((lead, trail)).decode("cp950", "ignore"))
    chars.update(chr(c) for c in range(0x3000, 0x3040))  # 、。〈〉《》「」『』【】〔〕…
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width ASCII: ，：（）０-９Ａ-ｚ
    chars.update("“”‘’…—–·•×÷℃№→←々〇")
    return frozenset(chars)


def _common_share(text: str) -> float:
    """The share of commonly used characters among the non-ASCII ones (1.0 for pure ASCII)."""
    common = _common_characters()
    other = 0
    hits = 0
    for ch in text[:_SCORE_SAMPLE]:
        if ch < "\x80":
            if ch == "\x00":
                other += 1
            continue
        other += 1
        hits += ch in common
    return hits / other if other else 1.0


# --- formula escaping --------------------------------------------------------------------------

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = (*FORMULA_TRIGGERS, "'")


def escape_formula(text: str) -> str:
    """A leading apostrophe before text a spreadsheet would run as a formula, and before text
    that starts with an apostrophe itself (so that unescaping is exact)."""
    return "'" + text if text.startswith(_ESCAPED) else text


def unescape_formula(text: str) -> str:
    """Takes off the apostrophe `escape_formula` put there; other text is returned as it is."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(_ESCAPED):
        return text[1:]
    return text


# --- records -----------------------------------------------------------------------------------

MAX_LINES_PER_RECORD = 500  # a quoted cell longer than this is taken for a stray quote


@dataclass(frozen=True)
class Record:
    """One row of the file: its cells, or (bad_column set) a physical line that could not be read
    as a row, split naively at the delimiter so that its text can still be shown and fixed."""

    cells: list[str]
    bad_column: int | None = None


class _Lines:
    """Physical lines (each with its line break) fed to csv.reader, at most `limit` per record."""

    def __init__(self, lines: list[str], start: int, limit: int):
        self.lines = lines
        self.next = start
        self.limit = limit
        self.used = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.next >= len(self.lines) or self.used >= self.limit:
            raise StopIteration
        line = self.lines[self.next]
        self.next += 1
        self.used += 1
        return line


def split_lines(text: str) -> list[str]:
    """Physical lines with their line breaks (\\r\\n, \\n or \\r) and nothing else as a break."""
    return list(io.StringIO(text, newline=""))


def read_records(text: str, delimiter: str) -> list[Record]:
    """Every row of a CSV text; see the module's notes on stray quotes."""
    lines = split_lines(text)
    records: list[Record] = []
    width: int | None = None  # cells in the heading: what a multi-line record must have
    start = 0
    while start < len(lines):
        feeder = _Lines(lines, start, MAX_LINES_PER_RECORD)
        reader = csv.reader(feeder, delimiter=delimiter, strict=True)
        while True:
            first = feeder.next
            feeder.used = 0
            try:
                cells = next(reader)
            except StopIteration:
                start = len(lines)
                break
            except csv.Error:
                records.append(_lenient_line(lines[first], delimiter))
                start = first + 1
                break
            if feeder.next - first > 1 and width is not None and not _fits(cells, width):
                records.append(_unbalanced(lines[first], delimiter))
                start = first + 1
                break
            if width is None:
                width = len(cells)
            records.append(Record(cells))
    return records


def _fits(cells: list[str], width: int) -> bool:
    """A record spanning several lines has the heading's number of cells (empty extras aside)."""
    return len(cells) >= width and not any(cells[width:])


def _lenient_line(line: str, delimiter: str) -> Record:
    """One physical line the strict reader refused. Read as a spreadsheet would (a quote inside
    a cell is a character) when every quote it opens is closed on the line; otherwise the line is
    a row with an unbalanced quote."""
    cells, open_quote = _scan(line.rstrip("\r\n"), delimiter)
    if open_quote:
        return _unbalanced(line, delimiter)
    return Record(cells)


def _scan(line: str, delimiter: str) -> tuple[list[str], bool]:
    """Cells of one line, Excel-style; True when a quoted cell is still open at the end."""
    cells: list[str] = []
    cell: list[str] = []
    quoted = False
    at_start = True
    i = 0
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"':
                if line[i + 1 : i + 2] == '"':
                    cell.append('"')
                    i += 1
                else:
                    quoted = False
            else:
                cell.append(ch)
        elif ch == delimiter:
            cells.append("".join(cell))
            cell = []
            at_start = True
            i += 1
            continue
        elif ch == '"' and at_start:
            quoted = True
        else:
            cell.append(ch)
        at_start = False
        i += 1
    cells.append("".join(cell))
    return cells, quoted


def _unbalanced(line: str, delimiter: str) -> Record:
    cells = line.rstrip("\r\n").split(delimiter)
    bad = next((i for i, cell in enumerate(cells) if cell.count('"') % 2), 0)
    return Record(cells, bad_column=bad)
