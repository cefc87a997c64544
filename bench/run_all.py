"""Issue 11's table, measured as the user meets each row: whole `sales-compass` processes where a
person runs a command, the service where a window does the work. Prints median/min/max seconds
over --runs runs, the peak memory of the processes, and the goal beside each row.

    .venv/bin/python bench/run_all.py [--runs 5] [--big ARCHIVE] [--only document,report,...]

Inputs are made here: a demo archive (or --big, the 100,000-client / 1,000,000-activity archive
from `sales-compass demo --clients 100000 --activities 1000000 --db PATH`), a 20-page agreement,
a 10,000-row workbook and a tender packet with 50 A4 300-dpi JPEG scans. The window's rows
(start-up, memory) are bench/bench_ui.py's, run on --big. Before timing, compile once:
`python -m compileall -q app` (with PYTHONDONTWRITEBYTECODE unset)."""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_documents  # noqa: E402
import bench_import  # noqa: E402
import bench_packet  # noqa: E402
import bench_reads  # noqa: E402

from app.demo import create_demo_archive  # noqa: E402
from app.services.archive import open_archive  # noqa: E402


@dataclass
class Row:
    name: str
    goal: str
    seconds: list[float]
    peak_mb: float | None = None
    cpu: list[float] | None = None  # the processes' user + system seconds


def run_process(args: Sequence[object], runs: int, before: Callable[[], None] | None = None) -> Row:
    """`sales-compass ARGS` `runs` times in fresh processes (the CLI as the user runs it)."""
    seconds, cpu, peak = [], [], 0.0
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for _ in range(runs):
        if before:
            before()
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        # /usr/bin/time reports the command's own peak: a child forked from this (large) process
        # would count the parent's pages in its high-water mark.
        with tempfile.NamedTemporaryFile("r") as usage:
            result = subprocess.run(
                ["/usr/bin/time", "-f", "%M", "-o", usage.name, sys.executable, "-m", "app"]
                + [str(a) for a in args],
                cwd=ROOT,
                env=env,
                capture_output=True,
            )
            seconds.append(time.perf_counter() - start)
            done = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(done.ru_utime + done.ru_stime - used.ru_utime - used.ru_stime)
            if result.returncode != 0:
                raise SystemExit(f"{args}: {result.stderr.decode(errors='replace')}")
            peak = max(peak, int(usage.read().split()[-1]) / 1024)
    return Row("", "", seconds, peak, cpu)


def run_in_process(fn: Callable[[], object], runs: int) -> Row:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return Row("", "", seconds)


def named(row: Row, name: str, goal: str) -> Row:
    row.name, row.goal = name, goal
    return row


def print_table(rows: Sequence[Row]) -> None:
    print("| operation | goal | median | min | max | CPU median | peak memory |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        peak = f"{r.peak_mb:.0f} MB" if r.peak_mb else ""
        cpu = f"{statistics.median(r.cpu):.2f} s" if r.cpu else ""
        print(
            f"| {r.name} | {r.goal} | {statistics.median(r.seconds):.2f} s | "
            f"{min(r.seconds):.2f} s | {max(r.seconds):.2f} s | {cpu} | {peak} |"
        )


def print_archive_size(path: Path) -> None:
    """The archive file's size and what its search index takes of it (SQLite's dbstat), the
    row of issue 11's table on archive size."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        sizes = dict(conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"))
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    except sqlite3.OperationalError:  # an SQLite built without dbstat
        sizes, free, page = {}, 0, 0
    finally:
        conn.close()
    search = sum(v for k, v in sizes.items() if k.startswith(("search_", "uq_search_docs")))
    print("\n| archive | file | search index (search_docs, search_fts*) | free pages |")
    print("| --- | --- | --- | --- |")
    print(
        f"| {path.name} | {path.stat().st_size / 1e6:.0f} MB | {search / 1e6:.0f} MB | "
        f"{free * page / 1e6:.0f} MB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", type=Path, help="the 100k/1M archive (else a demo archive)")
    parser.add_argument(
        "--only",
        type=lambda text: set(text.split(",")),
        default=set(ROWS),
        help=f"the rows to run, comma-separated, of: {','.join(ROWS)} (default: all)",
    )
    args = parser.parse_args()
    if args.only - set(ROWS):
        parser.error(f"unknown rows: {', '.join(sorted(args.only - set(ROWS)))}")
    only = args.only
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive_path = args.big or folder / "demo.sqlite3"
        if args.big is None and only & {
            "company",
            "search",
            "report",
            "overdue",
            "reads",
            "receivables",
        }:
            create_demo_archive(archive_path, 300, 3000, 7)
        db = ("--db", archive_path)
        if "company" in only:
            row = run_process(("company", *db), args.runs)
            rows.append(named(row, "`company`", "<= 0.3 s"))
        if "search" in only:
            row = run_process(("search", "华", *db), args.runs)
            rows.append(named(row, "`search 华`", "<= 0.3 s"))
        if "help" in only:
            rows.append(named(run_process(("--help",), args.runs), "`--help`", "<= 0.3 s"))
        if "document" in only:
            rows.append(document_row(folder, args.runs))
        if "report" in only:
            report = ("pdf", "monthly-report", "2026-11", folder / "report.pdf", "--force", *db)
            row = run_process(report, args.runs)
            rows.append(named(row, "`pdf monthly-report`", "<= 1.0 s"))
        if "receivables" in only:  # every client's ageing, as of a fixed day
            row = run_process(("receivables", "--as-of", "2026-11-30", *db), args.runs)
            rows.append(named(row, "`receivables`", "<= 1.0 s"))
        if "import" in only:
            rows.append(import_row(folder, args.runs))
        if "packet" in only:
            rows.append(packet_row(folder, args.runs))
        if "overdue" in only:
            rows.append(overdue_row(archive_path, args.runs))
        if "reads" in only:
            rows.extend(reads_rows(archive_path, args.runs))
        print_table(rows)
        if args.big is not None or only & {"company", "search", "report", "overdue"}:
            print_archive_size(archive_path)
    if args.big and "window" in only:
        print("\nthe window (bench/bench_ui.py):")
        subprocess.run([sys.executable, str(ROOT / "bench" / "bench_ui.py"), str(args.big)])


ROWS = ("company", "search", "help", "document", "report", "import", "packet", "overdue", "window")
ROWS += ("reads",)  # clients, client, overdue, activities, attachments, the lists (bench_reads.py)
ROWS += ("receivables",)  # the receivables with ageing of every client (issue 11)


def reads_rows(archive_path: Path, runs: int) -> list[Row]:
    """The everyday read commands, whole processes (bench_reads.py's rows but `company`)."""
    rows = []
    for name, args in bench_reads.commands()[1:]:
        seconds, cpu = bench_reads.time_process((*args, "--db", archive_path), runs)
        rows.append(Row(name, bench_reads.GOAL, seconds, None, cpu))
    return rows


def document_row(folder: Path, runs: int) -> Row:
    doc_dir = folder / "doc"
    doc_dir.mkdir()
    doc_archive, doc = bench_documents.make_archive(doc_dir, lines=560)  # 20 pages
    doc_archive.close()
    pdf = ("pdf", "document", doc.id, folder / "doc.pdf", "--force")
    row = run_process((*pdf, "--db", doc_dir / "bench.sqlite3"), runs)
    return named(row, "`pdf document`, 20-page agreement", "<= 0.5 s")


def import_row(folder: Path, runs: int) -> Row:
    book = folder / "clients.xlsx"
    bench_import.write_rows(book, bench_import.client_rows(10_000))
    target, empty = folder / "import.sqlite3", folder / "empty.sqlite3"
    open_archive(empty).close()  # an archive the user has, empty: the import is timed alone

    def fresh_target() -> None:
        for suffix in ("-wal", "-shm", ".lock"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(empty, target)

    row = run_process(("import", "clients", book, "--db", target), runs, before=fresh_target)
    return named(row, "10,000-row .xlsx client import", "<= 3 s")


def packet_row(folder: Path, runs: int) -> Row:
    packet_dir = folder / "packet"
    packet_dir.mkdir()
    packet_archive, tender_id = bench_packet.make_archive(
        packet_dir, scans=50, deviation_rows=1300, items=400
    )
    packet_archive.close()
    packet = ("pdf", "tender-packet", tender_id, folder / "packet.pdf", "--force")
    row = run_process((*packet, "--db", packet_dir / "bench.sqlite3"), runs)
    return named(row, "tender packet, 50 JPEG scans", "<= 3 s, <= 300 MB")


def overdue_row(archive_path: Path, runs: int) -> Row:
    from app.services import planning

    archive = open_archive(archive_path, read_only=True)
    try:
        row = run_in_process(lambda: planning.overdue_ids(archive), runs)
        return named(row, "full overdue list (ids)", "<= 200 ms")
    finally:
        archive.close()


if __name__ == "__main__":
    main()
