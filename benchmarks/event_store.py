"""Event store throughput: ours against the eventsourcing library and the raw drivers.

Run from the repository root::

    python -m benchmarks.event_store            # full run (PostgreSQL, then SQLite)
    python -m benchmarks.event_store --quick    # smaller counts
    python -m benchmarks.event_store --json     # the results as JSON on stdout
    python -m benchmarks.event_store --backend sqlite   # one database only

Three workloads, each run the same way for every contender:

* ``single``: appends of one event, each its own transaction, round-robin over a set of
  streams with the correct expected version (the first append of a stream creates it);
* ``batch``: appends of 100 events to a new stream, one transaction each;
* ``read``: every event of a pre-loaded store, in position order, decoded to Python
  objects (JSON payloads as dicts).

On PostgreSQL all contenders share one throwaway server (``fsync=on``), each in its own
database. On SQLite each contender has its own file in WAL mode. Every contender is warmed
up first; each measurement is repeated and the best run counts. Progress goes to stderr,
the report to stdout.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import psycopg
from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore
from psycopg.types.json import Jsonb

from app.domain.events import NewEvent
from app.store.engine import create_workspace_engine
from app.store.event_store import PostgresEventStore, SqliteEventStore
from app.store.migrations import upgrade
from tests.support.pgserver import PgServer, start_server

SINGLE = "single"
BATCH = "batch"
READ = "read"
WORKLOAD_ORDER = (SINGLE, BATCH, READ)
WORKLOAD_TITLES = {
    SINGLE: "single-event append",
    BATCH: "100-event batch append",
    READ: "decoded read (position order)",
}

OURS = "ours"
LIBRARY = "eventsourcing"
RAW = "raw"
RAW_COPY = "raw-copy"

BATCH_SIZE = 100
READ_PAGE = 5000
PRELOAD_CHUNK = 1000
TENANT = "tenant-bench"
EVENT_TYPE = "OrderPlaced"
METADATA: dict[str, Any] = {"actor": "bench-user", "correlation_id": None, "causation_id": None}
EVENT_COLUMNS = "stream_id, version, tenant_id, type, schema_version, data, metadata"
READ_COLUMNS = (
    "position, stream_id, version, tenant_id, type, schema_version, data, metadata, recorded_at"
)

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


# ================================================================== workloads
@dataclass(frozen=True)
class Sizes:
    single_appends: int
    batches: int
    read_events: int
    single_streams: int = 50
    warmup_single: int = 50
    warmup_batches: int = 5
    repeats: int = 3


FULL_SIZES = Sizes(single_appends=2000, batches=200, read_events=100_000)
QUICK_SIZES = Sizes(single_appends=300, batches=50, read_events=20_000)


@dataclass(frozen=True)
class Target:
    workload: str
    baseline: str  # the role ours is compared with
    threshold: float  # ours / baseline must be at least this

    def describe(self) -> str:
        against = {LIBRARY: "eventsourcing", RAW: "raw cursor"}[self.baseline]
        return f"{WORKLOAD_TITLES[self.workload]}: ours >= {self.threshold:g}x {against}"


TARGETS = (
    Target(BATCH, LIBRARY, 3.0),
    Target(SINGLE, LIBRARY, 2.0),
    Target(READ, RAW, 0.8),
)


def make_payload(i: int) -> dict[str, Any]:
    """One event's data: five fields, about 200 bytes of JSON."""
    return {
        "order_id": f"ord-{i:010d}",
        "customer_id": f"customer-{i % 9973:06d}",
        "amount_cents": 1000 + (i * 7919) % 900_000,
        "currency": ("EUR", "CHF", "USD")[i % 3],
        "note": "two boxes of archival paper for the records room, deliver by noon #" + str(i),
    }


@dataclass(frozen=True)
class Append:
    """One transaction: ``payloads`` appended to ``stream_id``, currently at ``version``."""

    stream_id: str
    version: int
    payloads: Sequence[dict[str, Any]]


def single_plan(
    tag: str, count: int, streams: int, payloads: Sequence[dict[str, Any]]
) -> list[Append]:
    return [
        Append(f"single-{tag}-{i % streams}", i // streams, [payloads[i % len(payloads)]])
        for i in range(count)
    ]


def batch_plan(tag: str, count: int, payloads: Sequence[dict[str, Any]]) -> list[Append]:
    plan = []
    for i in range(count):
        start = (i * BATCH_SIZE) % (len(payloads) - BATCH_SIZE)
        plan.append(Append(f"batch-{tag}-{i}", 0, payloads[start : start + BATCH_SIZE]))
    return plan


def preload_plan(events: int, payloads: Sequence[dict[str, Any]]) -> list[Append]:
    plan = []
    for start in range(0, events, PRELOAD_CHUNK):
        chunk = [
            payloads[i % len(payloads)] for i in range(start, min(events, start + PRELOAD_CHUNK))
        ]
        plan.append(Append(f"read-{start // PRELOAD_CHUNK}", 0, chunk))
    return plan


# ================================================================= contenders
class Contender(ABC):
    """One implementation under test, in its own database."""

    role: str
    workloads: frozenset[str] = frozenset({SINGLE, BATCH, READ})

    @abstractmethod
    def label(self, workload: str) -> str: ...

    @abstractmethod
    def append(self, plan: Sequence[Append]) -> None:
        """Each entry of ``plan`` is one transaction."""

    def preload(self, plan: Sequence[Append]) -> None:
        """Fill the store for the read workload (not timed)."""
        self.append(plan)

    @abstractmethod
    def read(self) -> Iterator[Any]:
        """Every event in position order, decoded."""

    @abstractmethod
    def count(self) -> int: ...

    def settings(self) -> str:
        return ""

    @abstractmethod
    def settle(self) -> None:
        """Between measurements: flush what the previous one left behind."""

    @abstractmethod
    def tidy(self) -> None:
        """After the pre-load: leave no maintenance work for later (not timed)."""

    @abstractmethod
    def close(self) -> None: ...


def _new_events(payloads: Sequence[dict[str, Any]]) -> list[NewEvent]:
    return [
        NewEvent(type=EVENT_TYPE, tenant_id=TENANT, data=p, metadata=METADATA) for p in payloads
    ]


def _stored_events(append: Append) -> list[StoredEvent]:
    return [
        StoredEvent(
            originator_id=append.stream_id,
            originator_version=append.version + i,
            topic=EVENT_TYPE,
            state=_dumps({"data": p, "metadata": METADATA}).encode(),
        )
        for i, p in enumerate(append.payloads, start=1)
    ]


def _library_read(select: Callable[[int], Sequence[Any]]) -> Iterator[dict[str, Any]]:
    loads = json.loads
    after = 0
    while True:
        page = select(after)
        for notification in page:
            yield loads(notification.state)
        if len(page) < READ_PAGE:
            return
        after = page[-1].id


# ---------------------------------------------------------------- PostgreSQL
class PostgresContender(Contender):
    """A contender with its own database on the shared server."""

    def __init__(self, server: PgServer, database: str) -> None:
        server.create_database(database)
        self.server = server
        self.database = database

    def settle(self) -> None:
        self.server.execute("CHECKPOINT")

    def tidy(self) -> None:
        # Otherwise autovacuum would process the freshly loaded table during a later run.
        self.server.execute("VACUUM (ANALYZE)", self.database)
        self.settle()


class OursPostgres(PostgresContender):
    role = OURS

    def __init__(self, server: PgServer, database: str) -> None:
        super().__init__(server, database)
        self.engine = create_workspace_engine(server.url(database))
        upgrade(self.engine)
        self.store = PostgresEventStore(self.engine)

    def label(self, workload: str) -> str:
        return "ours (PostgresEventStore)"

    def append(self, plan: Sequence[Append]) -> None:
        store = self.store
        for a in plan:
            store.append(a.stream_id, _new_events(a.payloads), a.version)

    def read(self) -> Iterator[Any]:
        return self.store.read_all()

    def count(self) -> int:
        return self.store.count()

    def close(self) -> None:
        self.engine.dispose()


class LibraryPostgres(PostgresContender):
    role = LIBRARY

    def __init__(self, server: PgServer, database: str) -> None:
        super().__init__(server, database)
        self.datastore = PostgresDatastore(
            dbname=database,
            host="127.0.0.1",
            port=server.port,
            user=_conninfo_value(server.admin_conninfo, "user"),
            password=_conninfo_value(server.admin_conninfo, "password"),
            originator_id_type="text",
        )
        self.recorder = PostgresApplicationRecorder(self.datastore)
        self.recorder.create_table()

    def label(self, workload: str) -> str:
        return f"eventsourcing {package_version('eventsourcing')}"

    def settings(self) -> str:
        functions = "on" if self.datastore.enable_db_functions else "off"
        return f"library defaults (text originator ids, enable_db_functions={functions})"

    def append(self, plan: Sequence[Append]) -> None:
        insert = self.recorder.insert_events
        for a in plan:
            insert(_stored_events(a))

    def read(self) -> Iterator[Any]:
        select = self.recorder.select_notifications
        return _library_read(lambda after: select(after, READ_PAGE, inclusive_of_start=False))

    def count(self) -> int:
        with self.datastore.get_connection() as conn, conn.cursor() as cursor:
            cursor.execute("SELECT count(*) AS n FROM stored_events")
            row = cursor.fetchone()
            assert row is not None
            return int(row["n"])

    def close(self) -> None:
        self.datastore.close()


RAW_PG_SCHEMA = """
CREATE TABLE events (
    position bigint GENERATED BY DEFAULT AS IDENTITY,
    stream_id varchar(200) NOT NULL,
    version integer NOT NULL,
    tenant_id varchar(200) NOT NULL,
    type varchar(200) NOT NULL,
    schema_version integer NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_events PRIMARY KEY (stream_id, version),
    CONSTRAINT uq_events_position UNIQUE (position)
);
CREATE INDEX ix_events_tenant_position ON events (tenant_id, position);
CREATE INDEX ix_events_type ON events (type);
"""


class RawPostgres(PostgresContender):
    """psycopg 3 on a plain table with the same columns and indexes as ours."""

    role = RAW

    def __init__(self, server: PgServer, database: str) -> None:
        super().__init__(server, database)
        conninfo = server.admin_conninfo.replace("dbname=postgres", f"dbname={database}")
        self.conn = psycopg.connect(conninfo, autocommit=True)
        self.conn.execute(RAW_PG_SCHEMA)

    def label(self, workload: str) -> str:
        return "raw psycopg named cursor" if workload == READ else "raw psycopg executemany"

    @staticmethod
    def _rows(a: Append) -> list[tuple[Any, ...]]:
        meta = Jsonb(METADATA)
        return [
            (a.stream_id, a.version + i, TENANT, EVENT_TYPE, 1, Jsonb(p), meta)
            for i, p in enumerate(a.payloads, start=1)
        ]

    def append(self, plan: Sequence[Append]) -> None:
        sql = f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s)"
        conn = self.conn
        with conn.cursor() as cursor:
            for a in plan:
                rows = self._rows(a)
                if len(rows) == 1:  # autocommit: the statement is its own transaction
                    cursor.executemany(sql, rows)
                else:
                    with conn.pipeline(), conn.transaction():
                        cursor.executemany(sql, rows)

    def preload(self, plan: Sequence[Append]) -> None:
        self._copy(plan)

    def _copy(self, plan: Sequence[Append]) -> None:
        conn = self.conn
        with conn.cursor() as cursor:
            for a in plan:
                with (
                    conn.transaction(),
                    cursor.copy(f"COPY events ({EVENT_COLUMNS}) FROM STDIN") as copy,
                ):
                    for row in self._rows(a):
                        copy.write_row(row)

    def read(self) -> Iterator[Any]:
        conn = self.conn
        with conn.transaction(), conn.cursor(name="raw_read_all") as cursor:
            cursor.itersize = READ_PAGE
            cursor.execute(f"SELECT {READ_COLUMNS} FROM events ORDER BY position")
            while chunk := cursor.fetchmany(READ_PAGE):
                yield from chunk

    def count(self) -> int:
        row = self.conn.execute("SELECT count(*) FROM events").fetchone()
        assert row is not None
        return int(row[0])

    def close(self) -> None:
        self.conn.close()


class RawPostgresCopy(RawPostgres):
    """The same table, filled with ``COPY`` (batch appends only)."""

    role = RAW_COPY
    workloads = frozenset({BATCH})

    def label(self, workload: str) -> str:
        return "raw psycopg COPY"

    def append(self, plan: Sequence[Append]) -> None:
        self._copy(plan)


def _conninfo_value(conninfo: str, key: str) -> str:
    for part in conninfo.split():
        name, _, value = part.partition("=")
        if name == key:
            return value
    raise KeyError(key)


# -------------------------------------------------------------------- SQLite
def _checkpoint_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _pragmas(conn: sqlite3.Connection) -> str:
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    sync = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[
        conn.execute("PRAGMA synchronous").fetchone()[0]
    ]
    return f"journal_mode={mode}, synchronous={sync}"


class OursSqlite(Contender):
    role = OURS

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = create_workspace_engine(f"sqlite:///{path}")
        upgrade(self.engine)
        self.store = SqliteEventStore(self.engine)

    def label(self, workload: str) -> str:
        return "ours (SqliteEventStore)"

    def settings(self) -> str:
        with self.engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            return _pragmas(driver)

    def append(self, plan: Sequence[Append]) -> None:
        store = self.store
        for a in plan:
            store.append(a.stream_id, _new_events(a.payloads), a.version)

    def read(self) -> Iterator[Any]:
        return self.store.read_all()

    def count(self) -> int:
        return self.store.count()

    def settle(self) -> None:
        _checkpoint_sqlite(self.path)

    def tidy(self) -> None:
        self.settle()

    def close(self) -> None:
        self.engine.dispose()


class LibrarySqlite(Contender):
    role = LIBRARY

    def __init__(self, path: Path) -> None:
        self.path = path
        self.datastore = SQLiteDatastore(db_name=str(path), originator_id_type="text")
        self.recorder = SQLiteApplicationRecorder(self.datastore)
        self.recorder.create_table()

    def label(self, workload: str) -> str:
        return f"eventsourcing {package_version('eventsourcing')}"

    def settings(self) -> str:
        with self.datastore.get_connection(commit=False) as conn:
            return f"library defaults: {_pragmas(conn._sqlite_conn)}"

    def append(self, plan: Sequence[Append]) -> None:
        insert = self.recorder.insert_events
        for a in plan:
            insert(_stored_events(a))

    def read(self) -> Iterator[Any]:
        select = self.recorder.select_notifications
        return _library_read(lambda after: select(after, READ_PAGE, inclusive_of_start=False))

    def count(self) -> int:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute("SELECT count(*) FROM stored_events")
            return int(cursor.fetchone()[0])

    def settle(self) -> None:
        _checkpoint_sqlite(self.path)

    def tidy(self) -> None:
        self.settle()

    def close(self) -> None:
        self.datastore.close()


RAW_SQLITE_SCHEMA = """
CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    stream_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    tenant_id TEXT NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (stream_id, version)
);
CREATE INDEX ix_events_tenant_position ON events (tenant_id, position);
CREATE INDEX ix_events_type ON events (type);
"""


class RawSqlite(Contender):
    """sqlite3 on a plain table with the same columns; WAL and ``synchronous=FULL``."""

    role = RAW

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.executescript(RAW_SQLITE_SCHEMA)

    def label(self, workload: str) -> str:
        return "raw sqlite3 cursor" if workload == READ else "raw sqlite3 executemany"

    def settings(self) -> str:
        return _pragmas(self.conn)

    def append(self, plan: Sequence[Append]) -> None:
        sql = f"INSERT INTO events ({EVENT_COLUMNS}, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        cursor = self.conn.cursor()
        meta = _dumps(METADATA)
        for a in plan:
            stamp = datetime.now(UTC).isoformat()
            rows = [
                (a.stream_id, a.version + i, TENANT, EVENT_TYPE, 1, _dumps(p), meta, stamp)
                for i, p in enumerate(a.payloads, start=1)
            ]
            cursor.execute("BEGIN IMMEDIATE")
            try:
                cursor.executemany(sql, rows)
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")
        cursor.close()

    def read(self) -> Iterator[Any]:
        loads = json.loads
        parse = datetime.fromisoformat
        cursor = self.conn.cursor()
        try:
            cursor.execute(f"SELECT {READ_COLUMNS} FROM events ORDER BY position")
            while chunk := cursor.fetchmany(READ_PAGE):
                for p, s, v, t, ty, sv, d, m, r in chunk:
                    yield (p, s, v, t, ty, sv, loads(d), loads(m), parse(r))
        finally:
            cursor.close()

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM events").fetchone()[0])

    def settle(self) -> None:
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def tidy(self) -> None:
        self.settle()

    def close(self) -> None:
        self.conn.close()


# ==================================================================== running
@dataclass
class Measurement:
    backend: str
    workload: str
    role: str
    contender: str
    events: int
    runs: list[float] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def events_per_s(self) -> float:
        return self.events / self.best


@dataclass
class BackendReport:
    name: str
    description: str
    settings: dict[str, str]
    measurements: list[Measurement]

    def rate(self, workload: str, role: str) -> float | None:
        for m in self.measurements:
            if m.workload == workload and m.role == role:
                return m.events_per_s
        return None

    def ratio(self, workload: str, baseline: str) -> float | None:
        ours = self.rate(workload, OURS)
        other = self.rate(workload, baseline)
        if ours is None or other is None:
            return None
        return ours / other

    def raw_ratio(self, workload: str, baseline: str) -> float | None:
        """The fastest raw driver contender against ``baseline``: what any store could reach."""
        other = self.rate(workload, baseline)
        raws = [r for role in (RAW, RAW_COPY) if (r := self.rate(workload, role)) is not None]
        if other is None or not raws:
            return None
        return max(raws) / other


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _timed(fn: Callable[[], int]) -> tuple[float, int]:
    gc.collect()
    start = time.perf_counter()
    events = fn()
    return time.perf_counter() - start, events


def _drain(events: Iterator[Any]) -> int:
    n = 0
    for _event in events:
        n += 1
    return n


def _appended(contender: Contender, plan: Sequence[Append]) -> Callable[[], int]:
    def run() -> int:
        contender.append(plan)
        return sum(len(a.payloads) for a in plan)

    return run


def run_backend(
    backend: str, contenders: Sequence[Contender], sizes: Sizes, payloads: Sequence[dict[str, Any]]
) -> list[Measurement]:
    readers = [c for c in contenders if READ in c.workloads]
    progress(f"[{backend}] pre-loading {sizes.read_events:,} events per contender")
    preload = preload_plan(sizes.read_events, payloads)
    for c in readers:
        c.preload(preload)
    for c in contenders:
        c.tidy()

    measurements: list[Measurement] = []
    expected = {c: (sizes.read_events if READ in c.workloads else 0) for c in contenders}
    # Reads run first, while each store holds exactly the pre-loaded events.
    for workload in (READ, SINGLE, BATCH):
        taking_part = [c for c in contenders if workload in c.workloads]

        def job(c: Contender, tag: str, workload: str = workload) -> Callable[[], int]:
            if workload == READ:
                return lambda: _drain(c.read())
            if workload == SINGLE:
                count = sizes.warmup_single if tag == "warm" else sizes.single_appends
                return _appended(c, single_plan(tag, count, sizes.single_streams, payloads))
            count = sizes.warmup_batches if tag == "warm" else sizes.batches
            return _appended(c, batch_plan(tag, count, payloads))

        progress(f"[{backend}] {WORKLOAD_TITLES[workload]}: warming up")
        for c in taking_part:
            _, events = _timed(job(c, "warm"))
            if workload == READ and events != sizes.read_events:
                raise RuntimeError(
                    f"{c.label(READ)} read {events} events, expected {sizes.read_events}"
                )
            if workload != READ:
                expected[c] += events
        by_contender = {
            c: Measurement(backend, workload, c.role, c.label(workload), 0) for c in taking_part
        }
        for rep in range(sizes.repeats):
            # Rotate the order so no contender always runs right after another's writes.
            shift = rep % len(taking_part)
            for c in taking_part[shift:] + taking_part[:shift]:
                run = job(c, f"r{rep}")
                c.settle()
                seconds, events = _timed(run)
                m = by_contender[c]
                m.events = events
                m.runs.append(seconds)
                if workload != READ:
                    expected[c] += events
                progress(
                    f"[{backend}] {workload:6} run {rep + 1}/{sizes.repeats} "
                    f"{m.contender:30} {events / seconds:12,.0f} events/s"
                )
        measurements.extend(by_contender.values())

    for c in contenders:
        if c.count() != expected[c]:
            raise RuntimeError(
                f"{c.label(SINGLE)} holds {c.count()} events, expected {expected[c]}"
            )
    return sorted(measurements, key=lambda m: WORKLOAD_ORDER.index(m.workload))


def _settings(contenders: Sequence[Contender]) -> dict[str, str]:
    result: dict[str, str] = {}
    for c in contenders:
        if c.settings():
            result[c.label(SINGLE)] = c.settings()
    return result


def bench_postgres(sizes: Sizes, payloads: Sequence[dict[str, Any]]) -> BackendReport:
    progress("[postgresql] starting a throwaway server (fsync=on)")
    server = start_server(fsync=True)
    contenders: list[Contender] = []
    try:
        with psycopg.connect(server.admin_conninfo) as conn:
            row = conn.execute(
                "SELECT current_setting('server_version'), current_setting('fsync'), "
                "current_setting('synchronous_commit'), current_setting('shared_buffers')"
            ).fetchone()
        assert row is not None
        server_version, fsync, sync_commit, shared_buffers = row
        contenders = [
            OursPostgres(server, "bench_ours"),
            LibraryPostgres(server, "bench_eventsourcing"),
            RawPostgres(server, "bench_raw"),
            RawPostgresCopy(server, "bench_raw_copy"),
        ]
        measurements = run_backend("postgresql", contenders, sizes, payloads)
        description = (
            f"PostgreSQL {server_version} on 127.0.0.1 (fsync={fsync}, "
            f"synchronous_commit={sync_commit}, shared_buffers={shared_buffers}); "
            f"psycopg {psycopg.__version__}"
        )
        return BackendReport("postgresql", description, _settings(contenders), measurements)
    finally:
        for c in contenders:
            c.close()
        server.stop()


def bench_sqlite(sizes: Sizes, payloads: Sequence[dict[str, Any]]) -> BackendReport:
    directory = Path(tempfile.mkdtemp(prefix="webnova-bench-"))
    contenders: list[Contender] = []
    try:
        contenders = [
            OursSqlite(directory / "ours.sqlite3"),
            LibrarySqlite(directory / "eventsourcing.sqlite3"),
            RawSqlite(directory / "raw.sqlite3"),
        ]
        measurements = run_backend("sqlite", contenders, sizes, payloads)
        description = (
            f"SQLite {sqlite3.sqlite_version}, one file per contender in {directory.parent}"
        )
        return BackendReport("sqlite", description, _settings(contenders), measurements)
    finally:
        for c in contenders:
            c.close()
        shutil.rmtree(directory, ignore_errors=True)


# =================================================================== reporting
@dataclass(frozen=True)
class Machine:
    """Where the run happened: other load on the machine makes throughput noisy."""

    cpus: int
    load_before: float  # one-minute load average
    load_after: float
    wall_s: float

    @property
    def busy(self) -> bool:
        return max(self.load_before, self.load_after) >= max(self.cpus, 1)

    def describe(self) -> str:
        text = (
            f"{self.cpus} CPUs, load average {self.load_before:.2f} at start and "
            f"{self.load_after:.2f} at end, {self.wall_s:.0f} s in all"
        )
        if self.busy:
            text += " (other work was running: figures are noisy)"
        return text


def target_results(report: BackendReport) -> list[dict[str, Any]]:
    results = []
    for target in TARGETS:
        measured = report.ratio(target.workload, target.baseline)
        results.append(
            {
                "backend": report.name,
                "target": target.describe(),
                "workload": target.workload,
                "baseline": target.baseline,
                "threshold": target.threshold,
                "measured": measured,
                "pass": measured is not None and measured >= target.threshold,
                "raw_best": (
                    report.raw_ratio(target.workload, target.baseline)
                    if target.baseline != RAW
                    else None
                ),
            }
        )
    return results


def render(reports: Sequence[BackendReport], sizes: Sizes, machine: Machine) -> str:
    lines = [
        "Event store throughput "
        f"(best of {sizes.repeats}; {sizes.single_appends:,} single appends over "
        f"{sizes.single_streams} streams, {sizes.batches:,} batches of {BATCH_SIZE}, "
        f"{sizes.read_events:,} events read)",
        f"Machine: {machine.describe()}",
    ]
    header = f"{'workload':31} {'contender':30} {'events/s':>10} {'best s':>8} {'ours ÷ this':>11}"
    for report in reports:
        lines += ["", report.description]
        for label, value in report.settings.items():
            lines.append(f"  {label}: {value}")
        lines += ["", header, "-" * len(header)]
        for workload in WORKLOAD_ORDER:
            ours = report.rate(workload, OURS)
            first = True
            for m in report.measurements:
                if m.workload != workload:
                    continue
                ratio = f"{ours / m.events_per_s:10.2f}x" if ours else ""
                title = WORKLOAD_TITLES[workload] if first else ""
                lines.append(
                    f"{title:31} {m.contender:30} {m.events_per_s:10,.0f} {m.best:8.3f} {ratio:>11}"
                )
                first = False
    lines += ["", "Targets"]
    for report in reports:
        for result in target_results(report):
            measured = result["measured"]
            shown = "n/a" if measured is None else f"{measured:.2f}x"
            verdict = "PASS" if result["pass"] else "MISS"
            raw = result["raw_best"]
            context = "" if raw is None else f"  (fastest raw driver: {raw:.2f}x)"
            lines.append(
                f"  {report.name:10} {result['target']:58} measured {shown:>7}  {verdict}{context}"
            )
    return "\n".join(lines)


def as_json(reports: Sequence[BackendReport], sizes: Sizes, machine: Machine) -> str:
    document = {
        "sizes": asdict(sizes) | {"batch_size": BATCH_SIZE},
        "machine": asdict(machine),
        "backends": [
            {
                "name": r.name,
                "description": r.description,
                "settings": r.settings,
                "results": [
                    {
                        "workload": m.workload,
                        "role": m.role,
                        "contender": m.contender,
                        "events": m.events,
                        "runs_s": m.runs,
                        "best_s": m.best,
                        "events_per_s": m.events_per_s,
                        "ours_ratio": (
                            None
                            if (ours := r.rate(m.workload, OURS)) is None
                            else ours / m.events_per_s
                        ),
                    }
                    for m in r.measurements
                ],
                "targets": target_results(r),
            }
            for r in reports
        ],
    }
    return json.dumps(document, indent=2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.event_store",
        description="Event store throughput: ours vs the eventsourcing library vs raw drivers.",
    )
    parser.add_argument("--quick", action="store_true", help="smaller counts for a fast check")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--backend",
        choices=("all", "postgresql", "sqlite"),
        default="all",
        help="which database to benchmark (default: both)",
    )
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    payloads = [make_payload(i) for i in range(max(PRELOAD_CHUNK, 10 * BATCH_SIZE))]

    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    reports: list[BackendReport] = []
    if args.backend in ("all", "postgresql"):
        reports.append(bench_postgres(sizes, payloads))
    if args.backend in ("all", "sqlite"):
        reports.append(bench_sqlite(sizes, payloads))
    machine = Machine(
        cpus=os.cpu_count() or 0,
        load_before=load_before,
        load_after=os.getloadavg()[0],
        wall_s=time.perf_counter() - started,
    )
    progress(f"finished in {machine.wall_s:.0f} s")
    print(as_json(reports, sizes, machine) if args.json else render(reports, sizes, machine))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
