"""Kill-soak: SIGKILL the command line at random moments and at targeted SQL statements while it
creates, upgrades, imports, builds the demo, edits, backs up and restores, then count what was
lost. The answer must be 0 unopenable archives and 0 lost rows.

Run: .venv/bin/python bench/kill_soak.py [--kills 1000] [--seed 7] [--phases import,demo,...]

Each kill runs the real entry point (`python -m app ...`) in a new process, on its own copy of the
archive, and kills it either after a random delay within the time the operation takes when left
alone, or just before its Nth SQL statement (the process kills itself through a SQLAlchemy event
hook, and a wrapper of os.replace: every statement and every rename is reachable, however fast). Afterwards the archive must open,
pass SQLite's integrity check and the attachment check, and hold every row it held before plus
either none or all of what the operation adds (for edits: every edit that reported success)."""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.db import archive_file  # noqa: E402
from app.domain.records import ClientDraft  # noqa: E402
from app.services import archive as archive_service  # noqa: E402
from app.services import attachments, clients  # noqa: E402
from app.services.archive import open_archive  # noqa: E402

# Runs `sales-compass ARGS`, SIGKILLing itself just before step number KILL_AT (0: never), where a
# step is an SQL statement or a file renamed into place.
_RUNNER = """
import os, signal, sys
kill_at = int(sys.argv[1])
if kill_at:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    seen = 0
    def _step():
        global seen
        seen += 1
        if seen == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
    @event.listens_for(Engine, "before_cursor_execute")
    def _die(*_a, **_k):
        _step()
    _replace = os.replace
    def _replace_then_maybe_die(*args, **kwargs):
        _step()
        return _replace(*args, **kwargs)
    os.replace = _replace_then_maybe_die
from app.main import main
sys.exit(main(sys.argv[2:]))
"""

# Edits one client after another, printing each id once its save has returned.
_EDITOR = """
import sys
from app.domain.records import ClientDraft
from app.services import clients
from app.services.archive import open_archive
archive = open_archive(sys.argv[1])
for n in range(int(sys.argv[2])):
    created = clients.create_client(archive, ClientDraft(f"压力测试客户{n:05d}有限公司"))
    print(created.id, flush=True)
archive.close()
"""


@dataclass
class Outcome:
    kills: int = 0
    finished: int = 0  # the process ended before it was killed
    unopenable: int = 0
    lost_rows: int = 0
    half_done: int = 0
    notes: list[str] = field(default_factory=list)


def _python(*args: str, stdout=subprocess.DEVNULL) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, stdout=stdout, stderr=subprocess.DEVNULL, text=True
    )


def _run_and_kill(args: list[str], delay: float | None, kill_at: int) -> int | None:
    """Runs the command; kills it after `delay` seconds (None: let it run). Returns its exit code,
    or None when it was killed."""
    process = _python("-c", _RUNNER, str(kill_at), *args)
    if delay is None:
        return process.wait()
    try:
        return process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return None


def _client_names(path: Path) -> set[str]:
    if not path.exists():
        return set()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM clients")}
    finally:
        conn.close()


_last_problem: list[str] = []


def _opens_whole(path: Path) -> str | None:
    """None when the archive opens and passes every check; otherwise what went wrong (also kept
    for the report in _last_problem)."""
    try:
        archive = open_archive(path)
        archive.close()
        problems = archive_service.check_path(path)
        problem = "; ".join(problems[:2]) if problems else None
    except Exception as exc:  # noqa: BLE001 - counted, not raised
        problem = f"{type(exc).__name__}: {exc}"
    if problem:
        _last_problem[:] = [problem]
    return problem


@dataclass
class Phase:
    name: str
    prepare: Callable[[Path], dict]  # makes the scenario in a folder, returns its facts
    command: Callable[[dict], list[str]]
    verify: Callable[[dict, int | None], tuple[bool, int, bool]]  # (opens, lost, half-done)
    duration: float = 0.0
    statements: int = 0


def build_phases(work: Path, rows: int) -> list[Phase]:
    base = work / "base.sqlite3"
    archive = open_archive(base)
    try:
        for n in range(40):
            client = clients.create_client(archive, ClientDraft(f"基准客户{n:03d}有限公司"))
            if n < 5:
                scan = work / f"scan{n}.pdf"
                scan.write_bytes(f"%PDF-1.4 scan {n}".encode() * 500)
                attachments.add(archive, "client", client.id, scan, f"营业执照{n}.pdf")
    finally:
        archive.close()
    base_names = _client_names(base)
    first_rev = work / "first.sqlite3"
    from migration_samples import archive_at_first_revision

    archive_at_first_revision(first_rev)
    spreadsheet = work / "clients.xlsx"
    _write_import_file(spreadsheet, rows)
    backup = work / "backup" / "b.sqlite3"
    archive = open_archive(base)
    try:
        archive_service.backup(archive, backup)
    finally:
        archive.close()
    archive = open_archive(backup)
    try:
        clients.create_client(archive, ClientDraft("只在备份里的客户有限公司"))
    finally:
        archive.close()
    backup_names = _client_names(backup)

    def copy_base(folder: Path) -> Path:
        path = folder / "a.sqlite3"
        archive_file.copy_database(base, path)
        shutil.copytree(base.with_suffix(".files"), path.with_suffix(".files"))
        return path

    def whole_with(path: Path, allowed: list[set[str]]) -> tuple[bool, int, bool]:
        problem = _opens_whole(path)
        names = _client_names(path)
        if problem:
            return False, 0, False
        lost = len(base_names - names) if allowed[0] >= base_names else 0
        return True, lost, names not in allowed

    phases = [
        Phase(
            "creation",
            lambda f: {"path": f / "new.sqlite3"},
            lambda s: ["clients", "--db", str(s["path"])],
            lambda s, _code: (
                (not s["path"].exists() or _opens_whole(s["path"]) is None),
                0,
                False,
            ),
        ),
        Phase(
            "upgrade",
            lambda f: {"path": _copy(first_rev, f / "old.sqlite3")},
            lambda s: ["clients", "--db", str(s["path"])],
            lambda s, _code: (
                _opens_whole(s["path"]) is None,
                0 if "深圳华达电子有限公司" in _client_names(s["path"]) else 1,
                archive_file.current_revision(s["path"])
                not in {"0001", archive_file.head_revision()},
            ),
        ),
        Phase(
            "import",
            lambda f: {"path": copy_base(f)},
            lambda s: ["import", "clients", str(spreadsheet), "--db", str(s["path"])],
            lambda s, _code: _import_verdict(s["path"], base_names, rows),
        ),
        Phase(
            "demo",
            lambda f: {"path": f / "demo.sqlite3"},
            lambda s: ["demo", "--clients", "30", "--db", str(s["path"])],
            lambda s, _code: (
                (not s["path"].exists() or _opens_whole(s["path"]) is None),
                0,
                s["path"].exists() and len(_client_names(s["path"])) < 30,
            ),
        ),
        Phase(
            "backup",
            lambda f: {"path": copy_base(f), "dest": f / "out" / "copy.sqlite3"},
            lambda s: ["backup", str(s["dest"]), "--db", str(s["path"])],
            lambda s, _code: _backup_verdict(s, base_names),
        ),
        Phase(
            "restore",
            lambda f: {"path": copy_base(f)},
            lambda s: ["restore", str(backup), "--yes", "--db", str(s["path"])],
            lambda s, _code: whole_with(s["path"], [base_names, backup_names]),
        ),
    ]
    return phases


def _copy(source: Path, dest: Path) -> Path:
    archive_file.copy_database(source, dest)
    return dest


def _import_verdict(path: Path, before: set[str], rows: int) -> tuple[bool, int, bool]:
    if _opens_whole(path) is not None:
        return False, 0, False
    names = _client_names(path)
    return True, len(before - names), len(names) not in (len(before), len(before) + rows)


def _backup_verdict(scenario: dict, before: set[str]) -> tuple[bool, int, bool]:
    source_ok = _opens_whole(scenario["path"]) is None
    lost = len(before - _client_names(scenario["path"]))
    dest = scenario["dest"]
    if not dest.exists():
        return source_ok, lost, False
    try:
        dest_problem = archive_service.check_path(dest)
    except Exception as exc:  # noqa: BLE001 - a backup that looks complete but is not: counted
        dest_problem = [str(exc)]
    return source_ok, lost, bool(dest_problem) or _client_names(dest) != before


def _write_import_file(path: Path, rows: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_import import client_rows, write_rows

    write_rows(path, client_rows(rows, prefix="soak"))


def _measure(phase: Phase, work: Path) -> None:
    """One uninterrupted run: how long it takes and how many statements it executes."""
    folder = Path(tempfile.mkdtemp(dir=work))
    scenario = phase.prepare(folder)
    started = time.perf_counter()
    code = _run_and_kill(phase.command(scenario), None, 0)
    phase.duration = time.perf_counter() - started
    counter = _python(
        "-c",
        _COUNTER,
        *phase.command(phase.prepare(Path(tempfile.mkdtemp(dir=work)))),
        stdout=subprocess.PIPE,
    )
    out, _ = counter.communicate()
    phase.statements = int(out.strip().splitlines()[-1]) if out.strip() else 0
    if code not in (0,):
        print(f"  note: {phase.name} ended with {code} when left alone")


_COUNTER = """
import sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
seen = 0
@event.listens_for(Engine, "before_cursor_execute")
def _count(*_a, **_k):
    global seen
    seen += 1
import os
_replace = os.replace
def _counted_replace(*args, **kwargs):
    global seen
    seen += 1
    return _replace(*args, **kwargs)
os.replace = _counted_replace
from app.main import main
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
print(seen)
"""


def soak_edits(work: Path, kills: int, rng: random.Random, outcome: Outcome) -> None:
    for _ in range(kills):
        folder = Path(tempfile.mkdtemp(dir=work))
        path = folder / "edit.sqlite3"
        open_archive(path).close()
        editor = _python("-c", _EDITOR, str(path), "400", stdout=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 2.5))
        editor.send_signal(signal.SIGKILL)
        out, _ = editor.communicate()
        saved = {int(line) for line in out.split()}
        outcome.kills += 1
        problem = _opens_whole(path)
        if problem is not None:
            outcome.unopenable += 1
            outcome.notes.append(f"edit: {problem}: {folder}")
            continue
        conn = sqlite3.connect(path)
        present = {r[0] for r in conn.execute("SELECT id FROM clients")}
        conn.close()
        outcome.lost_rows += len(saved - present)
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rows", type=int, default=2000, help="rows in the import file")
    parser.add_argument("--phases", default="creation,upgrade,import,demo,edit,backup,restore")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    rng = random.Random(args.seed)
    wanted = args.phases.split(",")
    work = Path(tempfile.mkdtemp(prefix="kill-soak-"))
    phases = [p for p in build_phases(work, args.rows) if p.name in wanted]
    per_phase = max(1, args.kills // len(wanted))
    results: dict[str, Outcome] = {}
    started = time.perf_counter()
    for phase in phases:
        _measure(phase, work)
        outcome = results.setdefault(phase.name, Outcome())
        print(
            f"{phase.name}: {phase.duration:.2f} s and {phase.statements} statements when left"
            f" alone; {per_phase} kills",
            flush=True,
        )
        for n in range(per_phase):
            folder = Path(tempfile.mkdtemp(dir=work))
            scenario = phase.prepare(folder)
            targeted = n % 2 == 1 and phase.statements > 0
            kill_at = rng.randint(1, phase.statements) if targeted else 0
            delay = None if targeted else rng.uniform(0.0, phase.duration * 1.1)
            code = _run_and_kill(phase.command(scenario), delay, kill_at)
            if code is not None and code >= 0:
                outcome.finished += 1
            else:
                outcome.kills += 1
            opens, lost, half = phase.verify(scenario, code)
            outcome.unopenable += 0 if opens else 1
            outcome.lost_rows += lost
            outcome.half_done += 1 if half else 0
            if not opens or lost or half:
                why = _last_problem[0] if not opens and _last_problem else ""
                outcome.notes.append(
                    f"{phase.name} #{n} kill_at={kill_at} delay={delay}: {why} {folder}"
                )
            else:
                shutil.rmtree(folder, ignore_errors=True)
    if "edit" in wanted:
        print(f"edit: {per_phase} kills while saving clients one by one", flush=True)
        soak_edits(work, per_phase, rng, results.setdefault("edit", Outcome()))
    total = Counter()
    print(
        f"\n{'phase':<10}{'kills':>7}{'ran out':>9}{'unopenable':>12}{'lost rows':>11}{'half-done':>11}"
    )
    for name, o in results.items():
        print(
            f"{name:<10}{o.kills:>7}{o.finished:>9}{o.unopenable:>12}{o.lost_rows:>11}{o.half_done:>11}"
        )
        total.update(
            kills=o.kills,
            finished=o.finished,
            unopenable=o.unopenable,
            lost=o.lost_rows,
            half=o.half_done,
        )
        for note in o.notes[:5]:
            print("   ", note)
    print(
        f"{'total':<10}{total['kills']:>7}{total['finished']:>9}{total['unopenable']:>12}"
        f"{total['lost']:>11}{total['half']:>11}   ({time.perf_counter() - started:.0f} s)"
    )
    return 0 if not (total["unopenable"] or total["lost"] or total["half"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
