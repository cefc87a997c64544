"""Benchmark of the automatic backups (issue 9 §1): the first backup of a big archive, an
incremental one after a day's work, and verifying them.

    .venv/bin/python bench/bench_backup.py [ARCHIVE] [--clients N] [--activities M] [--scans K]

ARCHIVE defaults to $TMPDIR/sales-compass-bench/archive.sqlite3 (the archive bench_archive.py
uses); when it does not exist the demo archive is built there first (`sales-compass demo`). The
backups go to a fresh folder beside it, removed at the end. Between the first and the second
backup a day's work is added (one client and K scanned attachments of 200 KB), so the second
backup shows what "incremental" costs: its database copy plus only the new attachment files.
Prints the machine's load average before and after, since other work on the machine shows in
wall-clock times."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.db import archive_file  # noqa: E402
from app.db.backup_files import record_counts, sha256_of  # noqa: E402
from app.domain.records import ClientDraft  # noqa: E402
from app.services import attachments, backups, clients  # noqa: E402
from app.services.archive import open_archive  # noqa: E402

DEFAULT_PATH = Path(tempfile.gettempdir()) / "sales-compass-bench" / "archive.sqlite3"
SCAN_SIZE = 200 * 1024


def build(path: Path, clients_n: int, activities_n: int) -> None:
    print(f"building the demo archive at {path} ({clients_n} clients, {activities_n} activities)…")
    path.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "app", "demo", "--clients", str(clients_n)]
    command += ["--activities", str(activities_n), "--db", str(path)]
    subprocess.run(command, check=True, cwd=Path(__file__).resolve().parents[1])


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MB"


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<58} {seconds:8.2f} s")
    return result, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--scans", type=int, default=20, help="attachments added before the 2nd")
    args = parser.parse_args(argv)
    path = args.archive.resolve()
    if not path.exists():
        build(path, args.clients, args.activities)
    folder = path.parent / f"backups-bench-{os.getpid()}"
    folder.mkdir()
    print(f"machine: {os.cpu_count()} cores, load average {load()} (1, 5, 15 min)")
    archive = open_archive(path)
    try:
        previous = backups.backup_settings(archive)
        backups.save_backup_settings(archive, folder=folder)
        print(f"archive: {path} ({mb(path.stat().st_size)}), counts {count_line(archive)}")

        # what the steps cost on their own, for reference
        raw = folder / "raw-copy.sqlite3"
        timed("  SQLite backup API copy alone", lambda: archive_file.copy_database(path, raw))
        timed("  SHA-256 of the copy alone", lambda: sha256_of(raw))
        timed("  integrity check of the copy alone", lambda: archive_file.integrity_problems(raw))
        raw.unlink()

        first, _ = timed(
            "first backup (copy, attachments, verify, manifest)", lambda: backups.back_up(archive)
        )
        report(first)

        add_a_days_work(archive, args.scans)
        second, _ = timed(
            f"incremental backup (+1 client, +{args.scans} scans)", lambda: backups.back_up(archive)
        )
        report(second)

        results, _ = timed(
            "verify one backup (backups verify ID)",
            lambda: backups.verify(archive.path, folder, second.entry.id),
        )
        assert all(r.good for r in results)
        results, _ = timed(
            "verify every backup (backups verify)", lambda: backups.verify(archive.path, folder)
        )
        print(f"  {len(results)} backups, all good: {all(r.good for r in results)}")
        timed("list (backups list)", lambda: backups.backups_of(archive))
        timed("home page status", lambda: backups.status(archive))
    finally:
        try:
            backups.save_backup_settings(
                archive,
                folder=previous.folder if previous.custom_folder else None,
                default_folder=not previous.custom_folder,
            )
        finally:
            archive.close()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"load average after: {load()}")
    return 0


def count_line(archive) -> str:
    counts = record_counts(archive.path)
    return ", ".join(f"{k} {v:,}" for k, v in counts.items() if v)


def report(result: backups.BackupReport) -> None:
    entry = result.entry
    print(
        f"  database {mb(entry.size)}; {result.copied_attachments} attachment files copied"
        f" ({mb(result.copied_bytes)}) of {entry.attachments} named; verified: {entry.good}"
    )


def add_a_days_work(archive, scans: int) -> None:
    client = clients.create_client(archive, ClientDraft(f"基准测试新客户{os.getpid()}"))
    with tempfile.TemporaryDirectory() as tmp:
        for number in range(scans):
            scan = Path(tmp) / f"scan-{number}.pdf"
            scan.write_bytes(os.urandom(SCAN_SIZE))
            attachments.add(archive, "client", client.id, scan)


if __name__ == "__main__":
    raise SystemExit(main())
