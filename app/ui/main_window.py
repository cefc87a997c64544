"""The main window: sidebar (Home, Clients, Activities), menus, global search, status bar with
the running tasks, and navigation to records asked for through ctx.events.open_record."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QFontMetrics, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from app.domain.errors import AppError
from app.services import archive as archive_service
from app.services import clients as clients_service
from app.services import search as search_service
from app.ui import user_settings
from app.ui.backups.auto import AutoBackup
from app.ui.clients.list_page import ClientListPage
from app.ui.context import UiContext
from app.ui.icons import svg_icon
from app.ui.kit import keys, ops
from app.ui.kit.access import name_unlabelled
from app.ui.kit.refresh import OthersChanges
from app.ui.kit.screens import fit_to_screen
from app.ui.search.popup import SearchPopup
from app.ui.tasks import TaskHandle
from app.ui.widgets import confirm, show_error

if TYPE_CHECKING:
    from app.ui.activities.list_page import ActivityListPage
    from app.ui.clients.client_page import ClientPage
    from app.ui.home.page import HomePage

SETTINGS_ORG = "SalesCompass"
SETTINGS_APP = "SalesCompass"


class TaskIndicator(QWidget):
    """Status-bar strip for the running jobs: the oldest one's label, a progress bar and a
    cancel button. A job shows only once it has run for SHOW_AFTER_MS (the many short reads of
    a scrolled list would otherwise make the status bar flicker), and a short read started
    meanwhile never takes the strip from a long job (a backup keeps its label and Cancel)."""

    SHOW_AFTER_MS = 400

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.running: list[TaskHandle] = []  # oldest first
        self.show_timer = QTimer(self)
        self.show_timer.setSingleShot(True)
        self.show_timer.timeout.connect(self._show_if_running)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.label, self.bar, self.cancel_button):
            row.addWidget(widget)
        self.hide()

    @property
    def handle(self) -> TaskHandle | None:
        """The job the strip speaks of: the oldest still running."""
        return self.running[0] if self.running else None

    def follow(self, handle: TaskHandle) -> None:
        self.running.append(handle)
        # bound methods, so that Qt drops the connections when the strip goes (a runner's
        # job may outlive its window)
        handle.progressed.connect(self._progress)
        handle.finished.connect(self._finished)
        if len(self.running) == 1:
            self._speak_of(handle)
            self.show_timer.start(self.SHOW_AFTER_MS)

    def _speak_of(self, handle: TaskHandle) -> None:
        self.label.setText(handle.label)
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.cancel_button.setEnabled(True)

    def _show_if_running(self) -> None:
        if self.running:
            self.show()

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.cancel_button.setEnabled(False)

    def _progress(self, done: int, total: int) -> None:
        if self.sender() is self.handle and total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def _finished(self) -> None:
        handle = self.sender()
        if handle not in self.running:
            return
        was_shown = handle is self.handle
        self.running.remove(handle)
        if not self.running:
            self.show_timer.stop()
            self.hide()
        elif was_shown:
            self._speak_of(self.running[0])


class MainWindow(QMainWindow):
    # path, create: 文件 → 打开档案… / 新建档案… / 最近打开 (app.ui.application.Desktop)
    archive_requested = Signal(object, bool)
    closed = Signal()  # closed for good (after its backup on closing): app.ui.application.Desktop

    # In the order of the assistant's work: the archive, meetings and their follow-up, tenders,
    # paperwork, then the numbers.
    AREAS = ("home", "clients", "activities", "visits", "minutes", "followup", "tenders")
    AREAS += ("qualifications",)
    AREAS += ("documents", "letters", "contracts", "plan", "rebates", "analysis")
    AREAS += ("recycle_bin",)  # issue 9: deleted records wait here

    def __init__(self, ctx: UiContext):
        super().__init__()
        self.ctx = ctx
        self.active_dialog = None
        # the archive's whole path: which of several archives (or backups) this window shows
        self.setWindowTitle(self.tr("Sales Compass — {0}").format(ctx.archive.label))
        if ctx.archive.read_only:
            self.setWindowTitle(
                self.tr("Sales Compass — {0} (read-only)").format(ctx.archive.label)
            )
        if ctx.archive.path is not None:
            self.setWindowFilePath(str(ctx.archive.path))
        from app.ui.team.access import manages_users

        if manages_users(ctx.archive):  # issue 14: 管理, a team archive's administrator only
            self.AREAS = (*type(self).AREAS, "users")
        self._build_pages()
        self._build_sidebar()
        self._build_central()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self.backups = AutoBackup(ctx, self)  # started by app.ui.application (issue 9)
        self.others_changes = OthersChanges(self)  # lists follow others' writes (issue 14)
        self.others_changes.start()
        ctx.events.open_record.connect(self.open_record)
        ctx.events.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        ctx.runner.started.connect(self.task_indicator.follow)
        from app.ui.recycle_bin.page import purge_expired_on_start

        purge_expired_on_start(self)  # the recycle bin's retention period
        self._restore_geometry()
        self.show_area(self._first_area())

    # --- building -----------------------------------------------------------------------------
    def _build_pages(self) -> None:
        # Home and the activity list query large tables: they are built when first shown, so
        # the window opens on the client list without waiting for them.
        self._lazy_pages: dict[str, QWidget | None] = {
            key: None for key in self.AREAS if key != "clients"
        }
        self.client_list = ClientListPage(self.ctx, self)
        self.client_list.open_client.connect(self.show_client)
        self.client_list.new_client_requested.connect(self.new_client)
        self.client_list.import_requested.connect(self.import_clients)
        self.clients_stack = QStackedWidget(self)
        self.clients_stack.addWidget(self.client_list)
        self._client_page = None

    @property
    def client_page(self) -> ClientPage:
        """One client's page, built when a client is first opened (its ten tabs and their
        modules cost the window's start a tenth of a second otherwise, issue 11)."""
        if self._client_page is None:
            from app.ui.clients.client_page import ClientPage

            page = ClientPage(self.ctx, self)
            page.back_requested.connect(lambda: self.show_area("clients"))
            page.deleted.connect(lambda _id: self.show_area("clients"))
            self.clients_stack.addWidget(page)
            self._client_page = page
        return self._client_page

    def _build_sidebar(self) -> None:
        self.sidebar = QListWidget(self)
        self.sidebar.setFixedWidth(132)
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setAccessibleName(self.tr("Areas"))
        self.sidebar.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._sidebar_padding = 10
        style = self.style()
        pixmap = QStyle.StandardPixmap
        entries = {
            "home": (self.tr("Home"), pixmap.SP_DirHomeIcon),
            "clients": (self.tr("Clients"), pixmap.SP_FileDialogDetailedView),
            "activities": (self.tr("Activities"), pixmap.SP_FileDialogListView),
            "visits": (self.tr("Overdue visits"), pixmap.SP_MessageBoxWarning),  # 访问计划
            "minutes": (self.tr("Minutes"), pixmap.SP_FileDialogContentsView),
            "followup": (self.tr("Follow-up"), pixmap.SP_DialogYesButton),
            "tenders": (self.tr("Tenders"), pixmap.SP_FileDialogStart),
            "qualifications": (self.tr("Qualifications"), pixmap.SP_DriveHDIcon),
            "documents": (self.tr("Documents"), pixmap.SP_FileIcon),
            "letters": (self.tr("Letters"), pixmap.SP_DirOpenIcon),
            "contracts": (self.tr("Contracts"), pixmap.SP_FileDialogInfoView),
            "plan": (self.tr("Monthly plan"), pixmap.SP_FileDialogNewFolder),
            "rebates": (self.tr("Rebates"), pixmap.SP_DialogApplyButton),
            "analysis": (self.tr("Analysis & report"), pixmap.SP_ComputerIcon),
            "recycle_bin": (self.tr("Recycle bin"), pixmap.SP_TrashIcon),
            "users": (self.tr("Administration"), pixmap.SP_DirLinkIcon),  # issue 14
        }
        for key in self.AREAS:
            text, icon = entries[key]
            item = QListWidgetItem(style.standardIcon(icon), text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)
        self._style_sidebar()

    def _style_sidebar(self) -> None:
        """The sidebar in the theme's own colours, so a dark system theme gives a dark sidebar
        with light text: the window's colours, and for the area shown a tint of the theme's
        highlight under the window's text (the full highlight is too strong a block, and its
        text is not always readable on it). Read again whenever the palette changes."""
        palette = self.palette()
        paper = palette.color(QPalette.ColorRole.Window)
        ink = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        mixed = zip(accent.getRgb()[:3], paper.getRgb()[:3], strict=True)
        chosen = QColor(*(round(a * 0.3 + p * 0.7) for a, p in mixed))
        for row, key in enumerate(self.AREAS):  # drawn from SVG in the text's colour: crisp
            icon = svg_icon("areas", key, ink)  # at 150 %, light on a dark theme
            if not icon.isNull():
                self.sidebar.item(row).setIcon(icon)
        self.sidebar.setStyleSheet(
            f"QListWidget {{ border: none; background: {paper.name()}; color: {ink.name()};"
            " font-size: 15px; }"
            f"QListWidget::item {{ padding: {self._sidebar_padding}px 8px; }}"
            f"QListWidget::item:selected {{ background: {chosen.name()}; color: {ink.name()};"
            f" border-left: 3px solid {accent.name()}; }}"
        )
        self._fit_sidebar()

    def _fit_sidebar(self) -> None:
        """As wide as its longest area name (English names are longer), never a scroll bar."""
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        font = self.sidebar.font()
        font.setPixelSize(15)
        metrics = QFontMetrics(font)
        texts = [self.sidebar.item(row).text() for row in range(self.sidebar.count())]
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        icon = self.sidebar.iconSize().width()
        self.sidebar.setFixedWidth(max(132, widest + icon + 8 * 2 + 3 + 6 + 12))

    def _sidebar_fits_height(self) -> None:
        """Every area in view without a scroll bar: rows as tall as the sidebar allows (roomy on
        a tall screen, closer together at 1280×720, i.e. 1920×1080 at 150 %)."""
        rows = self.sidebar.count()
        # the window's height less its bars (the sidebar itself is laid out only afterwards)
        bars = [self.menuBar(), self.statusBar(), *self.findChildren(QToolBar)]
        height = self.height() - sum(bar.sizeHint().height() for bar in bars) - 4
        if not rows or height <= 0:
            return
        font = self.sidebar.font()
        font.setPixelSize(15)
        content = max(self.sidebar.iconSize().height(), QFontMetrics(font).height()) + 2
        padding = max(2, min(10, int((height / rows - content) / 2)))
        if padding != self._sidebar_padding:
            self._sidebar_padding = padding
            self._style_sidebar()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._sidebar_fits_height()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._style_sidebar()  # the style sheet's palette() colours are read when it is set
        super().changeEvent(event)

    def _build_central(self) -> None:
        self.stack = QStackedWidget(self)
        for key in self.AREAS:
            self.stack.addWidget(self.clients_stack if key == "clients" else QWidget(self))
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_actions(self) -> None:
        standard = QKeySequence.StandardKey
        self.open_archive_action = self._action(
            self.tr("Open archive…"), self.open_archive_file, standard.Open
        )
        self.new_archive_action = self._action(
            self.tr("New archive…"), self.new_archive_file, "Ctrl+Shift+N"
        )
        self.connect_team_action = self._action(
            self.tr("Connect to team archive…"), self.connect_team_archive
        )
        self.sync_team_action = self._action(self.tr("Sync with team archive…"), self.sync_team)
        self.print_action = self._action(
            self.tr("Print…"), self.print_current, keys.key(keys.PRINT)
        )
        self.import_action = self._action(self.tr("Import clients…"), self.import_clients)
        self.export_action = self._action(self.tr("Export clients…"), self.export_clients)
        self.template_action = self._action(self.tr("Export template…"), self.export_template)
        self.backup_action = self._action(self.tr("Backup…"), self.backup_archive)
        self.restore_action = self._action(self.tr("Restore…"), self.restore_archive)
        self.backups_action = self._action(self.tr("Backup and restore…"), self.open_backups)
        self.check_action = self._action(self.tr("Check archive"), self.check_archive)
        if self.ctx.archive.server is not None:
            self.sync_team_action.setEnabled(False)  # an offline copy syncs, not the server
            server_side = self.tr("A team archive is backed up on its server")
            for action in (self.backup_action, self.restore_action, self.backups_action):
                action.setEnabled(False)
                action.setToolTip(server_side)
        self.close_action = self._action(self.tr("Close window"), self.close, keys.key(keys.CLOSE))
        self.quit_action = self._action(self.tr("Quit"), self.close, standard.Quit)
        # Ctrl+N: a new record of the area shown (its own 新建 button), else a new client
        self.new_client_action = self._action(self.tr("New client"), self.new_record, "Ctrl+N")
        self.delete_action = self._action(
            self.tr("Delete…"), self.delete_selected, keys.key(keys.DELETE)
        )
        self.find_action = self._action(self.tr("Find"), self.focus_search)
        self.find_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+F")])
        self.settings_action = self._action(self.tr("Settings…"), self.open_settings)
        self.help_action = self._action(self.tr("Help"), self.show_help, keys.key(keys.HELP))
        self.about_action = self._action(self.tr("About Sales Compass"), self.show_about)
        self.area_actions: list[QAction] = []
        for number, key in enumerate(self.AREAS, start=1):
            action = self._action(self.sidebar.item(number - 1).text(), self._shower(key))
            if number <= 9:  # Ctrl+1 … Ctrl+9: the first nine areas
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
                item = self.sidebar.item(number - 1)
                item.setToolTip(keys.with_key(item.text(), action.shortcut()))
            self.area_actions.append(action)
        self.find_action.setToolTip(keys.with_key(self.tr("Find"), QKeySequence("Ctrl+K")))

    def _shower(self, key: str):
        return lambda: self.show_area(key)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.open_archive_action)
        file_menu.addAction(self.new_archive_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open recent"))
        self.recent_menu.aboutToShow.connect(self.refresh_recent_menu)
        self.refresh_recent_menu()
        file_menu.addAction(self.connect_team_action)
        file_menu.addAction(self.sync_team_action)
        file_menu.addSeparator()
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        for action in (self.import_action, self.export_action, self.template_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (
            self.backups_action,
            self.backup_action,
            self.restore_action,
            self.check_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.new_client_action)
        edit_menu.addAction(self.delete_action)
        edit_menu.addAction(self.find_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for action in self.area_actions:
            view_menu.addAction(action)
        tools_menu = self.menuBar().addMenu(self.tr("&Tools"))
        tools_menu.addAction(self.settings_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def refresh_recent_menu(self) -> None:
        """最近打开: the last five archives, this one ticked; a missing file is greyed."""
        self.recent_menu.clear()
        current = self.ctx.archive.path
        archives = user_settings.recent_archives()
        for number, path in enumerate(archives, start=1):
            action = self.recent_menu.addAction(f"&{number} {path}")
            action.setData(str(path))
            if path == current:
                action.setCheckable(True)
                action.setChecked(True)
            elif not path.exists():
                action.setEnabled(False)
                action.setToolTip(self.tr("The file is missing"))
            action.triggered.connect(self._recent_opener(path))
        if not archives:
            empty = self.recent_menu.addAction(self.tr("(none)"))
            empty.setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction(self.tr("Clear list"))
        clear.setEnabled(bool(archives))
        clear.triggered.connect(lambda: (user_settings.clear_recent_archives(), None))
        self.recent_menu.setToolTipsVisible(True)

    def _recent_opener(self, path: Path):
        return lambda _checked=False: self.open_recent(path)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setMovable(False)
        toolbar.addAction(self.new_client_action)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.search_field = QLineEdit(toolbar)
        self.search_field.setPlaceholderText(
            self.tr("Search clients, contacts, activities (Ctrl+K)")
        )
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search"))
        self.search_field.setToolTip(keys.with_key(self.tr("Search"), QKeySequence("Ctrl+K")))
        self.search_field.setFixedWidth(340)
        self.search_field.textEdited.connect(self._search_text_edited)
        self.search_field.returnPressed.connect(
            lambda: self._search_text_edited(self.search_field.text())
        )
        toolbar.addWidget(self.search_field)
        self.addToolBar(toolbar)
        self.search_popup = SearchPopup(self.ctx, self)

    def _location_text(self) -> str:
        if self.ctx.archive.server is None:
            return str(self.ctx.archive.path)
        return self.tr("Team archive {0}").format(self.ctx.archive.label)

    def _build_status_bar(self) -> None:
        self.path_label = QLabel(self._location_text(), self)
        self.path_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # grey, any theme
        self.task_indicator = TaskIndicator(self)
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.task_indicator)

    # --- navigation ---------------------------------------------------------------------------
    def area_names(self) -> list[str]:
        return [self.sidebar.item(row).text() for row in range(self.sidebar.count())]

    def current_area(self) -> str:
        return self.AREAS[self.stack.currentIndex()]

    @property
    def home_page(self) -> HomePage:
        return self._page("home")

    @property
    def activity_list(self) -> ActivityListPage:
        return self._page("activities")

    def _page(self, key: str) -> QWidget:
        page = self._lazy_pages[key]
        if page is None:
            page = self._make_page(key)
            index = self.AREAS.index(key)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._lazy_pages[key] = page
        return page

    def _make_page(self, key: str) -> QWidget:
        """Builds an area's page on first show; later areas are imported only then."""
        if key == "home":
            from app.ui.home.page import HomePage

            home = HomePage(self.ctx, self)
            home.all_overdue_requested.connect(lambda: self.show_area("visits"))
            return home
        if key == "activities":
            from app.ui.activities.list_page import ActivityListPage

            return ActivityListPage(self.ctx, self)
        if key == "visits":  # the visit plan's full list of overdue visits
            from app.ui.visits.overdue_page import OverduePage

            return OverduePage(self.ctx, self)
        if key == "documents":
            from app.ui.documents.page import DocumentsPage

            return DocumentsPage(self.ctx, self)
        if key == "letters":
            from app.ui.letters.page import LettersPage

            return LettersPage(self.ctx, self)
        if key in ("contracts", "plan", "rebates"):  # issue 5
            from app.ui.contracts.page import ContractsPage
            from app.ui.plan.page import PlanPage
            from app.ui.rebates.page import RebatesPage

            pages = {"contracts": ContractsPage, "plan": PlanPage, "rebates": RebatesPage}
            return pages[key](self.ctx, self)
        if key in ("tenders", "qualifications"):  # issue 3
            from app.ui.qualifications.page import QualificationsPage
            from app.ui.tenders.list_page import TendersPage

            pages = {"tenders": TendersPage, "qualifications": QualificationsPage}
            return pages[key](self.ctx, self)
        if key == "recycle_bin":  # issue 9
            from app.ui.recycle_bin.page import RecycleBinPage

            return RecycleBinPage(self.ctx, self)
        if key == "users":  # issue 14: the team archive's users and roles
            from app.ui.team.users_page import UsersPage

            return UsersPage(self.ctx, self)
        if key == "analysis":  # issue 5
            from app.ui.analysis.page import AnalysisPage

            return AnalysisPage(self.ctx, self)
        if key in ("minutes", "followup"):  # issue 4
            from app.ui.minutes.followup_page import FollowUpPage
            from app.ui.minutes.list_page import MinutesPage

            pages = {"minutes": MinutesPage, "followup": FollowUpPage}
            return pages[key](self.ctx, self)
        raise KeyError(key)

    def show_area(self, key: str) -> None:
        row = self.AREAS.index(key)
        if key in self._lazy_pages:
            self._page(key)
        if key == "clients":
            self.clients_stack.setCurrentWidget(self.client_list)
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(row)
        self.sidebar.blockSignals(False)
        self.stack.setCurrentIndex(row)
        name_unlabelled(self.stack.currentWidget())  # filter boxes named by their placeholder
        user_settings.set_last_area(key)  # the window reopens here
        self._follow_area()

    def _first_area(self) -> str:
        last = user_settings.last_area()
        return last if last in self.AREAS else "clients"

    def _follow_area(self) -> None:
        """Ctrl+N is named after what it makes here (新建投标, 新建纪要…)."""
        button = keys.marked(self.stack.currentWidget(), keys.NEW)
        text = self.tr("New client")
        if button is not None:
            text = button.text().rstrip("…").rstrip(".")
        self.new_client_action.setText(text)
        self.new_client_action.setToolTip(keys.with_key(text, self.new_client_action.shortcut()))

    def _on_sidebar_row(self, row: int) -> None:
        if 0 <= row < len(self.AREAS):
            self.show_area(self.AREAS[row])

    def show_client(self, client_id: int) -> None:
        try:
            self.client_page.show_client(client_id)
        except AppError as exc:  # e.g. deleted meanwhile: say so instead of failing
            show_error(self, exc, self.ctx.lang)
            return
        self.show_area("clients")
        self.clients_stack.setCurrentWidget(self.client_page)

    def open_record(self, kind: str, record_id: int) -> None:
        self.search_popup.hide()
        if kind == "client":
            self.show_client(record_id)
        elif kind == "contact":
            client_id = clients_service.client_id_of_contact(self.ctx.archive, record_id)
            if client_id is not None:
                self.show_client(client_id)
                self.client_page.tabs.setCurrentIndex(1)
        elif kind == "activity":
            from app.ui.activities.dialog import ActivityDialog

            self._open_dialog(ActivityDialog(self.ctx, activity_id=record_id, parent=self))
        elif kind in ("document", "letter"):
            self._open_correspondence(kind, record_id)
        elif kind in ("contract", "receipt", "rebate"):
            self._open_sales_record(kind, record_id)
        elif kind in ("tender", "qualification"):
            self._open_tender_record(kind, record_id)
        elif kind in ("meeting", "action"):  # issue 4: the minutes (of the action item)
            self._open_minutes(kind, record_id)
        elif kind == "news":  # issue 13: the client's 客户动态 tab, the item selected
            self._open_news(record_id)

    def _open_news(self, news_id: int) -> None:
        from app.services import news as news_service

        try:
            client_id = news_service.client_of(self.ctx.archive, news_id)
        except AppError as exc:  # deleted meanwhile
            show_error(self, exc, self.ctx.lang)
            return
        self.show_client(client_id)
        page = self.client_page
        page.tabs.setCurrentWidget(page.news_tab)
        page.news_tab.select_news(news_id)

    def _open_minutes(self, kind: str, record_id: int) -> None:
        from app.services import minutes as minutes_service
        from app.ui.minutes.minutes_dialog import MinutesDialog

        try:
            meeting_id = record_id
            if kind == "action":
                meeting_id = minutes_service.meeting_of_action(self.ctx.archive, record_id)
            self._open_dialog(MinutesDialog(self.ctx, meeting_id, parent=self))
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)

    def _open_tender_record(self, kind: str, record_id: int) -> None:
        """A tender: its form; a qualification: the library with it selected."""
        if kind == "qualification":
            self.show_area("qualifications")
            self._page("qualifications").select_qualification(record_id)
            return
        from app.ui.tenders.tender_dialog import TenderDialog

        try:
            dialog = TenderDialog(self.ctx, record_id, parent=self)
        except AppError as exc:  # deleted meanwhile
            show_error(self, exc, self.ctx.lang)
            return
        self._open_dialog(dialog)

    def _open_sales_record(self, kind: str, record_id: int) -> None:
        """A contract: the contract list, found by its number; a receipt: the receipt list with
        it selected; a rebate: its approval."""
        from app.services import contracts as contract_service

        area = "rebates" if kind == "rebate" else "contracts"
        self.show_area(area)
        page = self._page(area)
        try:
            if kind == "contract":
                number = contract_service.get_contract(self.ctx.archive, record_id).number
                page.search.setText(number)
            elif kind == "receipt":
                contract_service.get_receipt(self.ctx.archive, record_id)  # deleted meanwhile?
                page.select_receipt(record_id)
            else:
                page.reload(record_id)
        except AppError as exc:  # deleted meanwhile
            show_error(self, exc, self.ctx.lang)

    def _open_correspondence(self, kind: str, record_id: int) -> None:
        from app.ui.documents.editor import DocumentEditor
        from app.ui.letters.dialog import open_letter_dialog

        try:
            if kind == "document":
                dialog = DocumentEditor(self.ctx, record_id, parent=self)
            else:
                dialog = open_letter_dialog(self.ctx, record_id, self)
        except AppError as exc:  # deleted meanwhile
            show_error(self, exc, self.ctx.lang)
            return
        self._open_dialog(dialog)

    # --- the standard keys (app.ui.kit.keys) -------------------------------------------------
    def new_record(self) -> None:
        """Ctrl+N: the area's own 新建 button (its dialog, its defaults); a new client on the
        areas without one."""
        if not keys.trigger(self.stack.currentWidget(), keys.NEW):
            self.new_client()

    def print_current(self) -> bool:
        """Ctrl+P: prints the document of what is shown (the area's print button; the preview
        it opens goes straight to the print dialog)."""
        if keys.print_here(self.stack.currentWidget()):
            return True
        self._done(self.tr("Nothing to print here."))
        return False

    def delete_selected(self) -> bool:
        """Del: the area's 删除 for the list that has the focus (it asks first)."""
        if keys.delete_here(self.stack.currentWidget()):
            return True
        self._done(self.tr("Select a row in a list to delete it."))
        return False

    def show_help(self) -> None:
        from app.ui.help_dialog import HelpDialog

        self._open_dialog(HelpDialog(self, self.ctx.lang))

    def show_about(self) -> None:
        from app.ui.help_dialog import AboutDialog

        self._open_dialog(AboutDialog(self))

    # --- archives -----------------------------------------------------------------------------
    def open_archive_file(self) -> None:
        """文件 → 打开档案…: another archive in this window (app.ui.application.Desktop)."""
        path = user_settings.open_file(
            self,
            "archives",
            self.tr("Open archive"),
            self.tr("Archives (*.sqlite3 *.db);;All files (*)"),
        )
        if path:
            self.archive_requested.emit(Path(path), False)

    def connect_team_archive(self) -> None:
        """文件 → 连接团队档案…: the department's archive on its server, in this window."""
        from app.ui.team.connect_dialog import ConnectTeamDialog

        dialog = ConnectTeamDialog(self)
        if dialog.exec():
            self.archive_requested.emit(dialog.archive, False)

    def new_archive_file(self) -> None:
        """文件 → 新建档案…: an empty archive, opened in this window."""
        path = user_settings.save_file(
            self,
            "archives",
            self.tr("New archive"),
            self.tr("archive.sqlite3"),
            self.tr("Archives (*.sqlite3)"),
        )
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".sqlite3")
        if target.exists():
            QMessageBox.warning(
                self,
                self.tr("New archive"),
                self.tr("{0} already exists. Open it with File > Open archive.").format(target),
            )
            return
        self.archive_requested.emit(target, True)

    def sync_team(self) -> None:
        """文件 → 同步到团队档案…: an offline copy synced with its team archive (issue 14 §4)."""
        from app.ui.team_sync_dialog import TeamSyncDialog

        TeamSyncDialog(self).open()

    def open_recent(self, path: Path) -> None:
        if not Path(path).exists():
            self._done(self.tr("The file is missing: {0}").format(path))
            self.refresh_recent_menu()
            return
        self.archive_requested.emit(Path(path), False)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _search_text_edited(self, text: str) -> None:
        if text.strip():
            self.search_popup.show_for(self.search_field, text)
        else:
            self.search_popup.hide()

    # --- dialogs ------------------------------------------------------------------------------
    def _open_dialog(self, dialog) -> None:
        self.active_dialog = dialog
        dialog.open()

    def new_client(self) -> None:
        from app.ui.clients.client_dialog import ClientDialog

        dialog = ClientDialog(self.ctx, parent=self)
        dialog.accepted.connect(
            lambda: dialog.saved_record and self.show_client(dialog.saved_record.id)
        )
        self._open_dialog(dialog)

    def import_clients(self) -> None:
        from app.ui.clients.import_dialog import ImportDialog

        self._open_dialog(ImportDialog(self.ctx, parent=self))

    def open_backups(self) -> None:
        from app.ui.backups.dialog import BackupDialog

        dialog = BackupDialog(self.ctx, parent=self)
        dialog.restore_requested.connect(
            lambda entry: self.run_restore(entry.path, entry.attachments_from)
        )
        self._open_dialog(dialog)

    def open_settings(self) -> None:
        from app.ui.settings.dialog import SettingsDialog

        self._open_dialog(SettingsDialog(self.ctx, parent=self))

    # --- file actions (long work goes through ops, in the background) ------------------------
    def export_clients(self) -> None:
        path = user_settings.save_file(
            self,
            "exports",
            self.tr("Export clients"),
            self.tr("clients.xlsx"),
            self.tr("Spreadsheet (*.xlsx *.csv)"),
        )
        if path:
            self.run_export(Path(path))

    def run_export(self, path: Path):
        from app.services.client_transfer import export_clients

        return ops.query(
            self,
            export_clients,
            self.ctx.archive,
            path,
            label=self.tr("Exporting clients…"),
            on_done=lambda _result: self._done(self.tr("Clients exported to {0}").format(path)),
        )

    def export_template(self) -> None:
        path = user_settings.save_file(
            self,
            "exports",
            self.tr("Export template"),
            self.tr("client-import-template.xlsx"),
            self.tr("Spreadsheet (*.xlsx *.csv)"),
        )
        if path:
            self.save_template(Path(path))

    def save_template(self, path: Path) -> bool:
        from app.services.client_transfer import write_template

        try:
            write_template(path)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc, self.ctx.lang)
            return False
        self._done(self.tr("Template written to {0}").format(path))
        return True

    def backup_archive(self) -> None:
        folder = user_settings.folder(self, "backups", self.tr("Back up to folder"))
        if folder:
            self.run_backup(Path(folder))

    def run_backup(self, destination: Path):
        """A copy of the archive in `destination` (it reads the archive: a query)."""
        return ops.query(
            self,
            archive_service.backup,
            self.ctx.archive,
            destination,
            label=self.tr("Backing up…"),
            on_done=self._backed_up,
        )

    def _backed_up(self, result) -> None:
        self._done(self.tr("Backup written to {0}").format(result.path))
        if result.damaged:
            QMessageBox.warning(
                self,
                self.tr("Backup"),
                self.tr(
                    "The backup was written, but %n attachment file(s) of the archive are "
                    "damaged and were not copied. Run 'Check archive' for details.",
                    "",
                    len(result.damaged),
                ),
            )

    def restore_archive(self) -> None:
        source = user_settings.open_file(
            self,
            "backups",
            self.tr("Restore from backup"),
            self.tr("Archives (*.sqlite3 *.db);;All (*)"),
        )
        if not source:
            return
        question = self.tr(
            "Restoring replaces the current archive with the backup “{0}”. The current archive "
            "is kept beside it. The application will close; start it again afterwards. Continue?"
        ).format(source)
        if confirm(self, self.tr("Restore"), question):
            self.run_restore(Path(source))

    def run_restore(self, source: Path, attachments_from: Path | None = None):
        from app.ui.password_dialog import unlock_archive

        if not unlock_archive(Path(source), self):  # a backup made under another password
            return None
        target = self.ctx.archive.path
        self.backups.suspended = True  # no automatic backup of the archive being replaced

        def job(src, dest):
            result = archive_service.restore(src, dest, attachments_from=attachments_from)
            archive_service.open_archive(dest).close()  # brings an older backup up to date
            return result

        def restored(_kept) -> None:
            QMessageBox.information(
                self, self.tr("Restore"), self.tr("The archive was restored. Please start again.")
            )

        def refused(exc: Exception) -> None:  # only the connections went: the window goes on
            self.backups.suspended = False
            self._failed(exc)

        # Every other job stopped first, then the connections closed (issue 10).
        ops.exclusive(
            self,
            job,
            source,
            target,
            label=self.tr("Restoring…"),
            afterwards=ops.CLOSE,
            on_done=restored,
            on_error=refused,
        )
        return True

    def check_archive(self) -> None:
        ops.query(
            self,
            archive_service.check,
            self.ctx.archive,
            label=self.tr("Checking the archive…"),
            on_done=self._show_check_result,
        )

    def _show_check_result(self, problems: list[str]) -> None:
        if problems:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Check archive"), "", parent=self)
            box.setText(self.tr("%n problem(s) found.", "", len(problems)))
            box.setDetailedText("\n".join(problems))
            if search_service.index_out_of_step(problems):  # derived data: a rebuild mends it
                rebuild = box.addButton(
                    self.tr("Rebuild search index"), QMessageBox.ButtonRole.ActionRole
                )
                rebuild.setObjectName("rebuild_search_index")
                rebuild.clicked.connect(self.rebuild_search_index)
                box.addButton(QMessageBox.StandardButton.Close)
            box.open()
            self.active_dialog = box
        else:
            self._done(self.tr("The archive is in good order."))

    def rebuild_search_index(self) -> None:
        ops.write(
            self,
            search_service.rebuild_index,
            self.ctx.archive,
            changes=None,
            label=self.tr("Rebuilding the search index…"),
            on_done=lambda count: self._search_rebuilt(count),
        )

    def _search_rebuilt(self, count: int) -> None:
        self._done(self.tr("Search index rebuilt: %n document(s).", "", count))
        self.check_archive()

    def _done(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _failed(self, exc: Exception) -> None:
        show_error(self, exc, self.ctx.lang)

    # --- geometry -----------------------------------------------------------------------------
    def _settings(self) -> QSettings:
        return QSettings(SETTINGS_ORG, SETTINGS_APP)

    def _restore_geometry(self) -> None:
        geometry = self._settings().value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        fit_to_screen(self)  # a 1366×768 laptop, or a geometry saved on a larger screen

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.backups.hold_close(self.close):  # a backup after changes first (issue 9)
            event.ignore()
            return
        self.backups.stop()
        self._settings().setValue("main_window/geometry", self.saveGeometry())
        self.ctx.runner.cancel_all()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
