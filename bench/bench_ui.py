"""Benchmark of the window on a large archive (build one with
`sales-compass demo --clients 100000 --activities 1000000 --db PATH`).

    .venv/bin/python bench/bench_ui.py PATH [--only start|filters] [--runs N]

Prints, with the issue's targets:
- start to a usable window: from process start (interpreter included) until the main window is
  shown with the client list's first screen painted, measured in fresh child processes;
- client list first screen: query the ids, load the first page and paint the visible rows;
- text filter: type a filter (debounce excluded) until the filtered first screen is painted,
  on a client list with a real task runner as in the window (its first screen may come
  before the whole list and its count: both are printed);
- peak memory while browsing: scroll through a few thousand rows and open client pages; then
  every area of the sidebar in turn (issue 11: <= 300 MB after all of them).

`--only start` times the start alone (`--runs` children, 3 unless told), `--only filters` the text
filters alone (`--rounds` times each, on their own list: no window built, no browsing), for old
and new code run in turn (copy this file next to the older code's app/); `--no-first-screen`
times the filters without looking for a first screen (the whole list alone, the baseline)."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

STARTUP_RUNS = 3
FILTER_TEXTS = ("华", "深圳", "科技", "bjhx", "北京华信", "股份有限公司")
SCROLL_ROWS = 5000
CLIENT_PAGES = 30


def _paint_first_screen(page) -> None:
    """Forces the visible rows of the client table to be painted now."""
    page.table.viewport().grab()


def startup_child(path: Path) -> None:
    """Runs in a fresh process: prints the wall-clock time when the first screen is painted.
    The window's module first, as `sales-compass` loads it (app.main imports no Qt before it:
    app.ui.preload)."""
    from app.ui.application import start_gui  # isort: skip

    from PySide6.QtCore import QEvent, QObject

    class PaintWatch(QObject):
        painted = False

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    started = start_gui(["--db", str(path)])
    if isinstance(started, int):
        sys.exit(started)
    app, window = started
    watch = PaintWatch()
    viewport = window.client_list.table.viewport()
    viewport.installEventFilter(watch)
    deadline = time.time() + 30
    while not watch.painted and time.time() < deadline:
        app.processEvents()
        if not watch.painted:
            _paint_first_screen(window.client_list)  # offscreen has no expose timer to wait for
    print(f"{time.time():.6f}", flush=True)
    window.ctx.archive.close()


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure_startup(path: Path, runs: int = STARTUP_RUNS, cpu: list | None = None) -> list[float]:
    """Wall times of `runs` starts; with `cpu`, each start's CPU (user + system) is added
    to it (the whole process: it also reads the list on a worker thread, and closes)."""
    times = []
    # a first start: no remembered area or window state (the window would open on the area
    # last shown, and the client list it watches would not be painted)
    fresh = tempfile.mkdtemp(prefix="bench-ui-config-")
    env = {**os.environ, "XDG_CONFIG_HOME": fresh}
    for _ in range(runs):
        used = _children_cpu()
        began = time.time()
        child = subprocess.run(
            [sys.executable, __file__, str(path), "--startup-child"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        painted = float(child.stdout.strip().splitlines()[-1])
        times.append(painted - began)
        if cpu is not None:
            cpu.append(_children_cpu() - used)
    return times


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _report(name: str, value: str, target: str, ok: bool) -> None:
    print(f"{name:<42} {value:>16}   target {target:<10} {'ok' if ok else 'SLOW'}")


def measure_in_process(path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from app.services.archive import open_archive
    from app.ui.application import build_window, register_bundled_font
    from app.ui.tasks import SynchronousTaskRunner

    app = QApplication.instance() or QApplication([])
    register_bundled_font(app)
    archive = open_archive(path)
    window = build_window(archive, SynchronousTaskRunner())
    window.show()
    app.processEvents()
    page = window.client_list

    first_screen = []
    for _ in range(5):
        began = time.perf_counter()
        page.apply_filters()
        _paint_first_screen(page)
        first_screen.append(time.perf_counter() - began)
    median = statistics.median(first_screen)
    _report(
        f"client list first screen ({page.model.total():,} clients)",
        f"{_ms(first_screen[0])} / {_ms(median)}",
        "150 ms",
        median <= 0.150,
    )

    filter_times = measure_filters(app, archive)
    median = statistics.median(filter_times)
    _report(
        "text filter (median, worst)",
        f"{_ms(median)} / {_ms(max(filter_times))}",
        "100 ms",
        median <= 0.100,
    )

    browse(app, window)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _report("peak memory while browsing", f"{peak_mb:.0f} MB", "400 MB", peak_mb <= 400)
    visit_every_area(app, window)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _report(
        "peak memory after every area (issue 11)", f"{peak_mb:.0f} MB", "300 MB", peak_mb <= 300
    )
    private, mapped = _rss_parts_mb()
    print(f"    of the size now: private {private:.0f} MB, mapped files {mapped:.0f} MB", end="")
    print(" (the archive, which the reader maps, and the libraries; the system may drop them)")
    window.close()
    window.deleteLater()
    app.processEvents()
    archive.close()


def measure_filters_alone(path: Path, rounds: int = 1) -> None:
    """The text filters on a list of their own (measure_filters), the archive opened as the
    window opens it."""
    from PySide6.QtWidgets import QApplication

    from app.services.archive import open_archive
    from app.ui.application import register_bundled_font

    app = QApplication.instance() or QApplication([])
    register_bundled_font(app)
    archive = open_archive(path)
    try:
        times = measure_filters(app, archive, rounds)
    finally:
        archive.close()
    _report(
        "text filter (median, worst)",
        f"{_ms(statistics.median(times))} / {_ms(max(times))}",
        "100 ms",
        statistics.median(times) <= 0.100,
    )


def measure_filters(app, archive, rounds: int = 1) -> list[float]:
    """Per filter text: from the query asked (debounce excluded) until the list's first screen
    is painted with its rows, on a client list of its own with a real task runner as in the
    window (the first screen may come before the whole list: its count follows); then until
    the whole list and its count came."""
    from app.ui.clients.list_page import ClientListPage
    from app.ui.context import UiContext, UiEvents
    from app.ui.tasks import TaskRunner

    ctx = UiContext(archive=archive, runner=TaskRunner(), events=UiEvents(), lang="zh_CN")
    page = ClientListPage(ctx)
    page.resize(1366, 700)
    page.show()
    _wait_for(app, lambda: page._complete and not ctx.runner.active)
    jobs = _timed_jobs()
    times = []
    for text in (*FILTER_TEXTS, "") * rounds:
        page.text_filter.setText(text)
        began = time.perf_counter()
        page.text_filter.flush()  # as Enter: asked at once, the pause's timer stopped
        _wait_for(app, lambda: page._first_shown or page._complete)
        _paint_first_screen(page)  # asks for the rows it shows (read in the background)
        _wait_for(app, lambda: _first_screen_read(page))
        _paint_first_screen(page)
        painted = time.perf_counter() - began
        _wait_for(app, lambda: page._complete)
        whole = time.perf_counter() - began
        _wait_for(app, lambda: not ctx.runner.active)  # the rows' reads too: none left over
        listing = [cpu for label, cpu in jobs if label == page.tr("Loading clients")]
        jobs.clear()
        if text:
            times.append(painted)
            print(
                f"    filter {text!r:<16} {page.model.total():>7,} rows  first screen"
                f" {_ms(painted)}, whole list and count {_ms(whole)}; {len(listing)} listing"
                f" job(s), their CPU {sum(listing) * 1000:.1f} ms"
            )
    _wait_for(app, lambda: not ctx.runner.active)
    page.close()
    page.deleteLater()
    app.processEvents()
    return times


def _timed_jobs() -> list[tuple[str, float]]:
    """(label, CPU seconds of its worker thread) of each job the task runner runs from now on
    (a wall time on a busy machine is mostly the wait for a core; a job's CPU is its cost)."""
    from app.ui import tasks

    done: list[tuple[str, float]] = []
    run = tasks._execute

    def timed(handle, fn, args, kwargs) -> None:
        def job(*args, **kwargs):
            began = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:  # before the job's signals: counted with the filter that asked for it
                done.append((handle.label, time.thread_time() - began))

        run(handle, job, args, kwargs)

    tasks._execute = timed
    return done


def _first_screen_read(page) -> bool:
    model = page.model
    shown = min(model.rowCount(), 30)
    return all(model.ids[row] in model._cache for row in range(shown))


def _wait_for(app, done, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the client list did not answer")
        app.processEvents()
        time.sleep(0.0005)


def browse(app, window) -> None:
    """Scrolls the client list through a few thousand rows, then opens some client pages."""
    page = window.client_list
    model = page.model
    rows = min(SCROLL_ROWS, model.total())
    for row in range(0, rows, 40):
        while row >= model.rowCount() and model.canFetchMore():
            model.fetchMore()
        page.table.scrollTo(model.index(row, 0))
        _paint_first_screen(page)
        app.processEvents()
    step = max(1, rows // CLIENT_PAGES)
    for row in range(0, rows, step):
        window.show_client(model.id_at(row))
        for tab in range(window.client_page.tabs.count()):
            window.client_page.tabs.setCurrentIndex(tab)
            window.client_page.grab()
        app.processEvents()


def visit_every_area(app, window) -> None:
    """Shows each area of the sidebar in turn, as a person looking around would, each painted
    with its first screen loaded; prints the process's size after each."""
    for key in window.AREAS:
        began = time.perf_counter()
        window.show_area(key)
        app.processEvents()
        window.grab()
        rss_mb = _current_rss_mb()
        print(f"    area {key:<14} {_ms(time.perf_counter() - began):>8}  now {rss_mb:.0f} MB")


def _rss_parts_mb() -> tuple[float, float]:
    """The process's resident size in its own memory (heap, stacks) and in mapped files."""
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("RssAnon", "RssFile", "RssShmem"):
                fields[name] = int(value.split()[0]) / 1024
    return fields.get("RssAnon", 0.0), fields.get("RssFile", 0.0) + fields.get("RssShmem", 0.0)


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--only", choices=("start", "filters"), help="time only this")
    parser.add_argument("--runs", type=int, default=STARTUP_RUNS, help="starts timed")
    parser.add_argument("--rounds", type=int, default=1, help="--only filters: times each")
    parser.add_argument(
        "--no-first-screen", action="store_true", help="filters without the first screen's look"
    )
    parser.add_argument("--startup-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup_child:
        startup_child(args.archive)
        return 0
    if not args.archive.exists():
        print(f"no archive at {args.archive}; build one with sales-compass demo", file=sys.stderr)
        return 1
    print(f"load average {os.getloadavg()[0]:.2f} (before)")
    if args.only in (None, "start"):
        cpu: list[float] = []
        startup = measure_startup(args.archive, args.runs, cpu)
        _report(
            "start to a usable window (first, median)",
            f"{startup[0]:.2f} s / {statistics.median(startup):.2f} s",
            "1.0 s",
            statistics.median(startup) <= 1.0,
        )
        print("    each start: " + ", ".join(f"{t:.3f}" for t in startup) + " s")
        print("    its CPU: " + ", ".join(f"{t:.3f}" for t in cpu) + " s")
    if args.only is None:
        measure_in_process(args.archive)
    elif args.only == "filters":
        if args.no_first_screen:  # the baseline: the whole list alone
            from app.ui.clients.list_page import ClientListPage

            ClientListPage._first_screen = lambda self: 0
        measure_filters_alone(args.archive, args.rounds)
    print(f"load average {os.getloadavg()[0]:.2f} (after)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
