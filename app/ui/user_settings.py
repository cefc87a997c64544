"""This user's own settings on this machine, kept with Qt's QSettings (the registry on Windows, a
file in ~/.config on Linux), never inside the archive: the language, the window's geometry and
last area, the last folder of each kind of file dialog, the font for documents and the archives
opened lately. An archive copied to another machine or opened by a colleague does not bring
them along.

Older versions kept the language and the document font in the archive; the first time a value is
missing here, the archive's old one is read once and kept here (`adopt_archive_preferences`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app.services import settings as settings_service
from app.services.archive import Archive

ORG = "SalesCompass"
APP = "SalesCompass"
RECENT_LIMIT = 5

LANGUAGE = "ui/language"
DOCUMENT_FONT = "documents/font"
RARE_FONT = "documents/rare_font"
GEOMETRY = "main_window/geometry"
LAST_AREA = "main_window/area"
RECENT = "archives/recent"
FOLDERS = "folders/"


def store() -> QSettings:
    return QSettings(ORG, APP)


def _text(key: str) -> str | None:
    value = store().value(key)
    return None if value is None else str(value)


# --- language and document font ---------------------------------------------------------------


def language() -> str | None:
    """The language chosen in 设置 ('zh_CN' or 'en'); None: not chosen (follow the system)."""
    return _text(LANGUAGE) or None


def set_language(code: str) -> None:
    store().setValue(LANGUAGE, code)


def document_font() -> str:
    """The TrueType file chosen for documents; '' for the bundled font."""
    return _text(DOCUMENT_FONT) or ""


def set_document_font(path: str) -> None:
    store().setValue(DOCUMENT_FONT, path)


def rare_font() -> str:
    """The 补充字体 file chosen for rare characters; '' to find one on this machine."""
    return _text(RARE_FONT) or ""


def set_rare_font(path: str) -> None:
    store().setValue(RARE_FONT, path)


def adopt_archive_preferences(archive: Archive) -> None:
    """The one-time move from the archive: a language or font this user has not chosen here yet
    is taken from what an older version stored in the archive (when it stored one)."""
    settings = store()
    if all(settings.contains(key) for key in (LANGUAGE, DOCUMENT_FONT, RARE_FONT)):
        return
    try:
        stored = settings_service.stored_preferences(archive)
    except Exception:  # noqa: BLE001 - an unreadable old value is no reason not to open
        return
    if not settings.contains(LANGUAGE) and stored.language:
        settings.setValue(LANGUAGE, stored.language)
    if not settings.contains(DOCUMENT_FONT) and stored.document_font:
        settings.setValue(DOCUMENT_FONT, stored.document_font)
    if not settings.contains(RARE_FONT):  # set with `sales-compass font`; "": find one
        settings.setValue(RARE_FONT, stored.rare_font)  # kept even when "": read once only


def apply_to_archive(archive: Archive) -> None:
    """Hands this user's document fonts to the archive's services (which print with them)."""
    archive.document_font = document_font()
    archive.rare_font = rare_font()


# --- the window -------------------------------------------------------------------------------


def last_area() -> str | None:
    return _text(LAST_AREA) or None


def set_last_area(key: str) -> None:
    store().setValue(LAST_AREA, key)


# --- archives opened lately -------------------------------------------------------------------


def recent_archives() -> list[Path]:
    value = store().value(RECENT) or []
    if isinstance(value, str):  # QSettings gives a one-item list back as a string
        value = [value]
    return [Path(item) for item in value if item][:RECENT_LIMIT]


def add_recent_archive(path: Path) -> list[Path]:
    path = Path(path).expanduser().resolve()
    items = [path] + [p for p in recent_archives() if p != path]
    store().setValue(RECENT, [str(p) for p in items[:RECENT_LIMIT]])
    return items[:RECENT_LIMIT]


def remove_recent_archive(path: Path) -> None:
    store().setValue(RECENT, [str(p) for p in recent_archives() if p != Path(path)])


def clear_recent_archives() -> None:
    store().setValue(RECENT, [])


# --- file dialogs -----------------------------------------------------------------------------


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def last_folder(purpose: str) -> Path:
    """Where the file dialog for `purpose` opens: the folder last used for it while it exists,
    else the user's documents folder (never the program's folder)."""
    folder = _text(FOLDERS + purpose)
    if folder and Path(folder).is_dir():
        return Path(folder)
    return documents_folder()


def remember_folder(purpose: str, chosen: str | Path) -> None:
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    store().setValue(FOLDERS + purpose, str(folder))


def _start(purpose: str, name: str = "") -> str:
    folder = last_folder(purpose)
    return str(folder / Path(name).name) if name else str(folder)


def open_file(parent: QWidget | None, purpose: str, caption: str, filters: str = "") -> str:
    """QFileDialog.getOpenFileName starting in the purpose's folder; '' when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, caption, _start(purpose), filters)
    if path:
        remember_folder(purpose, path)
    return path


def open_files(parent: QWidget | None, purpose: str, caption: str, filters: str = "") -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, caption, _start(purpose), filters)
    if paths:
        remember_folder(purpose, paths[0])
    return list(paths)


def save_file(
    parent: QWidget | None, purpose: str, caption: str, name: str = "", filters: str = ""
) -> str:
    """QFileDialog.getSaveFileName offering `name` in the purpose's folder; '' when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, _start(purpose, name), filters)
    if path:
        remember_folder(purpose, path)
    return path


def folder(parent: QWidget | None, purpose: str, caption: str) -> str:
    chosen = QFileDialog.getExistingDirectory(parent, caption, _start(purpose))
    if chosen:
        store().setValue(FOLDERS + purpose, chosen)
    return chosen
