"""Composition root: settings -> archive (engine, migrations) -> services -> QApplication -> window.

`sales-compass` with no command (or `gui`) opens the window; anything else is the command line.
`sales-compass --version` prints the version and imports no Qt."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _private_files()
    if _wants_version(args):
        print(f"sales-compass {version()}")
        return 0
    if _wants_gui(args):
        # Before anything loads Qt: without a display or the xcb libraries Qt aborts the process.
        from app.ui import platform_check

        problem = platform_check.window_problem()
        if problem is not None:
            print(platform_check.describe(problem, platform_check.language()), file=sys.stderr)
            return 1
        from app.ui.application import run_gui

        return run_gui(args)
    _fewer_collections()
    from app import cli

    return cli.main(args)


def _fewer_collections() -> None:
    """A command imports a few hundred modules and builds its objects in a fraction of a second;
    with the collector's default threshold (every 700 new objects) it ran 300 times, 0.1 s of a
    document command's 0.8 s of CPU (issue 11). Every 10,000 it runs 20 times, and still
    collects a long command's cycles (the generations' ratios are kept)."""
    import gc

    gc.set_threshold(10_000, 10, 10)


def _private_files() -> None:
    """Everything this program writes (archive, journals, lock, backups, exports, temporary
    copies) is readable by its owner only; the file layer also sets the modes itself."""
    import os

    if os.name != "nt":
        os.umask(0o077)


def version() -> str:
    """The installed distribution's version; from a checkout that is not installed, pyproject's."""
    from app.about import version as installed_version

    return installed_version()


def _words(args: list[str]) -> list[str]:
    return [args[i] for i in _word_indexes(args)]


def _word_indexes(args: list[str]) -> list[int]:
    return [
        i for i, a in enumerate(args) if not a.startswith("-") and (i == 0 or args[i - 1] != "--db")
    ]


def _wants_version(args: list[str]) -> bool:
    """`--version` (or -V) before the command (`sales-compass --db X --version`), or anywhere
    with the window's options (`sales-compass gui --version`)."""
    first = _word_indexes(args)[:1]
    options = args if not first or args[first[0]] == "gui" else args[: first[0]]
    return bool({"--version", "-V"} & set(options))


def _wants_gui(args: list[str]) -> bool:
    words = _words(args)
    if not words:
        # `sales-compass --help` lists every command, not only the window's options.
        return not ({"-h", "--help"} & set(args))
    return words[0] == "gui"
