"""Issue 14 §1/§3: global search on a team archive (PostgreSQL) against the same archive file.

    .venv/bin/python bench/bench_search_pg.py ADDRESS ARCHIVE [--runs 5] [QUERY ...]

ADDRESS is a team archive loaded from ARCHIVE (bench/team_server.py load), so both hold the
same documents. Per query: the median wall time of `runs` searches on each back end after one
warm-up, the server backend's CPU time (user+sys, read from /proc: the server must run on this
machine) and the client's, and whether both back ends give the same hits, hit for hit.
Prints the load average before and after. Goal: every query <= 100 ms on the server."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = (
    "华",
    "bj",
    "HT-2026",
    "拜访",
    "北京",
    "科技",
    "bjhx",
    "张伟",
    "0755",
    "1381",
    "北京华信科技有限公司",
    "鑫",
    "hx",
    "有限公司",
)


def _backend_cpu(archive) -> float:
    """The server backend's CPU seconds so far (the pooled connection the searches use)."""
    from sqlalchemy import text

    with archive.db.read() as session:
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timed(archive, query: str, runs: int, server: bool) -> tuple[float, float, float, list]:
    from app.services import search

    hits = search.search(archive, query)  # warm-up
    walls, cpus, server_cpus = [], [], []
    for _ in range(runs):
        before_server = _backend_cpu(archive) if server else 0.0
        cpu, wall = time.process_time(), time.perf_counter()
        again = search.search(archive, query)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        if server:
            server_cpus.append(_backend_cpu(archive) - before_server)
        assert again == hits, f"{query!r}: a second search gave other hits"
    median = statistics.median
    return median(walls), median(cpus), median(server_cpus) if server else 0.0, hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address")
    parser.add_argument("archive")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("queries", nargs="*")
    args = parser.parse_intermixed_args()
    from app.services.archive import open_archive

    print(f"load average before: {os.getloadavg()}")
    team = open_archive(args.address, read_only=True)
    local = open_archive(Path(args.archive), read_only=True)
    print("| query | PostgreSQL ms (server CPU, client CPU) | SQLite ms | hits | same hits |")
    print("|---|---|---|---|---|")
    for query in args.queries or QUERIES:
        wall, cpu, server_cpu, hits = _timed(team, query, args.runs, server=True)
        file_wall, _c, _s, file_hits = _timed(local, query, args.runs, server=False)
        same = "yes" if hits == file_hits else "NO"
        print(
            f"| {query} | {wall * 1000:.0f} ({server_cpu * 1000:.0f}, {cpu * 1000:.0f})"
            f" | {file_wall * 1000:.0f} | {len(hits)} | {same} |",
            flush=True,
        )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
