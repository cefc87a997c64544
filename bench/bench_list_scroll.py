"""Benchmark: how long the window stops while a person scrolls the activity list (活动) of a
large archive down to row 5,000, in each sort order (issue 11: a big list never freezes the
window).

    .venv/bin/python bench/bench_list_scroll.py ARCHIVE [--rows 5000] [--sorts all|Time,Subject]

The page is shown at 1366×768 on a real task runner (threads); a timer pulls the scroll bar to
its end every 16 ms (a person holding End, or dragging the thumb down; the rows are painted
whenever the list moved), and a 5 ms heartbeat
timer on the UI thread notes when it fires: the longest gap between two beats is the longest
time the window could not paint or answer a key. Per sort order: the longest stall, the median
gap, the time to reach the row, and the number of windows read; and, apart from the machine's
load, the longest single step of the list's own on the UI thread (KeysetModel.fetchMore, and
where there is one the arrival of a window read in the background), wall and CPU time of the
UI thread. Then the process's CPU time (user + system) and the load average before and after. The archive is only read (give it a
copy if in doubt). To compare with code before a change, run this file with that code first
on PYTHONPATH (the script's own checkout is put after it). `--list clients`: the client list
instead (ids held, rows read by id as they are painted)."""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.append(str(Path(__file__).resolve().parents[1]))  # after PYTHONPATH: see the docstring

HEARTBEAT_MS = 5
PULL_MS = 16
TIMEOUT_S = 600.0


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _wait(app, done, timeout_s: float = TIMEOUT_S) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the list did not answer in time")
        app.processEvents()
        time.sleep(0.001)


class StepTimes:
    """Wall and UI-thread CPU time of every call of the model's fetch steps (class-wide)."""

    def __init__(self, model_class: type, names: tuple[str, ...]):
        self.steps: list[tuple[float, float]] = []
        for name in names:
            if hasattr(model_class, name):
                setattr(model_class, name, self._timed(getattr(model_class, name)))

    def _timed(self, method):
        def timed(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return method(*args, **kwargs)
            finally:
                self.steps.append((time.perf_counter() - wall, time.thread_time() - cpu))

        return timed

    def longest(self) -> tuple[float, float]:
        """(wall, cpu) in ms of the longest step since the last call; then forgets them."""
        steps, self.steps = self.steps, []
        if not steps:
            return 0.0, 0.0
        wall, cpu = max(steps)
        return wall * 1000, cpu * 1000


class GcPauses:
    """The longest pause of Python's cyclic garbage collector (any thread: it holds the GIL,
    so the UI thread waits for it too)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._began = 0.0
        gc.callbacks.append(self._heard)

    def _heard(self, phase: str, _info: dict) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.longest = max(self.longest, time.perf_counter() - self._began)

    def take(self) -> float:
        """The longest pause in ms since the last call."""
        longest, self.longest = self.longest, 0.0
        return longest * 1000


def scroll_to(app, page, runner, rows: int) -> dict[str, float]:
    """Pulls the scroll bar to its end until `rows` rows are listed; the heartbeat's gaps."""
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer

    beats: list[int] = []
    clock = QElapsedTimer()
    heartbeat = QTimer(interval=HEARTBEAT_MS, timerType=Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(lambda: beats.append(clock.elapsed()))
    bar = page.table.verticalScrollBar()
    puller = QTimer(interval=PULL_MS)

    def pull() -> None:
        if bar.value() != bar.maximum():
            bar.setValue(bar.maximum())
            page.table.viewport().repaint()  # scrolled: painted now, as a screen shows it

    puller.timeout.connect(pull)
    windows = 0

    def counted(*_args: object) -> None:
        nonlocal windows
        windows += 1

    page.model.rowsInserted.connect(counted)
    began = time.perf_counter()
    clock.start()
    heartbeat.start()
    puller.start()
    _wait(app, lambda: page.model.rowCount() >= rows or not page.model.canFetchMore())
    elapsed = time.perf_counter() - began
    puller.stop()
    heartbeat.stop()
    page.model.rowsInserted.disconnect(counted)
    _wait(app, lambda: not runner.active)
    gaps = [b - a for a, b in zip(beats, beats[1:], strict=False)] or [0]
    return {
        "stall_ms": max(gaps),
        "median_ms": statistics.median(gaps),
        "seconds": elapsed,
        "windows": windows,
        "rows": page.model.rowCount(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--sorts", default="all", help="column titles, comma-separated")
    parser.add_argument(
        "--list",
        choices=("activities", "clients"),
        default="activities",
        help="the activity list (KeysetModel) or the client list (LazyModel)",
    )
    parser.add_argument(
        "--freeze",
        action="store_true",
        help="gc.freeze() once the window is up: start-up's objects are left out of collections",
    )
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.services.archive import open_archive
    from app.ui.application import register_bundled_font
    from app.ui.context import UiContext, UiEvents
    from app.ui.tasks import TaskRunner

    if args.list == "activities":
        from app.ui.activities.list_page import ActivityListPage as Page
        from app.ui.kit.keyset import KeysetModel as Model

        steps = StepTimes(Model, ("fetchMore", "_arrived"))
    else:
        from app.ui.clients.list_page import ClientListPage as Page
        from app.ui.kit.tables import LazyModel as Model

        steps = StepTimes(Model, ("fetchMore", "row_at", "_ask", "_came"))
    pauses = GcPauses()

    load_before = os.getloadavg()
    app = QApplication.instance() or QApplication([])
    register_bundled_font(app)
    archive = open_archive(args.archive)
    runner = TaskRunner(app)
    page = Page(UiContext(archive, runner, UiEvents(), "zh_CN"))
    page.resize(1366, 700)
    page.show()
    _wait(app, lambda: page.model.loaded and not runner.active)
    print(f"{page.model.total():,} {args.list}; code: {sys.modules['app'].__file__}")
    if args.freeze:
        gc.collect()
        gc.freeze()
        print(f"gc.freeze(): {gc.get_freeze_count():,} objects left out of collections")
    titles = [c.title for c in page.model.columns]
    chosen = titles if args.sorts == "all" else args.sorts.split(",")
    cpu_start = _cpu_s()
    print(
        f"{'sort':<22} {'longest stall':>13} {'median gap':>10} {'to row':>8} {'windows':>7}"
        f"   {'longest list step: wall / UI-thread CPU':>40} {'longest GC':>10}"
    )
    worst = worst_step = 0.0
    for title in chosen:
        column = titles.index(title)
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            page.table.verticalScrollBar().setValue(0)
            page.table.sortByColumn(column, order)
            _wait(app, lambda: not runner.active and page.model.rowCount() > 0)
            app.processEvents()
            steps.longest()  # the first window's arrival is not scrolling
            pauses.take()
            found = scroll_to(app, page, runner, args.rows)
            step_wall, step_cpu = steps.longest()
            worst, worst_step = max(worst, found["stall_ms"]), max(worst_step, step_wall)
            way = "↑" if order == Qt.SortOrder.AscendingOrder else "↓"
            print(
                f"{title + ' ' + way:<22} {found['stall_ms']:>10.0f} ms {found['median_ms']:>7.0f} ms"
                f" {found['seconds']:>7.1f}s {found['windows']:>7}"
                f"   {step_wall:>24.0f} ms / {step_cpu:>4.0f} ms {pauses.take():>7.0f} ms",
                flush=True,
            )
    cpu = _cpu_s() - cpu_start
    print(f"longest stall over every sort: {worst:.0f} ms (goal: none a person notices, < 100 ms)")
    print(f"longest step of the list on the UI thread: {worst_step:.0f} ms")
    print(f"CPU (user+sys) while scrolling: {cpu:.1f} s")
    print(f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f} (2 cores)")
    page.close()
    runner.cancel_all()
    runner.wait()
    archive.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
