"""Where things live: the project's resources and migrations, and the user's default archive."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = PROJECT_ROOT / "resources"
MIGRATIONS = PROJECT_ROOT / "migrations"
CJK_FONT = RESOURCES / "fonts" / "wqy-microhei.ttc"
I18N = RESOURCES / "i18n"


def default_archive_path() -> Path:
    return user_data_path("SalesCompass", appauthor=False) / "archive.sqlite3"


def demo_archive_path() -> Path:
    return user_data_path("SalesCompass", appauthor=False) / "demo.sqlite3"
