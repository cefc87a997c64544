"""What encryption at rest costs (issue 9 §4): the same work on a plain and on an encrypted
archive, side by side. Goal: under 25% more on search and on import.

- global search: the 30 queries of bench_archive.py over a demo archive (default 20,000 clients,
  200,000 activities), median of each query's warm runs, summed over the queries;
- import: 10,000 client rows from .csv and .xlsx into a fresh archive (wall and CPU seconds);
- opening: the password's scrypt plus the first connection; `encrypt` of the demo archive.

CPU seconds are printed beside wall seconds since they stay honest on a busy machine; the load
average is printed before and after.

Run: .venv/bin/python bench/bench_encryption.py [--clients N] [--activities N] [--rows N]"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_archive import SEARCH_QUERIES  # noqa: E402
from bench_import import client_rows, write_rows  # noqa: E402

from app.db import cipher  # noqa: E402
from app.demo import generate_demo  # noqa: E402
from app.services import client_transfer, encryption, search  # noqa: E402
from app.services.archive import open_archive  # noqa: E402
from app.services.clients import client_count  # noqa: E402

PASSWORD = "bench 密码 2026"
REPEATS = 5


def load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def search_cost(path: Path, password: str | None) -> tuple[float, float]:
    """(sum of the queries' median ms, CPU seconds of all runs)."""
    archive = open_archive(path, password=password)
    try:
        medians = []
        cpu = time.process_time()
        for query in SEARCH_QUERIES:
            search.search(archive, query)  # cold run: page cache
            runs = []
            for _ in range(REPEATS):
                start = time.perf_counter()
                search.search(archive, query)
                runs.append((time.perf_counter() - start) * 1000)
            medians.append(statistics.median(runs))
        return sum(medians), time.process_time() - cpu
    finally:
        archive.close()


def import_cost(folder: Path, suffix: str, rows: list[tuple], password: str | None, run: int):
    source = folder / f"clients{suffix}"
    if not source.exists():
        write_rows(source, rows)
    name = f"import-{run}-{'enc' if password else 'plain'}{suffix}.sqlite3"
    archive = open_archive(folder / name, password=password)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        report = client_transfer.import_clients(archive, source)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert report.imported == len(rows) == client_count(archive)
    finally:
        archive.close()
    return wall, cpu


def percent(plain: float, encrypted: float) -> str:
    return f"{(encrypted / plain - 1) * 100:+.1f}%"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--activities", type=int, default=200_000)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    print(f"load average before: {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-encryption-") as tmp:
        folder = Path(tmp)
        plain = folder / "plain.sqlite3"
        archive = open_archive(plain)
        start = time.perf_counter()
        generate_demo(archive, args.clients, args.activities)
        archive.close()
        print(
            f"demo archive: {args.clients} clients, {args.activities} activities "
            f"in {time.perf_counter() - start:.1f} s",
            flush=True,
        )
        encrypted = folder / "encrypted.sqlite3"
        shutil.copyfile(plain, encrypted)
        shutil.copytree(plain.with_suffix(".files"), encrypted.with_suffix(".files"))
        start = time.perf_counter()
        encryption.encrypt(encrypted, PASSWORD)
        print(
            f"encrypt in place ({plain.stat().st_size / 2**20:.0f} MB): "
            f"{time.perf_counter() - start:.1f} s",
            flush=True,
        )

        cipher.forget_all()
        start = time.perf_counter()
        open_archive(encrypted, password=PASSWORD, read_only=True).close()
        opened_enc = time.perf_counter() - start
        start = time.perf_counter()
        open_archive(plain, read_only=True).close()
        opened_plain = time.perf_counter() - start
        print(
            f"open read-only: plain {opened_plain * 1000:.0f} ms, encrypted (scrypt + key) "
            f"{opened_enc * 1000:.0f} ms",
            flush=True,
        )

        # alternate plain and encrypted runs so that a change of machine load hits both
        results = {"plain": [], "encrypted": []}
        for _ in range(3):
            results["plain"].append(search_cost(plain, None))
            results["encrypted"].append(search_cost(encrypted, PASSWORD))
        p_ms = min(r[0] for r in results["plain"])
        e_ms = min(r[0] for r in results["encrypted"])
        p_cpu = min(r[1] for r in results["plain"])
        e_cpu = min(r[1] for r in results["encrypted"])
        print(
            f"search, {len(SEARCH_QUERIES)} queries, sum of medians: plain {p_ms:.1f} ms, "
            f"encrypted {e_ms:.1f} ms ({percent(p_ms, e_ms)}); CPU {p_cpu:.2f} s vs "
            f"{e_cpu:.2f} s ({percent(p_cpu, e_cpu)})  goal < +25%",
            flush=True,
        )

        for prefix, suffix in (("华东", ".csv"), ("华南", ".xlsx")):
            rows = client_rows(args.rows, prefix=prefix)
            import_cost(folder, suffix, rows, None, 0)  # warm-up: caches, the file read once
            runs = {"plain": [], "encrypted": []}
            for run in (1, 2):  # alternated; the best of each counts (least disturbed)
                runs["encrypted"].append(import_cost(folder, suffix, rows, PASSWORD, run))
                runs["plain"].append(import_cost(folder, suffix, rows, None, run))
            p_wall, p_cpu = (min(r[i] for r in runs["plain"]) for i in (0, 1))
            e_wall, e_cpu = (min(r[i] for r in runs["encrypted"]) for i in (0, 1))
            print(
                f"import {args.rows} rows {suffix}: plain {p_wall:.2f} s wall / {p_cpu:.2f} s "
                f"CPU, encrypted {e_wall:.2f} s / {e_cpu:.2f} s "
                f"({percent(p_wall, e_wall)} wall, {percent(p_cpu, e_cpu)} CPU)  goal < +25%",
                flush=True,
            )
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
