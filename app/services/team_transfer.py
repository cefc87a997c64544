"""From laptop to team and back on the road (issue 14 §4): `team push`, `team checkout`,
`team sync`. The copying itself is app.db.team_push, team_checkout and team_sync; here the archives
are opened, the copy's settings say where it came from, and the search indexes follow."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.db import team_checkout, team_push, team_sync
from app.db.repositories import settings as settings_repo
from app.db.team_push import PushResult
from app.db.team_sync import Conflict, Resolutions, SyncResult
from app.domain.errors import AppError, ArchiveError
from app.services import indexing
from app.services.archive import Archive, open_archive

__all__ = ["Conflict", "PushResult", "SyncResult", "parse_resolution"]

ORIGIN_KEY = "team.origin"  # this archive's name on the team servers it went to
ADDRESS_KEY = "team.address"  # an offline copy: the team archive it was checked out from
LOGIN_KEY = "team.login"
CHECKED_OUT_KEY = "team.checked_out_at"
Progress = Callable[[str], None]


def _quiet(_step: str) -> None:
    return None


def _origin(archive: Archive) -> str:
    with archive.db.session() as session:
        origin = settings_repo.get(session, ORIGIN_KEY)
        if not origin:
            origin = uuid.uuid4().hex
            settings_repo.put(session, ORIGIN_KEY, origin)
    return str(origin)


def _open_server(address: str, password: str | None) -> Archive:
    return open_archive(address, password=password)


def _reindex_all(archive: Archive) -> None:
    with archive.db.session() as session:
        indexing.rebuild(session)


def _reindex_or_say_why(archive: Archive, how=None) -> str | None:
    """Rebuilds the search index after the records are in (they are committed already); what
    went wrong when it could not, so the person hears of it instead of a traceback."""
    try:
        (how or _reindex_all)(archive)
    except Exception as exc:  # noqa: BLE001 - the records are in; only the index is behind
        return str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    return None


def _translated(archive: Archive, exc: BaseException) -> BaseException:
    """What a failure on the server means, in words: a known one (login, busy, disk), else the
    server's own first line (a record it refused)."""
    meaning = archive.db._meaning(exc)
    if meaning is not None:
        return meaning
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()
    return AppError("team_copy_failed", reason=reason[0] if reason else type(exc).__name__)


# --- push --------------------------------------------------------------------------------------


def push(
    path: Path,
    address: str,
    password: str | None = None,
    progress: Progress = _quiet,
) -> PushResult:
    """Moves the archive file at `path` (unlocked already when it is encrypted) into the team
    archive at `address`; its search index is rebuilt afterwards."""
    local = open_archive(path)
    try:
        origin = _origin(local)
        server = _open_server(address, password)
        try:
            progress("copy")
            try:
                result = team_push.push(
                    local.db.engine, server.db.engine, local.blobs.chunks, origin
                )
            except AppError:
                raise
            except Exception as exc:
                raise _translated(server, exc) from exc
            progress("index")
            result.index_problem = _reindex_or_say_why(server)
        finally:
            server.close()
    finally:
        local.close()
    return result


# --- checkout ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckoutResult:
    path: Path
    address: str
    counts: dict[str, int]

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def checkout(
    address: str,
    path: Path,
    password: str | None = None,
    encrypt_password: str | None = None,
    progress: Progress = _quiet,
) -> CheckoutResult:
    """A new archive file at `path` with what the login may read at `address`; encrypted with
    `encrypt_password` when one is given. Nothing is left at `path` when it fails."""
    path = Path(path).expanduser().resolve()
    if path.exists():
        raise AppError("checkout_exists", path=str(path))
    server = _open_server(address, password)
    try:
        local = open_archive(path, password=encrypt_password)
    except BaseException:
        server.close()
        raise
    try:
        progress("copy")
        try:
            counts = team_checkout.checkout(
                server.db.engine, local.db.engine, local.blobs.put_bytes
            )
        except AppError:
            raise
        except Exception as exc:
            raise _translated(server, exc) from exc
        with local.db.session() as session:
            settings_repo.put(session, ADDRESS_KEY, str(server.server))
            settings_repo.put(session, LOGIN_KEY, server.server.user)
            settings_repo.put(session, ORIGIN_KEY, uuid.uuid4().hex)
            settings_repo.put(session, CHECKED_OUT_KEY, datetime.now().isoformat(" ", "seconds"))
        progress("index")
        _reindex_all(local)
        label = server.label
    except BaseException:
        local.close()
        server.close()
        _remove_archive(path)
        raise
    local.close()
    server.close()
    return CheckoutResult(path, label, counts)


def _remove_archive(path: Path) -> None:
    from app.services.archive import archive_files

    for item in archive_files(path):
        if item.is_dir():
            import shutil

            shutil.rmtree(item, ignore_errors=True)
        elif item.exists():
            item.unlink()


# --- sync --------------------------------------------------------------------------------------


def team_address_of(archive: Archive) -> str | None:
    """The team archive an offline copy came from (None: not a copy)."""
    with archive.db.read() as session:
        found = settings_repo.get(session, ADDRESS_KEY)
    return str(found) if found else None


def sync(
    archive: Archive,
    resolutions: Resolutions | None = None,
    password: str | None = None,
    progress: Progress = _quiet,
) -> SyncResult:
    """Syncs the offline copy `archive` (open for writing) with its team archive."""
    address = team_address_of(archive)
    if address is None:
        raise AppError("not_a_team_copy", path=archive.label)
    with archive.db.read() as session:
        origin = str(settings_repo.get(session, ORIGIN_KEY))
    progress("connect")
    server = _open_server(address, password)
    try:
        progress("sync")
        try:
            result = team_sync.sync(
                archive.db.engine,
                server.db.engine,
                archive.blobs.chunks,
                archive.blobs.put_bytes,
                origin,
                dict(resolutions or {}),
            )
        except (AppError, ArchiveError):
            raise
        except Exception as exc:
            raise _translated(server, exc) from exc
        progress("index")
        result.index_problem = _reindex_or_say_why(
            server, lambda archive: _reindex_server(archive, result)
        )
    finally:
        server.close()
    _reindex_copy(archive, result)
    return result


def _reindex_copy(copy: Archive, result: SyncResult) -> None:
    """The copy's index, for what this sync changed in it: nothing; the entries of records
    deleted or renumbered there removed and the clients it touched indexed again; or all of it
    when records that hang on no client changed."""
    if not result.touched_here:
        return
    if not result.touched_here <= _CLIENT_BOUND:
        _reindex_all(copy)
        return
    with copy.db.session() as session:
        for table, kind in _INDEXED.items():
            gone = [*result.deleted_here.get(table, ()), *result.renumbered_here.get(table, {})]
            if gone:
                indexing.unindex(session, kind, sorted(set(gone)))
        for client_id in sorted(result.clients_here):
            indexing.reindex(session, indexing.client_documents(session, client_id))


# the client-bound tables whose records have entries of their own in the search index
_INDEXED = {"clients": "client", "contacts": "contact", "activities": "activity"}
_INDEXED["client_news"] = "news"


def _reindex_server(server: Archive, result: SyncResult) -> None:
    """The server's index, for what this sync changed there: the clients it touched, or all of
    it when records that hang on no client changed."""
    if not result.touched_tables:
        return
    with server.db.session() as session:
        if result.touched_tables <= _CLIENT_BOUND:
            for client_id in sorted(result.touched_clients):
                indexing.reindex(session, indexing.client_documents(session, client_id))
        else:
            indexing.rebuild(session)


_CLIENT_BOUND = frozenset(
    {"clients", "contacts", "activities", "activity_contacts", "client_news", "change_log"}
    | {"client_tier_changes", "attachments", "blobs", "recycle_bin"}
)


def conflict_words(conflict: Conflict, lang: str = "zh") -> tuple[str, str]:
    """The kind of record and the field of a conflict as a person reads them (客户, 备注)."""
    from app.db.team_copy import KIND_TABLES
    from app.domain.messages import field_label, record_name

    kinds = [k for k, t in KIND_TABLES.items() if t == conflict.table]
    kind = record_name(kinds[0], lang) if kinds else conflict.table
    if conflict.field == team_sync.DELETED:
        return kind, ("(whole record)" if lang == "en" else "（整条记录）")
    return kind, field_label(conflict.field, lang)


def parse_resolution(choice: str, reference: str) -> Resolutions:
    """`mine|theirs` and `TABLE:ID:FIELD` (FIELD may be * for the whole record) as a
    resolution; AppError 'resolution_invalid' names what is wrong."""
    if choice not in ("mine", "theirs"):
        raise AppError("resolution_invalid", value=choice)
    parts = reference.split(":")
    if len(parts) == 2:
        parts.append("*")
    if len(parts) != 3 or not all(parts):
        raise AppError("resolution_invalid", value=reference)
    return {(parts[0], parts[1], parts[2]): choice}


def read_resolution_file(path: Path) -> Resolutions:
    """Lines `mine clients:12:name` or `theirs clients:12:*` (# starts a comment)."""
    found: Resolutions = {}
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AppError("resolution_file_unreadable", path=str(path), reason=str(exc)) from None
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            words = line.split()
            if len(words) != 2:
                raise AppError("resolution_invalid", value=line)
            found.update(parse_resolution(words[0], words[1]))
    return found
