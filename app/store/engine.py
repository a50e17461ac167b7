"""SQLAlchemy engines for workspaces: a SQLite file or a PostgreSQL server.

SQLite runs in WAL mode with ``synchronous=FULL`` (every commit reaches the disk) and
writers take the lock up front (``BEGIN IMMEDIATE``) so concurrent appends queue instead
of failing. On PostgreSQL each connection sets ``webnova.tenant_id`` for row-level
security before it is handed out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from psycopg.types.json import set_json_loads
from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError

from app.domain.errors import (
    InvalidWorkspaceUrlError,
    WorkspaceAuthError,
    WorkspaceError,
    WorkspaceUnreachableError,
)

WRITE = "webnova_write"  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)
SUPPORTED = ("sqlite", "postgresql")


def parse_workspace_url(raw: str) -> URL:
    """Parse and check a workspace URL; the error names what is wrong with it."""
    text = raw.strip()
    if not text:
        raise InvalidWorkspaceUrlError("the database URL is empty")
    try:
        url = make_url(text)
    except ArgumentError:
        raise InvalidWorkspaceUrlError(
            "not a database URL: expected postgresql://user@host:port/database"
        ) from None
    except ValueError:
        raise InvalidWorkspaceUrlError(
            "the URL's host or port cannot be read: expected postgresql://user@host:port/database"
        ) from None
    backend = url.get_backend_name()
    if backend not in SUPPORTED:
        raise InvalidWorkspaceUrlError(
            f"unsupported database {backend!r}: use postgresql://user@host:port/database"
        )
    if backend == "postgresql":
        if not url.host:
            raise InvalidWorkspaceUrlError("the PostgreSQL URL names no host")
        if not url.database:
            raise InvalidWorkspaceUrlError("the PostgreSQL URL names no database")
        if not url.username:
            raise InvalidWorkspaceUrlError("the PostgreSQL URL names no user")
        try:
            port = url.port
        except ValueError:
            raise InvalidWorkspaceUrlError("the PostgreSQL URL has an invalid port") from None
        if port is not None and not 0 < port < 65536:
            raise InvalidWorkspaceUrlError(f"port {port} is out of range")
    elif not url.database or url.database == ":memory:":
        raise InvalidWorkspaceUrlError("a SQLite workspace needs a file path")
    return url


def without_password(url: URL) -> URL:
    # URL.set(password=None) leaves the password in place; build the URL anew.
    return URL.create(
        url.drivername,
        username=url.username,
        password=None,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )


def split_password(url: URL) -> tuple[URL, str | None]:
    """The URL without its password, and the password (to go to the keyring)."""
    return without_password(url), url.password


def display_url(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def create_workspace_engine(
    url: URL | str,
    password: str | None = None,
    tenant_id: str | None = None,
    connect_timeout: int = 5,
    pool_size: int = 5,
) -> Engine:
    if isinstance(url, str):
        url = parse_workspace_url(url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return _postgres_engine(url, password, tenant_id, connect_timeout, pool_size)


def _sqlite_engine(url: URL) -> Engine:
    assert url.database is not None
    Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url.set(drivername="sqlite+pysqlite"),
        connect_args={"timeout": 60, "check_same_thread": False},
        pool_size=5,
        max_overflow=20,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _postgres_engine(
    url: URL, password: str | None, tenant_id: str | None, connect_timeout: int, pool_size: int
) -> Engine:
    if password is not None:
        url = url.set(password=password)
    engine = create_engine(
        url.set(drivername="postgresql+psycopg"),
        connect_args={"connect_timeout": connect_timeout, "application_name": "webnova-console"},
        pool_size=pool_size,
        max_overflow=20,
        pool_pre_ping=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # jsonb arrives decoded by orjson, several times faster than the standard library.
        set_json_loads(orjson.loads, dbapi_connection)
        if tenant_id is not None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT set_config('webnova.tenant_id', %s, false)", (tenant_id,))
            dbapi_connection.commit()

    return engine


def classify_connect_error(exc: BaseException, url: URL) -> WorkspaceError:
    """Turn a driver's connection failure into a message a person can act on.

    The driver's text can echo the URL; only our own words and the host are shown.
    """
    text = str(exc).lower()
    where = f"{url.host}:{url.port or 5432}" if url.host else str(url.database)
    user, database, host = str(url.username), str(url.database), str(url.host)
    if "password authentication failed" in text or "no password supplied" in text:
        return WorkspaceAuthError(
            f"PostgreSQL at {where} refused the password for user {user!r}",
            reason="password_refused", where=where, user=user,
        )
    if "does not exist" in text and "database" in text:
        return WorkspaceUnreachableError(f"database {database!r} does not exist at {where}",
                                         reason="no_database", where=where, database=database)
    if "role" in text and "does not exist" in text:
        return WorkspaceAuthError(f"user {user!r} does not exist at {where}",
                                  reason="no_user", where=where, user=user)
    if "timeout" in text or "timed out" in text:
        return WorkspaceUnreachableError(f"no answer from {where} (connection timed out)",
                                         reason="timeout", where=where)
    if "could not translate host name" in text or "name or service not known" in text:
        return WorkspaceUnreachableError(f"host {host!r} is unknown",
                                         reason="unknown_host", host=host)
    if "connection refused" in text or "connection failed" in text:
        return WorkspaceUnreachableError(f"nothing is listening at {where} (connection refused)",
                                         reason="refused", where=where)
    if "unable to open database file" in text:
        return WorkspaceUnreachableError(f"cannot open the workspace file {database}",
                                         reason="no_file", path=database)
    kind = type(exc).__name__
    return WorkspaceUnreachableError(f"cannot connect to {where}: {kind}",
                                     reason="other", where=where, kind=kind)
