"""The command line as a user runs it, through the real entry point `app.main:main` (argument
parsing, the archive, stdout, stderr and the exit status).

`run_cli` runs it in the test's own process (a fresh interpreter costs a second or more of
imports per command, hundreds of times a run): stdout and stderr are captured as the bytes the
command wrote, the exit status is what `python -m app` would exit with (SystemExit's code; an
uncaught exception prints its traceback to stderr and exits 1, as the interpreter does), and the
environment, umask, working folder and standard input are the ones a fresh process would get.

Tests where the process boundary is what is tested start `python -m app` themselves (which
modules a command imports: test_lazy_imports; a kill: test_import_kill, tests/db/test_archive_crash;
the window's start-up: tests/unit/test_platform_check)."""

from __future__ import annotations

import atexit
import io
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def run_cli(
    *args: object,
    env_lang: str = "zh",
    home: Path | None = None,
    env: Mapping[str, str | None] | None = None,
) -> subprocess.CompletedProcess:
    """Runs `sales-compass ARGS` through the real entry point; `home` is the per-user data
    folder (where the default archive lives); `env` sets variables (None: not set at all)."""
    argv = [*map(str, args)]
    with _as_a_fresh_process(_environment(env_lang, home, env)) as (out, err):
        code = _exit_status(argv, err)
    return subprocess.CompletedProcess(
        [sys.executable, "-m", "app", *argv], code, _text(out), _text(err)
    )


def run_on(db: Path, *args: object) -> subprocess.CompletedProcess:
    """The same, on the archive `db` (`--db` after the command's own arguments)."""
    return run_cli(*args, "--db", db)


def new_archive(path: Path) -> Path:
    """An empty archive at `path`, as the first command on a missing file would create it: a
    copy of one migrated once per test process (the migrations cost a second or more each
    time). Tests about creating an archive run their command on a missing file instead."""
    from app.services.archive import copy_database

    copy_database(_migrated_once(), path)
    return path


@cache
def _migrated_once() -> Path:
    from app.services.archive import open_archive

    folder = Path(tempfile.mkdtemp(prefix="cli-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "template.sqlite3"
    open_archive(path).close()
    return path


def _environment(
    env_lang: str, home: Path | None, changes: Mapping[str, str | None] | None = None
) -> dict[str, str]:
    env = dict(os.environ, SALES_COMPASS_LANG=env_lang)
    if home is not None:
        env["XDG_DATA_HOME"] = str(home)
    for name, value in (changes or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _exit_status(argv: list[str], err: io.TextIOWrapper) -> int:
    """What `python -m app ARGV` exits with (app/__main__.py: sys.exit(main()))."""
    from app.main import main

    try:
        code: object = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    except KeyboardInterrupt:  # Ctrl-C on the test run stops the run
        raise
    except BaseException:  # as the interpreter does with an uncaught exception
        traceback.print_exc(file=err)
        return 1
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=err)
    return 1


@contextmanager
def _as_a_fresh_process(
    env: dict[str, str],
) -> Iterator[tuple[io.TextIOWrapper, io.TextIOWrapper]]:
    """The command's view of the process while it runs, put back afterwards: the environment,
    the working folder, the umask (app.main sets its own), no terminal on standard input, and
    no archive password remembered from an earlier command or test."""
    from app.db import cipher

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_umask = os.umask(0o022)
    os.umask(saved_umask)
    out, err = _stream(), _stream()
    cipher.forget_all()
    os.environ.clear()
    os.environ.update(env)
    os.chdir(PROJECT)
    sys.stdin, sys.stdout, sys.stderr = _stream(), out, err
    try:
        yield out, err
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        os.umask(saved_umask)
        cipher.forget_all()


def _stream() -> io.TextIOWrapper:
    """A pipe's end as the command sees it: UTF-8 text, not a terminal."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    """What the test reads from the pipe, as subprocess.run(text=True) decodes it."""
    stream.flush()
    data = stream.buffer.getvalue().decode("utf-8", errors="replace")
    return data.replace("\r\n", "\n").replace("\r", "\n")
