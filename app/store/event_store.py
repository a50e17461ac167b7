"""The event store: one contract, a SQLite and a PostgreSQL implementation.

Writers first move the single ``event_position`` counter row. That row lock (PostgreSQL)
or the database write lock (SQLite, ``BEGIN IMMEDIATE``) serialises appends, so global
positions are gapless and become visible in order: a reader that has seen position N will
never later find a new event below N.

The hot paths (append, read_all) use the DBAPI cursor under SQLAlchemy's pooled
connection: one round trip per stream on PostgreSQL (the ``webnova_append`` function) and
rows decoded straight into :class:`RecordedEvent` tuples.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Engine, text
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Connection

from app.domain.errors import (
    ConcurrencyError,
    LeaseHeldError,
    TenantNotPermittedError,
    WorkspaceBusyError,
)
from app.domain.events import NewEvent, RecordedEvent, check_stream_id
from app.domain.upcasting import UpcasterChain
from app.services.ports import EventFilter, EventPage, StreamAppend, Subscription


class HeldConnection:
    """One DBAPI connection kept for appends, outside the pool.

    Checking a pooled connection out and in (with its liveness ping) costs more than a
    single-event append itself; writers are serialised by the database anyway, so one
    connection guarded by a lock loses nothing. It is reopened when found broken and closed
    when the engine is disposed.
    """

    def __init__(self, engine: Engine, prepare: Any) -> None:
        self._engine = engine
        self._prepare = prepare
        self._lock = threading.Lock()
        self._raw: Any = None
        self._driver: Any = None
        sa_event.listen(engine, "engine_disposed", self._on_dispose)

    @staticmethod
    def _broken(driver: Any) -> bool:
        return bool(getattr(driver, "closed", False) or getattr(driver, "broken", False))

    @contextmanager
    def use(self) -> Iterator[Any]:
        with self._lock:
            if self._raw is None or self._broken(self._driver):
                self._discard()
                raw = self._engine.raw_connection()
                driver = raw.driver_connection
                raw.detach()
                self._prepare(driver)
                self._raw, self._driver = raw, driver
            try:
                yield self._driver
            except BaseException:
                if self._broken(self._driver):
                    self._discard()
                raise

    def discard(self) -> None:
        """Drop the connection (from inside ``use``, when it cannot be trusted any more)."""
        self._discard()

    def _discard(self) -> None:
        raw, driver = self._raw, self._driver
        self._raw = self._driver = None
        if raw is not None:
            # A detached connection closes its DBAPI connection itself (after its reset).
            with suppress(Exception):
                raw.close()
            with suppress(Exception):
                driver.close()

    def _on_dispose(self, _engine: Engine) -> None:
        with self._lock:
            self._discard()

    def close(self) -> None:
        self._on_dispose(self._engine)


COLUMNS = "position, stream_id, version, tenant_id, type, schema_version, data, metadata, recorded_at"
READ_CHUNK = 5000
_json_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _dumps(value: Any) -> str:
    """Compact JSON text. orjson is several times faster than the standard library; values it
    does not take (integers beyond 64 bits) go through ``json``."""
    try:
        return orjson.dumps(value).decode("utf-8")
    except orjson.JSONEncodeError:
        return _json_encode(value)


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _check_appends(appends: Sequence[StreamAppend]) -> None:
    for append in appends:
        check_stream_id(append.stream_id)
        if not append.events:
            raise ValueError(f"stream {append.stream_id!r}: nothing to append")
        if append.expected_version is not None and append.expected_version < 0:
            raise ValueError(f"stream {append.stream_id!r}: expected version must be >= 0")
        for event in append.events:
            if not isinstance(event, NewEvent):
                raise TypeError("append takes NewEvent objects")


class SqlEventStore(ABC):
    """What both implementations share: filtering queries, stream reads, upcasting."""

    dialect = ""

    def __init__(self, engine: Engine, upcasters: UpcasterChain | None = None) -> None:
        self.engine = engine
        self.upcasters = upcasters or UpcasterChain()

    # ------------------------------------------------------------------ writing
    def append(
        self, stream_id: str, events: Sequence[NewEvent], expected_version: int | None
    ) -> list[RecordedEvent]:
        return self.append_batch([StreamAppend(stream_id, list(events), expected_version)])

    def append_batch(self, appends: Sequence[StreamAppend]) -> list[RecordedEvent]:
        _check_appends(appends)
        if not appends:
            return []
        return self._append_batch(appends)

    @abstractmethod
    def _append_batch(self, appends: Sequence[StreamAppend]) -> list[RecordedEvent]:
        """Each database implements this."""

    # ------------------------------------------------------------------ leases
    @abstractmethod
    def lease(self, name: str) -> AbstractContextManager[None]:
        """Hold ``name`` while a live process works on it (see app/store/leases.py);
        LeaseHeldError if another holds it."""

    def lease_free(self, name: str) -> bool:
        """Whether nobody holds ``name`` now."""
        try:
            with self.lease(name):
                return True
        except LeaseHeldError:
            return False

    # ------------------------------------------------------------------ reading
    @abstractmethod
    def _decode(self, row: Sequence[Any]) -> RecordedEvent:
        """Each database implements this."""

    def _maybe_upcast(self, events: Iterator[RecordedEvent]) -> Iterator[RecordedEvent]:
        if not self.upcasters:
            return events
        return map(self.upcasters.upcast, events)

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[RecordedEvent]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    f"SELECT {COLUMNS} FROM events WHERE stream_id = :s AND version > :v "
                    "ORDER BY version"
                ),
                {"s": stream_id, "v": after_version},
            ).all()
        return list(self._maybe_upcast(map(self._decode, rows)))

    def stream_version(self, stream_id: str) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(
                text("SELECT coalesce(max(version), 0) FROM events WHERE stream_id = :s"),
                {"s": stream_id},
            ).scalar_one()
        return int(value)

    def head_position(self) -> int:
        """The highest position this session can see (0 for an empty store)."""
        with self.engine.connect() as conn:
            value = conn.execute(text("SELECT coalesce(max(position), 0) FROM events")).scalar_one()
        return int(value)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM events")).scalar_one())

    @abstractmethod
    def _actor_expression(self) -> str:
        """Each database implements this."""

    def _time_param(self, value: datetime) -> Any:
        return value

    def query(self, event_filter: EventFilter, offset: int, limit: int) -> EventPage:
        """A page of events matching ``event_filter``, newest first."""
        if offset < 0 or limit < 1:
            raise ValueError("offset must be >= 0 and limit >= 1")
        clauses: list[str] = []
        params: dict[str, Any] = {}
        actor = self._actor_expression()
        if event_filter.text.strip():
            params["pattern"] = f"%{_escape_like(event_filter.text.strip().lower())}%"
            clauses.append(
                "(lower(type) LIKE :pattern ESCAPE '\\' OR lower(stream_id) LIKE :pattern "
                f"ESCAPE '\\' OR lower(coalesce({actor}, '')) LIKE :pattern ESCAPE '\\')"
            )
        for name, column in (
            ("event_type", "type"),
            ("stream_id", "stream_id"),
            ("tenant_id", "tenant_id"),
        ):
            value = getattr(event_filter, name)
            if value:
                params[name] = value
                clauses.append(f"{column} = :{name}")
        if event_filter.actor:
            params["actor"] = event_filter.actor
            clauses.append(f"{actor} = :actor")
        if event_filter.since is not None:
            params["since"] = self._time_param(event_filter.since)
            clauses.append("recorded_at >= :since")
        if event_filter.until is not None:
            params["until"] = self._time_param(event_filter.until)
            clauses.append("recorded_at < :until")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self.engine.connect() as conn:
            total = int(
                conn.execute(text(f"SELECT count(*) FROM events {where}"), params).scalar_one()
            )
            rows = conn.execute(
                text(
                    f"SELECT {COLUMNS} FROM events {where} ORDER BY position DESC "
                    "LIMIT :limit OFFSET :offset"
                ),
                {**params, "limit": limit, "offset": offset},
            ).all()
        events = list(self._maybe_upcast(map(self._decode, rows)))
        return EventPage(events=events, total=total, offset=offset, limit=limit)

    def distinct_values(self, column: str, limit: int = 500) -> list[str]:
        """Values seen in ``type``, ``tenant_id`` or ``stream_id`` (for filter choices)."""
        if column not in ("type", "tenant_id", "stream_id"):
            raise ValueError(f"no such column: {column}")
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(f"SELECT DISTINCT {column} FROM events ORDER BY {column} LIMIT :limit"),
                {"limit": limit},
            ).all()
        return [str(row[0]) for row in rows]

    @abstractmethod
    def read_all(self, after: int = 0, limit: int | None = None) -> Iterator[RecordedEvent]:
        """Each database implements this."""

    def subscribe(self, after: int = 0, poll_interval: float = 0.2) -> Subscription:
        from app.store.subscriptions import open_subscription

        return open_subscription(self, after, poll_interval)


# ====================================================================== SQLite
BUSY_MESSAGE = ("the workspace is busy: another writer has held it for more than {seconds:g} s; "
                "nothing was written — try again in a moment")


class SqliteEventStore(SqlEventStore):
    dialect = "sqlite"

    def __init__(self, engine: Engine, upcasters: UpcasterChain | None = None,
                 busy_timeout: float = 10.0) -> None:
        super().__init__(engine, upcasters)
        self.busy_timeout = busy_timeout

        def prepare(connection: Any) -> None:
            connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")

        self._writer = HeldConnection(engine, prepare)

    def lease(self, name: str) -> AbstractContextManager[None]:
        from pathlib import Path

        from app.store.leases import file_lease

        database = self.engine.url.database or ""
        if not database or database == ":memory:":
            raise LeaseHeldError(name, "an in-memory workspace (it cannot be shared)")
        return file_lease(Path(database + ".leases"), name)

    @contextmanager
    def _write_cursor(self) -> Iterator[Any]:
        """A cursor inside ``BEGIN IMMEDIATE`` … ``COMMIT`` on the writer connection. On any
        failure, COMMIT's own included, the transaction is rolled back (or the connection
        discarded), so the next append starts clean and no write lock is left behind."""
        import sqlite3

        with self._writer.use() as connection:
            cursor = connection.cursor()
            try:
                try:
                    cursor.execute("BEGIN IMMEDIATE")
                    yield cursor
                    cursor.execute("COMMIT")
                except BaseException as exc:
                    if connection.in_transaction:
                        try:
                            connection.rollback()
                        except Exception:
                            self._writer.discard()  # a fresh connection next time
                    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                        raise WorkspaceBusyError(BUSY_MESSAGE.format(seconds=self.busy_timeout)) from None
                    raise
            finally:
                with suppress(Exception):
                    cursor.close()

    def _append_batch(self, appends: Sequence[StreamAppend]) -> list[RecordedEvent]:
        total = sum(len(a.events) for a in appends)
        recorded_at = datetime.now(UTC)
        stamp = recorded_at.isoformat()
        recorded: list[RecordedEvent] = []
        with self._write_cursor() as cursor:
            cursor.execute(
                "UPDATE event_position SET position = position + ? WHERE id = 1 "
                "RETURNING position",
                (total,),
            )
            position = int(cursor.fetchone()[0]) - total
            insert = f"INSERT INTO events ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            for append in appends:
                rows: list[tuple[Any, ...]] = []
                cursor.execute(
                    "SELECT coalesce(max(version), 0) FROM events WHERE stream_id = ?",
                    (append.stream_id,),
                )
                version = int(cursor.fetchone()[0])
                if append.expected_version is not None and append.expected_version != version:
                    raise ConcurrencyError(append.stream_id, append.expected_version, version)
                for event in append.events:
                    position += 1
                    version += 1
                    rows.append(
                        (
                            position,
                            append.stream_id,
                            version,
                            event.tenant_id,
                            event.type,
                            event.schema_version,
                            _dumps(event.data),
                            _dumps(event.metadata),
                            stamp,
                        )
                    )
                    recorded.append(
                        RecordedEvent(
                            position,
                            append.stream_id,
                            version,
                            event.tenant_id,
                            event.type,
                            event.schema_version,
                            event.data,
                            event.metadata,
                            recorded_at,
                        )
                    )
                cursor.executemany(insert, rows)
        return recorded

    def _decode(self, row: Sequence[Any]) -> RecordedEvent:
        return RecordedEvent(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            orjson.loads(row[6]),
            orjson.loads(row[7]),
            datetime.fromisoformat(row[8]),
        )

    def _actor_expression(self) -> str:
        return "json_extract(metadata, '$.actor')"

    def _time_param(self, value: datetime) -> Any:
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()

    def read_all(self, after: int = 0, limit: int | None = None) -> Iterator[RecordedEvent]:
        return self._maybe_upcast(self._read_all(after, limit))

    def _read_all(self, after: int, limit: int | None) -> Iterator[RecordedEvent]:
        loads = orjson.loads
        parse = datetime.fromisoformat
        make = RecordedEvent
        sql = f"SELECT {COLUMNS} FROM events WHERE position > ? ORDER BY position"
        args: tuple[Any, ...] = (after,)
        if limit is not None:
            sql += " LIMIT ?"
            args = (after, limit)
        with self.engine.connect() as conn:
            cursor = conn.connection.cursor()
            try:
                cursor.execute(sql, args)
                while chunk := cursor.fetchmany(READ_CHUNK):
                    for p, s, v, t, ty, sv, d, m, r in chunk:
                        yield make(p, s, v, t, ty, sv, loads(d), loads(m), parse(r))
            finally:
                cursor.close()


# ================================================================== PostgreSQL
def _writer_session(lock_timeout: float, idle_timeout: float) -> Any:
    """Writer sessions commit each call themselves, wait a bounded time for the global
    position lock, and are ended by the server if they ever sit idle inside a transaction."""

    def prepare(connection: Any) -> None:
        connection.autocommit = True
        connection.execute(f"SET lock_timeout = '{int(lock_timeout * 1000)}ms'")
        connection.execute(f"SET idle_in_transaction_session_timeout = '{int(idle_timeout * 1000)}ms'")

    return prepare


class PostgresEventStore(SqlEventStore):
    dialect = "postgresql"

    @contextmanager
    def _driver(self) -> Iterator[Any]:
        """The psycopg connection under a pooled SQLAlchemy connection."""
        conn: Connection
        with self.engine.connect() as conn:
            yield conn.connection.driver_connection

    def __init__(self, engine: Engine, upcasters: UpcasterChain | None = None,
                 lock_timeout: float = 5.0, idle_in_transaction_timeout: float = 60.0) -> None:
        super().__init__(engine, upcasters)
        self.lock_timeout = lock_timeout
        self._writer = HeldConnection(engine, _writer_session(lock_timeout, idle_in_transaction_timeout))

    def lease(self, name: str) -> AbstractContextManager[None]:
        from app.store.leases import postgres_lease

        return postgres_lease(self.engine, name)

    def _append_batch(self, appends: Sequence[StreamAppend]) -> list[RecordedEvent]:
        import psycopg

        recorded: list[RecordedEvent] = []
        current = appends[0]  # the append in flight: a conflict names its stream
        with self._writer.use() as pg:
            try:
                with pg.cursor() as cursor:
                    if len(appends) == 1:
                        # Autocommit: the function call is its own transaction, one round trip.
                        self._append_one(cursor, appends[0], recorded)
                    else:
                        with pg.transaction():
                            for current in appends:
                                self._append_one(cursor, current, recorded)
            except psycopg.Error as exc:
                raise self._translate(exc, appends, current, self.lock_timeout) from None
        return recorded

    def _append_one(self, cursor: Any, append: StreamAppend, out: list[RecordedEvent]) -> None:
        events = append.events
        if len(events) == 1:
            event = events[0]
            cursor.execute(
                "SELECT * FROM webnova_append_one(%s, %s, %s, %s, %s, %s::jsonb, %s::jsonb)",
                (append.stream_id, append.expected_version, event.tenant_id, event.type,
                 event.schema_version, _dumps(event.data), _dumps(event.metadata)),
            )
            position, version, recorded_at = cursor.fetchone()
            out.append(RecordedEvent(position, append.stream_id, version, event.tenant_id,
                                     event.type, event.schema_version, event.data,
                                     event.metadata, recorded_at))
            return
        cursor.execute(
            "SELECT * FROM webnova_append(%s, %s, %s, %s, %s, %s::jsonb, %s::jsonb)",
            (
                append.stream_id,
                append.expected_version,
                [e.tenant_id for e in events],
                [e.type for e in events],
                [e.schema_version for e in events],
                _dumps([e.data for e in events]),
                _dumps([e.metadata for e in events]),
            ),
        )
        first_position, first_version, recorded_at = cursor.fetchone()
        for i, event in enumerate(events):
            out.append(
                RecordedEvent(
                    first_position + i,
                    append.stream_id,
                    first_version + i,
                    event.tenant_id,
                    event.type,
                    event.schema_version,
                    event.data,
                    event.metadata,
                    recorded_at,
                )
            )

    @staticmethod
    def _translate(exc: Exception, appends: Sequence[StreamAppend], current: StreamAppend,
                   lock_timeout: float) -> Exception:
        import psycopg

        sqlstate = getattr(exc, "sqlstate", None)
        diag = getattr(exc, "diag", None)
        message = (diag.message_primary if diag is not None else None) or str(exc)
        if sqlstate == "WN409":
            expected, _, actual = message.partition("|")
            return ConcurrencyError(current.stream_id, int(expected), int(actual))
        if isinstance(exc, psycopg.errors.UniqueViolation):
            return ConcurrencyError(current.stream_id, current.expected_version, None)
        if isinstance(exc, psycopg.errors.LockNotAvailable):
            return WorkspaceBusyError(BUSY_MESSAGE.format(seconds=lock_timeout))
        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            tenants = sorted({e.tenant_id for a in appends for e in a.events})
            return TenantNotPermittedError(
                f"this session may not write events of tenant(s) {', '.join(tenants)}; "
                "nothing was written"
            )
        return exc

    def _decode(self, row: Sequence[Any]) -> RecordedEvent:
        return RecordedEvent._make(row)

    def _actor_expression(self) -> str:
        return "(metadata ->> 'actor')"

    def read_all(self, after: int = 0, limit: int | None = None) -> Iterator[RecordedEvent]:
        return self._maybe_upcast(self._read_all(after, limit))

    def _read_all(self, after: int, limit: int | None) -> Iterator[RecordedEvent]:
        make = RecordedEvent._make

        def row_factory(_cursor: Any) -> Any:
            return make

        sql = f"SELECT {COLUMNS} FROM events WHERE position > %s ORDER BY position"
        with self._driver() as pg:
            if limit is not None:
                with pg.cursor(row_factory=row_factory) as cursor:
                    cursor.execute(sql + " LIMIT %s", (after, limit))
                    rows = cursor.fetchall()
                pg.rollback()
                yield from rows
                return
            with pg.transaction(), pg.cursor(
                name="webnova_read_all", row_factory=row_factory
            ) as cursor:
                cursor.itersize = READ_CHUNK
                cursor.execute(sql, (after,))
                while chunk := cursor.fetchmany(READ_CHUNK):
                    yield from chunk
