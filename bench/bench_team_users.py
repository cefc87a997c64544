"""Issue 14 §3: many people on one team archive at once.

    .venv/bin/python bench/bench_team_users.py ADDRESS [--users 20] [--seconds 300] [--think S]

ADDRESS is a team archive (bench/team_server.py loads the 100,000-client archive into one).
Each simulated person is a process with its own connection pool doing the day's mix in a loop:
search, open a client (its card and timeline), log a visit, edit a contact, take a rebate
approval step, print a document. Back to back by default (a stress test: 20 processes that never
pause); with --think S each person pauses S seconds on average between two operations, as a
person reading the screen does. Prints p50/p95/max per operation, the throughput, and the
check that no update was lost or merged: every person appends its own token to the notes of a
small shared set of contacts (so that people collide) through the version check, retrying a
refused save from the newest version; at the end every accepted token must be in the notes
exactly once, and no refused one.

With --as-managers the people are 客户经理, each logged in as their name's login (bm00, bm01, ...,
made once by the archive's owner ADDRESS), so that every statement runs under the row-level
security policies: the people are spread over the NAMES owners with the most clients (four
processes per name by default, on one login, so that they collide: a login's display name is
unique), each opens, visits and searches among their
own clients, edits the contacts of their name's clients and prints a document they may read; a
客户经理 takes no approval step, so approve_step is left out of their mix.

Goal (issue 14): every p95 under 200 ms except printing; 0 lost or merged updates."""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = (
    "华",
    "北京",
    "bj",
    "科技",
    "张伟",
    "深圳",
    "有限公司",
    "hx",
    "王",
    "上海市",
    "sz",
    "医院",
)
SHARED_CONTACTS = 40  # contacts every person edits: collisions are the point
MIX = (
    ("search", 30),
    ("open_client", 25),
    ("log_visit", 15),
    ("edit_contact", 15),
    ("approve_step", 10),
    ("print_document", 5),
)


def _setup(address: str) -> dict:
    """The ids the people work on: clients, the shared contacts, rebates awaiting a step and
    a document to print."""
    from sqlalchemy import text

    from app.services.archive import open_archive

    archive = open_archive(address)
    try:
        with archive.db.read() as session:
            max_client = session.execute(text("SELECT max(id) FROM clients")).scalar()
            contacts = session.execute(
                text("SELECT id FROM contacts ORDER BY id LIMIT :n"), {"n": SHARED_CONTACTS}
            ).scalars()
            contact_ids = list(contacts)
            rebates = session.execute(
                text(
                    "SELECT id FROM rebates WHERE status NOT IN ('approved', 'rejected', 'settled')"
                )
            ).scalars()
            rebate_ids = list(rebates)
            document = session.execute(text("SELECT min(id) FROM documents")).scalar()
        return {
            "run": f"r{int(time.time()) % 100000}",  # this run's tokens only: an earlier run's stay
            "max_client": max_client,
            "contacts": contact_ids,
            "rebates": rebate_ids,
            "document": document,
        }
    finally:
        archive.close()


def _mix(plan: dict) -> tuple:
    """The day's mix; a 客户经理 takes no approval step."""
    if "people" in plan:
        return tuple((name, weight) for name, weight in MIX if name != "approve_step")
    return MIX


def _managers(address: str, users: int, names: int) -> dict[int, dict]:
    """Per person: their own login's address (made once as a 客户经理 of one of the `names`
    owners with the most clients), a sample of their clients, the contacts of their name's
    first clients (shared by everyone of that name) and a document they may read."""
    from urllib.parse import urlsplit, urlunsplit

    from sqlalchemy import text

    from app.services import team_users
    from app.services.archive import open_archive

    owner = open_archive(address)
    try:
        with owner.db.read() as session:
            owners = (
                session.execute(
                    text(
                        "SELECT owner FROM clients WHERE owner <> '' GROUP BY owner"
                        " ORDER BY count(*) DESC, owner LIMIT :n"
                    ),
                    {"n": names},
                )
                .scalars()
                .all()
            )
            logins = {u.name: u.login for u in team_users.list_users(owner)}
            people = {}
            for number in range(users):
                name = owners[number % len(owners)]
                if name not in logins:  # one login per name, shared by its processes
                    logins[name] = f"bm{len(logins):02d}"
                    team_users.add_user(owner, logins[name], name, "客户经理", "bench-password-1")
                login = logins[name]
                mine = (
                    session.execute(
                        text("SELECT id FROM clients WHERE owner = :o ORDER BY id LIMIT 2000"),
                        {"o": name},
                    )
                    .scalars()
                    .all()
                )
                contacts = (
                    session.execute(
                        text(
                            "SELECT k.id FROM contacts k JOIN clients c ON c.id = k.client_id"
                            " WHERE c.owner = :o ORDER BY k.id LIMIT :n"
                        ),
                        {"o": name, "n": SHARED_CONTACTS // len(owners) * 2},
                    )
                    .scalars()
                    .all()
                )
                document = session.execute(
                    text(
                        "SELECT min(d.id) FROM documents d LEFT JOIN clients c"
                        " ON c.id = d.client_id WHERE d.client_id IS NULL OR c.owner = :o"
                    ),
                    {"o": name},
                ).scalar()
                parts = urlsplit(address)
                host = parts.netloc.split("@", 1)[-1]
                people[number] = {
                    "address": urlunsplit(parts._replace(netloc=f"{login}@{host}")),
                    "clients": list(mine),
                    "contacts": list(contacts),
                    "document": document,
                    "name": name,
                }
    finally:
        owner.close()
    return people


class _State:
    """What one person's operations share: their count (in the tokens) and what they saw."""

    def __init__(self) -> None:
        self.count = 0
        self.accepted: list[tuple[int, str]] = []
        self.conflicts = 0


def _operations(archive, number: int, plan: dict, rng: random.Random, state: _State, out: Path):
    """The day's operations of person `number`, by name (as MIX names them)."""
    from app.domain.enums import ActivityKind
    from app.domain.errors import ConflictError
    from app.domain.records import ActivityDraft, ContactDraft
    from app.services import activities, clients, rebates, search
    from app.services.documents import printing

    mine = plan.get("people", {}).get(number, {})  # a 客户经理's own clients and contacts

    def client_id() -> int:
        return rng.choice(mine["clients"]) if mine else rng.randint(1, plan["max_client"])

    def edit_contact() -> None:
        contact_id = rng.choice(mine.get("contacts") or plan["contacts"])
        token = f"[{plan['run']}p{number}-{state.count}]"
        for _attempt in range(20):
            client_id = clients.client_id_of_contact(archive, contact_id)
            record = next(
                c for c in clients.get_client(archive, client_id).contacts if c.id == contact_id
            )
            draft = ContactDraft(
                record.name,
                title=record.title,
                mobile=record.mobile,
                phone=record.phone,
                email=record.email,
                birthday=record.birthday,
                is_decision_maker=record.is_decision_maker,
                notes=(record.notes + token)[-2000:],
            )
            try:
                clients.update_contact(archive, contact_id, draft, expected_version=record.version)
            except ConflictError:
                state.conflicts += 1
                continue
            state.accepted.append((contact_id, token))
            return
        raise RuntimeError("no save in 20 tries")

    def approve_step() -> None:
        if not plan["rebates"]:
            return
        rebate = rebates.get_rebate(archive, rng.choice(plan["rebates"]))
        step = rebate.next_step
        if step is None:
            return
        # on the version looked at, as the window does; another approver deciding it since
        # is told who and when, and nothing is taken
        with contextlib.suppress(ConflictError):
            rebates.approve(archive, rebate.id, step, f"审批人{number}", "", rebate.version)

    return {
        "search": lambda: search.search(archive, rng.choice(plan.get("queries", QUERIES))),
        "open_client": lambda: (
            clients.get_client(archive, cid := client_id()),
            activities.timeline(archive, cid, limit=50),
        ),
        "log_visit": lambda: activities.create_activity(
            archive,
            ActivityDraft(
                client_id=client_id(),
                kind=ActivityKind.VISIT,
                started_at=datetime.now().replace(microsecond=0),
                subject=f"拜访（压力测试 {number}）",
            ),
        ),
        "edit_contact": edit_contact,
        "approve_step": approve_step,
        "print_document": lambda: printing.print_document(
            archive, mine.get("document", plan["document"]), out / f"doc-{state.count}.pdf"
        ),
    }


def _run_one(operations: dict, name: str, failures: dict) -> None:
    from app.domain.errors import AppError

    try:
        operations[name]()
    except AppError as exc:
        if exc.code in ("not_found", "rebate_step_out_of_order", "invalid", "two_steps"):
            pass  # a client id not in use, a step someone took first: the day's reality
        else:
            failures[f"{name}: {exc.code}"] += 1
    except Exception as exc:  # noqa: BLE001 - counted and printed, the bench goes on
        failures[f"{name}: {type(exc).__name__}: {exc}"[:160]] += 1


def _person(
    address: str,
    number: int,
    seconds: float,
    plan: dict,
    results,
    think: float = 0.0,
    ready=None,
) -> None:
    from app.services.archive import open_archive

    rng = random.Random(number)
    archive = open_archive(plan.get("people", {}).get(number, {}).get("address", address))
    timings: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, int] = defaultdict(int)
    state = _State()
    names, weights = zip(*_mix(plan), strict=True)
    out = Path(tempfile.mkdtemp(prefix=f"team-bench-{number}-"))
    operations = _operations(archive, number, plan, rng, state, out)
    if ready is not None:  # each operation once, untimed, as a person's window has loaded its
        for name in names:  # code by the time they work (its edits count in the check)
            _run_one(operations, name, defaultdict(int))
            state.count += 1
        ready.wait()  # then everybody starts at once
    began = time.monotonic()
    end = began + seconds
    while time.monotonic() < end:
        name = rng.choices(names, weights)[0]
        started, started_cpu = time.perf_counter(), time.process_time()
        _run_one(operations, name, failures)
        timings[name].append(time.perf_counter() - started)
        cpu[name].append(time.process_time() - started_cpu)
        state.count += 1
        if think:  # a person reads the screen before the next click
            time.sleep(min(rng.expovariate(1 / think), think * 5, max(0.0, end - time.monotonic())))
    archive.close()
    window = time.monotonic() - began
    results.put((dict(timings), dict(cpu), dict(failures), state.accepted, state.conflicts, window))


def _check_no_lost_updates(
    address: str, accepted: list[tuple[int, str]], run: str
) -> tuple[int, int]:
    """(lost, merged): accepted tokens missing from the notes; tokens in the notes no save
    reported as accepted (a refused save that wrote anyway), or written twice."""
    from sqlalchemy import text

    from app.services.archive import open_archive

    archive = open_archive(address)
    try:
        with archive.db.read() as session:
            notes = dict(
                session.execute(
                    text("SELECT id, notes FROM contacts WHERE id = ANY(:ids)"),
                    {"ids": sorted({c for c, _t in accepted})},
                ).all()
            )
    finally:
        archive.close()
    lost = merged = 0
    by_contact: dict[int, set[str]] = defaultdict(set)
    for contact_id, token in accepted:
        by_contact[contact_id].add(token)
        # the notes keep their last 2,000 characters: an old token may have scrolled out
        kept = notes.get(contact_id, "")
        if kept.count(token) != 1 and len(kept) < 1990:
            lost += 1
    import re

    for contact_id, text_ in notes.items():
        for token in re.findall(rf"\[{run}p\d+-\d+\]", text_ or ""):
            if token not in by_contact[contact_id]:
                merged += 1
    return lost, merged


def _statements(stats: str | None):
    """A connection to the server's pg_stat_statements (None: not to be read), made by a
    superuser so that it sees every login's statements."""
    if stats is None:
        return None
    import psycopg

    conn = psycopg.connect(stats, autocommit=True)
    conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    conn.execute("SELECT pg_stat_statements_reset()")
    return conn


_OWN = "query NOT LIKE '%%pg_stat%%' AND query NOT LIKE 'CREATE EXTENSION%%'"


def _server_time(conn) -> tuple[int, float, list[tuple]]:
    """(statements, server ms, the costliest statements) since the last reset, leaving out
    this bench's own; a statement's time is its planning plus its execution."""
    rows = conn.execute(
        "SELECT calls, total_plan_time + total_exec_time, query FROM pg_stat_statements"
        f" WHERE {_OWN} ORDER BY 2 DESC"
    ).fetchall()
    return sum(r[0] for r in rows), sum(r[1] for r in rows), rows


def _short(query: str) -> str:
    return " ".join(query.split())[:110]


def _profile(address: str, plan: dict, runs: int, stats: str, only: list[str]) -> None:
    """Each operation `runs` times by one person alone: what the server and the client need
    per operation, without other people's work in the way."""
    from app.services.archive import open_archive

    conn = _statements(stats)
    archive = open_archive(address)
    state = _State()
    operations = _operations(
        archive, 0, plan, random.Random(7), state, Path(tempfile.mkdtemp(prefix="team-prof-"))
    )
    failures: dict[str, int] = defaultdict(int)
    print(
        f"{'operation':<16}{'runs':>5}{'p50 ms':>8}{'p95 ms':>8}{'cpu ms':>8}"
        f"{'stmts':>7}{'server ms':>10}"
    )
    details = []
    for name, _weight in MIX:
        if only and name not in only:
            continue
        _run_one(operations, name, failures)  # warm: the first one pays imports and caches
        conn.execute("SELECT pg_stat_statements_reset()")
        walls, cpus = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            _run_one(operations, name, failures)
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - started_cpu)
            state.count += 1
        calls, server, rows = _server_time(conn)
        walls.sort()
        print(
            f"{name:<16}{runs:>5}{statistics.median(walls) * 1000:>8.1f}"
            f"{walls[min(runs - 1, int(runs * 0.95))] * 1000:>8.1f}"
            f"{statistics.median(cpus) * 1000:>8.1f}{calls / runs:>7.1f}{server / runs:>10.1f}"
        )
        details.append((name, rows))
    archive.close()
    for name, rows in details:
        print(f"\n{name}: statements per operation, server ms per operation (plan + run)")
        for calls, ms, query in rows[:8]:
            print(f"  {calls / runs:5.1f} calls {ms / runs:7.2f} ms  {_short(query)}")
    for name, n in sorted(failures.items()):
        print(f"failed: {name} × {n}")


def _sample_waits(stats: str, stop, found) -> None:
    """What the server's sessions of the app are doing, five times a second: on the CPU (no
    wait), waiting for a lock, for I/O, or for the client's next statement."""
    import psycopg

    with psycopg.connect(stats, autocommit=True) as conn:
        while not stop.is_set():
            for state, kind, event in conn.execute(
                "SELECT state, wait_event_type, wait_event FROM pg_stat_activity"
                " WHERE application_name = 'sales-compass' AND pid <> pg_backend_pid()"
            ).fetchall():
                if state == "active":
                    found[f"{kind}:{event}" if kind else "running"] += 1
            stop.wait(0.2)


def main() -> None:
    import threading

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a person looks at the screen between two operations (exponential,"
        " capped at 5x); 0 (default): back to back, a stress test",
    )
    parser.add_argument(
        "--stats",
        help="a superuser's address of the same database: read pg_stat_statements (the server"
        " must preload it) and sample the sessions' waits",
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        help="instead: one person runs each operation N times alone; per operation the"
        " client's CPU, the statements sent and the server's time (needs --stats)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="no warm-up: each person's first operation of each kind is timed with its imports",
    )
    parser.add_argument("--only", default="", help="with --profile: these operations (a,b)")
    parser.add_argument("--queries", default="", help="the search terms (a,b): default QUERIES")
    parser.add_argument(
        "--as-managers",
        type=int,
        nargs="?",
        const=5,
        metavar="NAMES",
        help="every person a 客户经理 under the row-level security policies, logged in as their"
        " own login, spread over the NAMES owners with the most clients (default 5)",
    )
    args = parser.parse_args()
    plan = _setup(args.address)
    if args.as_managers:
        plan["people"] = _managers(args.address, args.users, args.as_managers)
        print("as 客户经理:", sorted({p["name"] for p in plan["people"].values()}))
    if args.queries:
        plan["queries"] = tuple(args.queries.split(","))
    if args.profile:
        if not args.stats:
            parser.error("--profile needs --stats")
        _profile(
            args.address, plan, args.profile, args.stats, [o for o in args.only.split(",") if o]
        )
        return
    statements = _statements(args.stats)
    waits: dict[str, int] = defaultdict(int)
    stop = threading.Event()
    if args.stats:
        threading.Thread(target=_sample_waits, args=(args.stats, stop, waits), daemon=True).start()
    load_before = os.getloadavg()
    results: mp.Queue = mp.Queue()
    ready = None if args.cold else mp.Barrier(args.users)
    people = [
        mp.Process(
            target=_person,
            args=(args.address, n, args.seconds, plan, results, args.think, ready),
        )
        for n in range(args.users)
    ]
    started = time.perf_counter()
    for person in people:
        person.start()
    gathered = [results.get() for _ in people]
    for person in people:
        person.join()
    elapsed = time.perf_counter() - started
    stop.set()
    load_after = os.getloadavg()
    timings: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, int] = defaultdict(int)
    accepted: list[tuple[int, str]] = []
    conflicts = 0
    elapsed = max(g[5] for g in gathered)  # the timed part (after the warm-up)
    for t, c_, f, a, c, _window in gathered:
        for name, values in t.items():
            timings[name].extend(values)
        for name, values in c_.items():
            cpu[name].extend(values)
        for name, n in f.items():
            failures[name] += n
        accepted.extend(a)
        conflicts += c
    total = sum(len(v) for v in timings.values())
    pace = f"thinking {args.think:g} s on average" if args.think else "back to back"
    print(
        f"{args.users} people ({pace}), {elapsed:.0f} s, {total} operations,"
        f" {total / elapsed:.1f}/s; load average {load_before[0]:.1f} before,"
        f" {load_after[0]:.1f} after"
    )
    print(
        f"{'operation':<16}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{'cpu p50':>9}{'cpu p95':>9}  goal"
    )
    for name, _weight in _mix(plan):
        values = sorted(timings.get(name, []))
        if not values:
            continue
        spent = sorted(cpu[name])
        p50 = statistics.median(values) * 1000
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))] * 1000
        cpu50 = statistics.median(spent) * 1000
        cpu95 = spent[min(len(spent) - 1, int(len(spent) * 0.95))] * 1000
        goal = "" if name == "print_document" else ("ok" if p95 < 200 else "p95 ≥ 200 ms")
        print(
            f"{name:<16}{len(values):>8}{p50:>9.0f}{p95:>9.0f}{values[-1] * 1000:>9.0f}"
            f"{cpu50:>9.0f}{cpu95:>9.0f}  {goal}"
        )
    lost, merged = _check_no_lost_updates(args.address, accepted, plan["run"])
    print(f"contact edits accepted {len(accepted)}, refused as stale and retried {conflicts}")
    print(f"lost updates {lost}, merged updates {merged}")
    for name, n in sorted(failures.items()):
        print(f"failed: {name} × {n}")
    if statements is not None:
        calls, server, rows = _server_time(statements)
        print(f"\nserver: {calls} statements, {server / 1000:.1f} s (plan + run); costliest:")
        for n, ms, query in rows[:10]:
            print(f"  {n:7d} × {ms / n:7.2f} ms  {_short(query)}")
        seen = sum(waits.values()) or 1
        print(
            "the app's server sessions when active (samples): "
            + ", ".join(
                f"{k} {v * 100 / seen:.0f}%"
                for k, v in sorted(waits.items(), key=lambda kv: -kv[1])
            )
        )


if __name__ == "__main__":
    main()
