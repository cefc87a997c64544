"""PyInstaller runtime hook (and the venv's stand-in, see packaging/smoke.py): with the environment
variable SALES_COMPASS_SMOKE set to a file name, the window closes itself as soon as the event
loop has shown it, and what it saw goes to that file as JSON (a windowed program on Windows has
no console to print to). Without the variable this does nothing and imports nothing.

With SALES_COMPASS_SMOKE_TOUR=<a PDF file> as well, the window first visits every area, opens
that PDF in the preview and prints it (to a PDF file, through the same code as a printer), and
checks what Qt takes from ICU (Chinese collation, time-zone names, the GB18030 converter).
With SALES_COMPASS_MAPS=<file>, any run (the command line too) writes the shared libraries it
has loaded to that file when it ends (Linux: /proc/self/maps): what the bundle must keep."""

import os


def _tour(window, pdf: str) -> dict:
    """Every area, the PDF preview and a print of it; what went wrong, if anything."""
    from pathlib import Path

    from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
    from PySide6.QtWidgets import QApplication

    from app.ui.pdf_preview import PdfPreviewDialog

    failed = []
    for key in window.AREAS:
        try:
            window.show_area(key)
            QApplication.processEvents()
        except Exception as error:  # noqa: BLE001 - reported, not raised
            failed.append(f"{key}: {error!r}")
    preview = PdfPreviewDialog(Path(pdf), window)
    preview.show()
    QApplication.processEvents()
    printer = preview.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(pdf + ".printed.pdf")
    printed = preview.print_to(printer)
    pages = preview.page_count()
    preview.close()
    collator = QCollator(QLocale("zh_CN"))
    names = sorted(["上海", "北京", "广州", "阿里"], key=collator.sortKey)
    return {
        "areas_failed": failed,
        "preview_pages": pages,
        "printed_pages": printed,
        "printers_known": len(QPrinterInfo.availablePrinterNames()),
        "pinyin_order": "".join(name[0] for name in names),  # 阿北广上
        "zone_name": QTimeZone(b"Asia/Shanghai").displayName(
            QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("zh_CN")
        ),
        "gb18030": QStringDecoder("GB18030").isValid(),
    }


def _write_maps(target: str) -> None:
    """The shared libraries this process has loaded, one path a line."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split(None, 5)[-1].strip() for line in maps if ".so" in line}
    except OSError:
        return
    with open(target, "w", encoding="utf-8") as file:
        file.write("".join(f"{path}\n" for path in sorted(p for p in paths if p.startswith("/"))))


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
            tour = os.environ.get("SALES_COMPASS_SMOKE_TOUR")
            write(
                {
                    **(_tour(window, tour) if tour else {}),
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


if os.environ.get("SALES_COMPASS_MAPS"):
    import atexit

    atexit.register(_write_maps, os.environ["SALES_COMPASS_MAPS"])
if os.environ.get("SALES_COMPASS_SMOKE"):
    _install(os.environ["SALES_COMPASS_SMOKE"])
