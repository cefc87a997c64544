"""The command line as a user runs it: `python -m app ...` in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def run_cli(
    *args: object, env_lang: str = "zh", home: Path | None = None, timeout: int = 300
) -> subprocess.CompletedProcess:
    """Runs `sales-compass ARGS` through the real entry point; `home` is the per-user data
    folder (where the default archive lives)."""
    env = dict(os.environ, SALES_COMPASS_LANG=env_lang)
    if home is not None:
        env["XDG_DATA_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_on(db: Path, *args: object) -> subprocess.CompletedProcess:
    """The same, on the archive `db` (`--db` after the command's own arguments)."""
    return run_cli(*args, "--db", db)
