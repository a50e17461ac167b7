"""The event-store contract on a real PostgreSQL server, plus row-level security."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import psycopg
import pytest

from app.domain.errors import TenantNotPermittedError
from app.domain.events import NewEvent
from app.store.engine import create_workspace_engine
from app.store.event_store import PostgresEventStore
from app.store.migrations import upgrade
from tests.store.contract import EventStoreContract
from tests.store.killing import PER_STREAM, STREAMS, kill_midway
from tests.support.pgserver import PgServer


@pytest.fixture
def store(pg_url: str) -> Iterator[PostgresEventStore]:
    engine = create_workspace_engine(pg_url)
    upgrade(engine)
    try:
        yield PostgresEventStore(engine)
    finally:
        engine.dispose()


@pytest.fixture
def impatient_store(store: PostgresEventStore) -> PostgresEventStore:
    return PostgresEventStore(store.engine, lock_timeout=0.5)


@pytest.fixture
def hold_writer(pg_server: PgServer, pg_database: str) -> Callable[[], AbstractContextManager[None]]:
    conninfo = pg_server.admin_conninfo.replace("dbname=postgres", f"dbname={pg_database}")

    @contextmanager
    def holding() -> Iterator[None]:
        with psycopg.connect(conninfo) as other:  # a transaction, left open
            other.execute("SELECT position FROM event_position WHERE id = 1 FOR UPDATE")
            yield
            other.rollback()

    return holding


class TestPostgresEventStore(EventStoreContract):
    pass


def test_writer_sessions_bound_their_waits(store: PostgresEventStore) -> None:
    store.append("s", [NewEvent("T", "t1")], 0)
    with store._writer.use() as connection:
        lock = connection.execute("SHOW lock_timeout").fetchone()
        idle = connection.execute("SHOW idle_in_transaction_session_timeout").fetchone()
    assert lock == ("5s",)
    assert idle == ("1min",)


def test_sigkill_in_the_middle_of_a_batch_leaves_all_or_nothing(
    pg_server: PgServer, pg_database: str, pg_url: str
) -> None:
    engine = create_workspace_engine(pg_url)
    upgrade(engine)
    engine.dispose()
    conninfo = pg_server.admin_conninfo.replace("dbname=postgres", f"dbname={pg_database}")

    def writing() -> bool:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                "AND query LIKE '%%webnova_append%%' AND xact_start IS NOT NULL "
                "AND pid <> pg_backend_pid()",
                (pg_database,),
            ).fetchone()
        return bool(row and row[0])

    outcome = kill_midway(pg_url, writing)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        # The server ends the dead client's backend and rolls its transaction back.
        for _ in range(200):
            left = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (pg_database,),
            ).fetchone()
            if left and left[0] == 0:
                break
            conn.execute("SELECT pg_sleep(0.05)")
        count = conn.execute("SELECT count(*) FROM events").fetchone()
        assert count is not None
        assert count[0] in (0, STREAMS * PER_STREAM)
        assert outcome == "killed"  # it died inside the transaction
        assert count[0] == 0
        counter = conn.execute("SELECT position FROM event_position").fetchone()
        assert counter == (count[0],)


# ---------------------------------------------------------------- tenant isolation
@pytest.fixture
def tenant_login(pg_server: PgServer, pg_database: str, pg_url: str) -> Iterator[str]:
    """A login role that is a member of the application role; its name."""
    engine = create_workspace_engine(pg_url)
    upgrade(engine)
    engine.dispose()
    role = f"console_{uuid.uuid4().hex[:8]}"
    pg_server.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'app-pass' IN ROLE webnova_app")
    try:
        yield role
    finally:
        pg_server.execute(f"DROP OWNED BY {role}", database=pg_database)
        pg_server.execute(f"DROP ROLE {role}")


def app_conn(pg_server: PgServer, database: str, role: str, tenant: str) -> psycopg.Connection:
    conn = psycopg.connect(
        f"host=127.0.0.1 port={pg_server.port} dbname={database} user={role} password=app-pass",
        autocommit=True,
    )
    conn.execute("SELECT set_config('webnova.tenant_id', %s, false)", (tenant,))
    return conn


def test_application_role_sees_only_its_tenant_even_with_raw_sql(
    pg_server: PgServer, pg_database: str, pg_url: str, tenant_login: str
) -> None:
    owner_engine = create_workspace_engine(pg_url)
    owner = PostgresEventStore(owner_engine)
    owner.append("a-1", [NewEvent("T", "tenant-a", {"secret": "a"})] * 3, 0)
    owner.append("b-1", [NewEvent("T", "tenant-b", {"secret": "b"})] * 2, 0)
    owner_engine.dispose()

    with app_conn(pg_server, pg_database, tenant_login, "tenant-a") as conn:
        assert conn.execute("SELECT current_user").fetchone() == (tenant_login,)
        rows = conn.execute("SELECT tenant_id FROM events").fetchall()
        assert rows == [("tenant-a",)] * 3
        b_rows = conn.execute("SELECT * FROM events WHERE tenant_id = 'tenant-b'").fetchall()
        assert b_rows == []
        # No tenant set: nothing at all.
        conn.execute("RESET webnova.tenant_id")
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (0,)
        # Not the owner: cannot switch row-level security off or rewrite history.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER TABLE events DISABLE ROW LEVEL SECURITY")
        conn.execute("SELECT set_config('webnova.tenant_id', 'tenant-a', false)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE events SET data = '{}'::jsonb")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM events")


def test_store_as_application_role_is_confined_to_its_tenant(
    pg_server: PgServer, pg_database: str, pg_url: str, tenant_login: str
) -> None:
    owner_engine = create_workspace_engine(pg_url)
    PostgresEventStore(owner_engine).append("b-1", [NewEvent("T", "tenant-b", {})], 0)
    owner_engine.dispose()
    url = pg_server.url(pg_database, user=tenant_login, password="app-pass")
    engine = create_workspace_engine(url, tenant_id="tenant-a")
    try:
        store = PostgresEventStore(engine)
        recorded = store.append("a-1", [NewEvent("T", "tenant-a", {})], 0)
        assert recorded[0].position == 2
        assert [e.tenant_id for e in store.read_all()] == ["tenant-a"]
        assert store.count() == 1
        with pytest.raises(TenantNotPermittedError, match="tenant-b"):
            store.append("b-2", [NewEvent("T", "tenant-b", {})], 0)
        assert store.count() == 1
        sub = store.subscribe(after=0)
        try:
            assert [e.stream_id for e in sub.poll(1)] == ["a-1"]
        finally:
            sub.close()
    finally:
        engine.dispose()
