"""Filters and sort orders for the long lists, as plain values the UI can build."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

R = TypeVar("R")


@dataclass(frozen=True)
class Page(Generic[R]):
    """One window of a long list (issue 11): its rows, the key of the last one (what the next
    window is asked to follow) and whether more rows follow."""

    rows: Sequence[R]
    after: Any = None
    more: bool = False


@dataclass(frozen=True)
class ClientQuery:
    text: str = ""
    tiers: tuple[str, ...] = ()
    owner: str | None = None
    region: str | None = None
    status: str | None = None
    key_account: bool | None = None
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class ActivityQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    client_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    open_complaints: bool = False
    sort: str = "started_at"
    descending: bool = True
