"""Rows of a response/deviation table (响应/偏离表) taken from elsewhere: text pasted from Excel
or Word (tab-separated lines, Excel's quoting of cells with line breaks), an HTML table from
the clipboard, or the cells of a .csv/.xlsx sheet.

Each row becomes [招标文件要求, 投标响应, 偏离情况, 说明]. A heading row (招标文件要求 …) and a
leading 序号 column are recognised and dropped; cells past the fourth join the 说明; blank
rows are skipped."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser

COLUMNS = 4
_HEADING_WORDS = ("要求", "响应", "偏离", "条款", "说明", "备注", "序号", "requirement")
_NUMBER = re.compile(r"^[\(（]?\d{1,4}[\.．、\)）]?$|^[一二三四五六七八九十]+[、.．]?$")


def parse_text(text: str) -> list[list[str]]:
    """Tab-separated lines as Excel and Word put them on the clipboard. A cell holding line
    breaks comes from Excel quoted ("a""b" for a"b); the csv module reads exactly that."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" not in text:  # one column: a line per row, quotes taken literally
        return [[line] for line in text.split("\n")]
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter="\t")]


class _TableParser(HTMLParser):
    """The cells of the first <table> of an HTML fragment (Word's and Excel's clipboard)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._depth = 0
        self._done = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if self._done:
            return
        if tag == "table":
            self._depth += 1
        elif tag == "tr" and self._depth == 1:
            self.rows.append([])
        elif tag in ("td", "th") and self._depth == 1 and self.rows:
            self._cell = []
        elif tag in ("br", "p", "div") and self._cell is not None and self._cell:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._done:
            return
        if tag in ("td", "th") and self._cell is not None and self._depth == 1:
            self.rows[-1].append(re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(self._cell)).strip())
            self._cell = None
        elif tag == "table":
            self._depth -= 1
            self._done = self._depth == 0

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(re.sub(r"[ \t\r\n]+", " ", data))


def parse_html(html: str) -> list[list[str]]:
    """The rows of the first table in `html`; [] when it has none."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    return parser.rows


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).replace("\xa0", " ").strip()


def _is_heading(cells: Sequence[str]) -> bool:
    """A heading row: at least two cells, every one a short column name (序号, 招标文件要求,
    投标响应, 偏离情况, 说明 …)."""
    named = [c for c in cells if c]
    return len(named) >= 2 and all(
        len(c) <= 12 and any(word in c.lower() for word in _HEADING_WORDS) for c in named
    )


def _numbered(rows: Sequence[Sequence[str]]) -> bool:
    """True when the first column is a 序号 (1, 2, (3), 四、) or empty in every row, and the
    rows have another column."""
    return all(len(r) > 1 for r in rows) and all(not r[0] or _NUMBER.match(r[0]) for r in rows)


def normalise(rows: Iterable[Sequence[object]]) -> list[list[str]]:
    """[要求, 响应, 偏离情况, 说明] rows: blank rows and a heading row dropped, a 序号 column
    dropped, cells past the fourth joined into the 说明."""
    cleaned = [[_text(c) for c in row] for row in rows]
    cleaned = [row for row in cleaned if any(row)]
    if cleaned and _is_heading(cleaned[0]):
        cleaned = cleaned[1:]
    if cleaned and _numbered(cleaned):
        cleaned = [row[1:] for row in cleaned]
    result = []
    for row in cleaned:
        while row and not row[-1]:
            row = row[:-1]
        head, rest = row[: COLUMNS - 1], row[COLUMNS - 1 :]
        head += [""] * (COLUMNS - 1 - len(head))
        result.append([*head, " ".join(c for c in rest if c)])
    return result


def from_clipboard(text: str, html: str = "") -> list[list[str]]:
    """What a paste holds, as table rows: the tab-separated text when it has any (Excel and
    Word give both), else the HTML table."""
    if "\t" in text or not html:
        return normalise(parse_text(text))
    return normalise(parse_html(html))
