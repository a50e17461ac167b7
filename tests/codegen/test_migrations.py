"""Schema differences become migration operations that SQLite and PostgreSQL both run."""

from __future__ import annotations

from app.domain.codegen.migrations import migration_body, summary
from app.domain.codegen.schema import ROW_LEVEL_SECURITY, Check, Column, Index, Schema, Table
from app.domain.codegen.usage_tables import usage_tables


def table(name: str, *columns: Column, indexes: tuple[Index, ...] = (),
          checks: tuple[Check, ...] = ()) -> Table:
    base = (Column("id", "sa.String(36)", "str", False, primary_key=True, family="text"),)
    return Table(name, base + columns, indexes, checks)


def text(name: str, nullable: bool = True, placeholder: str | None = None) -> Column:
    return Column(name, "sa.String(20)", "str", nullable, family="text", placeholder=placeholder)


def ref(name: str, target: str) -> Column:
    return Column(name, "sa.String(36)", "str", True, foreign_key=f"{target}.id", on_delete="CASCADE",
                  fk_name=f"fk_{name}", family="reference")


def test_new_tables_come_after_the_tables_they_reference() -> None:
    new = Schema({"child": table("child", ref("parent_id", "parent")), "parent": table("parent")})
    code = migration_body(Schema(), new).code()
    assert code.index('op.create_table(\n        "parent"') < code.index('op.create_table(\n        "child"')
    assert summary(Schema(), new) == "initial"


def test_cyclic_references_are_added_after_both_tables() -> None:
    new = Schema({"a": table("a", ref("b_id", "b")), "b": table("b", ref("a_id", "a"))})
    code = migration_body(Schema(), new).code()
    assert 'batch.create_foreign_key("fk_b_id", "b", ["b_id"], ["id"], ondelete="CASCADE")' in code
    back = migration_body(new, Schema()).code()
    assert back.index("batch.drop_constraint") < back.index("op.drop_table")


def test_required_column_gets_a_placeholder_for_existing_rows() -> None:
    old = Schema({"t": table("t")})
    new = Schema({"t": table("t", text("code", nullable=False, placeholder=""))})
    code = migration_body(old, new).code()
    assert 'batch.add_column(sa.Column("code", sa.String(20), nullable=False, server_default=""))' in code
    assert 'batch.alter_column("code", existing_type=sa.String(20), existing_nullable=False, server_default=None)' in code


def test_required_reference_refuses_a_table_with_rows() -> None:
    required = Column("p_id", "sa.String(36)", "str", False, foreign_key="p.id", on_delete="RESTRICT",
                      fk_name="fk_p", family="reference")
    body = migration_body(Schema({"t": table("t"), "p": table("p")}),
                          Schema({"t": table("t", required), "p": table("p")}))
    assert body.uses_guard
    assert '_require_empty("t", "required column p_id has no value for existing rows")' in body.code()
    assert 'recreate="always"' in body.code()


def test_dropped_column_takes_its_index_and_check_with_it() -> None:
    old = Schema({"t": table("t", text("kind"), indexes=(Index("ix_t_kind", ("kind",)),),
                             checks=(Check("ck_t_kind", "kind IN ('a')", "kind"),))})
    code = migration_body(old, Schema({"t": table("t")})).code()
    assert code.index('op.drop_index("ix_t_kind"') < code.index('batch.drop_constraint("ck_t_kind"')
    assert code.index('batch.drop_constraint("ck_t_kind"') < code.index('batch.drop_column("kind")')


def test_changing_a_value_family_needs_an_empty_table() -> None:
    old = Schema({"t": table("t", text("n"))})
    new = Schema({"t": table("t", Column("n", "sa.BigInteger()", "int", True, family="number"))})
    body = migration_body(old, new)
    assert body.uses_guard
    assert "changes from text to number" in body.code()


def test_no_difference_no_operations() -> None:
    schema = Schema({"t": table("t", text("a"))})
    assert migration_body(schema, schema).empty


def test_an_added_column_with_a_default_gives_existing_rows_that_default() -> None:
    from dataclasses import replace

    old = Schema({"t": table("t")})
    status = replace(text("status"), backfill="active")
    code = migration_body(old, Schema({"t": table("t", status)})).code()
    assert 'batch.add_column(sa.Column("status", sa.String(20), nullable=True, server_default="active"))' in code
    assert 'batch.alter_column("status", existing_type=sa.String(20), existing_nullable=True, server_default=None)' in code
    # the default is not part of the column's definition: no migration when only it is known
    assert Schema({"t": table("t", status)}) == Schema({"t": table("t", text("status"))})


def test_a_blueprint_default_becomes_the_backfill() -> None:
    from app.domain.blueprint.model import EntityField, LocalizedText
    from app.domain.codegen.field_types import value_column

    label = LocalizedText(en="Active", ar="نشط")
    active = EntityField(name="active", label=label, type="boolean", default=True)
    (column,) = value_column("t", active, "active", {})
    assert column.backfill == "1"
    secret = EntityField(name="pin_hint", label=label, type="string", default="x", storage="encrypted")
    assert value_column("t", secret, "pin_hint", {})[0].backfill is None


def test_a_platform_that_gains_usage_metering_gets_its_functions_and_loses_them_first() -> None:
    users = Table("platform_users", (Column("id", "sa.String(36)", "str", False, primary_key=True),
                                     Column("tenant_id", "sa.String(64)", "str", False)))
    before = Schema({"platform_users": users}, isolation=ROW_LEVEL_SECURITY)
    after = Schema({"platform_users": users, **{t.name: t for t in usage_tables()}},
                   isolation=ROW_LEVEL_SECURITY)
    up = migration_body(before, after).code()
    assert up.index('op.create_table(\n        "usage_log"') < up.index('_grant("usage_log")')
    assert up.index('_isolate("usage_log")') < up.index("_usage_functions()")
    assert '_isolate("usage_active_users")' in up and "_credential_functions()" not in up
    down = migration_body(after, before).code()
    assert down.index("_drop_usage_functions()") < down.index('op.drop_table("usage_log")')
    fresh = migration_body(Schema(), after).code()  # a new platform: all at once
    assert fresh.index("_credential_functions()") < fresh.index("_usage_functions()")
    assert "_usage_functions()" not in migration_body(before, before).code()
