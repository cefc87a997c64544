"""Contract lines (产品, 型号规格, 数量, 单位, 单价) taken from text pasted out of Excel or Word:
tab-separated lines, Excel's quoting of cells with line breaks. A heading row (产品 数量 …) and
a leading 序号 column are dropped, blank rows skipped, and cells past the fifth join the last."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.domain.deviation_rows import parse_text

COLUMNS = 5
_HEADING_WORDS = ("序号", "产品", "名称", "品名", "型号", "规格", "数量", "单位", "单价", "价格")
_NUMBER = re.compile(r"^[\(（]?\d{1,4}[\.．、\)）]?$")


def is_rows(text: str) -> bool:
    """Text holding more than one cell: what a copy of cells or rows puts on the clipboard."""
    return "\t" in text or "\n" in text.strip("\r\n")


def contract_rows(text: str, width: int = COLUMNS) -> list[list[str]]:
    """The pasted rows, each `width` cells (fewer filled with '', more joined into the last)."""
    rows = [[c.replace("\xa0", " ").strip() for c in row] for row in parse_text(text)]
    rows = [row for row in rows if any(row)]
    if rows and _is_heading(rows[0]):
        rows = rows[1:]
    if rows and all(len(r) > width and _NUMBER.match(r[0]) for r in rows):
        rows = [r[1:] for r in rows]  # a 序号 column before the five
    return [_fit(row, width) for row in rows]


def _is_heading(cells: Sequence[str]) -> bool:
    named = [c for c in cells if c]
    return len(named) >= 2 and all(
        len(c) <= 10 and any(word in c for word in _HEADING_WORDS) for c in named
    )


def _fit(row: list[str], width: int) -> list[str]:
    if len(row) > width:
        row = [*row[: width - 1], " ".join(c for c in row[width - 1 :] if c)]
    return row + [""] * (width - len(row))
