"""A plain, non-editable install works from anywhere: the sdist and the wheel carry resources/ and
migrations/, and the installed `sales-compass` runs in a fresh venv from a folder outside the
checkout. Also `--version`, without Qt."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
# What a checkout has beyond the sources; none of it goes into the sdist.
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "*.sqlite3*",
    "demo-archive", "tests", "bench", "docs",
)  # fmt: skip


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 120):
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env or _clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def _needed_files() -> list[str]:
    """Every file the running app reads from resources/ and migrations/."""
    revisions = sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
    assert revisions
    translations = sorted(p.name for p in (ROOT / "resources" / "i18n").glob("*.qm"))
    assert translations
    return [
        "migrations/env.py",
        *(f"migrations/versions/{name}" for name in revisions),
        "resources/fonts/wqy-microhei.ttc",
        "resources/fonts/LICENSE-wqy-microhei.txt",
        "resources/fonts/CompassSerif-Regular.ttf",
        "resources/fonts/CompassSerif-Bold.ttf",
        "resources/fonts/LICENSE-compass-serif.txt",
        "resources/fonts/CompassFangSong-Regular.ttf",
        "resources/fonts/LICENSE-compass-fangsong.txt",
        "resources/icons/sales-compass.png",
        "resources/templates/purchase_contract.tpl",
        *(f"resources/i18n/{name}" for name in translations),
    ]


def test_sdist_and_wheel_carry_the_data_and_the_installed_app_runs_anywhere(tmp_path):
    # The sdist, from a copy of the checkout (the build never writes into the checkout).
    source = tmp_path / "checkout"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    dist = tmp_path / "dist"
    sdist_name = _run(
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))",
            dist,
        ],
        cwd=source,
    ).stdout.split()[-1]
    needed = _needed_files()
    with tarfile.open(dist / sdist_name) as sdist:
        top = sdist_name.removesuffix(".tar.gz")
        names = set(sdist.getnames())
        assert {f"{top}/{name}" for name in needed} <= names
        assert f"{top}/setup.py" in names
        sdist.extractall(tmp_path / "unpacked", filter="data")

    # The wheel, from the unpacked sdist, the way `pip install` of an sdist builds it.
    _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", dist, tmp_path / "unpacked" / top],
        cwd=tmp_path,
    )  # fmt: skip
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(f"sales_compass-{VERSION}.dist-info/entry_points.txt")
    assert {f"app/_bundled/{name}" for name in needed} <= names
    assert not [n for n in names if n.endswith((".ts", ".pyc"))]
    assert "sales-compass = app.main:main" in entry_points.decode()

    # A fresh venv with the wheel installed; the dependencies come from this venv's
    # site-packages through a .pth (a plain path entry: the editable install's finder there is
    # not run, so `app` can only come from the wheel).
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = Path(_run([python, "-c", purelib], cwd=tmp_path).stdout.strip())
    deps = _run([sys.executable, "-c", purelib], cwd=tmp_path).stdout.strip()
    (site / "_sales_compass_test_deps.pth").write_text(deps + "\n", encoding="utf-8")
    _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
         "--no-index", wheel],
        cwd=tmp_path,
    )  # fmt: skip
    script = venv / "bin" / "sales-compass"

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run(
        [
            python,
            "-c",
            "import app, app.paths as p; print(app.__file__); print(p.MIGRATIONS); "
            "print(p.CJK_FONT.is_file(), any(p.I18N.glob('*.qm')))",
        ],
        cwd=elsewhere,
    ).stdout.splitlines()
    assert Path(where[0]).is_relative_to(site), where
    assert Path(where[1]) == site / "app" / "_bundled" / "migrations", where
    assert where[2] == "True True", where

    assert _run([script, "--version"], cwd=elsewhere).stdout.strip() == f"sales-compass {VERSION}"
    db = elsewhere / "demo.sqlite3"
    _run([script, "demo", "--clients", "20", "--db", db], cwd=elsewhere)
    assert _run([script, "check", "--db", db], cwd=elsewhere).stdout.strip() == "ok"


def test_version_prints_without_importing_qt(tmp_path):
    code = (
        "import sys; from app.main import main; code = main(sys.argv[1:]); "
        "assert 'PySide6' not in sys.modules, 'Qt imported'; sys.exit(code)"
    )
    for args in (["--version"], ["--db", str(tmp_path / "x.sqlite3"), "--version"], ["-V"]):
        result = _run([sys.executable, "-c", code, *args], cwd=tmp_path)
        assert result.stdout == f"sales-compass {VERSION}\n"
        assert re.fullmatch(r"\d+\.\d+\.\d+.*", VERSION)
    assert not (tmp_path / "x.sqlite3").exists()


def test_version_falls_back_to_pyproject(monkeypatch):
    from importlib import metadata

    from app import main

    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert main.version() == VERSION
