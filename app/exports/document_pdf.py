"""One printable document (minutes, agreement, notice, letter, fax, report) from blocks: A4, the
CJK font embedded, "第 X 页 共 Y 页" on every page, optionally a 草稿 mark on every page.

The PDF libraries load when a document is rendered, not when a service imports this module (a
command that prints nothing never pays for them)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.blocks import Block
from app.safe_files import write_bytes_atomically

if TYPE_CHECKING:
    from app.exports.pdf_assembly import Part


def render_document(
    blocks: Sequence[Block],
    out: Path,
    *,
    title: str,
    font_path: Path | None = None,
    draft_mark: str | None = None,
    extra_parts: Sequence[Part] = (),
) -> int:
    """Writes the PDF and returns its page count. `extra_parts` (e.g. scans) follow the text."""
    from app.exports.pdf_blocks import render_blocks
    from app.exports.pdf_fonts import heading_font, register_font
    from app.exports.pdf_glyphs import printable, printable_record
    from app.exports.pdf_rare import cover_rare
    from app.exports.pdf_stamp import Stamp

    font = register_font(font_path)
    blocks, title = printable_record(list(blocks), font), printable(title, font)  # no 👍 as a box
    cover_rare([title, blocks], [font, heading_font(font)])  # 𠮷 from a font that has it
    if not extra_parts:  # generated pages only: ReportLab draws the footer itself (issue 11)
        stamp = Stamp(font, title, draft_mark=draft_mark)
        pdf, pages = render_blocks(blocks, font, title, heading_font(font), stamp)
        write_bytes_atomically(Path(out), pdf)
        return pages  # not read back from the file to count them (50-150 ms, issue 11)
    from pypdf import PdfReader

    from app.exports.pdf_assembly import Part, assemble
    from app.exports.pdf_stamp import page_footer

    pdf, pages = render_blocks(blocks, font, title, heading_font(font))
    parts = [Part(title, pdf=pdf), *extra_parts]
    assemble(parts, Path(out), font, title=title, footer=page_footer, draft_mark=draft_mark)
    return len(PdfReader(str(out)).pages)
