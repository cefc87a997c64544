"""Shared fixtures: a temporary archive on a fixed clock, and Qt offscreen. The tests make
their own data (tests/data); nothing depends on files outside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from clock import FIXED_NOW, LATER

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["pg_server"]

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "both_backends: the test's `archive` is an archive file and then a team archive on"
        " PostgreSQL (issue 14: services and repositories behave the same on both)",
    )
    config.addinivalue_line(
        "markers",
        "file_only: in a both_backends module, a test of what only an archive file has"
        " (backups, encryption, files beside it): run on SQLite only",
    )


def pytest_generate_tests(metafunc):
    """A test marked both_backends runs once per back end (ids [sqlite] and [postgresql])."""
    marked = metafunc.definition.get_closest_marker
    if "archive" in metafunc.fixturenames and marked("both_backends") and not marked("file_only"):
        metafunc.parametrize("archive", BACKENDS, indirect=True)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    """An empty archive at head, migrated once per test session and copied for each test."""
    from app.services.archive import open_archive

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_archive(path).close()
    return path


@pytest.fixture
def archive(request, tmp_path, migrated_template):
    if getattr(request, "param", "sqlite") == "postgresql":
        yield request.getfixturevalue("team_archive")
        return
    from app.services.archive import copy_database, open_archive

    path = tmp_path / "archive.sqlite3"
    copy_database(migrated_template, path)
    opened = open_archive(path, clock=lambda: FIXED_NOW)
    yield opened
    opened.close()


# The demo the client list and overdue tests page through: generate_demo(clients=450,
# activities=0, seed=3) on the fixed clock costs seconds, so it is built once per session and
# each test gets its own copy (database and stored files), as the `archive` fixture does.
DEMO_450 = {"clients": 450, "activities": 0, "seed": 3}


@pytest.fixture(scope="session")
def demo_450_template(tmp_path_factory, migrated_template) -> Path:
    from app.demo import generate_demo
    from app.services.archive import copy_database, open_archive

    path = tmp_path_factory.mktemp("demo450") / "demo.sqlite3"
    copy_database(migrated_template, path)
    built = open_archive(path, clock=lambda: FIXED_NOW)
    generate_demo(built, **DEMO_450)
    built.close()
    return path


@pytest.fixture
def demo_450_archive(tmp_path, demo_450_template):
    import shutil

    from app.services.archive import copy_database, open_archive

    path = tmp_path / "archive.sqlite3"
    copy_database(demo_450_template, path)
    files = demo_450_template.with_name(demo_450_template.stem + ".files")
    if files.exists():
        shutil.copytree(files, path.with_name(path.stem + ".files"))
    opened = open_archive(path, clock=lambda: FIXED_NOW)
    yield opened
    opened.close()


@pytest.fixture
def other(archive):
    """A second person on the same archive: their own Archive (own connections, own change
    tracker, their own name 王五 in the history), saving at LATER. The archive lock is per
    process, so an archive file is shared."""
    from app.services.archive import open_archive

    second = open_archive(archive.path or str(archive.server), clock=lambda: LATER)
    second.db.change_tracker.who = lambda _session: "王五"
    yield second
    second.close()


@pytest.fixture(autouse=True)
def _no_system_rare_fonts(monkeypatch):
    """No printed PDF depends on the fonts of the machine the tests run on: the search for a
    font with a rare character (SimSun-ExtB, fontconfig) finds nothing, and no fallback found
    by an earlier test is kept. A test chooses its own 补充字体 (tests/rare_font.py)."""
    from app.exports import pdf_rare

    monkeypatch.setattr(pdf_rare, "SYSTEM_RARE", ())
    monkeypatch.setattr(pdf_rare, "_fontconfig", lambda *_codes: ())
    monkeypatch.setattr(pdf_rare, "_cover", pdf_rare._Cover())
    monkeypatch.setattr(pdf_rare, "_choice", [""])
    pdf_rare.take_boxed()
