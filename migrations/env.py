"""Alembic environment. The archive runner passes an open connection in config.attributes."""

import warnings

from alembic import context
from sqlalchemy import create_engine

# A batch migration reflects the tables its table refers to; SQLite's reflection skips an index
# on an expression (ix_clients_visit_plan, 0011) with a warning that would reach the user.
# The index is not lost: only the batch's own table is copied.
warnings.filterwarnings(
    "ignore", message="Skipped unsupported reflection of expression-based index"
)

config = context.config


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)


def _run(connection) -> None:
    context.configure(connection=connection, render_as_batch=True, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
