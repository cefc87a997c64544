"""A team database with the app's roles (team init) and one login per role, for the tests that
connect as each person (issue 14 §2). Logins are server-wide: their names carry the database's
name, and they are dropped with it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from clock import FIXED_NOW

from app.services import team, team_users
from app.services.archive import open_archive

PEOPLE = {
    "zhao": ("赵敏", "助理"),
    "wang": ("王芳", "客户经理"),
    "li": ("李强", "客户经理"),
    "chen": ("陈大客", "大客户部经理"),
    "sun": ("孙营销", "市场营销中心"),
    "zhou": ("周总", "总经理"),
    "boss": ("管理员甲", "管理员"),
}


# the clients shared between 王芳, 李强 and nobody
SHARED_OWNERS = "CASE id % 3 WHEN 0 THEN '王芳' WHEN 1 THEN '李强' ELSE '' END"


@dataclass
class Team:
    cluster: object
    database: str

    def login(self, short: str) -> str:
        return f"{self.database}_{short}"

    def address(self, short: str | None = None) -> str:
        if short is None:
            return self.cluster.address(self.database)
        return self.cluster.address(self.database, user=self.login(short))

    def open(self, short: str | None = None):
        return open_archive(self.address(short), clock=lambda: FIXED_NOW)

    def superuser(self):
        """A connection to the database as the cluster's superuser (autocommit), for what no
        login may do: set a test's scene behind the policies, read what the server installed."""
        import psycopg
        from pg_server import SUPERUSER

        return psycopg.connect(
            dbname=self.database, user=SUPERUSER, host=self.cluster.socket, autocommit=True
        )

    def fill(self, activities: int = 120, owners: str = SHARED_OWNERS) -> None:
        """The demo's records of every kind (24 clients), the clients' owners set by `owners`
        (an SQL expression over the client's row)."""
        from app.demo.build import fill_team_archive

        owner = self.open()
        try:
            fill_team_archive(owner, clients=24, activities=activities)
        finally:
            owner.close()
        with self.superuser() as conn:
            conn.execute(f"UPDATE clients SET owner = {owners}")

    def sql_as(self, short: str, statement: str, params: dict | None = None):
        """Runs `statement` on the person's own connection, as psql would (autocommit)."""
        import psycopg

        with psycopg.connect(
            dbname=self.database, user=self.login(short), host=self.cluster.socket, autocommit=True
        ) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchall() if cursor.description else cursor.rowcount


@pytest.fixture
def team_db(pg_cluster, pg_template):
    name = pg_cluster.new_database(template=pg_template)
    the_team = Team(pg_cluster, name)
    team.init(the_team.address(), None)
    admin = the_team.open()
    try:
        for short, (display, role) in PEOPLE.items():
            team_users.add_user(admin, the_team.login(short), display, role, "secret-pw")
    finally:
        admin.close()
    yield the_team
    pg_cluster.drop_database(name)
    for short in PEOPLE:
        pg_cluster.sql(f'DROP ROLE IF EXISTS "{the_team.login(short)}"')
    for role in (
        "assistant",
        "account_manager",
        "dept_manager",
        "marketing",
        "general_manager",
        "admin",
        "extra",
    ):
        pg_cluster.sql(f'DROP ROLE IF EXISTS "{name}_{role}"')
