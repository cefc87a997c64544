"""`team sync` of an offline copy with few changes, on a big team archive (issue 14 §4).

    .venv/bin/python bench/team_server.py start FOLDER
    .venv/bin/python bench/team_server.py load FOLDER ARCHIVE     # e.g. a 10,000-client demo
    .venv/bin/python bench/bench_team_sync.py ADDRESS COPY        # ADDRESS as `start` printed

Checks out the whole team archive into COPY (a new file), then times three syncs: with nothing
changed, with a few changes on each side (two client edits in the copy, a visit logged in it,
two client edits on the server), and once more with nothing changed. Prints wall time and this
process's CPU time (user+sys) of each, the rows the server's SELECTs returned, and the load
average (the machine may be shared)."""

from __future__ import annotations

import os
import resource
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from app.domain.enums import ActivityKind  # noqa: E402
from app.domain.records import ActivityDraft  # noqa: E402
from app.services import activities, clients, team_transfer  # noqa: E402
from app.services.archive import open_archive  # noqa: E402

ROWS = {"server": 0}


def _count(conn, cursor, statement, _parameters, _context, _many) -> None:
    if conn.dialect.name == "postgresql" and statement.lstrip().upper().startswith("SELECT"):
        ROWS["server"] += max(cursor.rowcount, 0)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(label: str, fn):
    ROWS["server"] = 0
    wall, cpu = time.perf_counter(), _cpu()
    result = fn()
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU, {ROWS['server']} server rows, load {load}")
    return result


def _edit(archive, client_id: int, **changes) -> None:
    record = clients.get_client(archive, client_id)
    clients.update_client(archive, client_id, replace(record.draft(), **changes))


def main() -> None:
    address, copy_path = sys.argv[1], Path(sys.argv[2])
    event.listen(Engine, "after_cursor_execute", _count)
    checked = _timed("checkout", lambda: team_transfer.checkout(address, copy_path))
    print(f"  {checked.counts.get('clients', 0)} clients, {sum(checked.counts.values())} rows")
    copy = open_archive(copy_path)
    try:
        _timed("sync, nothing changed", lambda: team_transfer.sync(copy))
        run = time.strftime("%H%M%S")  # each run's edits are real edits
        _edit(copy, 101, notes=f"路上改的备注 {run}")
        _edit(copy, 202, region=f"华北 {run}")
        when = datetime(2026, 12, 1, 9)
        activities.create_activity(copy, ActivityDraft(303, ActivityKind.VISIT, when, "拜访"))
        team = open_archive(address)
        _edit(team, 404, notes=f"办公室改的备注 {run}")
        _edit(team, 505, region=f"华东 {run}")
        team.close()
        result = _timed("sync, a few changes", lambda: team_transfer.sync(copy))
        print(
            f"  sent {result.sent}, received {result.received}, {len(result.conflicts)} conflicts"
        )
        _timed("sync, nothing changed again", lambda: team_transfer.sync(copy))
    finally:
        copy.close()


if __name__ == "__main__":
    main()
