"""The footer ("第 X 页 共 Y 页"), the 草稿 mark, the bookmarks and the metadata of a PDF made of
ReportLab pages only (a document, a register, the monthly report), drawn by ReportLab while it
writes the pages.

The same marks on a PDF that merges scans are stamped afterwards with pypdf
(app.exports.pdf_assembly). A PDF of generated pages alone has no need of it: reading the pages
back, drawing an overlay page per page and merging the two cost a text document as much as laying
it out, and importing pypdf and Pillow 60 ms more (issue 11). Here each page is kept until the
last is laid out, then finished with its footer and marks, drawn after its content as the merged
overlay was: the same text, in the same order, on the same pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

CREATOR = "销售罗盘 Sales Compass"
FOOTER_COLOR = Color(0, 0, 0)
DRAFT_COLOR = Color(0.85, 0.1, 0.1, alpha=0.18)


def page_footer(number: int, total: int) -> str:
    return f"第 {number} 页 共 {total} 页"


@dataclass(frozen=True)
class Stamp:
    """What each page gets once the page count is known. `marks` are bookmarks (title, 0-based
    page) in place of the one bookmark `title` at the first page."""

    font: str
    title: str
    footer: Callable[[int, int], str] = page_footer
    draft_mark: str | None = None
    marks: Sequence[tuple[str, int]] = ()


def stamping_canvas(stamp: Stamp) -> Callable[..., Canvas]:
    """A `canvasmaker` for SimpleDocTemplate.build that finishes every page with `stamp`."""

    def make(*args, **kwargs) -> Canvas:
        return _StampingCanvas(stamp, *args, **kwargs)

    return make


class _StampingCanvas(Canvas):
    def __init__(self, stamp: Stamp, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._stamp = stamp
        self._held: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        """Holds the page until the last one is laid out (the footer needs the page count)."""
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        held, self._held = self._held, []
        marks = self._stamp.marks or ((self._stamp.title, 0),)
        for number, state in enumerate(held, start=1):
            self.__dict__.update(state)
            self._finish(number, len(held))
            for index, (title, page) in enumerate(marks):
                if page == number - 1:
                    self.bookmarkPage(f"m{index}")
                    self.addOutlineEntry(title, f"m{index}", level=0)
            Canvas.showPage(self)
        self.showOutline()
        self.setCreator(CREATOR)  # after SimpleDocTemplate's own, and no "(unspecified)"
        self.setSubject(self._stamp.title)
        Canvas.save(self)

    def _finish(self, number: int, total: int) -> None:
        stamp = self._stamp
        width, height = self._pagesize
        self.setFont(stamp.font, 10)
        self.setFillColor(FOOTER_COLOR)
        self.drawCentredString(width / 2, 12 * mm, stamp.footer(number, total))
        if stamp.draft_mark:
            self.saveState()
            self.setFillColor(DRAFT_COLOR)
            self.setFont(stamp.font, 90)
            self.translate(width / 2, height / 2)
            self.rotate(45)
            self.drawCentredString(0, 0, stamp.draft_mark)
            self.restoreState()
