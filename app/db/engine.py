"""Engine and sessions for one archive file: WAL, foreign keys on, a short busy timeout.

SQLite's own failures (locked, disk full, read-only, damaged) leave a session as ArchiveError
with a code a front end can put into words; the unit of work is rolled back, nothing half-saved."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import QueuePool

from app.db import cipher, nul_guard
from app.db.file_reader import (
    BUSY_TIMEOUT_MS,
    CACHE_SIZE,
    meaning_of,
    prepare_read_only,
    read_only_connector,
)
from app.domain.errors import AppError, ArchiveError


def _on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(CACHE_SIZE)
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _on_connect_read_only(dbapi_connection, _record) -> None:
    prepare_read_only(dbapi_connection)


def _driver(key: cipher.ArchiveKey | None) -> dict:
    """SQLCipher's DB-API module for an encrypted archive, so that SQLAlchemy wraps its errors
    (they are not sqlite3's) and they are put into words like any other."""
    return {} if key is None else {"module": cipher.driver()}


def make_engine(path: Path, read_only: bool = False) -> Engine:
    """The archive's engine. An encrypted archive must have been unlocked (app.db.cipher):
    its connections are keyed as they are made."""
    key = cipher.key_for(path)
    if read_only:
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=read_only_connector(path, key),
            poolclass=QueuePool,
            pool_size=4,
            max_overflow=4,
            **_driver(key),
        )
        event.listen(engine, "connect", _on_connect_read_only)
        nul_guard.guard_engine(engine)  # a filter typed with a NUL reads as on a server
        return engine
    if key is None:
        engine = create_engine(
            f"sqlite+pysqlite:///{path}",
            connect_args={"check_same_thread": False},
            pool_size=4,
            max_overflow=4,
        )
    else:
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: cipher.connect(path, key=key, check_same_thread=False),
            poolclass=QueuePool,
            pool_size=4,
            max_overflow=4,
            **_driver(key),
        )
    event.listen(engine, "connect", _on_connect)
    nul_guard.guard_engine(engine)  # Core statements too, as a team archive's: the same text
    return engine


def translate_error(exc: BaseException, path: Path, read_only: bool = False) -> ArchiveError | None:
    """The ArchiveError a SQLite failure means, or None when it is not one of those."""
    if not isinstance(exc, DBAPIError) or isinstance(exc, IntegrityError):
        return None
    return meaning_of(str(exc.orig), path, read_only)


def _note_versions(session: Session, _context, _instances) -> None:
    """Before a flush: the versioned records about to be updated or deleted and the version each
    was read with (what _moved compares after an UPDATE that matched no row)."""
    from sqlalchemy import inspect

    noted = session.info.setdefault("versioned", [])
    for obj in (*session.dirty, *session.deleted):
        state = inspect(obj)
        column = state.mapper.version_id_col
        if column is None:
            continue
        history = state.attrs[state.mapper.get_property_by_column(column).key].history
        loaded = history.deleted[0] if history.deleted else getattr(obj, column.key)
        keys = state.mapper.primary_key_from_instance(obj)
        noted.append((state.mapper.local_table, column, tuple(keys), loaded))


def _moved(session: Session, noted: list) -> list:
    """After an UPDATE that matched no row, rolled back: the records it changed whose version
    is no longer the one they were read with, newest flush first (none: every one is as read,
    or gone)."""
    from sqlalchemy import select

    from app.db.record_conflicts import Moved

    found = []
    for table, column, keys, loaded in reversed(noted):
        where = [c == v for c, v in zip(table.primary_key.columns, keys, strict=True)]
        now = session.execute(select(table.c[column.key]).where(*where)).scalar()
        if now is not None and now != loaded:
            found.append(Moved(table.name, keys[0], loaded, now))
    return found


class Database:
    """An open archive's engine plus a session factory. One session per unit of work.

    `path` is the archive file; a team archive on a server is given as its `server` address
    and the engine made for it (app.db.server), and its failures are put into words likewise."""

    def __init__(self, path: Path | None, read_only: bool = False, *, server=None, engine=None):
        self.path = Path(path) if path is not None else None
        self.server = server
        self.read_only = read_only
        self.engine = engine if engine is not None else make_engine(self.path, read_only)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        nul_guard.guard_sessions(self._sessions)  # both back ends store the same text
        if not read_only:
            event.listen(self._sessions, "before_flush", _note_versions)

    def _meaning(self, exc: BaseException) -> ArchiveError | None:
        if self.server is not None:
            from app.db.server import translate_error as server_meaning

            return server_meaning(exc, self.server)
        return translate_error(exc, self.path, self.read_only)

    def _refusal(self, exc: StaleDataError, noted: list) -> AppError:
        """An UPDATE matched no row: someone else saved the record first (named, from the change
        history); on a server whose rows are all still as they were read, a row-level security
        policy kept it (not permitted)."""
        from app.db.record_conflicts import refusal

        with self.read() as session:  # as the same login
            moved = _moved(session, noted)
            if not moved and self.server is not None and noted:
                return self._meaning(exc)
            return refusal(session, moved)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed if the block ends normally, rolled back otherwise."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except StaleDataError as exc:  # another writer saved a versioned row first (issue 14)
            noted = session.info.get("versioned", [])
            session.rollback()
            raise self._refusal(exc, noted) from exc
        except BaseException as exc:
            session.rollback()
            meaning = self._meaning(exc)
            if meaning is not None:
                raise meaning from exc
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
        except BaseException as exc:
            meaning = self._meaning(exc)
            if meaning is not None:
                raise meaning from exc
            raise
        finally:
            session.rollback()
            session.close()

    def listen(self, name: str, fn) -> None:
        """Calls `fn` on a session event ('after_flush', 'before_commit', …) of every unit of
        work of this archive (the change history listens this way)."""
        event.listen(self._sessions, name, fn)

    @contextmanager
    def one_transaction(self) -> Iterator[Connection]:
        """Every unit of work of this archive inside the block joins one transaction on one
        connection (each a savepoint of it): committed when the block ends normally, rolled
        back whole otherwise (filling a team archive with the demo is all or nothing)."""
        connection = self.engine.connect()
        outer = connection.begin()
        self._sessions.configure(bind=connection, join_transaction_mode="create_savepoint")
        try:
            yield connection
            outer.commit()
        except BaseException as exc:
            outer.rollback()
            meaning = None if isinstance(exc, AppError) else self._meaning(exc)
            if meaning is not None:
                raise meaning from exc
            raise
        finally:
            self._sessions.configure(
                bind=self.engine, join_transaction_mode="conservative_savepoint"
            )
            connection.close()

    def dispose(self) -> None:
        self.engine.dispose()
