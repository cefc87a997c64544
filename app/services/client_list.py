"""Reading clients: the client list (its ids in order, then rows as they are shown) and one
client with its contacts. On an archive file opened read-only they are read with the standard
library alone (app.db.plain_clients: a command starts without SQLAlchemy or the ORM models,
issue 11); otherwise through a session. Either way the same records come out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from app.db import plain_clients
from app.domain.errors import NotFoundError
from app.domain.progress import NO_PROGRESS, Progress
from app.domain.queries import ClientQuery
from app.domain.text import strip_invisible
from app.services.archive import Archive
from app.services.client_records import ClientRecord, ClientRow, client_record
from app.services.readers import reader

# The orders the client list can be sorted in (ClientQuery.sort).
SORT_KEYS: tuple[str, ...] = tuple(plain_clients.SORT_COLUMNS)


def list_client_ids(
    archive: Archive,
    query: ClientQuery,
    *,
    first: int = 0,
    on_first: Callable[[list[int]], None] | None = None,
    progress: Progress = NO_PROGRESS,
) -> Sequence[int]:
    """The ids the list shows; the text is looked for as the names were stored (without
    control or zero-width characters: a NUL pasted into it finds the same on both back ends).
    With `first` and `on_first`, the first `first` ids are looked for first among the first
    clients in the list's order (the repository's first_ids) and, when found, handed to `on_first`
    before the whole list is read (stopped there when `progress` was cancelled meanwhile):
    one job, one connection, so a filter whose first screen cannot be found at once pays
    only that look (a few milliseconds) on top of the whole list."""
    query = replace(query, text=strip_invisible(query.text))
    with reader(archive, plain_clients, "clients") as (repo, session):
        if first > 0 and on_first is not None:
            ids = repo.first_ids(session, query, first)
            if ids is not None:
                on_first(ids)
            progress.check()
        return repo.list_ids(session, query)


def client_rows(archive: Archive, ids: Sequence[int]) -> list[ClientRow]:
    with reader(archive, plain_clients, "clients") as (repo, session):
        return [ClientRow(*row) for row in repo.rows_for_ids(session, ids)]


def get_client(archive: Archive, client_id: int) -> ClientRecord:
    """The client with its contacts; NotFoundError when there is none of that id."""
    with reader(archive, plain_clients, "clients") as (repo, session):
        client = repo.get(session, client_id)
        if client is None:
            raise NotFoundError("client", client_id)
        return client_record(client, repo.contacts_of(session, client_id))
