"""After printing: the characters no font had, which printed as boxes (app.exports.pdf_rare).
Cheap to import: a command that printed nothing loads no PDF library to learn that."""

from __future__ import annotations

import sys


def boxed_characters() -> tuple[str, str]:
    """The characters printed as boxes since the last call (no font has them), and the chosen
    补充字体 file when it could not be used; ("", "") when nothing was printed."""
    rare = sys.modules.get("app.exports.pdf_rare")  # not loaded: nothing was printed
    return rare.take_boxed() if rare is not None else ("", "")
