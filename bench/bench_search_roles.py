"""Issue 14 §2: global search on a team archive as a 客户经理 and as an assistant, under the
row-level security policies (compass_search).

    .venv/bin/python bench/bench_search_roles.py SOCKET_DIR MANAGER_NAME [--runs 3] [QUERY ...]

SOCKET_DIR is the folder of a cluster from bench/team_server.py (database `compass`, owner
`compass_test`, trust login), loaded and made a team archive (`sales-compass team init`).
Adds, once, the logins `bmgr` (客户经理 MANAGER_NAME: a name in clients.owner) and `basst` (助理).
Per person and query: the median and worst wall time of `runs` searches after one warm-up, and
the server backend's median CPU time (user+sys from /proc: the server must run on this machine).
Prints the load average before and after."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = ("华", "张伟", "有限公司", "拜访", "HT-2026")
PEOPLE = (("bmgr", "客户经理"), ("basst", "助理"))


def _address(socket: str, login: str = "compass_test") -> str:
    return f"postgresql://{login}@/compass?host={socket}"


def _add_people(socket: str, manager: str) -> None:
    from app.services import team_users
    from app.services.archive import open_archive

    owner = open_archive(_address(socket))
    try:
        known = {u.login for u in team_users.list_users(owner)}
        for (login, role), name in zip(PEOPLE, (manager, "助理甲"), strict=True):
            if login not in known:
                team_users.add_user(owner, login, name, role, "bench-password-1")
    finally:
        owner.close()


def _server_cpu(archive) -> float:
    from sqlalchemy import text

    with archive.db.read() as session:
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _person(socket: str, login: str, queries: list[str], runs: int) -> None:
    from app.services import search
    from app.services.archive import open_archive

    archive = open_archive(_address(socket, login))
    try:
        search.search(archive, "北京")  # the connection, the statistics
        for query in queries:
            walls, cpus = [], []
            for _ in range(runs):
                cpu, started = _server_cpu(archive), time.perf_counter()
                hits = search.search(archive, query)
                walls.append(time.perf_counter() - started)
                cpus.append(_server_cpu(archive) - cpu)
            print(
                f"{login:6} {query:10} hits {len(hits):4}  wall median"
                f" {statistics.median(walls) * 1000:7.0f} ms, worst {max(walls) * 1000:7.0f} ms;"
                f" server CPU median {statistics.median(cpus) * 1000:6.0f} ms",
                flush=True,
            )
    finally:
        archive.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("socket")
    parser.add_argument("manager")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="these logins (bmgr,basst)")
    parser.add_argument("queries", nargs="*")
    args = parser.parse_intermixed_args()
    _add_people(args.socket, args.manager)
    print("load average", os.getloadavg())
    for login, _role in PEOPLE:
        if not args.only or login in args.only.split(","):
            _person(args.socket, login, args.queries or list(QUERIES), args.runs)
    print("load average", os.getloadavg())


if __name__ == "__main__":
    main()
