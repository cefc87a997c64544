"""What the window's first screen runs on, imported before Qt (by app.ui.application).

PySide6's import hook reads the whole source of every module imported after PySide6 itself (its
`__feature__` check looks for the word "PySide6" in it): over the database layer, SQLAlchemy and
the services the first screen uses, a few hundred modules, that was a tenth of a second of the
window's start (issue 11). Imported first, they are not read again. Nothing here imports Qt."""

from __future__ import annotations

from app.domain import conflicts  # noqa: F401 - the forms' conflict messages
from app.services import (  # noqa: F401 - clients: the models and the client list's reads
    archive,
    backups,
    clients,
    recycle_bin,
    refresh,
    search,
    settings,
    team_logins,
    team_users,
)
