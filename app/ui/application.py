"""GUI composition root: QApplication -> bundled CJK font -> translator -> archive -> task runner
-> UiContext -> MainWindow. Called by app.main for `sales-compass [--db PATH] [gui] [--demo]`."""

from __future__ import annotations

import argparse
import gc
import sys
from dataclasses import dataclass
from pathlib import Path

# before Qt: PySide6's import hook reads the source of every module loaded after it (app.ui.preload)
from app.ui import preload  # noqa: F401

# isort: split

from PySide6.QtCore import QEventLoop, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app import paths, private_temp
from app.domain.errors import AppError
from app.domain.locations import is_server_address
from app.services import archive as archive_service
from app.services import team_logins
from app.services.archive import Archive
from app.ui import user_settings
from app.ui.context import UiContext, UiEvents
from app.ui.kit.forms import form_guards_paused, install_form_guards
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from app.ui.widgets import TaskProgressDialog, error_text

DEMO_CLIENTS = 300


@dataclass
class GuiOptions:
    db: Path | str | None  # a file, or a team archive's address
    demo: bool


def parse_args(args: list[str]) -> GuiOptions:
    parser = argparse.ArgumentParser(prog="sales-compass", add_help=True)
    parser.add_argument(
        "--db",
        type=_location,
        default=None,
        help="the archive file to open, or a team archive postgresql://user@host/dbname",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open (and first create) a demo archive"
    )
    parser.add_argument("command", nargs="?", choices=["gui"], default="gui")
    options, _qt_args = parser.parse_known_args(args)
    return GuiOptions(options.db, options.demo)


def _location(value: str) -> Path | str:
    return value if is_server_address(value) else Path(value)


def archive_path(options: GuiOptions) -> Path | str:
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
    """This user's choice (QSettings; the first time, the one an older version kept in the
    archive); otherwise the system locale."""
    if archive is not None:
        user_settings.adopt_archive_preferences(archive)
    return user_settings.language() or system_language()


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
    user_settings.adopt_archive_preferences(archive)  # the font an older version kept in it
    user_settings.apply_to_archive(archive)  # documents print in this user's font
    ctx = UiContext(archive=archive, runner=runner or TaskRunner(), events=UiEvents(), lang=lang)
    with form_guards_paused(QApplication.instance()):
        return MainWindow(ctx)


def open_or_explain(path: Path, create: bool = True) -> Archive | None:
    """Opens the archive for this window. When another window or command has it, or it is on a
    network share, says so and offers to open it read-only. An encrypted archive asks for its
    password first (app.ui.password_dialog)."""
    from app.ui.password_dialog import unlock_archive

    try:
        if not unlock_archive(path):
            return None
        return open_with_progress(path, create)
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


def connect_or_explain(address: str) -> Archive | None:
    """A team archive named on the command line: opened with the password kept in the keyring
    (or none, for a server that trusts this login); when the server wants one, or refuses it,
    the connect dialog asks, filled in with the address."""
    try:
        return open_with_progress(address, password=team_logins.saved_password(address))
    except AppError as exc:
        if exc.code != "server_login_failed":
            QMessageBox.critical(
                None,
                QApplication.translate("application", "Sales Compass"),
                error_text(exc, system_language()),
            )
            return None
    from app.ui.team.connect_dialog import ConnectTeamDialog

    dialog = ConnectTeamDialog(None, address=address)
    return dialog.archive if dialog.exec() else None


SLOW_OPEN_SECONDS = 0.4  # an open taking longer says what it is doing


def open_with_progress(
    path: Path | str, create: bool = True, password: str | None = None
) -> Archive:
    """Opens the archive for the window on a worker thread. An open that takes longer than
    SLOW_OPEN_SECONDS (an upgrade of a large archive, its search index rebuilt: minutes on
    100,000 clients) shows a busy dialog saying so instead of an empty screen; it cannot be
    cancelled, since an upgrade runs to its end or not at all. Raises what open_archive raises."""
    import threading

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["archive"] = archive_service.open_archive(
                path, create=create, holder=archive_service.WINDOW, wait=2.0, password=password
            )
        except BaseException as exc:  # noqa: BLE001 - raised again on the UI thread below
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="open-archive", daemon=True)
    worker.start()
    worker.join(SLOW_OPEN_SECONDS)
    if worker.is_alive():
        label = QApplication.translate(
            "application",
            "Opening {0}: bringing the archive up to date and rebuilding its search index. "
            "This happens once after an update and can take a few minutes for a large archive.",
        )
        name = path.name if isinstance(path, Path) else team_logins.display_name(path)
        dialog = QProgressDialog(label.format(name), "", 0, 0)
        dialog.setCancelButton(None)
        dialog.setWindowTitle(QApplication.translate("application", "Sales Compass"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        while worker.is_alive():  # a few repaints a second: the worker keeps the GIL
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            worker.join(0.25)
        dialog.close()
        dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["archive"]  # type: ignore[return-value]


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
    from app.demo import create_demo_archive, needs_demo

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


class Desktop(QObject):
    """The window of this run and the archive it shows. 文件 → 打开档案…, 新建档案… and 最近打开
    switch it to another archive: the other one is opened the way the first was (password,
    read-only offer, the demo filled when empty), and only when it is open does the current
    window close as it always does (its backup after changes first, jobs stopped, the lock
    released), so a refused or cancelled opening leaves the user where they were."""

    def __init__(self, app: QApplication, lang: str, make_runner=None):
        super().__init__(app)
        self.app = app
        self.lang = lang
        self.make_runner = make_runner or (lambda: TaskRunner(app))  # tests: synchronous
        self.window: MainWindow | None = None

    def open(self, path: Path, *, create: bool = True, runner: TaskRunner | None = None):
        """Opens `path` in a new window (shown, backing up by itself); None if it was not."""
        path = Path(path).expanduser()
        runner = runner or self.make_runner()
        if _same_file(path, paths.demo_archive_path()) and not create_demo_if_needed(path, runner):
            return None
        archive = open_or_explain(path, create=create)
        if archive is None:
            return None
        return self.show(archive, runner)

    def show(self, archive: Archive, runner: TaskRunner) -> MainWindow:
        """A window over an archive already open; it is this run's window from now on."""
        if archive.path is not None:
            user_settings.add_recent_archive(archive.path)
        window = build_window(archive, runner, self.lang)
        window.archive_requested.connect(self.switch)
        window.closed.connect(lambda: self._closed(window))
        self.window = window
        window.show()
        window.backups.start()  # daily, and on closing after changes (issue 9)
        return window

    def switch(self, path: Path | Archive, create: bool = False) -> MainWindow | None:
        """Another archive in place of this one: a file to open, or a team archive the
        connect dialog has opened already."""
        old = self.window
        if isinstance(path, Archive):
            window = self.show(path, self.make_runner())
            if old is not None:
                old.close()
            return window
        same = old is not None and old.ctx.archive.path is not None
        if same and _same_file(path, old.ctx.archive.path):
            old.activateWindow()
            return old
        window = self.open(path, create=create)
        if window is None:
            if old is not None:
                old.refresh_recent_menu()  # a file found missing is shown so
            return None
        if old is not None:
            old.close()  # waits for its backup after changes, then goes (_closed)
        return window

    def _closed(self, window: MainWindow) -> None:
        """A window closed for good: its jobs stop, its archive is closed (the lock released)."""
        window.ctx.runner.cancel_all()
        window.ctx.runner.wait()
        window.ctx.archive.close()
        if window is not self.window:
            window.deleteLater()


def _same_file(a: Path, b: Path) -> bool:
    return Path(a).expanduser().resolve() == Path(b).expanduser().resolve()


def start_gui(args: list[str]) -> tuple[QApplication, MainWindow] | int:
    """Everything up to a shown window; an int is the exit code when it could not start."""
    options = parse_args(args)
    private_temp.session_folder()  # this user's own temp folder; a crashed run's leftovers go
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_form_guards(app)  # the wheel never edits an unfocused field
    app.setApplicationName("SalesCompass")
    app.setOrganizationName("SalesCompass")
    app.setWindowIcon(app_icon())
    register_bundled_font(app)
    translators = install_translators(app, system_language())
    runner = TaskRunner(app)
    if options.demo and not create_demo_if_needed(archive_path(options), runner):
        return 1
    location = archive_path(options)
    if isinstance(location, str):
        archive = connect_or_explain(location)
    else:
        archive = open_or_explain(location)
    if archive is None:
        return 1
    lang = choose_language(archive)
    if lang != system_language():
        for translator in translators:
            app.removeTranslator(translator)
        install_translators(app, lang)
    window = Desktop(app, lang).show(archive, runner)
    # start-up's objects (modules, widgets) are left out of every later collection: a full one
    # walked them all, 0.2-0.8 s on a busy machine, while a long list scrolled (issue 11)
    gc.freeze()
    return app, window


def app_icon() -> QIcon:
    """The program's icon at every size the system asks for (SVG, crisp at any scale)."""
    icon = QIcon()
    folder = paths.RESOURCES / "icons"
    for name in ("sales-compass.svg", "sales-compass.png"):
        if (folder / name).exists():
            icon.addFile(str(folder / name))
    return icon


def run_gui(args: list[str]) -> int:
    started = start_gui(args)
    if isinstance(started, int):
        return started
    app, window = started
    desktop = next((d for d in app.findChildren(Desktop) if d.window is window), None)
    code = app.exec()
    current = desktop.window if desktop is not None else window
    current.ctx.runner.cancel_all()
    current.ctx.runner.wait()
    current.ctx.archive.close()
    private_temp.cleanup()  # attachments opened for viewing, PDFs made for printing
    return code
