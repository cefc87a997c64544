"""A large import killed (SIGKILL) part-way through its write leaves a sound archive holding
either all of that import or none of it."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.services.client_transfer import TEMPLATE_HEADINGS

PROJECT = Path(__file__).resolve().parents[2]
ROWS = 30_000
CITIES = ("北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "西安")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def write_big_csv(path: Path, rows: int = ROWS) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(TEMPLATE_HEADINGS)
        for i in range(rows):
            city = CITIES[i % len(CITIES)]
            cells = {
                "客户名称": f"{city}第{i}号科技有限公司",
                "客户等级": "ABCD"[i % 4],
                "地区": city,
                "建档日期": f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                "联系人": f"联系人{i}",
                "手机": f"139{i:08d}",
            }
            writer.writerow([cells.get(h, "") for h in TEMPLATE_HEADINGS])
    return path


def start_import(source: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "import", "clients", str(source), "--progress"]
        + ["--db", str(db)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_once_writing(process: subprocess.Popen, extra_batches: int = 2) -> bool:
    """Reads the DONE/TOTAL progress lines; the second half of the total is the write. Kills the
    process a few batches into it. False if it finished first."""
    writing_lines = 0
    for line in process.stderr:
        done, _, total = line.strip().partition("/")
        if done.isdigit() and total.isdigit() and int(done) > int(total) // 2:
            writing_lines += 1
            if writing_lines >= extra_batches:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
                return True
    process.wait(timeout=30)
    return False


def counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("clients", "contacts", "search_docs")
        )


def assert_all_or_none(db: Path) -> tuple[int, int, int]:
    check = subprocess.run(
        [sys.executable, "-m", "app", "check", "--db", str(db)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    found = counts(db)
    assert found in ((0, 0, 0), (ROWS, ROWS, 2 * ROWS)), found
    return found


def test_sigkill_during_the_write_leaves_all_or_none(tmp_path):
    source = write_big_csv(tmp_path / "big.csv")
    db = tmp_path / "archive.sqlite3"
    process = start_import(source, db)
    killed = kill_once_writing(process)
    assert killed, "the import finished before it could be killed"
    assert process.returncode == -signal.SIGKILL
    assert_all_or_none(db)  # in practice none: the kill lands long before the commit


@pytest.mark.slow
def test_sigkill_during_the_commit_leaves_all_or_none(tmp_path):
    """Waits until the commit is pouring pages into the -wal file, then kills."""
    source = write_big_csv(tmp_path / "big.csv")
    db = tmp_path / "archive.sqlite3"
    wal = Path(f"{db}-wal")
    process = start_import(source, db)
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 1_000_000:
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.005)
    process.communicate(timeout=30)
    assert_all_or_none(db)
