"""The team database with a login per role (tests/team_logins.py)."""

from team_logins import team_db  # noqa: F401 - the fixture
