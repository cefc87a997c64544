"""Writes the third-party notices (app/notices.py) for the installed distributions to a file.

    python scripts/make_notices.py [OUT]     # default: resources/THIRD-PARTY-NOTICES.txt

The PyInstaller spec runs the same code at build time and ships the result, so the notices always
describe the environment the bundle was built from. Run it in that environment (the venv with the
program installed)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import notices  # noqa: E402


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else notices.NOTICES_FILE
    entries = notices.notices()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(notices.notices_text(entries), encoding="utf-8")
    print(f"{target}: {len(entries)} components")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
