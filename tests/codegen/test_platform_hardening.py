"""What the console adds to every generated platform for signing in safely and for
documentation that works offline: the sign-in tables (in the schema, the models and a
migration of their own for platforms generated before them), names reserved for them,
the vendored Swagger UI copied unchanged, and a migration test that compares types."""

from __future__ import annotations

from pathlib import Path

from app.domain.codegen.auth_tables import AUTH_MODELS
from app.domain.codegen.migrations import migration_body, summary
from app.domain.codegen.naming import class_name, table_name
from app.domain.codegen.plan import VENDORED_FILES, normalise
from app.domain.codegen.schema import Schema
from app.domain.codegen.spec import build_spec
from app.integrations.codegen_templates import codegen_templates_dir
from app.services.codegen import CodegenService
from tests.codegen.conftest import blueprint_of, template_document


def test_the_sign_in_tables_are_part_of_every_platform_schema() -> None:
    spec = build_spec(blueprint_of(template_document("healthcare")))
    tables = spec.schema.tables
    assert set(AUTH_MODELS) <= set(tables)
    for name in ("auth_refresh_tokens", "auth_password_resets"):
        user = tables[name].column("user_id")
        assert user is not None and user.foreign_key == "platform_users.id" and user.on_delete == "CASCADE"
        assert tables[name].column("token_hash") is not None and tables[name].column("token") is None
    assert tables["auth_login_failures"].column("account_key") is not None
    assert tables["auth_login_failures"].column("email") is None  # accounts are kept as keyed hashes


def test_a_platform_generated_before_them_gets_a_migration_that_adds_them() -> None:
    spec = build_spec(blueprint_of(template_document("healthcare")))
    new = spec.schema
    old = Schema({name: table for name, table in new.tables.items() if name not in AUTH_MODELS})
    upgrade = migration_body(old, new).code()
    downgrade = migration_body(new, old).code()
    for name in AUTH_MODELS:
        assert f'op.create_table(\n        "{name}",' in upgrade
        assert f'op.drop_table("{name}")' in downgrade
    assert "platform_users" not in summary(old, new)


def test_entities_never_take_the_names_of_the_sign_in_tables() -> None:
    for table in AUTH_MODELS:
        assert table_name(table) == f"{table}_entity"
    assert class_name("refresh_token") == "RefreshTokenEntity"
    assert class_name("outbox_message") == "OutboxMessageEntity"


def test_generated_platforms_carry_swagger_ui_unchanged_with_its_licence(codegen: CodegenService,
                                                                          tmp_path: Path) -> None:
    codegen.generate_now(blueprint_of(template_document("government")), tmp_path / "gov", version=1)
    package = build_spec(blueprint_of(template_document("government"))).package
    vendor = codegen_templates_dir()
    names = set()
    for path, source in VENDORED_FILES:
        copied = tmp_path / "gov" / path.format(pkg=package)
        original = (vendor / source).read_text(encoding="utf-8")
        assert copied.read_text(encoding="utf-8") == normalise(original), path
        names.add(copied.name)
    assert {"swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"} <= names
    assert "Apache License" in (tmp_path / "gov" / package / "static/swagger-ui/LICENSE").read_text()
    main = (tmp_path / "gov" / package / "main.py").read_text()
    docs = (tmp_path / "gov" / package / "docs.py").read_text()
    assert "docs_url=None, redoc_url=None" in main and "docs.install(app" in main
    assert "http" not in docs.replace("HTMLResponse", "")
    pyproject = (tmp_path / "gov" / "pyproject.toml").read_text()
    assert f'{package} = ["static/*.svg", "static/swagger-ui/*"]' in pyproject


def test_the_generated_migration_test_compares_column_types(codegen: CodegenService, tmp_path: Path) -> None:
    codegen.generate_now(blueprint_of(template_document("education")), tmp_path / "edu", version=1)
    text = (tmp_path / "edu" / "tests/test_migrations.py").read_text()
    assert '"compare_type": True' in text and '"compare_type": False' not in text
