"""Tenant isolation in a generated platform's database: only shared tables are generated
(a schema or database per tenant is refused), every reference between tenant tables has a
composite tenant key, and on PostgreSQL the migrations turn on row-level security. A
platform generated before all this gets a migration that adds it, with its data kept."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

import app.domain.codegen.spec as spec_module
from app.domain.codegen.migrations import migration_body
from app.domain.codegen.schema import ROW_LEVEL_SECURITY, Schema
from app.domain.codegen.spec import CodegenError, build_spec
from app.services.codegen import CodegenService
from tests.codegen.conftest import blueprint_of, template_document
from tests.support.pgserver import PgServer


@pytest.mark.parametrize("model", ["schema_per_tenant", "database_per_tenant"])
def test_a_schema_or_database_per_tenant_is_refused_naming_the_path(model: str) -> None:
    document = template_document("healthcare")
    document["tenancy"] = model
    with pytest.raises(CodegenError) as refused:
        build_spec(blueprint_of(document))
    assert refused.value.message_en.startswith(f"/tenancy: {model} is not generated")
    assert "row-level security" in refused.value.message_en and "shared_schema" in refused.value.message_en
    assert refused.value.message_ar.startswith(f"/tenancy: النموذج {model}")


@pytest.mark.parametrize("model", ["shared_schema", "single_tenant"])
def test_shared_tables_are_generated(model: str) -> None:
    document = template_document("healthcare")
    document["tenancy"] = model
    assert build_spec(blueprint_of(document)).schema.isolation == ROW_LEVEL_SECURITY


def test_every_reference_between_tenant_tables_stays_in_its_tenant() -> None:
    schema = build_spec(blueprint_of(template_document("healthcare"))).schema
    references = {(t.name, c.name, (c.foreign_key or "").split(".")[0])
                  for t in schema.tables.values() for c in t.columns if c.foreign_key}
    keys = {(t.name, k.column, k.target) for t in schema.tables.values() for k in t.tenant_keys}
    assert ("auth_refresh_tokens", "user_id", "platform_users") in keys
    assert ("invoice", "patient_id", "patient") in keys
    assert keys == references
    for _table, _column, target in keys:
        assert ("tenant_id", "id") in [i.columns for i in schema.tables[target].indexes if i.unique], target


def test_isolation_begins_after_every_other_change_and_ends_before_any() -> None:
    new = build_spec(blueprint_of(template_document("healthcare"))).schema
    old = Schema({name: table.__class__(table.name, table.columns, tuple(
        i for i in table.indexes if i.columns != ("tenant_id", "id")), table.checks)
        for name, table in new.tables.items()})
    up = migration_body(old, new)
    code = up.code()
    assert up.uses_isolation
    # keys come after the unique indexes they point at, and isolation after both
    assert code.index('op.create_index("uq_patient_tenant_id_id"') < code.index(
        'batch.create_foreign_key("fk_invoice_patient_id_tenant", "patient", ["tenant_id", "patient_id"]')
    block = code.index("    if _on_postgresql():\n        _roles()")
    assert code.index("fk_invoice_patient_id_tenant") < block
    assert '_isolate("invoice")' in code[block:] and '_grant("auth_login_failures")' in code[block:]
    assert '_isolate("auth_login_failures")' not in code  # no tenant_id: nothing to isolate by
    assert "_credential_functions()" in code[block:]
    down = migration_body(new, old).code()
    assert down.startswith("    if _on_postgresql():\n        _drop_credential_functions()")
    assert '_release("invoice", isolated=True)' in down
    assert down.index('batch.drop_constraint("fk_invoice_patient_id_tenant"') < down.index(
        'op.drop_index("uq_patient_tenant_id_id"')
    assert migration_body(new, new).empty


def _generate_before_isolation(codegen: CodegenService, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Version 1 as the generator made it before tenant keys and row-level security."""
    with monkeypatch.context() as patched:
        patched.setattr(spec_module, "with_tenant_keys", lambda tables, _targets: tables)
        patched.setattr(spec_module, "ROW_LEVEL_SECURITY", "")
        codegen.generate_now(blueprint_of(template_document("healthcare")), root, version=1)
    first = (root / "migrations/versions/0001_initial.py").read_text()
    assert "ForeignKeyConstraint" not in first and "ROW LEVEL SECURITY" not in first


def _platform(root: Path, url: str, *args: str, expect: int = 0, **env: str) -> str:
    done = subprocess.run([sys.executable, *args], cwd=root, capture_output=True, text=True, timeout=300,
                          env={"DATABASE_URL": url, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(root),
                               "JWT_SECRET": "x" * 48, "PLATFORM_USER_PASSWORD": "pw", **env})
    assert done.returncode == expect, done.stderr
    return done.stdout + done.stderr


def _user(root: Path, url: str, tenant: str) -> str:
    out = _platform(root, url, "-m", "clinic_api.manage", "create-user", "--tenant", tenant,
                    "--email", f"admin@{tenant}.example", "--role", "admin")
    return str(out.split('"id": "')[1].split('"')[0])


def _upgrade_to_isolation(codegen: CodegenService, root: Path) -> None:
    result = codegen.generate_now(blueprint_of(template_document("healthcare")), root, version=2)
    [migration] = [c.path for c in result.touched if c.path.startswith("migrations/versions/0002")]
    text = (root / migration).read_text()
    assert 'batch.create_foreign_key("fk_auth_refresh_tokens_user_id_tenant"' in text
    assert '_isolate("platform_users")' in text


def test_a_platform_generated_before_gets_its_tenant_keys_with_its_data_kept(
        codegen: CodegenService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "clinic"
    database = tmp_path / "platform.sqlite3"
    url = f"sqlite:///{database}"
    _generate_before_isolation(codegen, root, monkeypatch)
    _platform(root, url, "-m", "alembic", "upgrade", "head")
    users = {tenant: _user(root, url, tenant) for tenant in ("t1", "t2")}

    _upgrade_to_isolation(codegen, root)
    _platform(root, url, "-m", "alembic", "upgrade", "head")
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA foreign_keys=ON")
        assert connection.execute("SELECT count(*) FROM platform_users").fetchone() == (2,)
        insert = ("INSERT INTO auth_refresh_tokens (id, tenant_id, user_id, family_id, token_hash, issued_at, "
                  "expires_at) VALUES (?, ?, ?, 'f', 'h', '2026-01-01', '2026-01-02')")
        connection.execute(insert, (str(uuid.uuid4()), "t1", users["t1"]))
        connection.commit()
        connection.execute(insert, (str(uuid.uuid4()), "t2", users["t1"]))
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            connection.commit()
        connection.rollback()
    _platform(root, url, "-m", "alembic", "downgrade", "0001")  # and back again
    _platform(root, url, "-m", "alembic", "upgrade", "head")


def test_a_platform_generated_before_gets_row_level_security_on_postgresql(
        codegen: CodegenService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        pg_server: PgServer, pg_database: str) -> None:
    root = tmp_path / "clinic"
    # The database's owner, allowed to create roles (the generated README's first step).
    owner = f"owner_{uuid.uuid4().hex[:8]}"
    pg_server.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD 'owner-pw'")
    pg_server.execute(f'ALTER DATABASE "{pg_database}" OWNER TO {owner}')
    pg_server.execute(f"GRANT CREATE ON SCHEMA public TO {owner}", database=pg_database)
    url = pg_server.url(pg_database, owner, "owner-pw")
    _generate_before_isolation(codegen, root, monkeypatch)
    _platform(root, url, "-m", "alembic", "upgrade", "head")
    users = {tenant: _user(root, url, tenant) for tenant in ("t1", "t2")}

    _upgrade_to_isolation(codegen, root)
    # As compose runs it: the owner migrates and makes the API's own login role.
    refused = _platform(root, url, "-m", "clinic_api.manage", "migrate", expect=2, MIGRATION_DATABASE_URL=url)
    assert "DATABASE_URL must name a login role of its own" in refused and "owner-pw" not in refused
    login = f"api_{uuid.uuid4().hex[:8]}"
    api_url = pg_server.url(pg_database, login, "api-pw")
    _platform(root, api_url, "-m", "clinic_api.manage", "migrate", MIGRATION_DATABASE_URL=url)
    conninfo = f"host=127.0.0.1 port={pg_server.port} dbname={pg_database} user={login} password=api-pw"
    with psycopg.connect(conninfo) as connection:
        assert connection.execute("SELECT count(*) FROM platform_users").fetchone() == (0,)
        connection.execute("SELECT set_config('clinic_api.tenant_id', 't2', false)")
        assert connection.execute("SELECT id FROM platform_users").fetchall() == [(users["t2"],)]
        connection.execute("SELECT set_config('clinic_api.tenant_id', 't1', false)")
        assert connection.execute("SELECT id FROM platform_users").fetchall() == [(users["t1"],)]
    with psycopg.connect(conninfo) as connection:
        connection.execute("SELECT set_config('clinic_api.tenant_id', 't2', false)")
        insert = ("INSERT INTO auth_refresh_tokens (id, tenant_id, user_id, family_id, token_hash, issued_at, "
                  "expires_at) VALUES (%s, 't2', %s, 'f', 'h', now(), now())")
        connection.execute(insert, (str(uuid.uuid4()), users["t1"]))  # t1's user, seen by no one here
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            connection.commit()
    _platform(root, url, "-m", "alembic", "downgrade", "0001")
    # no isolation left, and no grants either
    with psycopg.connect(conninfo) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute("SELECT count(*) FROM platform_users")
    pg_server.execute(f"DROP ROLE {login}")


def test_a_key_to_its_own_table_comes_after_the_index_it_points_at() -> None:
    document = template_document("enterprise")
    schema = build_spec(blueprint_of(document)).schema
    [(table, key)] = [(t, k) for t in schema.tables.values() for k in t.tenant_keys if k.target == t.name]
    code = migration_body(Schema(), schema).code()
    created = code.index(f'op.create_table(\n        "{table.name}"')
    index = code.index(f'op.create_index("uq_{table.name}_tenant_id_id"')
    assert created < index < code.index(f'batch.create_foreign_key("{key.name}", "{table.name}"')
    assert key.name not in code[created:index]  # not inside the CREATE TABLE
