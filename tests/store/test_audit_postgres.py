"""The audit-log contract on a real PostgreSQL server, plus what PostgreSQL enforces: the
append-only triggers (even for the owner), the application role's INSERT and SELECT only,
and row-level security."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, text

from app.domain.errors import TenantNotPermittedError
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from app.integrations.signing import OwnerSigningKey
from app.store.audit_log import SqlAuditLog
from app.store.engine import create_workspace_engine
from app.store.migrations import upgrade
from tests.store.audit_inspect_contract import AuditInspectContract
from tests.store.test_audit_contract import TENANT, AuditLogContract, Tamper, rec
from tests.support.pgserver import PgServer

pytestmark = pytest.mark.postgres
APPEND_ONLY = "audit log is append-only"


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    engine = create_workspace_engine(pg_url)
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def tamper(engine: Engine) -> Tamper:
    """A superuser can switch the triggers off, rewrite rows and switch them on again."""

    def run(*steps: Any) -> None:
        with engine.begin() as conn:
            for table in ("audit_log", "signing_keys"):
                conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
            for sql, params in zip(steps[::2], steps[1::2], strict=True):
                conn.execute(text(sql), params)
            for table in ("audit_log", "signing_keys"):
                conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))

    return run


class TestPostgresAuditLog(AuditLogContract):
    pass


class TestPostgresAuditInspect(AuditInspectContract):
    pass


def superuser(pg_server: PgServer, database: str) -> psycopg.Connection[Any]:
    conninfo = pg_server.admin_conninfo.replace("dbname=postgres", f"dbname={database}")
    return psycopg.connect(conninfo, autocommit=True)


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1",
    "DELETE FROM audit_log WHERE seq = 1",
    "TRUNCATE audit_log",
    "UPDATE signing_keys SET owner = 'mallory'",
    "DELETE FROM signing_keys",
    "TRUNCATE signing_keys",
])
def test_triggers_refuse_rewriting_even_for_a_superuser(
    engine: Engine, pg_server: PgServer, pg_database: str, statement: str
) -> None:
    log = SqlAuditLog(engine, TENANT)
    OwnerSigningKey(KeyringSecretStore(MemoryKeyring()), log, "w", TENANT, "root").key_id  # noqa: B018
    log.append(rec(1))
    with superuser(pg_server, pg_database) as conn:
        assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone() == (True,)
        with pytest.raises(psycopg.errors.RestrictViolation, match=APPEND_ONLY) as info:
            conn.execute(statement)
        assert info.value.sqlstate == "23001"
        table = "signing_keys" if "signing_keys" in statement else "audit_log"
        assert f"on {table} refused" in str(info.value)
    assert log.verify().ok
    assert log.entries().total == 1


@pytest.fixture
def app_login(pg_server: PgServer, pg_database: str, engine: Engine) -> Iterator[str]:
    """A login role that is a member of the application role; its name."""
    role = f"console_{uuid.uuid4().hex[:8]}"
    pg_server.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'app-pass' IN ROLE webnova_app")
    try:
        yield role
    finally:
        pg_server.execute(f"DROP OWNED BY {role}", database=pg_database)
        pg_server.execute(f"DROP ROLE {role}")


def app_conn(pg_server: PgServer, database: str, role: str, tenant: str) -> psycopg.Connection[Any]:
    conn = psycopg.connect(
        f"host=127.0.0.1 port={pg_server.port} dbname={database} user={role} password=app-pass",
        autocommit=True,
    )
    conn.execute("SELECT set_config('webnova.tenant_id', %s, false)", (tenant,))
    return conn


def test_application_role_may_insert_and_select_only_its_tenant(
    engine: Engine, pg_server: PgServer, pg_database: str, app_login: str
) -> None:
    SqlAuditLog(engine, "globex").append(rec(1, tenant="globex"))
    url = pg_server.url(pg_database, user=app_login, password="app-pass")
    app_engine = create_workspace_engine(url, tenant_id=TENANT)
    try:
        log = SqlAuditLog(app_engine, TENANT)
        key = OwnerSigningKey(KeyringSecretStore(MemoryKeyring()), log, "w", TENANT, "root")
        log.append(rec(1))
        log.append(key.sign_record(rec(2, action="approval.approve", outcome="approve")))
        result = log.verify()
        assert (result.ok, result.checked) == (True, 2)
        assert log.public_keys() == {key.key_id: key.public_key}
        # The session's tenant decides what it may write, whatever the log object says.
        with pytest.raises(TenantNotPermittedError, match="globex"):
            SqlAuditLog(app_engine, "globex").append(rec(2, tenant="globex"))
    finally:
        app_engine.dispose()

    with app_conn(pg_server, pg_database, app_login, TENANT) as conn:
        assert conn.execute("SELECT DISTINCT tenant_id FROM audit_log").fetchall() == [(TENANT,)]
        assert conn.execute("SELECT count(*) FROM audit_log WHERE tenant_id = 'globex'").fetchone() == (0,)
        for statement in ("UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log",
                          "TRUNCATE audit_log", "UPDATE signing_keys SET owner = 'mallory'",
                          "DELETE FROM signing_keys", "ALTER TABLE audit_log DISABLE TRIGGER USER",
                          "ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        conn.execute("RESET webnova.tenant_id")
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (0,)
    with superuser(pg_server, pg_database) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (3,)
        grants = conn.execute(
            "SELECT table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) "
            "FROM information_schema.role_table_grants WHERE grantee = 'webnova_app' "
            "AND table_name IN ('audit_log', 'signing_keys') GROUP BY table_name ORDER BY 1"
        ).fetchall()
        assert grants == [("audit_log", "INSERT,SELECT"), ("signing_keys", "INSERT,SELECT")]
        owners = conn.execute(
            "SELECT relname, pg_get_userbyid(relowner), relrowsecurity FROM pg_class "
            "WHERE relname IN ('audit_log', 'signing_keys') ORDER BY 1").fetchall()
        assert owners == [("audit_log", "webnova_owner", True), ("signing_keys", "webnova_owner", True)]


def test_appends_from_two_engines_share_one_chain(engine: Engine, pg_url: str) -> None:
    other = create_workspace_engine(pg_url)
    try:
        a, b = SqlAuditLog(engine, TENANT), SqlAuditLog(other, TENANT)
        for i in range(10):
            (a if i % 2 else b).append(rec(i))
        assert [r[0] for r in a.iter_rows()] == list(range(1, 11))
        assert b.verify().ok
    finally:
        other.dispose()
