"""The difference between two schemas as the body of an Alembic migration.

Table changes run in ``batch_alter_table`` blocks, so the same migration works on SQLite
(which rebuilds the table) and PostgreSQL (plain ALTER TABLE). ``downgrade`` is the same
difference read the other way. Where existing rows cannot be converted safely (a
required reference added, a value's storage changed) the migration refuses a table that
has rows, with a message, instead of damaging data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from app.domain.codegen.schema import ROW_LEVEL_SECURITY, Column, Schema, Table, py

IND = "    "
USAGE_LOG = "usage_log"  # read across tenants through functions of its own (usage_tables.py)
SUBSCRIPTIONS = "tenant_subscriptions"  # a Stripe customer's tenant, for webhooks (billing.py)


@dataclass
class MigrationBody:
    lines: list[str] = field(default_factory=list)
    uses_guard: bool = False
    uses_isolation: bool = False  # calls the PostgreSQL row-level security helpers
    uses_billing: bool = False  # creates or drops the billing functions

    @property
    def empty(self) -> bool:
        return not self.lines

    def code(self) -> str:
        return "\n".join(self.lines) if self.lines else f"{IND}pass"


def _order(tables: dict[str, Table], names: Iterable[str]) -> tuple[list[str], set[tuple[str, str]]]:
    """``names`` so that a table comes after the tables it references; references that
    cannot be ordered (cycles) come back as deferred (table, column) pairs."""
    pending = sorted(names)
    placed: list[str] = []
    placed_set: set[str] = set()
    deferred: set[tuple[str, str]] = set()
    wanted = set(pending)
    while pending:
        progress = False
        for name in list(pending):
            needs = {r for r in tables[name].references() if r in wanted and r != name}
            if needs <= placed_set:
                placed.append(name)
                placed_set.add(name)
                pending.remove(name)
                progress = True
        if not progress:
            # A cycle: place the first table and defer its references to unplaced tables.
            name = pending.pop(0)
            for col in tables[name].columns:
                target = col.foreign_key.split(".")[0] if col.foreign_key else None
                if target and target in wanted and target not in placed_set and target != name:
                    deferred.add((name, col.name))
            placed.append(name)
            placed_set.add(name)
    return placed, deferred


def _create_table(body: MigrationBody, table: Table, deferred: set[tuple[str, str]]) -> None:
    body.lines.append(f"{IND}op.create_table(")
    body.lines.append(f"{IND * 2}{py(table.name)},")
    for col in table.columns:
        if (table.name, col.name) in deferred:
            plain = Column(col.name, col.type, col.py_type, col.nullable, col.primary_key,
                           server_default=col.server_default)
            body.lines.append(f"{IND * 2}{plain.migration_code()},")
        else:
            body.lines.append(f"{IND * 2}{col.migration_code()},")
    for check in table.checks:
        body.lines.append(f"{IND * 2}{check.code()},")
    inline = [k for k in table.tenant_keys if (table.name, k.column) not in deferred]
    for key in inline:
        if key.target != table.name:
            body.lines.append(f"{IND * 2}{key.code()},")
    body.lines.append(f"{IND})")
    for index in table.indexes:
        body.lines.append(_create_index(table.name, index.name, index.columns, index.unique))
    # A key to the table itself needs its unique (tenant_id, id) index, made just above.
    own = [k for k in inline if k.target == table.name]
    if own:
        body.lines.append(f"{IND}with op.batch_alter_table({py(table.name)}) as batch:")
        body.lines.extend(f"{IND * 2}{key.batch_code()}" for key in own)


def _create_index(table: str, name: str, columns: tuple[str, ...], unique: bool) -> str:
    cols = ", ".join(py(c) for c in columns)
    return f"{IND}op.create_index({py(name)}, {py(table)}, [{cols}], unique={unique})"


def _guard(body: MigrationBody, table: str, reason: str) -> None:
    body.uses_guard = True
    body.lines.append(f"{IND}_require_empty({py(table)}, {py(reason)})")


def _alter_table(body: MigrationBody, old: Table, new: Table) -> None:
    old_cols = {c.name: c for c in old.columns}
    new_cols = {c.name: c for c in new.columns}
    old_idx = {i.name: i for i in old.indexes}
    new_idx = {i.name: i for i in new.indexes}
    old_ck = {c.name: c for c in old.checks}
    new_ck = {c.name: c for c in new.checks}

    drop_indexes = sorted(n for n in old_idx if n not in new_idx or old_idx[n] != new_idx[n])
    create_indexes = sorted(n for n in new_idx if n not in old_idx or old_idx[n] != new_idx[n])
    drop_checks = sorted(n for n in old_ck if n not in new_ck or old_ck[n] != new_ck[n])
    create_checks = sorted(n for n in new_ck if n not in old_ck or old_ck[n] != new_ck[n])
    removed = [c for c in old.columns if c.name not in new_cols]
    added = [c for c in new.columns if c.name not in old_cols]
    kept = [(old_cols[c.name], c) for c in new.columns if c.name in old_cols]
    fk_drop = [o for o in removed if o.foreign_key] + [
        o for o, n in kept if o.foreign_key and not o.same_foreign_key(n)]
    fk_create = [n for o, n in kept if n.foreign_key and not o.same_foreign_key(n)]
    altered = [(o, n) for o, n in kept if not o.same_definition(n)]

    batch: list[str] = []
    cleanup: list[str] = []
    recreate = "auto"
    for old_col, new_col in altered:
        if old_col.family != new_col.family:
            _guard(body, new.name, f"column {new_col.name} changes from {old_col.family} to "
                   f"{new_col.family}; existing values need a data migration")
    for col in added:
        if col.nullable and col.backfill is not None and col.server_default is None:
            # Existing rows take the blueprint's default, then the column keeps no server default.
            batch.append(f"batch.add_column({col.migration_code(server_default=col.backfill)})")
            cleanup.append(f"batch.alter_column({py(col.name)}, existing_type={col.type}, "
                           f"existing_nullable=True, server_default=None)")
        elif col.nullable or col.server_default is not None:
            batch.append(f"batch.add_column({col.migration_code()})")
        elif col.placeholder is not None:
            batch.append(f"batch.add_column({col.migration_code(server_default=col.placeholder)})")
            cleanup.append(f"batch.alter_column({py(col.name)}, existing_type={col.type}, "
                           f"existing_nullable=False, server_default=None)")
        else:
            _guard(body, new.name, f"required column {col.name} has no value for existing rows")
            batch.append(f"batch.add_column({col.migration_code()})")
            recreate = "always"  # SQLite cannot ALTER TABLE ADD a NOT NULL column without default

    for name in drop_indexes:
        body.lines.append(f"{IND}op.drop_index({py(name)}, table_name={py(old.name)})")
    ops: list[str] = []
    ops += [f"batch.drop_constraint({py(n)}, type_=\"check\")" for n in drop_checks]
    ops += [f"batch.drop_constraint({py(c.fk_name or '')}, type_=\"foreignkey\")" for c in fk_drop]
    ops += [f"batch.drop_column({py(c.name)})" for c in removed]
    ops += batch
    for old_col, new_col in altered:
        parts = [py(new_col.name), f"existing_type={old_col.type}"]
        if old_col.type != new_col.type:
            parts.append(f"type_={new_col.type}")
        if old_col.nullable != new_col.nullable:
            parts.append(f"nullable={new_col.nullable}")
            if not new_col.nullable and new_col.placeholder is not None:
                body.lines.append(
                    f"{IND}op.execute(sa.text({py(_fill_nulls(new.name, new_col))}))")
            elif not new_col.nullable:
                _guard(body, new.name, f"column {new_col.name} becomes required")
        else:
            parts.append(f"existing_nullable={old_col.nullable}")
        if old_col.server_default != new_col.server_default:
            parts.append(f"server_default={py(new_col.server_default) if new_col.server_default is not None else 'None'}")
        ops.append(f"batch.alter_column({', '.join(parts)})")
    for col in fk_create:
        target = (col.foreign_key or "").split(".")[0]
        ops.append(f"batch.create_foreign_key({py(col.fk_name or '')}, {py(target)}, "
                   f"[{py(col.name)}], [\"id\"], ondelete={py(col.on_delete or 'RESTRICT')})")
    ops += [f"batch.create_check_constraint({py(n)}, {py(new_ck[n].sqltext)})" for n in create_checks]
    if ops:
        body.lines.append(f"{IND}with op.batch_alter_table({py(new.name)}, recreate={py(recreate)}) as batch:")
        body.lines.extend(f"{IND * 2}{line}" for line in ops)
    if cleanup:
        body.lines.append(f"{IND}with op.batch_alter_table({py(new.name)}) as batch:")
        body.lines.extend(f"{IND * 2}{line}" for line in cleanup)
    for name in create_indexes:
        index = new_idx[name]
        body.lines.append(_create_index(new.name, index.name, index.columns, index.unique))


def _fill_nulls(table: str, col: Column) -> str:
    value = (col.placeholder or "").replace("'", "''")
    return f"UPDATE \"{table}\" SET \"{col.name}\" = '{value}' WHERE \"{col.name}\" IS NULL"


def migration_body(old: Schema, new: Schema) -> MigrationBody:
    """The operations that turn ``old`` into ``new``."""
    body = MigrationBody()
    created_names = [n for n in new.tables if n not in old.tables]
    dropped_names = [n for n in old.tables if n not in new.tables]
    created, deferred = _order(new.tables, created_names)
    for name in created:
        _create_table(body, new.tables[name], deferred)
    for name, column in sorted(deferred):
        col = new.tables[name].column(column)
        assert col is not None
        assert col.foreign_key is not None
        target = col.foreign_key.split(".")[0]
        body.lines.append(f"{IND}with op.batch_alter_table({py(name)}) as batch:")
        body.lines.append(f"{IND * 2}batch.create_foreign_key({py(col.fk_name or '')}, {py(target)}, "
                          f"[{py(col.name)}], [\"id\"], ondelete={py(col.on_delete or 'RESTRICT')})")
        for key in new.tables[name].tenant_keys:
            if key.column == column:
                body.lines.append(f"{IND * 2}{key.batch_code()}")
    kept = sorted(n for n in new.tables if n in old.tables)
    _tenant_keys(body, old, new, kept, adding=False)
    for name in kept:
        if old.tables[name] != new.tables[name]:
            _alter_table(body, old.tables[name], new.tables[name])
    _tenant_keys(body, old, new, kept, adding=True)
    dropped, cyclic = _order(old.tables, dropped_names)
    for name, column in sorted(cyclic):
        col = old.tables[name].column(column)
        assert col is not None
        body.lines.append(f"{IND}with op.batch_alter_table({py(name)}) as batch:")
        body.lines.append(f"{IND * 2}batch.drop_constraint({py(col.fk_name or '')}, type_=\"foreignkey\")")
    for name in reversed(dropped):
        body.lines.append(f"{IND}op.drop_table({py(name)})")
    _isolation(body, old, new, created)
    return body


def _tenant_keys(body: MigrationBody, old: Schema, new: Schema, kept: list[str], *, adding: bool) -> None:
    """Drop the tenant keys of kept tables that go or change (``adding`` False), or add
    those that are new or changed (``adding`` True)."""
    for name in kept:
        before, after = set(old.tables[name].tenant_keys), set(new.tables[name].tenant_keys)
        keys = sorted(after - before if adding else before - after, key=lambda k: k.name)
        if not keys:
            continue
        body.lines.append(f"{IND}with op.batch_alter_table({py(name)}) as batch:")
        for key in keys:
            if adding:
                body.lines.append(f"{IND * 2}{key.batch_code()}")
            else:
                body.lines.append(f"{IND * 2}batch.drop_constraint({py(key.name)}, type_=\"foreignkey\")")


def _isolation(body: MigrationBody, old: Schema, new: Schema, created: list[str]) -> None:
    """PostgreSQL only: roles, grants and row-level security for the tables that need
    them now: every table when isolation begins, the new ones while it holds. When it
    ends (a downgrade to a schema without it), its policies, grants and functions go
    first, before any table changes."""
    lines: list[str] = []
    if new.isolation == ROW_LEVEL_SECURITY:
        tables = sorted(new.tables) if old.isolation != ROW_LEVEL_SECURITY else created
        if tables:
            lines.append("_roles()")
        for name in tables:
            lines.append(f"_grant({py(name)})")
            if new.tables[name].tenant_scoped:
                lines.append(f"_isolate({py(name)})")
        if old.isolation != ROW_LEVEL_SECURITY:
            lines.append("_credential_functions()")
        if USAGE_LOG in new.tables and (old.isolation != ROW_LEVEL_SECURITY or USAGE_LOG in created):
            lines.append("_usage_functions()")
        if SUBSCRIPTIONS in new.tables and (old.isolation != ROW_LEVEL_SECURITY or SUBSCRIPTIONS in created):
            body.uses_billing = True
            lines.append("_billing_functions()")
        position = len(body.lines)
        if SUBSCRIPTIONS in old.tables and SUBSCRIPTIONS not in new.tables:
            body.uses_isolation = body.uses_billing = True
            body.lines[0:0] = [f"{IND}if _on_postgresql():", f"{IND * 2}_drop_billing_functions()"]
            position += 2
        if USAGE_LOG in old.tables and USAGE_LOG not in new.tables:
            # the functions read the table: they go before it does
            body.uses_isolation = True
            body.lines[0:0] = [f"{IND}if _on_postgresql():", f"{IND * 2}_drop_usage_functions()"]
            position += 2
    elif old.isolation == ROW_LEVEL_SECURITY:
        lines.append("_drop_credential_functions()")
        if USAGE_LOG in old.tables:
            lines.append("_drop_usage_functions()")
        if SUBSCRIPTIONS in old.tables:
            body.uses_billing = True
            lines.append("_drop_billing_functions()")
        for name in sorted(n for n in old.tables if n in new.tables):
            lines.append(f"_release({py(name)}, isolated={old.tables[name].tenant_scoped})")
        position = 0
    if not lines:
        return
    body.uses_isolation = True
    block = [f"{IND}if _on_postgresql():", *(f"{IND * 2}{line}" for line in lines)]
    body.lines[position:position] = block


def summary(old: Schema, new: Schema) -> str:
    """A short description of the change, for the migration's file name."""
    created = sorted(n for n in new.tables if n not in old.tables)
    dropped = sorted(n for n in old.tables if n not in new.tables)
    changed = sorted(n for n in new.tables if n in old.tables and old.tables[n] != new.tables[n])
    if not old.tables:
        return "initial"
    parts = [f"create_{n}" for n in created] + [f"drop_{n}" for n in dropped] + [
        f"alter_{n}" for n in changed]
    text = "_".join(parts) if len(parts) <= 2 else "schema_update"
    return text[:48].rstrip("_") or "schema_update"
