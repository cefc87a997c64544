"""A throwaway PostgreSQL server for the tests (a pytest plugin, loaded by conftest.py).

Each test process starts its own cluster in a temporary folder (initdb, then pg_ctl on a Unix
socket only, no TCP port), migrates one template database to head, and gives each test that
asks for `team_archive` a fresh database copied from the template (CREATE DATABASE ... TEMPLATE,
milliseconds). The cluster is stopped when the session ends. The server programs are installed
by scripts/ensure_postgresql.sh, which the README's test command runs; when they are missing the
tests that need them fail with that message (they never skip silently)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from clock import FIXED_NOW

SUPERUSER = "compass_test"


def server_programs() -> Path | None:
    """The folder holding initdb and pg_ctl, newest version first."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _version(folder: str) -> float:
    try:
        return float(Path(folder).parent.name)
    except ValueError:
        return 0.0


def _as_server_user(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: as root, run them as the `postgres` user."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass
class Cluster:
    folder: Path
    programs: Path

    @property
    def socket(self) -> str:
        return str(self.folder)

    def address(self, database: str, user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{database}?host={self.socket}"

    def start(self, durable: bool = False) -> None:
        """Tests run without fsync (a crashed test cluster is thrown away); a benchmark's
        cluster (`durable`) writes as a department's server does."""
        data = self.folder / "data"
        subprocess.run(
            _as_server_user(
                [
                    str(self.programs / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    SUPERUSER,
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
        )
        options = f"-k {self.socket} -c listen_addresses='' -c max_connections=60"
        if durable:
            options += " -c shared_buffers=256MB -c work_mem=16MB"
        else:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            options += " -c shared_buffers=32MB"
        subprocess.run(
            _as_server_user(
                [
                    str(self.programs / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(self.folder / "server.log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        subprocess.run(
            _as_server_user(
                [
                    str(self.programs / "pg_ctl"),
                    "-D",
                    str(self.folder / "data"),
                    "-m",
                    "immediate",
                    "stop",
                ]
            ),
            capture_output=True,
        )
        shutil.rmtree(self.folder, ignore_errors=True)

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(
            dbname=database, user=SUPERUSER, host=self.socket, autocommit=True
        ) as conn:
            conn.execute(statement)

    def new_database(self, template: str | None = None) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        copy = ""
        if template:
            copy = f" TEMPLATE {template}"
            # PostgreSQL 15's default (WAL_LOG) writes the whole template through the WAL: about
            # 1.4 s per database on a busy 2-core machine; copying its files takes ~0.1 s
            if _version(str(self.programs)) >= 15:
                copy += " STRATEGY FILE_COPY"
        self.sql(f"CREATE DATABASE {name}{copy}")
        return name

    def drop_database(self, name: str) -> None:
        self.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _start_cluster() -> Cluster:
    programs = server_programs()
    if programs is None:
        pytest.fail(
            "PostgreSQL's server programs are not installed: run scripts/ensure_postgresql.sh"
            " (the README's test command does)",
            pytrace=False,
        )
    folder = Path(tempfile.mkdtemp(prefix="compass-pg-"))
    folder.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    cluster = Cluster(folder, programs)
    cluster.start()
    return cluster


@pytest.fixture(scope="session")
def pg_cluster():
    cluster = _start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster) -> str:
    """A database at head, copied for each test."""
    from app.services.archive import open_archive

    name = pg_cluster.new_database()
    open_archive(pg_cluster.address(name)).close()
    return name


@pytest.fixture
def team_address(pg_cluster, pg_template):
    """The address of a fresh team archive at head (dropped after the test)."""
    name = pg_cluster.new_database(template=pg_template)
    yield pg_cluster.address(name)
    pg_cluster.drop_database(name)


@pytest.fixture
def team_archive(team_address):
    """A fresh team archive at head, open on the fixed clock."""
    from app.services.archive import open_archive

    opened = open_archive(team_address, clock=lambda: FIXED_NOW)
    yield opened
    opened.close()
