"""Alembic environment for WebNova workspaces.

The console runs migrations programmatically (app.store.migrations) and passes an open
connection in ``config.attributes["connection"]``; the ``alembic`` command line works too
with ``-x url=...``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

config = context.config


def run_with(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=None,
        render_as_batch=connection.dialect.name == "sqlite",
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("give the database with: alembic -x url=DATABASE_URL upgrade head")
    engine = create_engine(url)
    with engine.connect() as conn:
        run_with(conn)
    engine.dispose()
