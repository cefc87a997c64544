"""The one packaging step pyproject.toml cannot say: a built package carries its data.

The top-level resources/ (fonts, icons, templates, compiled translations) and migrations/ folders
stay the single source of truth. Building a wheel (or any non-editable install) copies them into
the built package as app/_bundled/resources and app/_bundled/migrations; app/paths.py uses that
copy when it is there and the checkout's folders otherwise (editable installs, running from the
source tree, the PyInstaller bundle). MANIFEST.in puts both folders in the sdist.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("resources", "migrations")
# Translation sources (*.ts) are for translators; the app loads the compiled *.qm.
LEAVE_OUT = shutil.ignore_patterns("__pycache__", "*.py[co]", "*.ts")


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's folders directly
        for name in BUNDLED:
            target = Path(self.build_lib) / "app" / "_bundled" / name
            if target.exists():
                shutil.rmtree(target)  # never ship files since deleted from the source
            shutil.copytree(ROOT / name, target, ignore=LEAVE_OUT)


setup(cmdclass={"build_py": BuildPyWithData})
