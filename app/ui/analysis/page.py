"""分析与月报: the handbook's six analyses as tabs over one month or a range (table, key figures,
a chart), each exportable to Excel, and the monthly key-account report (大客户月报) as a PDF.

Figures come from app.services.analysis, the same service that writes the report, so what the
screen shows and what the managers read agree to the fen. Column titles are the service's words
(the same the PDF and the workbook print). Each view's table is a kit list (app.ui.kit.tables)
whose columns are the view's; Enter or a double-click on a client's row opens the client."""

from __future__ import annotations

import html
from datetime import date
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTextBrowser,
    QWidget,
)

from app import private_temp
from app.domain.typography import chinese_punctuation as zh  # the services' labels as shown
from app.services import analysis
from app.services.analysis import AnalysisTable
from app.ui import user_settings
from app.ui.analysis.chart import ChartWidget
from app.ui.context import UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.dates import DateEdit
from app.ui.kit.tables import LEFT, RIGHT, Column, ListModel, ListView
from app.ui.widgets import show_error

PRINT_DIR = private_temp.session_path("reports")
NUMERIC = {"int", "money", "percent", "days"}


class Line(NamedTuple):
    """One row of a view: its place in the view (the list's id) and the service's values."""

    number: int
    values: tuple


def analysis_columns(table: AnalysisTable) -> tuple[Column[Line], ...]:
    """A view's columns as the service names them (money in 元), numbers to the right. The
    rows come sorted (a total last), so no column sorts."""

    def cell(number: int, kind: str):
        return lambda line: analysis.cell_text(line.values[number], kind)

    return tuple(
        Column(
            zh(f"{column.label}（元）" if column.kind == "money" else column.label),
            cell(number, column.kind),
            align=RIGHT if column.kind in NUMERIC else LEFT,
        )
        for number, column in enumerate(table.columns)
    )


def part_html(part: AnalysisTable) -> str:
    """A small table under a view's key figures (the 费用 view's budget against spent), in
    the service's words; over-budget amounts in red."""
    head = "".join(f"<th>{html.escape(zh(c.label))}</th>" for c in part.columns)
    body = []
    for row in part.rows:
        cells = []
        for value, column in zip(row, part.columns, strict=True):
            text = html.escape(analysis.cell_text(value, column.kind))
            red = column.kind == "money" and column.key == "remaining" and value < 0
            style = ' style="color:#d9363e"' if red else ""
            align = ' align="right"' if column.kind in NUMERIC else ""
            cells.append(f"<td{align}{style}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        return f"<b>{html.escape(part.title)}</b>：本期无预算，也无费用"
    table = f'<table cellspacing="0" cellpadding="2"><tr>{head}</tr>{"".join(body)}</table>'
    return f"<b>{html.escape(part.title)}</b> {html.escape(part.period_label)}{table}"


class AnalysisPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.current: AnalysisTable | None = None
        self.last_report: Path | None = None
        self.preview_dialog = None
        self._lists: dict[tuple, ListView] = {}  # one per view (and set of columns)
        self._build()
        self.refresh()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        today = self.ctx.archive.today()
        self.month = DateEdit(QDate(today.year, today.month, 1), months=True)
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        self.range_box = QCheckBox(self.tr("Range"))
        self.first = DateEdit(QDate(today.year, 1, 1))
        self.last = DateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.first, self.last):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.churn_days = QSpinBox()
        self.churn_days.setRange(1, 3650)
        self.churn_days.setValue(analysis.DEFAULT_CHURN_DAYS)
        self.churn_days.setSuffix(self.tr(" days"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.export_button = QPushButton(self.tr("Export Excel…"))
        self.report_button = QPushButton(self.tr("Monthly report (PDF)"))
        self.budget_button = QPushButton(self.tr("Expense budget…"))  # issue 13: 费用预算
        self.budget_dialog = None
        self.report_button.setDefault(True)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Month")))
        bar.addWidget(self.month)
        bar.addWidget(self.range_box)
        bar.addWidget(self.first)
        bar.addWidget(QLabel("—"))
        bar.addWidget(self.last)
        bar.addWidget(QLabel(self.tr("Churn after")))
        bar.addWidget(self.churn_days)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.budget_button)
        bar.addWidget(self.report_button)

        self.tabs = QTabBar()
        self.view_keys = list(analysis.VIEWS)
        for title in (
            self.tr("Development"),
            self.tr("Service"),
            self.tr("Churn"),
            self.tr("Cost"),
            self.tr("Value (Pareto)"),
            self.tr("Account managers"),
        ):
            self.tabs.addTab(title)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = ChartWidget()
        self.stack = QStackedWidget()
        self.status = QLabel()

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.stack)
        # the 费用 view's budget against spent (issue 13), under its list
        self.parts_view = QTextBrowser()
        self.parts_view.setOpenLinks(False)
        # room for a budget table's heading and a few rows however the splitter was left
        self.parts_view.setMinimumHeight(self.parts_view.fontMetrics().lineSpacing() * 8)
        self.parts_view.hide()
        split.addWidget(self.parts_view)
        split.setStretchFactor(1, 3)
        split.setSizes([230, 520, 0])
        self.split = split

        boxes.column(bar, self.tabs, self.summary, (split, 1), self.status, parent=self)

        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.range_box.toggled.connect(self._range_toggled)
        self.month.dateChanged.connect(lambda _d: self._period_changed())
        self.export_button.clicked.connect(lambda: self.choose_export())
        self.report_button.clicked.connect(lambda: self.make_report())
        self.budget_button.clicked.connect(lambda: self.open_budget())
        keys.mark(self.report_button, keys.PRINT)  # Ctrl+P: the monthly report

    def _range_toggled(self, on: bool) -> None:
        self.first.setEnabled(on)
        self.last.setEnabled(on)
        self.month.setEnabled(not on)
        self.refresh()

    def _period_changed(self) -> None:
        if not self.range_box.isChecked():
            self.refresh()

    # --- state -------------------------------------------------------------------------

    def view_key(self) -> str:
        return self.view_keys[max(self.tabs.currentIndex(), 0)]

    def select_view(self, key: str) -> None:
        self.tabs.setCurrentIndex(self.view_keys.index(key))

    def period(self) -> tuple[date, date]:
        if self.range_box.isChecked():
            return self.first.date().toPython(), self.last.date().toPython()
        chosen = self.month.date()
        return analysis.month_bounds(chosen.year(), chosen.month())

    # --- the view ------------------------------------------------------------------------

    @property
    def table(self) -> ListView | None:
        """The list of the view shown."""
        return self.stack.currentWidget()

    @property
    def model(self) -> ListModel[Line] | None:
        return self.table.list_model() if self.table is not None else None

    def refresh(self):
        """Computes the chosen view for the period (in the background; the newest wins)."""
        self.status.setText(self.tr("Computing…"))
        return ops.query(
            self,
            partial(analysis.analysis_view, churn_days=self.churn_days.value()),
            self.ctx.archive,
            self.view_key(),
            *self.period(),
            key="view",
            label=self.tr("Analysis"),
            on_done=self._show,
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.status.setText("")
        show_error(self, exc, self.ctx.lang)

    def _list_for(self, table: AnalysisTable) -> ListView:
        """The list of the table's view, made the first time it is shown."""
        key = (table.view, table.columns)
        if key not in self._lists:
            model = ListModel(analysis_columns(table), row_id=attrgetter("number"), parent=self)
            view = ListView(model, parent=self.stack)
            for number, column in enumerate(table.columns):
                # the id opens the client (Enter, double-click); people read the name
                view.setColumnHidden(number, column.key == "client_id")
            view.row_activated.connect(self.open_client)
            self.stack.addWidget(view)
            self._lists[key] = view
        return self._lists[key]

    def _show(self, table: AnalysisTable) -> None:
        self.current = table
        view = self._list_for(table)
        view.list_model().set_rows(Line(n, values) for n, values in enumerate(table.rows))
        view.resizeColumnsToContents()
        self.stack.setCurrentWidget(view)
        lines = [f"<b>{table.title}</b> {table.period_label}"]
        lines += [f"{label}：{zh(value)}" for label, value in table.summary]
        self.summary.setText("<br/>".join(lines))
        self.parts_view.setHtml("<br/>".join(part_html(part) for part in table.parts))
        self.parts_view.setVisible(bool(table.parts))
        sizes = self.split.sizes()
        if table.parts and sizes[2] == 0:  # the first time: a third of the list's room
            self.split.setSizes([sizes[0], sizes[1] * 2 // 3, sizes[1] - sizes[1] * 2 // 3])
        self.chart.set_chart(table.chart_title, table.chart, curve=table.view == "value")
        if len(table.rows) < table.total_rows:
            text = self.tr("Showing {0} of {1} rows; Export Excel writes them all.")
            self.status.setText(text.format(len(table.rows), table.total_rows))
        else:
            self.status.setText(self.tr("{0} rows").format(table.total_rows))

    def open_budget(self) -> None:
        """费用预算: the month's budget per account manager and kind, against the spent."""
        from app.ui.analysis.budget_dialog import BudgetDialog

        chosen = self.month.date() if not self.range_box.isChecked() else self.last.date()
        self.budget_dialog = BudgetDialog(self.ctx, chosen.year(), chosen.month(), self)
        self.budget_dialog.finished.connect(lambda _r: self.refresh())
        self.budget_dialog.open()

    def open_client(self, number: int) -> None:
        """Enter or a double-click on a client's row (the `number`th) opens the client."""
        table = self.current
        keys = [c.key for c in table.columns] if table is not None else []
        if "client_id" in keys and table.rows[number][keys.index("client_id")] is not None:
            client_id = table.rows[number][keys.index("client_id")]
            self.ctx.events.open_record.emit("client", int(client_id))

    # --- export and report ------------------------------------------------------------------

    def choose_export(self) -> None:
        first, _last = self.period()
        suggestion = f"{analysis.VIEWS[self.view_key()]}-{first:%Y-%m}.xlsx"
        path = user_settings.save_file(
            self, "exports", self.tr("Export analysis"), suggestion, "Excel (*.xlsx)"
        )
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_to(Path(path))

    def export_to(self, path: Path):
        return ops.query(
            self,
            partial(analysis.export_full_view, churn_days=self.churn_days.value()),
            self.ctx.archive,
            self.view_key(),
            *self.period(),
            path,
            key="export",
            label=self.tr("Exporting analysis…"),
            on_done=lambda count: self.ctx.events.status_message.emit(
                self.tr("{0} rows written to {1}").format(count, path)
            ),
        )

    def make_report(self, show: bool = True):
        chosen = self.month.date() if not self.range_box.isChecked() else self.last.date()
        year, month = chosen.year(), chosen.month()
        PRINT_DIR.mkdir(parents=True, exist_ok=True)
        out = PRINT_DIR / f"monthly-report-{year}-{month:02d}.pdf"
        name = f"大客户月报-{year}年{month}月.pdf"
        self.status.setText(self.tr("Writing the monthly report…"))
        return ops.query(
            self,
            partial(analysis.write_monthly_report, churn_days=self.churn_days.value()),
            self.ctx.archive,
            year,
            month,
            out,
            key="report",
            label=self.tr("Monthly report"),
            on_done=lambda pages: self._report_done(out, name, pages, show),
            on_error=self._failed,
        )

    def _report_done(self, out: Path, name: str, pages: int, show: bool) -> None:
        self.last_report = out
        self.status.setText(self.tr("Monthly report ready: {0} pages").format(pages))
        if show:
            from app.ui.pdf_preview import PdfPreviewDialog

            self.preview_dialog = PdfPreviewDialog(out, self, save_suggestion=name)
            self.preview_dialog.open()
