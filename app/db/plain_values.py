"""The values a plain sqlite3 connection returns, made what SQLAlchemy's column types make them
(app.db.file_reader's readers): dates and times from their stored text, flags from 0/1, and
parameters without NUL as the engine's guard sends them (app.db.nul_guard)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from types import SimpleNamespace

NUL = "\x00"
# SQLite allows 32,766 parameters in a statement; a list of ids is read in chunks well below.
ID_CHUNK = 900


def as_date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value[:10])


def as_datetime(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def as_bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def text(value: str) -> str:
    """A text parameter as the engine sends it: without NUL."""
    return value.replace(NUL, "")


def placeholders(count: int) -> str:
    return ", ".join("?" * count)


def converted(row: Sequence, converters: Sequence[Callable | None]) -> tuple:
    """`row` with each value passed through its converter (None: kept as it is)."""
    return tuple(v if c is None else c(v) for v, c in zip(row, converters, strict=True))


def id_chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    chunk: list[int] = []
    for i in ids:
        chunk.append(int(i))
        if len(chunk) == ID_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def record(row: Sequence, columns: Sequence[str], types: dict[str, Callable]) -> SimpleNamespace:
    """A row read by attribute like the model's object, its values of the model's types
    (`types`: column -> converter of the stored value)."""
    values = dict(zip(columns, row, strict=True))
    for name, read in types.items():
        values[name] = read(values[name])
    return SimpleNamespace(**values)
