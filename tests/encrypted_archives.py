"""Encrypted archives for tests: a password, and the bytes a client's name must never show in."""

from __future__ import annotations

from pathlib import Path

from app.db import cipher

PASSWORD = "测试密码 correct horse"
CLIENT = "北京恒信科技有限公司"


def new_process() -> None:
    """Forgets every unlocked key, as a program started afresh would have none."""
    cipher.forget_all()


def files_showing(folder: Path, text: str) -> list[Path]:
    """Every file under `folder` whose bytes contain `text` (UTF-8, UTF-16 or GB18030)."""
    needles = [text.encode(c) for c in ("utf-8", "utf-16-le", "utf-16-be", "gb18030")]
    found = []
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if any(n in data for n in needles):
                found.append(path)
    return found
