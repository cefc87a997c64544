"""分析与月报: the handbook's six analyses as tabs over one month or a range (table, key figures,
a chart), each exportable to Excel, and the monthly key-account report (大客户月报) as a PDF.

Figures come from app.services.analysis, the same service that writes the report, so what the
screen shows and what the managers read agree to the fen. Column titles are the service's words
(the same the PDF and the workbook print)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import private_temp
from app.services import analysis
from app.services.analysis import AnalysisTable
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import keys
from app.ui.kit.dates import DateEdit
from app.ui.widgets import show_error

AnyIndex = QModelIndex | QPersistentModelIndex
PRINT_DIR = private_temp.session_path("reports")
NUMERIC = {"int", "money", "percent", "days"}
BAR = QColor("#1F5FA8")


class AnalysisTableModel(QAbstractTableModel):
    """One analysis view's rows (the service cuts them to a screenful; export writes all)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: AnalysisTable | None = None

    def set_table(self, table: AnalysisTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.table is None else len(self.table.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or self.table is None:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.table.columns):
            column = self.table.columns[section]
            return f"{column.label}(元)" if column.kind == "money" else column.label
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.table.rows):
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if self.table is None or not index.isValid() or index.row() >= len(self.table.rows):
            return None
        column = self.table.columns[index.column()]
        value = self.table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return analysis.cell_text(value, column.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None


class ChartWidget(QWidget):
    """Bars for (label, value) pairs, or a rising line for the Pareto curve, drawn with QPainter."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = ""
        self.points: tuple[tuple[str, Decimal], ...] = ()
        self.curve = False
        self.setMinimumHeight(150)

    def set_chart(self, title: str, points, curve: bool = False) -> None:
        self.title, self.points, self.curve = title, tuple(points), curve
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        painter.drawText(QRectF(0, 4, self.width(), 20), Qt.AlignmentFlag.AlignHCenter, self.title)
        area = QRectF(40, 44, max(self.width() - 60, 10), max(self.height() - 74, 10))
        painter.setPen(QPen(QColor("#888888")))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        if not self.points:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No data"))
            return
        if self.curve:
            self._curve(painter, area)
        else:
            self._bars(painter, area)

    def _bars(self, painter: QPainter, area: QRectF) -> None:
        top = max(float(v) for _, v in self.points) or 1.0
        step = area.width() / len(self.points)
        for i, (label, value) in enumerate(self.points):
            height = area.height() * float(value) / top
            width = min(step * 0.7, 90.0)
            left = area.left() + i * step + (step - width) / 2
            bar = QRectF(left, area.bottom() - height, width, height)
            painter.fillRect(bar, BAR)
            painter.setPen(QPen(self.palette().text().color()))  # readable on a dark theme too
            text_box = QRectF(area.left() + i * step, area.bottom() + 2, step, 18)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignHCenter, label[:6])
            painter.drawText(
                QRectF(bar.left() - 10, bar.top() - 16, bar.width() + 20, 14),
                Qt.AlignmentFlag.AlignHCenter,
                _short(value),
            )

    def _curve(self, painter: QPainter, area: QRectF) -> None:
        last = max(int(label) for label, _ in self.points) or 1
        pen = QPen(BAR)
        pen.setWidthF(2)
        painter.setPen(pen)
        previous = area.bottomLeft()
        for label, value in self.points:
            x = area.left() + area.width() * int(label) / last
            point = QPointF(x, area.bottom() - area.height() * float(value) / 100)
            painter.drawLine(previous, point)
            previous = point
        dashed = QPen(QColor("#C0392B"))
        dashed.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        y80 = area.bottom() - area.height() * 0.8
        painter.drawLine(QPointF(area.left(), y80), QPointF(area.right(), y80))
        painter.drawText(QPointF(area.left() - 36, y80 + 4), "80%")


def _short(value: Decimal) -> str:
    number = float(value)
    if abs(number) >= 100_000_000:
        return f"{number / 100_000_000:.1f}亿"
    if abs(number) >= 10_000:
        return f"{number / 10_000:.1f}万"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.1f}"


class AnalysisPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.current: AnalysisTable | None = None
        self.last_report: Path | None = None
        self.preview_dialog = None
        self.model = AnalysisTableModel(self)
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
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(1, 3)
        split.setSizes([230, 520])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.range_box.toggled.connect(self._range_toggled)
        self.month.dateChanged.connect(lambda _d: self._period_changed())
        self.export_button.clicked.connect(lambda: self.choose_export())
        self.report_button.clicked.connect(lambda: self.make_report())
        keys.mark(self.report_button, keys.PRINT)  # Ctrl+P: the monthly report
        self.table.doubleClicked.connect(self.open_client)

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

    def set_month(self, year: int, month: int) -> None:
        self.range_box.setChecked(False)
        self.month.setDate(QDate(year, month, 1))

    def period(self) -> tuple[date, date]:
        if self.range_box.isChecked():
            return self.first.date().toPython(), self.last.date().toPython()
        chosen = self.month.date()
        return analysis.month_bounds(chosen.year(), chosen.month())

    # --- the view ------------------------------------------------------------------------

    def refresh(self):
        try:
            first, last = self.period()
        except Exception as exc:  # noqa: BLE001 - a bad period is shown, not raised
            show_error(self, exc, self.ctx.lang)
            return None
        self.status.setText(self.tr("Computing…"))
        return self.ctx.runner.submit(
            self.tr("Analysis"),
            analysis.analysis_view,
            self.ctx.archive,
            self.view_key(),
            first,
            last,
            churn_days=self.churn_days.value(),
            on_done=self._show,
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.status.setText("")
        show_error(self, exc, self.ctx.lang)

    def _show(self, table: AnalysisTable) -> None:
        if table.view != self.view_key():
            return  # the user moved on to another tab meanwhile
        self.current = table
        self.model.set_table(table)
        for number, column in enumerate(table.columns):
            # the id opens the client on double-click; people read the name
            self.table.setColumnHidden(number, column.key == "client_id")
        self.table.resizeColumnsToContents()
        lines = [f"<b>{table.title}</b> {table.period_label}"]
        lines += [f"{label}:{value}" for label, value in table.summary]
        self.summary.setText("<br/>".join(lines))
        self.chart.set_chart(table.chart_title, table.chart, curve=table.view == "value")
        if len(table.rows) < table.total_rows:
            text = self.tr("Showing {0} of {1} rows; Export Excel writes them all.")
            self.status.setText(text.format(len(table.rows), table.total_rows))
        else:
            self.status.setText(self.tr("{0} rows").format(table.total_rows))

    def open_client(self, index: QModelIndex) -> None:
        """Double-click a client's row to open the client."""
        table = self.current
        if table is None or not index.isValid():
            return
        keys = [c.key for c in table.columns]
        if "client_id" in keys:
            client_id = table.rows[index.row()][keys.index("client_id")]
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
        first, last = self.period()
        return self.ctx.runner.submit(
            self.tr("Exporting analysis…"),
            analysis.export_full_view,
            self.ctx.archive,
            self.view_key(),
            first,
            last,
            path,
            churn_days=self.churn_days.value(),
            on_done=lambda count: self.ctx.events.status_message.emit(
                self.tr("{0} rows written to {1}").format(count, path)
            ),
            on_error=lambda exc: show_error(self, exc, self.ctx.lang),
        )

    def make_report(self, show: bool = True):
        chosen = self.month.date() if not self.range_box.isChecked() else self.last.date()
        year, month = chosen.year(), chosen.month()
        PRINT_DIR.mkdir(parents=True, exist_ok=True)
        out = PRINT_DIR / f"monthly-report-{year}-{month:02d}.pdf"
        name = f"大客户月报-{year}年{month}月.pdf"
        self.status.setText(self.tr("Writing the monthly report…"))
        return self.ctx.runner.submit(
            self.tr("Monthly report"),
            analysis.write_monthly_report,
            self.ctx.archive,
            year,
            month,
            out,
            churn_days=self.churn_days.value(),
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
