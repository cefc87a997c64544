"""帮助: the short help page (F1: resources/help/<language>.md, then the window's keys, read from
its menus so the list never disagrees with them) and 关于 (the version, Qt, and the licences of
Python, the libraries as installed (app.about) and the bundled fonts, and the third-party notices
with every licence text (app.notices))."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from app import about, notices, paths
from app.ui.kit import boxes, keys
from app.ui.kit.forms import FormDialog

HELP = paths.RESOURCES / "help"
FONT_LICENCE = paths.RESOURCES / "fonts" / "LICENSE-wqy-microhei.txt"
SERIF_LICENCE = paths.RESOURCES / "fonts" / "LICENSE-compass-serif.txt"  # the printed documents'
FANGSONG_LICENCE = paths.RESOURCES / "fonts" / "LICENSE-compass-fangsong.txt"  # 公文 bodies


def help_text(lang: str) -> str:
    path = HELP / ("zh_CN.md" if lang.startswith("zh") else "en.md")
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def shortcut_rows(window: QWidget | None) -> list[tuple[str, str]]:
    """(what, key) for every menu action of the window that has a key."""
    if not isinstance(window, QMainWindow):
        return []
    rows: list[tuple[str, str]] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            if action.menu() is not None:
                walk(action.menu().actions())
            elif not action.isSeparator() and not action.shortcut().isEmpty():
                text = action.text().replace("&", "").rstrip("…").rstrip(".")
                shortcuts = ", ".join(keys.key_text(s) for s in action.shortcuts())
                rows.append((text, shortcuts))

    walk(window.menuBar().actions())
    return rows


class HelpDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None, lang: str = "zh_CN"):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Help"))
        self.resize(760, 680)
        self.browser = QTextBrowser(self, openExternalLinks=True)
        self.browser.setMarkdown(help_text(lang) + self._keys_markdown(parent))
        self.browser.setAccessibleName(self.tr("Help"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        boxes.column((self.browser, 1), buttons, parent=self)
        self.set_form_buttons(None, guard=False)  # text to read

    def _keys_markdown(self, window: QWidget | None) -> str:
        rows = shortcut_rows(window.window() if window is not None else None)
        if not rows:
            return ""
        heading = self.tr("Keyboard shortcuts")
        command_column, key_column = self.tr("Command"), self.tr("Key")
        lines = ["", "", f"## {heading}", ""]
        lines += [f"| {command_column} | {key_column} |", "| --- | --- |"]
        lines += [f"| {text} | {key} |" for text, key in rows]
        extra = (
            (self.tr("Save (in an editor)"), keys.key_text(keys.key(keys.SAVE))),
            (self.tr("Close a dialog"), keys.key_text(keys.key(keys.CLOSE)) + ", Esc"),
        )
        lines += [f"| {text} | {key} |" for text, key in extra]
        return "\n".join(lines) + "\n"


class AboutDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Sales Compass"))
        self.resize(720, 560)
        icon = QLabel(self)
        icon.setPixmap(
            QIcon(str(paths.RESOURCES / "icons" / "sales-compass.svg")).pixmap(QSize(64, 64))
        )
        self.version = about.version()
        app_name = self.tr("Sales Compass")
        title = QLabel(
            f"<b style='font-size:16pt'>{app_name}</b><br>"
            + html.escape(self.tr("Version {0}").format(self.version))
            + "<br>"
            + html.escape(self.tr("Built with Qt {0} (PySide6)").format(qVersion())),
            self,
        )
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header = boxes.row(icon, (title, 1))
        self.tabs = QTabWidget(self)
        self.licences = QTextBrowser(self, openExternalLinks=True)
        self.licences.setHtml(self.licences_html())
        self.tabs.addTab(self.licences, self.tr("Licences"))
        font_text = QPlainTextEdit(self, readOnly=True)
        texts = [
            f.read_text(encoding="utf-8")
            for f in (FONT_LICENCE, SERIF_LICENCE, FANGSONG_LICENCE)
            if f.is_file()
        ]
        font_text.setPlainText(("\n" + "=" * 72 + "\n\n").join(texts))
        self.tabs.addTab(font_text, self.tr("Font licence"))
        self.notices = QPlainTextEdit(self, readOnly=True)
        self.notices.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.notices.setAccessibleName(self.tr("Third-party notices"))
        self.tabs.addTab(self.notices, self.tr("Third-party notices"))
        self.tabs.currentChanged.connect(self._show_notices)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        boxes.column(header, (self.tabs, 1), buttons, parent=self)
        self.set_form_buttons(None, guard=False)

    def _show_notices(self) -> None:
        """The notices are long (every licence text): read when the tab is first opened."""
        if self.tabs.currentWidget() is self.notices and not self.notices.toPlainText():
            self.notices.setPlainText(notices.shipped_or_current())

    def components(self) -> list[about.Component]:
        qt = about.Component(
            "Qt",
            qVersion(),
            self.tr("LGPL-3.0 (used through PySide6, dynamically linked)"),
            "https://www.qt.io/licensing",
        )
        font = about.Component(
            self.tr("WenQuanYi Micro Hei font (bundled)"),
            "0.2.0-beta",
            self.tr("Apache-2.0, or GPL-3.0 or later with the font exception"),
            "http://wenq.org",
        )
        serif = about.Component(
            self.tr("Compass Serif SC font (bundled, for printed documents; from Noto Serif CJK)"),
            "2.001",
            self.tr("SIL Open Font License 1.1"),
            "https://github.com/notofonts/noto-cjk",
        )
        fangsong = about.Component(
            self.tr("Compass FangSong SC font (bundled, for 公文 bodies; from Fandol Fang)"),
            "1.300",
            self.tr("GPL-3.0 with the font exception"),
            "https://ctan.org/pkg/fandol",
        )
        return [qt, *about.components(), font, serif, fangsong]

    def licences_html(self) -> str:
        rows = []
        for part in self.components():
            name = html.escape(part.name)
            if part.url:
                name = f"<a href='{html.escape(part.url)}'>{name}</a>"
            rows.append(
                f"<tr><td>{name}</td><td>{html.escape(part.version)}</td>"
                f"<td>{html.escape(part.licence)}</td></tr>"
            )
        headings = (self.tr("Component"), self.tr("Version"), self.tr("Licence"))
        head = "<tr>" + "".join(f"<th align='left'>{h}</th>" for h in headings) + "</tr>"
        note = html.escape(
            self.tr(
                "Sales Compass uses these programs and libraries under their licences. Qt is "
                "used under the LGPL-3.0: you may replace the Qt libraries with your own build."
            )
        )
        return f"<p>{note}</p><table cellspacing='0' cellpadding='4'>{head}{''.join(rows)}</table>"
