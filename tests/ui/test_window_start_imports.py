"""The window starts on the client list with only what that screen uses (issue 11): the home
page, the activity list, the client page and every export library load when first used, and
the database layer is loaded before Qt so that PySide6's import hook does not read its source.
The evidence is a fresh process's own module table after `start_gui` painted the list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from app.ui.application import start_gui
import time
app, window = start_gui(["--db", sys.argv[1]])
deadline = time.time() + 30
while window.client_list.model.total() == 0 and time.time() < deadline:
    app.processEvents()  # the list is read in the background
    time.sleep(0.01)
window.client_list.table.viewport().grab()
app.processEvents()
shown = window.client_list.model.total()
window.ctx.runner.wait()
window.ctx.archive.close()
feature = sys.modules.get("shibokensupport.feature")
read = sorted(getattr(feature, "pyside_feature_dict", {}))
print(json.dumps({"modules": sorted(sys.modules), "read": read, "shown": shown}))
"""

LATER = (
    "app.ui.home.page",
    "app.ui.activities.list_page",
    "app.ui.clients.client_page",
    "app.ui.clients.client_dialog",
    "app.services.letters",
    "app.services.contracts",
    "app.services.client_transfer",
    "app.exports.spreadsheet",
    "reportlab",
    "openpyxl",
    "pypdf",
    "cn2an",
    "sqlalchemy.dialects.postgresql",  # the models' partial indexes need it on a server only
)


@pytest.fixture(scope="module")
def started(tmp_path_factory) -> dict:
    from app.domain.records import ClientDraft
    from app.services import clients
    from app.services.archive import open_archive

    folder = tmp_path_factory.mktemp("start")
    path = folder / "archive.sqlite3"
    archive = open_archive(path)
    try:
        clients.create_client(archive, ClientDraft(name="华信科技有限公司"), [])
    finally:
        archive.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(folder)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_first_screen_shows_the_clients(started):
    assert started["shown"] == 1


def test_pages_not_shown_and_export_libraries_are_not_loaded(started):
    modules = set(started["modules"])
    assert "app.ui.clients.list_page" in modules  # the probe sees what the window loads
    assert [name for name in LATER if name in modules] == []


def test_the_database_layer_is_loaded_before_qt(started):
    """PySide6 reads the source of each module loaded after it; SQLAlchemy and the models come
    first (app.ui.preload), so none of theirs is read."""
    read = started["read"]
    if not read:
        pytest.skip("this PySide6 has no __feature__ import hook")
    assert "app.ui.main_window" in read  # the hook did look at the window's own modules
    late = [m for m in read if m.startswith(("sqlalchemy", "app.db", "app.services"))]
    assert len(late) <= 20, late  # only those a window module names again, not their imports
    assert not [m for m in read if m.startswith(("sqlalchemy.sql", "sqlalchemy.orm."))]


def test_the_preloaded_modules_load_no_qt():
    probe = "import sys, app.ui.preload; print(sorted(m for m in sys.modules if 'PySide' in m))"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_window_built_with_the_guard_paused_still_guards_its_fields(archive, qapp, qtbot):
    """The wheel guard is off while the window builds itself (its construction events do not
    pass through Python) and on again after: the client list's filter boxes, made meanwhile,
    do not take the wheel unfocused nor the focus from the wheel."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    from app.domain.records import ClientDraft
    from app.services import clients
    from app.ui.application import build_window
    from app.ui.kit.forms import GUARD_NAME, _FormGuard, install_form_guards
    from app.ui.tasks import SynchronousTaskRunner

    for name in ("王芳", "李强"):
        clients.create_client(archive, ClientDraft(f"{name}科技有限公司", owner=name))
    guard = install_form_guards(qapp)
    window = build_window(archive, SynchronousTaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert qapp.findChild(_FormGuard, GUARD_NAME) is guard
    combo = window.client_list.owner_combo
    assert combo.count() == 3 and combo.currentIndex() == 0
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    centre = QPointF(combo.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(combo.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, event)
    assert combo.currentIndex() == 0  # the guard, on again, kept the wheel from it
    window.close()
