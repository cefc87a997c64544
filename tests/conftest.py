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


@pytest.fixture
def archive(tmp_path):
    from app.services.archive import open_archive

    opened = open_archive(tmp_path / "archive.sqlite3", clock=lambda: FIXED_NOW)
    yield opened
    opened.close()


@pytest.fixture
def samples() -> Path:
    if not SAMPLES.exists():
        pytest.skip("../shared/samples is not beside this checkout")
    return SAMPLES
