"""月计划: a month's targets per account manager and for the team (editable), their split by
旬, ISO week and working day (the Chinese calendar with 调休), and plan vs actual with progress
bars by 旬, week and account manager. The plan and its progress are read in the background and
follow every change (Changes 'plan'; contracts, receipts, clients and visits for the actuals)."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from app.domain.errors import AppError, FieldProblem, ValidationErrors
from app.domain.labels import PLAN_METRIC, is_english, period_label
from app.domain.money import AmountError, parse_yuan
from app.domain.plans import METRIC_LABELS, MONEY_METRICS, PlanTargets
from app.services import plans, printouts
from app.services.archive import Archive
from app.services.plans import MonthPlan, PlanProgress, ProgressLine
from app.ui import list_printing
from app.ui.context import Changes, UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.dates import DateEdit
from app.ui.kit.labels import shown
from app.ui.plan.forecast_view import ForecastPanel
from app.ui.plan.year_view import YearPlanView
from app.ui.widgets import error_text, format_money

METRICS = tuple(METRIC_LABELS)
ACTUALS = ("contract", "receipt", "client", "activity")  # what plan vs actual counts


def load_plan(archive: Archive, year: int, month: int) -> tuple[MonthPlan, list[str]]:
    """The month's plan, and the account managers one can add a row for."""
    return plans.get_plan(archive, year, month), plans.owner_names(archive)


def save_plan(archive: Archive, year: int, month: int, rows: list[tuple[str, PlanTargets]]):
    for owner, targets in rows:
        plans.set_targets(archive, year, month, targets, owner)


def _show(value: int | Decimal) -> str:
    return format_money(value) if isinstance(value, Decimal) else str(value)


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _grid(headers: list[str], editable: bool = False) -> QTableWidget:
    """A table of the month's figures, its columns sharing the width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    if not editable:
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


def _short(value: int | Decimal) -> str:
    """Amounts of 10,000 yuan and more in 万 (¥385.56万), so a progress cell stays readable."""
    if isinstance(value, Decimal) and abs(value) >= 10000:
        return f"¥{value / 10000:,.2f}万"
    return _show(value)


class PlanPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        today = ctx.archive.today()
        self.plan: MonthPlan | None = None
        self.result: PlanProgress | None = None
        self.month = DateEdit(today.replace(day=1), months=True)
        self.month.setCalendarPopup(False)
        self.month.dateChanged.connect(lambda _d: self.reload())
        self.as_of = DateEdit(today)
        self.as_of.dateChanged.connect(lambda _d: self.reload_progress())
        self.calendar_info = QLabel(wordWrap=True)
        self.preview = None  # the PDF preview last opened (app.ui.list_printing)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("The month's targets, split and progress as a PDF"))
        self.print_button.clicked.connect(self.print_plan)
        keys.mark(self.print_button, keys.PRINT)
        self.export_button = QPushButton(self.tr("Export Excel…"), clicked=lambda: self.export())
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Month")))
        bar.addWidget(self.month)
        bar.addWidget(self.calendar_info, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)
        layout = boxes.column(bar, parent=self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._targets_box())
        lower = QTabWidget()
        lower.addTab(self._progress_box(), self.tr("Plan vs actual"))
        lower.addTab(self._split_box(), self.tr("Split by 旬, week and day"))
        self.lower = lower
        self._add_year_tabs(lower)  # issue 13: the annual plan and the sales forecast
        splitter.addWidget(lower)
        splitter.setSizes([260, 460])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        ctx.events.changes.connect(self._on_changes)
        self.reload()

    def _add_year_tabs(self, lower: QTabWidget) -> None:
        """年度计划 and 销售预测 beside the month's tabs, each built when first shown (the
        forecast reads every open receivable: not for a look at the month's plan); while one
        of them is shown the month's targets fold away, so the year has the page's height."""
        self._year_tabs: dict[str, QWidget | None] = {"year": None, "forecast": None}
        self._first_year_tab = lower.count()
        for title in (self.tr("Annual plan"), self.tr("Sales forecast")):
            lower.addTab(QWidget(), title)  # a placeholder until first shown
        lower.currentChanged.connect(self._lower_tab_changed)

    @property
    def year_view(self) -> YearPlanView:
        return self._year_tab("year")

    @property
    def forecast_view(self) -> ForecastPanel:
        return self._year_tab("forecast")

    def _year_tab(self, name: str) -> QWidget:
        """The year tab `name`, built (in its placeholder's place) if it was not yet."""
        built = self._year_tabs[name]
        if built is not None:
            return built
        built = YearPlanView(self.ctx) if name == "year" else ForecastPanel(self.ctx)
        self._year_tabs[name] = built
        lower = self.lower
        index = self._first_year_tab + tuple(self._year_tabs).index(name)
        placeholder, current = lower.widget(index), lower.currentIndex()
        lower.blockSignals(True)
        lower.insertTab(index, built, lower.tabText(index))
        lower.removeTab(index + 1)
        lower.setCurrentIndex(current)
        lower.blockSignals(False)
        placeholder.deleteLater()
        return built

    def _lower_tab_changed(self, index: int) -> None:
        if index >= self._first_year_tab:
            self._year_tab(tuple(self._year_tabs)[index - self._first_year_tab])
        self.splitter.widget(0).setVisible(index < self._first_year_tab)

    def metric_labels(self) -> list[str]:
        return [shown(m, self.ctx.lang, PLAN_METRIC) for m in METRICS]

    # --- targets -------------------------------------------------------------------------------

    def _targets_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Targets (double-click to edit)"))
        self.targets = _grid(self.metric_labels(), editable=True)
        self.save_button = QPushButton(self.tr("Save targets"), clicked=self.save_targets)
        self.add_owner = QComboBox(editable=True)
        self.add_owner.setMinimumContentsLength(8)
        # an editable box shows its line edit's placeholder, not the combo box's
        self.add_owner.lineEdit().setPlaceholderText(self.tr("Account manager"))
        add = QPushButton(self.tr("Add row"), clicked=self._add_owner_row)
        self.message = QLabel(wordWrap=True)
        buttons = boxes.row(self.add_owner, add, ..., (self.message, 2), self.save_button)
        boxes.column((self.targets, 1), buttons, parent=box)
        return box

    def year_month(self) -> tuple[int, int]:
        chosen = self.month.date()
        return chosen.year(), chosen.month()

    def reload(self) -> None:
        """Reads the month's plan (in the background), then its progress."""
        month = (self.ctx.archive, *self.year_month())
        ops.query(self, load_plan, *month, key="plan", on_done=self._show)

    def _show(self, loaded: tuple[MonthPlan, list[str]]) -> None:
        plan, owner_names = loaded
        self.plan = plan
        self.targets.setRowCount(0)
        self.row_owners: list[str] = []
        team_label = self.tr("Team") if plan.team.explicit else self.tr("Team (sum)")
        self._append_target_row("", team_label, plan.team.targets)
        for owner in plan.owners:
            self._append_target_row(owner.owner, owner.owner, owner.targets)
        self.add_owner.clear()
        known = {o.owner for o in plan.owners}
        self.add_owner.addItems([o for o in owner_names if o not in known])
        self.add_owner.setCurrentIndex(-1)
        self._show_calendar()
        self._fill_split()
        self.reload_progress()

    def _append_target_row(self, owner: str, label: str, targets: PlanTargets) -> None:
        row = self.targets.rowCount()
        self.targets.insertRow(row)
        self.targets.setVerticalHeaderItem(row, QTableWidgetItem(label))
        self.row_owners.append(owner)
        for column, name in enumerate(METRICS):
            value = targets.values()[name]
            text = f"{value:,.2f}" if isinstance(value, Decimal) else str(value)
            self.targets.setItem(row, column, _cell(text))

    def _add_owner_row(self) -> None:
        owner = self.add_owner.currentText().strip()
        if owner and owner not in self.row_owners:
            self._append_target_row(owner, owner, PlanTargets())

    def _read_row(self, row: int) -> PlanTargets:
        values, problems = {}, []
        for column, name in enumerate(METRICS):
            item = self.targets.item(row, column)
            text = item.text().strip() if item else ""
            if name in MONEY_METRICS:
                try:
                    values[name] = parse_yuan(text) or Decimal("0.00")
                except AmountError as exc:  # not a number, finer than the fen, or too large
                    problems.append(FieldProblem(name, exc.code, {"value": text}))
            elif text.isdigit() or not text:
                values[name] = int(text or 0)
            else:
                problems.append(FieldProblem(name, "bad_count", {"value": text}))
        if problems:
            raise ValidationErrors(problems)
        return PlanTargets(**values)

    def save_targets(self) -> bool:
        """Checks every row first, then stores them all in the background (Changes 'plan');
        a bad cell changes nothing. False when a cell is refused."""
        try:
            rows = [(self.row_owners[r], self._read_row(r)) for r in range(self.targets.rowCount())]
        except AppError as exc:
            self._say(error_text(exc, self.ctx.lang), error=True)
            return False
        team = self.plan.team
        # the summed team row not touched: it stays a sum
        rows = [r for r in rows if r != ("", team.targets) or team.explicit]
        ops.write(
            self,
            save_plan,
            self.ctx.archive,
            *self.year_month(),
            rows,
            changes={"plan"},
            on_done=lambda _none: self._say(self.tr("Targets saved.")),
            on_error=lambda exc: self._say(error_text(exc, self.ctx.lang), error=True),
        )
        return True

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #d9363e;" if error else "color: #2e9d4f;")
        self.message.setText(text)

    # --- calendar and split ------------------------------------------------------------------

    def _show_calendar(self) -> None:
        cal = self.plan.split.calendar
        text = self.tr("{0} working days").format(len(cal.working_days))
        if cal.makeup_days:
            days = "、".join(f"{d:%m-%d}" for d in cal.makeup_days)
            text += self.tr("; make-up working days (调休): {0}").format(days)
        if cal.holidays:
            text += self.tr("; holidays: {0}").format("、".join(f"{d:%m-%d}" for d in cal.holidays))
        if cal.note:
            text += self.tr("; {0}: statutory holidays only").format(cal.note)
        self.calendar_info.setText(text)

    def _split_box(self) -> QWidget:
        self.split_tabs = QTabWidget()
        self.split_tables = {}
        for key, title in (
            ("decades", self.tr("By 旬")),
            ("weeks", self.tr("By week")),
            ("days", self.tr("By working day")),
        ):
            table = _grid([self.tr("Working days"), *self.metric_labels()])
            self.split_tables[key] = table
            self.split_tabs.addTab(table, title)
        return self.split_tabs

    def _fill_split(self) -> None:
        for key, table in self.split_tables.items():
            parts = getattr(self.plan.split, key)
            table.setRowCount(len(parts))
            for row, part in enumerate(parts):
                label = period_label(part.period, self.ctx.lang)
                table.setVerticalHeaderItem(row, QTableWidgetItem(label))
                cells = [str(len(part.period.working_days))]
                cells += [_show(part.targets.values()[m]) for m in METRICS]
                for column, text in enumerate(cells):
                    table.setItem(row, column, _cell(text))

    # --- plan vs actual ------------------------------------------------------------------------

    def _progress_box(self) -> QWidget:
        box = QWidget()
        self.view = QComboBox()
        for key, label in (
            ("month", self.tr("Whole month")),
            ("decades", self.tr("By 旬")),
            ("weeks", self.tr("By week")),
            ("owners", self.tr("By account manager")),
        ):
            self.view.addItem(label, key)
        self.view.currentIndexChanged.connect(lambda _i: self._show_progress())
        self.progress_note = QLabel()
        self.progress = _grid(self.metric_labels())
        top = boxes.row(QLabel(self.tr("As of")), self.as_of, self.view, (self.progress_note, 1))
        boxes.column(top, (self.progress, 1), parent=box)
        return box

    def reload_progress(self) -> None:
        """Reads plan vs actual as of the day chosen (in the background)."""
        when = (self.ctx.archive, *self.year_month(), self.as_of.value())
        ops.query(self, plans.progress, *when, key="progress", on_done=self._progress_read)

    def _progress_read(self, result: PlanProgress) -> None:
        self.result = result
        self._show_progress()

    def _show_progress(self) -> None:
        """The lines of the view chosen (the month, 旬, weeks or account managers) as bars."""
        result = self.result
        if result is None:
            return
        lines = {
            "month": (result.month_line,),
            "decades": result.decades,
            "weeks": result.weeks,
            "owners": result.owners,
        }[self.view.currentData() or "month"]
        self.progress_note.setText(
            self.tr("{0} of {1} working days gone (as of {2})").format(
                result.working_days_elapsed, result.working_days, f"{result.as_of:%Y-%m-%d}"
            )
        )
        self.progress.setRowCount(len(lines))
        for row, line in enumerate(lines):
            self.progress.setVerticalHeaderItem(row, QTableWidgetItem(self.line_label(line)))
            for column, name in enumerate(METRICS):
                self.progress.setCellWidget(row, column, self._bar(line, name))
        self.progress.resizeRowsToContents()

    def line_label(self, line: ProgressLine) -> str:
        """A progress line's name: the month, a 旬 or week of the plan's split, an owner."""
        if not line.key:  # the whole month
            year, month = self.year_month()
            return f"{year}-{month:02d}" if is_english(self.ctx.lang) else line.label
        parts = (*self.plan.split.decades, *self.plan.split.weeks) if self.plan else ()
        periods = {p.period.key: p.period for p in parts}
        period = periods.get(line.key)
        return period_label(period, self.ctx.lang) if period is not None else line.label

    def _bar(self, line: ProgressLine, name: str) -> QProgressBar:
        target = line.target.values()[name]
        actual = line.actual.values()[name]
        due = line.due.values()[name]
        rate = plans.achievement(actual, target)
        bar = QProgressBar()
        bar.setRange(0, 100)
        bar.setValue(min(rate or 0, 100))
        shown = f"{rate}%" if rate is not None else "—"
        bar.setFormat(f"{_short(actual)} / {_short(target)}  {shown}")
        behind = target and actual < due
        bar.setStyleSheet(
            "QProgressBar::chunk { background: %s; }" % ("#e67e22" if behind else "#27ae60")
        )
        exact = f"{_show(actual)} / {_show(target)}"
        bar.setToolTip(exact + "\n" + self.tr("Due by now: {0}").format(_show(due)))
        return bar

    # --- printing and exporting ---------------------------------------------------------------

    def _made(self, service):
        """A printout service for the month shown, its progress as of the day chosen."""
        year, month = self.year_month()
        return partial(service, year=year, month=month, as_of=self.as_of.value())

    def print_plan(self):
        year, month = self.year_month()
        name = f"月计划{year}-{month:02d}.pdf"
        job = self.tr("Printing the monthly plan…")
        return list_printing.print_list(self, self._made(printouts.plan_pdf), name, job)

    def export(self, path: Path | None = None):
        year, month = self.year_month()
        name = f"月计划{year}-{month:02d}.xlsx"
        job = self.tr("Exporting the monthly plan…")
        return list_printing.export_list(
            self, self._made(printouts.plan_xlsx), name, job, self._exported, path
        )

    def _exported(self, path: Path, _count: int) -> None:
        self.ctx.events.status_message.emit(self.tr("Monthly plan exported to {0}").format(path))

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("plan", "calendar"):  # calendar: days entered in Settings → 节假日
            self.reload()
        elif changes.touches(*ACTUALS):
            self.reload_progress()
