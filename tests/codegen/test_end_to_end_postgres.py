"""A generated platform's own tests on PostgreSQL: the healthcare template (references,
encrypted fields, retention) installed from its lock into a bare virtual environment, its
suite run against a throwaway database as the generated README says — the database's
owner (allowed to create roles) migrates it, the application connects as a login role in
the platform's application role — so row-level security and the tenant keys are tested
on the database that enforces them, and none of the PostgreSQL checks is skipped."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from app.domain.codegen.spec import build_spec
from app.services.codegen import CodegenService
from tests.codegen.conftest import blueprint_of, template_document
from tests.codegen.test_end_to_end import fresh_environment, install_from_lock, run
from tests.support.pgserver import PgServer

TEMPLATE = "healthcare"
POSTGRESQL_CHECKS = (
    "test_the_application_role_is_held_by_row_level_security",
    "test_raw_sql_as_the_application_role_sees_only_its_tenants_rows",
    "test_the_application_role_cannot_write_another_tenants_rows",
    "test_the_postgresql_migrations_build_the_models_schema",
    "test_a_sign_in_token_cannot_belong_to_another_tenants_user",
)


def test_generated_tests_pass_on_postgresql_with_row_level_security(
        codegen: CodegenService, tmp_path: Path, locked_wheels: Path, pg_server: PgServer) -> None:
    blueprint = blueprint_of(template_document(TEMPLATE))
    spec = build_spec(blueprint)
    root = tmp_path / TEMPLATE
    codegen.generate_now(blueprint, root, version=1)
    python = fresh_environment(tmp_path / "venv")
    install_from_lock(python, root, locked_wheels)

    owner, database = f"owner_{uuid.uuid4().hex[:8]}", f"platform_{uuid.uuid4().hex[:8]}"
    pg_server.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD 'owner-password'")
    pg_server.execute(f'CREATE DATABASE "{database}" OWNER {owner}')
    try:
        env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
               "TEST_DATABASE_URL": pg_server.url(database, owner, "owner-password")}
        env.pop("DATABASE_URL", None)
        tests = run([str(python), "-P", "-m", "pytest", "-p", "no:cacheprovider", "-x", "-rs", "-vv"], root, env,
                    timeout=1200)
        output = tests.stdout[-6000:] + tests.stderr[-3000:]
        assert tests.returncode == 0, output
        assert " passed" in tests.stdout and "skipped" not in tests.stdout, output
        for name in POSTGRESQL_CHECKS:
            assert f"test_tenancy.py::{name} PASSED" in tests.stdout, name
        assert f"{spec.package}_app" in (root / "README.md").read_text(encoding="utf-8")
    finally:
        pg_server.drop_database(database)
        pg_server.execute(f"DROP ROLE IF EXISTS {owner}")
