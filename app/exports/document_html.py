"""The same document blocks the PDF is laid out from, as simple HTML for an on-screen preview
(Qt rich text): the preview and the printed page are made from one block list and cannot
disagree about titles, tables, aligned lines or the signing table."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from app.domain.blocks import (
    Block,
    Fields,
    Gap,
    Grid,
    Heading,
    NewPage,
    Para,
    Signature,
)

FONT_PX = 14  # the body text size on screen; the PDF's 12 pt
HIGHLIGHT = "color:#c0392b; font-weight:bold"
RIGHT = " align='right'"


def blocks_html(blocks: Sequence[Block], highlight: str | None = None) -> str:
    """The blocks as one HTML page. Text matching the regular expression `highlight` (e.g. the
    【未填:…】 mark of a missing value) is shown in bold red."""
    text = highlighter(highlight)
    body = "".join(_block(block, text) for block in blocks)
    return f"<div style='font-size:{FONT_PX}px; line-height:150%'>{body}</div>"


def highlighter(highlight: str | None) -> Callable[[str], str]:
    """A function that escapes text for HTML, lines broken, and shows what matches the regular
    expression `highlight` in bold red."""
    pattern = re.compile(highlight) if highlight else None

    def text(value: str) -> str:
        escaped = html.escape(value or "")
        if pattern is not None:
            escaped = pattern.sub(
                lambda m: f'<span style="{HIGHLIGHT}">{m.group(0)}</span>', escaped
            )
        return escaped.replace("\n", "<br/>")

    return text


def _block(block: Block, text) -> str:
    if isinstance(block, Heading):
        if block.level == 1:
            return (
                f"<p align='center' style='font-size:{FONT_PX + 8}px; font-weight:bold;"
                f" margin-bottom:12px'>{text(block.text)}</p>"
            )
        return (
            f"<p style='font-size:{FONT_PX + 2}px; font-weight:bold; margin-top:10px'>"
            f"{text(block.text)}</p>"
        )
    if isinstance(block, Para):
        indent = block.indent and block.align == "left"
        style = f"text-indent:{2 * FONT_PX}px; " if indent else ""
        size = f"font-size:{round(FONT_PX * block.size / 12)}px; " if block.size != 12 else ""
        return f"<p align='{block.align}' style='{style}{size}margin:4px 0'>{text(block.text)}</p>"
    if isinstance(block, Fields):
        rows = "".join(
            f"<tr><td style='padding-right:8px'>{text(k)}</td><td>{text(v)}</td></tr>"
            for k, v in block.items
        )
        return f"<table cellspacing='0' cellpadding='2' style='margin:6px 0'>{rows}</table>"
    if isinstance(block, Grid):
        return _grid(block, text)
    if isinstance(block, Signature):
        lines = "<br/>".join(text(line) for line in block.lines)
        return (
            "<table width='100%' cellspacing='0' cellpadding='0' style='margin-top:16px'>"
            f"<tr><td width='45%'></td><td style='line-height:200%'>{lines}</td></tr></table>"
        )
    if isinstance(block, Gap):
        return "<p style='margin:0'>&nbsp;</p>" if block.height_mm >= 6 else ""
    if isinstance(block, NewPage):
        return "<hr/>"
    raise TypeError(f"unknown block {block!r}")


def _grid(block: Grid, text) -> str:
    count = len(block.headers) or max((len(row) for row in block.rows), default=1)
    widths = block.widths or [1 / count] * count
    out = [
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'"
        " style='border-collapse:collapse; border-color:#333; margin:6px 0'>"
    ]
    if block.headers:
        cells = "".join(
            f"<th bgcolor='#eeeeee' width='{round(widths[i] * 100)}%'>{text(h)}</th>"
            for i, h in enumerate(block.headers)
        )
        out.append(f"<tr>{cells}</tr>")
    last = len(block.rows) - 1
    for n, row in enumerate(block.rows):
        shade = " bgcolor='#f5f5f5'" if block.total_row and n == last else ""
        cells = "".join(
            f"<td{RIGHT if i in block.align_right else ''}>{text(str(v))}</td>"
            for i, v in enumerate(row)
        )
        out.append(f"<tr{shade}>{cells}</tr>")
    out.append("</table>")
    return "".join(out)
