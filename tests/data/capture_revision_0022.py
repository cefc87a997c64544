"""Writes tests/data/revision_0022_initials.json: the pinyin initials revision 0022 stored for a
set of names (the demo archive's client and contact names and some of many readings), captured
once with the code of commit 759d03e, whose 0022 called app.domain.text.pinyin_initials.
tests/db/test_initials_migration.py checks the rule written out in the revision against it.

Run from the repository: PYTHONPATH=$PWD python tests/data/capture_revision_0022.py DEMO.sqlite3"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from app.domain.text import pinyin_initials

OUT = Path(__file__).parent / "revision_0022_initials.json"
MORE = (
    "朝阳长城贸易有限公司",
    "单县华达电子",
    "重庆长安",
    "乐山银行",
    "ABC 科技 2号",
    "",
    "长长长长长长长长",
)


def main(demo: str) -> None:
    conn = sqlite3.connect(demo)
    names = [r[0] for r in conn.execute("SELECT name FROM clients UNION SELECT name FROM contacts")]
    names = sorted(set(names) | set(MORE))
    captured = {name: pinyin_initials(name) for name in names}
    OUT.write_text(json.dumps(captured, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"written: {OUT} ({len(captured)} names)")


if __name__ == "__main__":
    main(sys.argv[1])
