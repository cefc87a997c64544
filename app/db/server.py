"""A team archive on a PostgreSQL server: its address, engine, migrations and failures.

The address is `postgresql://user@host[:port]/dbname` (a socket folder as `?host=/path`). The
password never travels in it: it comes from the keyring or a prompt and is handed to the
driver apart from the address, so it is never on a command line, in a title bar or a log.

Migrations are the archive's own Alembic revisions, run in one transaction under an advisory
lock, so two people opening a new version at the same moment upgrade it once."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.db import models, nul_guard
from app.domain.errors import ArchiveError
from app.domain.locations import is_server_address  # noqa: F401 - part of this module's calls

# pg_advisory_xact_lock's key for "the schema is being upgraded": any fixed 64-bit number
MIGRATION_LOCK = 0x5A1E5C0A
CONNECT_TIMEOUT_SECONDS = 8
# a statement that waits for a row lock longer than this is refused, not left hanging
LOCK_TIMEOUT = "5s"


@dataclass(frozen=True)
class ServerAddress:
    """Where a team archive is, without its password."""

    user: str
    host: str
    port: int | None
    database: str
    socket_folder: str | None = None

    @property
    def display(self) -> str:
        """user@host:port/dbname, as a title bar or a message names it."""
        where = self.socket_folder or self.host or "localhost"
        port = f":{self.port}" if self.port else ""
        return f"{self.user}@{where}{port}/{self.database}"

    def __str__(self) -> str:
        query = f"?host={self.socket_folder}" if self.socket_folder else ""
        port = f":{self.port}" if self.port else ""
        return f"postgresql://{self.user}@{self.host}{port}/{self.database}{query}"

    def url(self, password: str | None = None) -> URL:
        query = {"host": self.socket_folder} if self.socket_folder else {}
        return URL.create(
            "postgresql+psycopg",
            username=self.user or None,
            password=password or None,
            host=self.host or None,
            port=self.port,
            database=self.database,
            query=query,
        )

    def keyring_name(self) -> str:
        return f"{self.user}@{self.socket_folder or self.host}:{self.port or 5432}/{self.database}"


def parse_address(value: str) -> ServerAddress:
    """The address in `value`. ArchiveError 'server_address_invalid' names what is wrong;
    'password_in_address' refuses one that carries a password."""
    value = str(value).strip()
    try:
        parts = urlsplit(value)
        url = make_url(value)
    except (ArgumentError, ValueError) as exc:
        raise ArchiveError("server_address_invalid", address=value, reason=str(exc)) from None
    if parts.password is not None:
        raise ArchiveError("password_in_address", address=_without_password(value))
    if not url.database or "/" in url.database:
        raise ArchiveError("server_address_invalid", address=value, reason="no database name")
    query = dict(parse_qsl(parts.query))
    port = url.port
    if port is None and query.get("port", "").isdigit():
        port = int(query["port"])
    return ServerAddress(
        user=url.username or "",
        host=url.host or "",
        port=port,
        database=url.database,
        socket_folder=query.get("host"),
    )


def _without_password(value: str) -> str:
    parts = urlsplit(value)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"


# Past jit_above_cost PostgreSQL compiles a statement with LLVM before running it: the
# planner's cost of a search lookup counts every match of a common term, and of a 客户经理's
# statement under the row-level policies every row it may read, so short statements spent
# 10 ms to seconds compiling (分析与月报 took a 客户经理 7.8 s to open on 100,000 clients, 0.1 s
# without). An office's statements are short: none gains from it.
JIT = "off"


def make_engine(
    address: ServerAddress, password: str | None, pool_size: int = 4, read_only: bool = False
) -> Engine:
    """The team archive's engine. Each connection refuses to wait on a row lock for long,
    never compiles a statement with LLVM (JIT) and says who it is in pg_stat_activity; a
    read-only one has the server refuse every write."""
    options = f"-c lock_timeout={LOCK_TIMEOUT} -c jit={JIT}"
    if read_only:
        options += " -c default_transaction_read_only=on"
    engine = create_engine(
        address.url(password),
        pool_size=pool_size,
        max_overflow=4,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "application_name": "sales-compass",
            "options": options,
        },
    )
    nul_guard.guard_engine(engine)  # PostgreSQL's text cannot hold U+0000
    models.with_postgresql_predicates()  # the models' partial indexes as on the server
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _revision_in(conn)


def _revision_in(conn) -> str | None:
    if conn.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None:
        return None  # an empty database
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, target: str = "head") -> bool:
    """Brings the team archive to `target` in one transaction; True when it changed anything.
    A database written by a newer version of the app is refused and left as it is. Only the
    archive's owner (or the server's superuser) may upgrade it: anyone else is told who must
    (ArchiveError 'team_upgrade_needs_owner'). When the team's roles were made, an upgrade to
    head makes their grants and policies again in the same transaction, so a table a newer
    revision added is covered at once (app.db.team_roles)."""
    from alembic import command

    from app.db import team_roles
    from app.db.archive_file import alembic_config, head_revision, known_revisions

    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        revision = _revision_in(conn)
        if revision is not None and revision not in known_revisions():
            raise ArchiveError("archive_too_new", path=str(engine.url.database), revision=revision)
        if target == "head" and revision == head_revision():
            return False
        if revision is not None:
            _refuse_unless_owner(conn, target)
        command.upgrade(alembic_config(None, conn), target)
        if target == "head" and team_roles.made(conn):
            team_roles.apply(conn)
    return True


def _owner_and_may(conn) -> tuple[str, bool]:
    """The archive's owner, and whether this login is it (or holds its role, or is superuser)."""
    owner, may = conn.execute(
        text(
            "SELECT pg_get_userbyid(relowner), pg_has_role(current_user, relowner, 'USAGE')"
            " FROM pg_class WHERE oid = 'alembic_version'::regclass"
        )
    ).one()
    return owner, bool(may)


def owns_archive(engine: Engine) -> bool:
    """Whether this login may upgrade the archive and rebuild its search index (a login fenced
    by row-level security would rebuild only the part it sees)."""
    with engine.connect() as conn:
        return _owner_and_may(conn)[1]


def _refuse_unless_owner(conn, target: str) -> None:
    """An ordinary login cannot alter the archive's tables: say who can, before trying."""
    owner, may = _owner_and_may(conn)
    if not may:
        database = conn.execute(text("SELECT current_database()")).scalar()
        raise ArchiveError(
            "team_upgrade_needs_owner", path=database, database=database, owner=owner
        )


# psycopg's SQLSTATEs (PostgreSQL appendix A) and what they mean for the user
_SQLSTATE_MEANINGS = {
    "28P01": "server_login_failed",  # invalid_password
    "28000": "server_login_failed",  # invalid_authorization_specification
    "3D000": "server_database_missing",  # invalid_catalog_name
    "42501": "not_permitted",  # insufficient_privilege (grants, row-level security)
    "55P03": "archive_busy",  # lock_not_available (lock_timeout)
    "40001": "archive_busy",  # serialization_failure
    "40P01": "archive_busy",  # deadlock_detected
    "53100": "disk_full",  # disk_full
    "25006": "archive_opened_read_only",  # read_only_sql_transaction
}


# failures while connecting come without a SQLSTATE; libpq's messages are stable:
# (what the message holds, what else it must hold, what it means)
_CONNECT_MESSAGES = (
    ("password authentication failed", "", "server_login_failed"),
    ("no password supplied", "", "server_login_failed"),
    ("is not permitted to log in", "", "server_login_failed"),  # a disabled user (NOLOGIN)
    ('role "', "exist", "server_login_failed"),
    ("pg_hba.conf", "", "server_login_failed"),
    ('database "', "exist", "server_database_missing"),
)


def _meaning_of_message(message: str) -> str | None:
    lowered = message.lower()
    for fragment, also, code in _CONNECT_MESSAGES:
        if fragment in lowered and also in lowered:
            return code
    return None


def translate_error(exc: BaseException, address: ServerAddress) -> ArchiveError | None:
    """The ArchiveError a server failure means, or None when it is not one of those."""
    if isinstance(exc, StaleDataError):  # a row-level security policy hid the row
        return ArchiveError(
            "not_permitted",
            path=address.display,
            address=address.display,
            reason="row-level security",
        )
    if not isinstance(exc, DBAPIError) or isinstance(exc, IntegrityError):
        return None
    state = getattr(exc.orig, "sqlstate", None)
    code = _SQLSTATE_MEANINGS.get(state or "") or _meaning_of_message(str(exc.orig))
    if code is None and (exc.connection_invalidated or state is None or state.startswith("08")):
        code = "server_unreachable"
    if code is None:
        return None
    reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else state
    return ArchiveError(code, path=address.display, address=address.display, reason=reason)
