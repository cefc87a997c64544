"""投标雷达 on the home page: the next 14 days of tender dates, deposit refunds overdue, and packet
qualifications that expire before the bid deadline. Enter or a double-click opens the tender."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from app.services import tenders
from app.services.tenders import Radar
from app.ui.context import UiContext
from app.ui.kit import ops
from app.ui.kit.tables import Column, ListModel, ListView
from app.ui.tenders.columns import URGENT_DAYS, URGENT_RED
from app.ui.widgets import error_text, format_date

# A packet's qualifications are on the radar too.
LISTENS_TO = ("tender", "qualification", "packet", "calendar")
translate = QCoreApplication.translate  # lupdate reads a bare tr() as self.tr()


@dataclass(frozen=True)
class RadarLine:
    when: str
    what: str
    tender: str
    note: str
    tender_id: int
    alarm: bool  # shown in red: overdue, expiring, or due within 3 days


def radar_lines(radar: Radar, today: date) -> list[RadarLine]:
    """Overdue refunds first, then qualifications that lapse before a bid, then the dates."""
    lines = []
    for row, due in radar.refunds_overdue:
        late = translate("DeadlineRadar", "{0} days overdue").format((today - due).days)
        what = translate("DeadlineRadar", "Bid deposit refund overdue")
        ask = translate("DeadlineRadar", "due {0}, ask {1}")
        note = ask.format(format_date(due), row.client_name)
        lines.append(RadarLine(late, what, row.title, note, row.id, True))
    for row, _qid, title, expires in radar.expiring_qualifications:
        what = translate("DeadlineRadar", "Qualification expires: {0}").format(title)
        bid = translate("DeadlineRadar", "bid deadline {0}").format(format_date(row.bid_deadline))
        lines.append(RadarLine(format_date(expires), what, row.title, bid, row.id, True))
    for event in radar.upcoming:
        shown = format_date(event.when.date()) if event.all_day else format_date(event.when)
        note = "" if event.official else translate("DeadlineRadar", "holidays not announced yet")
        soon = (event.when.date() - today).days <= URGENT_DAYS
        lines.append(RadarLine(shown, event.label, event.title, note, event.tender_id, soon))
    return lines


def radar_columns() -> tuple[Column[RadarLine], ...]:
    """When and what in red for an alarm; the texts share the width, elided, whole in the
    tooltip."""

    def column(title: str, name: str, alarm: bool, stretch: bool = True) -> Column[RadarLine]:
        text = attrgetter(name)
        red = (lambda line: URGENT_RED if line.alarm else None) if alarm else None
        tip = lambda line: text(line) or None  # noqa: E731
        return Column(title, text, colour=red, tooltip=tip, stretch=stretch, width=130)

    return (
        column(translate("RadarModel", "When"), "when", alarm=True, stretch=False),
        column(translate("RadarModel", "What"), "what", alarm=True),
        column(translate("RadarModel", "Tender"), "tender", alarm=False),
        column(translate("RadarModel", "Note"), "note", alarm=False),
    )


def radar_model(parent: QWidget | None = None) -> ListModel[RadarLine]:
    """The lines in the radar's order (not sorted); each line's id is its tender."""
    return ListModel(radar_columns(), row_id=attrgetter("tender_id"), parent=parent)


class DeadlineRadarPanel(QGroupBox):
    """The radar; a tender opens through ctx.events.open_record."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, load: bool = True):
        super().__init__(parent)
        self.ctx = ctx
        self.model = radar_model(self)
        self.view = ListView(self.model, parent=self)
        self.view.setShowGrid(False)
        self.view.row_activated.connect(
            lambda tender: ctx.events.open_record.emit("tender", tender)
        )
        self._say_empty()
        QVBoxLayout(self).addWidget(self.view)
        self._show([])
        ops.follow(self, self.refresh, *LISTENS_TO)
        if load:  # the home page loads it with its own panels instead
            self.refresh()

    def _say_empty(self, text: str | None = None) -> None:
        self.view.empty_state.say(
            "",
            text
            or self.tr(
                "No tender dates in the next 14 days, no deposit refund overdue, "
                "no qualification lapsing before a bid."
            ),
        )

    def refresh(self) -> None:
        """Reads the radar again (in the background; the newest request wins)."""
        ops.query(
            self,
            tenders.deadline_radar,
            self.ctx.archive,
            key="radar",
            label=self.tr("Loading the deadline radar"),
            on_done=lambda radar: self._show(radar_lines(radar, self.ctx.archive.today())),
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self._say_empty(error_text(exc, self.ctx.lang))
        self.model.set_rows([])

    def _show(self, lines: list[RadarLine]) -> None:
        self._say_empty()
        self.model.set_rows(lines)
        self.setTitle(self.tr("Tender radar ({0})").format(len(lines)))
