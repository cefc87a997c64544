"""Composition root: settings -> archive (engine, migrations) -> services -> QApplication -> window.

`sales-compass` with no command (or `gui`) opens the window; anything else is the command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _wants_gui(args):
        from app.ui.application import run_gui

        return run_gui(args)
    from app import cli

    return cli.main(args)


def _wants_gui(args: list[str]) -> bool:
    words = [
        a for i, a in enumerate(args) if not a.startswith("-") and (i == 0 or args[i - 1] != "--db")
    ]
    if not words:
        # `sales-compass --help` lists every command, not only the window's options.
        return not ({"-h", "--help"} & set(args))
    return words[0] == "gui"
