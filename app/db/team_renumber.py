"""An offline copy learns the server's ids (app.db.team_sync): its new records, once they went
up, and every reference to them (foreign keys, an attachment's owner, a history entry's record)
are renumbered in the copy, in its one transaction with the foreign keys checked at commit."""

from __future__ import annotations

from sqlalchemy import Connection, Table

from app.db import team_copy as tc


def renumber(local: Connection, learnt: dict[str, dict[int, int]]) -> None:
    """Gives the copy's new records their server ids, and every reference to them: first to
    the negative of the new id (no clash with an id on its way out), then to the id."""
    for step in (lambda new: -new, None):
        for name, pairs in learnt.items():
            table = tc.table_named(name)
            for old, new in pairs.items():
                if step is not None:
                    _move(local, table, old, step(new))
            if step is None:
                _move_negatives(local, table)


def _move(local: Connection, table: Table, old: int, new: int) -> None:
    local.execute(table.update().where(table.c.id == old).values(id=new))
    for child, ref in tc.references_to(table.name):
        condition = child.c[ref.column] == old
        if ref.kind_column is not None:
            kinds = [k for k, t in tc.KIND_TABLES.items() if t == table.name]
            condition = condition & child.c[ref.kind_column].in_(kinds)
        local.execute(child.update().where(condition).values({ref.column: new}))


def _move_negatives(local: Connection, table: Table) -> None:
    local.execute(table.update().where(table.c.id < 0).values(id=-table.c.id))
    for child, ref in tc.references_to(table.name):
        column = child.c[ref.column]
        condition = column < 0
        if ref.kind_column is not None:
            kinds = [k for k, t in tc.KIND_TABLES.items() if t == table.name]
            condition = condition & child.c[ref.kind_column].in_(kinds)
        local.execute(child.update().where(condition).values({ref.column: -column}))
