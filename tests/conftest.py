"""Shared fixtures: a temporary archive on a fixed clock, and Qt offscreen."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLES = SHARED / "samples"
FIXED_NOW = datetime(2026, 11, 26, 10, 30)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    """An empty archive at head, migrated once per test session and copied for each test."""
    from app.services.archive import open_archive

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_archive(path).close()
    return path


@pytest.fixture
def archive(tmp_path, migrated_template):
    from app.services.archive import copy_database, open_archive

    path = tmp_path / "archive.sqlite3"
    copy_database(migrated_template, path)
    opened = open_archive(path, clock=lambda: FIXED_NOW)
    yield opened
    opened.close()


@pytest.fixture
def samples() -> Path:
    if not SAMPLES.exists():
        pytest.skip("../shared/samples is not beside this checkout")
    return SAMPLES
