"""Where things live: the project's resources and migrations, and the user's default archive."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_path, user_data_path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# A wheel (any non-editable install) carries resources/ and migrations/ inside the package, copied
# there by setup.py; a checkout, an editable install and the PyInstaller bundle use the folders
# beside the package.
BUNDLED = Path(__file__).resolve().parent / "_bundled"
_BASE = BUNDLED if (BUNDLED / "migrations" / "env.py").is_file() else PROJECT_ROOT
RESOURCES = _BASE / "resources"
MIGRATIONS = _BASE / "migrations"
CJK_FONT = RESOURCES / "fonts" / "wqy-microhei.ttc"
I18N = RESOURCES / "i18n"


def default_archive_path() -> Path:
    return user_data_path("SalesCompass", appauthor=False) / "archive.sqlite3"


def demo_archive_path() -> Path:
    return user_data_path("SalesCompass", appauthor=False) / "demo.sqlite3"


def default_backup_folder() -> Path:
    """Where automatic backups go unless the archive names another folder (issue 9)."""
    return user_data_path("SalesCompass", appauthor=False) / "backups"


def cache_folder() -> Path:
    """What can be made again and only saves time (the parsed document font)."""
    return user_cache_path("SalesCompass", appauthor=False)
