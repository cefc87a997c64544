"""Rows of a grid taken from text pasted out of Excel or Word: tab-separated lines, Excel's
quoting of cells with line breaks. Contract lines (产品, 型号规格, 数量, 单位, 单价) and the
minutes' action items (事项, 责任人, 协办, 完成时限, 状态, 落实情况). A heading row and a leading
序号 column are dropped, blank rows skipped, and cells past the last column join the last."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.domain.deviation_rows import parse_text

COLUMNS = 5
LINE_HEADINGS = ("序号", "产品", "名称", "品名", "型号", "规格", "数量", "单位", "单价", "价格")
ACTION_HEADINGS = ("序号", "事项", "任务", "责任人", "协办", "完成时限", "时限", "状态", "落实")
_NUMBER = re.compile(r"^[\(（]?\d{1,4}[\.．、\)）]?$")


def is_rows(text: str) -> bool:
    """Text holding more than one cell: what a copy of cells or rows puts on the clipboard."""
    return "\t" in text or "\n" in text.strip("\r\n")


def contract_rows(text: str, width: int = COLUMNS) -> list[list[str]]:
    """Pasted contract lines, each `width` cells (fewer filled with '', more joined into the
    last)."""
    return pasted_rows(text, width, LINE_HEADINGS)


def pasted_rows(text: str, width: int, headings: Sequence[str]) -> list[list[str]]:
    """The pasted rows, each `width` cells; a first row of column names (each holding one of
    `headings`) is dropped."""
    rows = [[c.replace("\xa0", " ").strip() for c in row] for row in parse_text(text)]
    rows = [row for row in rows if any(row)]
    if rows and _is_heading(rows[0], headings):
        rows = rows[1:]
    if rows and all(len(r) > width and _NUMBER.match(r[0]) for r in rows):
        rows = [r[1:] for r in rows]  # a 序号 column before the five
    return [_fit(row, width) for row in rows]


def _is_heading(cells: Sequence[str], headings: Sequence[str]) -> bool:
    named = [c for c in cells if c]
    return len(named) >= 2 and all(
        len(c) <= 10 and any(word in c for word in headings) for c in named
    )


def _fit(row: list[str], width: int) -> list[str]:
    if len(row) > width:
        row = [*row[: width - 1], " ".join(c for c in row[width - 1 :] if c)]
    return row + [""] * (width - len(row))
