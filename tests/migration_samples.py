"""Archives as older versions of the app left them, written with plain SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.db import archive_file

STAMP = "2026-11-01 09:00:00.000000"


def archive_at_first_revision(path: Path) -> None:
    """An archive as version 0001 of the app left it, filled with plain SQL."""
    archive_file.migrate(path, target="0001")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO clients (id, name, name_key, sort_key, initials, uscc, tier,"
            " is_key_account, region, owner, status, created_on, last_visit_on, created_at,"
            " updated_at) VALUES (1, '深圳华达电子有限公司', '深圳华达电子有限公司',"
            " 'shen zhen hua da dian zi you xian gong si', 'szhddzyxgs', '91110000600037341L',"
            " 'A', 1, '华南', '王强', '合作中', '2025-01-02', '2026-11-01', ?, ?)",
            (STAMP, STAMP),
        )
        conn.execute(
            "INSERT INTO contacts (id, client_id, name, title, mobile)"
            " VALUES (1, 1, '李娜', '采购经理', '13812345678')"
        )
        conn.execute(
            "INSERT INTO activities (id, client_id, kind, started_at, subject, expense_fen,"
            " created_at, updated_at) VALUES (1, 1, 'visit', ?, '年度框架协议谈判', 12345, ?, ?)",
            (STAMP, STAMP, STAMP),
        )
        conn.execute("INSERT INTO activity_contacts (activity_id, contact_id) VALUES (1, 1)")
    conn.close()
