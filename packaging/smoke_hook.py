"""PyInstaller runtime hook (and the venv's stand-in, see packaging/smoke.py): with the environment
variable SALES_COMPASS_SMOKE set to a file name, the window closes itself as soon as the event
loop has shown it, and what it saw goes to that file as JSON (a windowed program on Windows has
no console to print to). Without the variable this does nothing and imports nothing."""

import os


def _install(target: str) -> None:
    import json
    import sys
    import time

    import app.ui.application as application

    started = time.perf_counter()
    start_gui = application.start_gui

    def write(report: dict) -> None:
        with open(target, "w", encoding="utf-8") as file:
            json.dump(report, file, ensure_ascii=False)

    def smoke_start_gui(args):
        started_gui = start_gui(args)
        if isinstance(started_gui, int):
            write({"shown": False, "exit": started_gui})
            return started_gui
        qt_app, window = started_gui
        from PySide6.QtCore import QTimer

        def close() -> None:
            write(
                {
                    "shown": window.isVisible(),
                    "title": window.windowTitle(),
                    "window_icon": not qt_app.windowIcon().isNull(),
                    "utf8_mode": sys.flags.utf8_mode,
                    "width": window.width(),
                    "height": window.height(),
                    "seconds_in_python": round(time.perf_counter() - started, 3),
                }
            )
            window.close()

        QTimer.singleShot(0, close)
        return started_gui

    application.start_gui = smoke_start_gui


if os.environ.get("SALES_COMPASS_SMOKE"):
    _install(os.environ["SALES_COMPASS_SMOKE"])
