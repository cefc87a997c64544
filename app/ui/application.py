"""GUI composition root: QApplication -> bundled CJK font -> translator -> archive -> task runner
-> UiContext -> MainWindow. Called by app.main for `sales-compass [--db PATH] [gui] [--demo]`."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app import paths, private_temp
from app.domain.errors import AppError
from app.services import archive as archive_service
from app.services import settings as settings_service
from app.services.archive import Archive
from app.ui.context import UiContext, UiEvents
from app.ui.kit.forms import install_form_guards
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from app.ui.widgets import TaskProgressDialog, error_text

DEMO_CLIENTS = 300


@dataclass
class GuiOptions:
    db: Path | None
    demo: bool


def parse_args(args: list[str]) -> GuiOptions:
    parser = argparse.ArgumentParser(prog="sales-compass", add_help=True)
    parser.add_argument("--db", type=Path, default=None, help="the archive file to open")
    parser.add_argument(
        "--demo", action="store_true", help="open (and first create) a demo archive"
    )
    parser.add_argument("command", nargs="?", choices=["gui"], default="gui")
    options, _qt_args = parser.parse_known_args(args)
    return GuiOptions(options.db, options.demo)


def archive_path(options: GuiOptions) -> Path:
    if options.db is not None:
        return options.db
    return paths.demo_archive_path() if options.demo else paths.default_archive_path()


def register_bundled_font(app: QApplication) -> str | None:
    """Makes the bundled WenQuanYi Micro Hei the application font, so Chinese renders on a
    machine without Chinese fonts. Returns the family name (None if the file is missing)."""
    if not paths.CJK_FONT.exists():
        return None
    font_id = QFontDatabase.addApplicationFont(str(paths.CJK_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(families[0])
    font.setPointSize(max(app.font().pointSize(), 10))
    app.setFont(font)
    return families[0]


def system_language() -> str:
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def choose_language(archive: Archive | None) -> str:
    """The archive's preference when there is one; otherwise the system locale."""
    if archive is not None:
        try:
            return settings_service.preferences(archive).language or system_language()
        except AppError:
            pass
    return system_language()


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Our strings (resources/i18n) and Qt's own (standard buttons); English needs none."""
    installed = []
    if lang.startswith("en"):
        return installed
    candidates = (
        (paths.I18N, f"sales_compass_{lang}"),
        (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), f"qtbase_{lang}"),
    )
    for folder, name in candidates:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def build_window(
    archive: Archive, runner: TaskRunner | None = None, lang: str = "zh_CN"
) -> MainWindow:
    """The main window over an open archive (tests pass a SynchronousTaskRunner)."""
    install_form_guards(QApplication.instance())  # once per application
    ctx = UiContext(archive=archive, runner=runner or TaskRunner(), events=UiEvents(), lang=lang)
    return MainWindow(ctx)


def open_or_explain(path: Path) -> Archive | None:
    """Opens the archive for this window. When another window or command has it, or it is on a
    network share, says so and offers to open it read-only. An encrypted archive asks for its
    password first (app.ui.password_dialog)."""
    from app.ui.password_dialog import unlock_archive

    try:
        if not unlock_archive(path):
            return None
        return archive_service.open_archive(path, holder=archive_service.WINDOW, wait=2.0)
    except AppError as exc:
        if exc.code.startswith("archive_in_use") or exc.code == "archive_on_network_share":
            return offer_read_only(path, exc)
        QMessageBox.critical(
            None,
            QApplication.translate("application", "Sales Compass"),
            error_text(exc, system_language()),
        )
    except OSError as exc:
        message = QApplication.translate("application", "Cannot open the archive {0}: {1}")
        QMessageBox.critical(
            None,
            QApplication.translate("application", "Sales Compass"),
            message.format(path, exc.strerror or exc),
        )
    return None


def offer_read_only(path: Path, exc: AppError) -> Archive | None:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QApplication.translate("application", "Sales Compass"),
        error_text(exc, system_language()),
    )
    box.setInformativeText(
        QApplication.translate(
            "application", "You can open it read-only: you can look, search, print and export."
        )
    )
    read_only = box.addButton(
        QApplication.translate("application", "Open read-only"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    if box.clickedButton() is not read_only:
        return None
    try:
        return archive_service.open_archive(path, read_only=True)
    except AppError as again:
        QMessageBox.critical(
            None,
            QApplication.translate("application", "Sales Compass"),
            error_text(again, system_language()),
        )
        return None


def create_demo_if_needed(path: Path, runner: TaskRunner) -> bool:
    """Creates the demo archive at `path` (built aside, installed whole) in the background with
    a progress dialog, unless it already has clients. False if it failed."""
    from app.services.demo import create_demo_archive, needs_demo

    try:
        if not needs_demo(path):
            return True
    except AppError as exc:
        QMessageBox.critical(
            None, QApplication.translate("application", "Sales Compass"), error_text(exc)
        )
        return False
    loop = QEventLoop()
    outcome: dict[str, object] = {}
    dialogs = []

    def follow(handle) -> None:
        dialogs.append(TaskProgressDialog(handle))

    runner.started.connect(follow)
    handle = runner.submit(
        QApplication.translate("application", "Creating the demo archive…"),
        create_demo_archive,
        path,
        clients=DEMO_CLIENTS,
        seed=7,
        on_error=lambda exc: outcome.setdefault("error", exc),
    )
    runner.started.disconnect(follow)
    handle.finished.connect(loop.quit)
    if not handle.done:
        loop.exec()
    for dialog in dialogs:
        dialog.close()
    if "error" in outcome:
        QMessageBox.critical(
            None,
            QApplication.translate("application", "Sales Compass"),
            error_text(outcome["error"]),
        )
        return False
    return True


def start_gui(args: list[str]) -> tuple[QApplication, MainWindow] | int:
    """Everything up to a shown window; an int is the exit code when it could not start."""
    options = parse_args(args)
    private_temp.session_folder()  # this user's own temp folder; a crashed run's leftovers go
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_form_guards(app)  # the wheel never edits an unfocused field
    app.setApplicationName("SalesCompass")
    app.setOrganizationName("SalesCompass")
    app.setWindowIcon(QIcon(str(paths.RESOURCES / "icons" / "sales-compass.png")))
    register_bundled_font(app)
    translators = install_translators(app, system_language())
    runner = TaskRunner(app)
    if options.demo and not create_demo_if_needed(archive_path(options), runner):
        return 1
    archive = open_or_explain(archive_path(options))
    if archive is None:
        return 1
    lang = choose_language(archive)
    if lang != system_language():
        for translator in translators:
            app.removeTranslator(translator)
        install_translators(app, lang)
    window = build_window(archive, runner, lang)
    window.show()
    window.backups.start()  # backs up by itself: daily, and on closing after changes (issue 9)
    return app, window


def run_gui(args: list[str]) -> int:
    started = start_gui(args)
    if isinstance(started, int):
        return started
    app, window = started
    code = app.exec()
    window.ctx.runner.cancel_all()
    window.ctx.runner.wait()
    window.ctx.archive.close()
    private_temp.cleanup()  # attachments opened for viewing, PDFs made for printing
    return code
