"""The everyday read commands as whole `sales-compass` processes (issue 11: any command <= 0.3 s):
`clients` (plain and filtered), `client N` (and its timeline), `overdue`, `activities` (all, one
client's, a text filter), `attachments`, the follow-up (`actions`), `minutes list/show`,
`letters list`, `documents list`, `tender list/show` and `bin list`, on an archive file opened read-only, next to `company`. Prints, per command, the
median/min/max wall time and the median CPU time (user + system) over --runs processes, with the
load average before and after.

    .venv/bin/python bench/bench_reads.py ARCHIVE [--runs 5] [--code DIR]

--code runs another checkout's `app` (an exported older commit, for a before/after table); the
archive is only read. Compile first: `python -m compileall -q app` with PYTHONDONTWRITEBYTECODE
unset (in --code's folder too). bench/run_all.py runs these rows as `--only reads`."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL = "<= 0.3 s"


def commands(client_id: int = 5) -> list[tuple[str, tuple[object, ...]]]:
    """(row name, arguments) of each command timed."""
    return [
        ("`company`", ("company",)),
        ("`clients`", ("clients",)),
        ("`clients --text 华 --tier A`", ("clients", "--text", "华", "--tier", "A")),
        (f"`client {client_id}`", ("client", client_id)),
        (f"`client {client_id} --timeline`", ("client", client_id, "--timeline")),
        ("`overdue`", ("overdue",)),
        ("`activities`", ("activities",)),
        (f"`activities --client {client_id}`", ("activities", "--client", client_id)),
        (f"`attachments client {client_id}`", ("attachments", "client", client_id)),
        ("`activities --text 华`", ("activities", "--text", "华")),
        ("`actions`", ("actions",)),
        ("`minutes list`", ("minutes", "list")),
        ("`minutes show 1`", ("minutes", "show", 1)),
        ("`letters list`", ("letters", "list")),
        ("`documents list`", ("documents", "list")),
        ("`tender list`", ("tender", "list")),
        ("`tender show 1`", ("tender", "show", 1)),
        ("`bin list`", ("bin", "list")),
    ]


def time_process(
    args: Sequence[object], runs: int, code: Path = ROOT
) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of `runs` fresh `python -m app ARGS` processes."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(code)
    wall, cpu = [], []
    for _ in range(runs):
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "app", *map(str, args)], cwd=code, env=env, capture_output=True
        )
        wall.append(time.perf_counter() - start)
        done = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(done.ru_utime + done.ru_stime - used.ru_utime - used.ru_stime)
        if result.returncode != 0:
            raise SystemExit(f"{args}: {result.stderr.decode(errors='replace')}")
    return wall, cpu


def table(
    archive: Path, runs: int, code: Path = ROOT
) -> list[tuple[str, list[float], list[float]]]:
    rows = []
    for name, args in commands():
        wall, cpu = time_process((*args, "--db", archive), runs, code)
        rows.append((name, wall, cpu))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("archive", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose app runs")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows = table(args.archive, args.runs, args.code.resolve())
    print("| command | goal | wall median | min | max | CPU median |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, wall, cpu in rows:
        print(
            f"| {name} | {GOAL} | {statistics.median(wall):.2f} s | {min(wall):.2f} s |"
            f" {max(wall):.2f} s | {statistics.median(cpu):.2f} s |"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
