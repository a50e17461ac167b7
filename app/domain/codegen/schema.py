"""The database schema of a generated platform as plain data, so two generations can be
compared and the difference written as an Alembic migration (``migrations.py``).

The same ``Table`` objects produce the SQLAlchemy models and the migrations, and a
generated test checks that the migration chain and the models agree."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


def py(text: str) -> str:
    """A Python string literal (double quotes, UTF-8 kept readable)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # SQLAlchemy type as Python source, e.g. ``sa.String(150)``
    py_type: str  # the Python type of the attribute, for ``Mapped[...]``
    nullable: bool
    primary_key: bool = False
    foreign_key: str | None = None  # "table.id"
    on_delete: str | None = None  # CASCADE, SET NULL, RESTRICT
    fk_name: str | None = None
    server_default: str | None = None  # a SQL literal value, quoted by SQLAlchemy
    # A value existing rows receive when the column is added to a table that has rows;
    # None when no neutral value exists (references, encrypted values).
    placeholder: str | None = None
    family: str = ""  # values convert within a family (text, number, ...), not across
    # The blueprint's default for the field, as SQL text: rows that exist when the column is
    # added take it (else they would hold NULL). Not part of the column's definition.
    backfill: str | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "type": self.type, "py_type": self.py_type,
                                "nullable": self.nullable, "family": self.family}
        for key in ("primary_key", "foreign_key", "on_delete", "fk_name", "server_default",
                    "placeholder", "backfill"):
            value = getattr(self, key)
            if value not in (None, False):
                data[key] = value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Column:
        return cls(**data)

    def same_definition(self, other: Column) -> bool:
        return (self.type, self.nullable, self.server_default) == (
            other.type, other.nullable, other.server_default)

    def same_foreign_key(self, other: Column) -> bool:
        return (self.foreign_key, self.on_delete, self.fk_name) == (
            other.foreign_key, other.on_delete, other.fk_name)

    def migration_code(self, *, server_default: str | None = None) -> str:
        args = [py(self.name), self.type]
        if self.foreign_key:
            args.append(self.foreign_key_code())
        if self.primary_key:
            args.append("primary_key=True")
        args.append(f"nullable={self.nullable}")
        default = server_default if server_default is not None else self.server_default
        if default is not None:
            args.append(f"server_default={py(default)}")
        return f"sa.Column({', '.join(args)})"

    def foreign_key_code(self) -> str:
        assert self.foreign_key is not None
        return (f"sa.ForeignKey({py(self.foreign_key)}, ondelete={py(self.on_delete or 'RESTRICT')}, "
                f"name={py(self.fk_name or '')})")

    def model_code(self, attr: str) -> str:
        """``attr: Mapped[...] = mapped_column(...)`` for the SQLAlchemy model."""
        args = [py(self.name), self.type]
        if self.foreign_key:
            args.append(self.foreign_key_code())
        if self.primary_key:
            args.append("primary_key=True")
        args.append(f"nullable={self.nullable}")
        if self.server_default is not None:
            args.append(f"server_default={py(self.server_default)}")
        annotation = self.py_type if not self.nullable else f"{self.py_type} | None"
        return f"{attr}: Mapped[{annotation}] = mapped_column({', '.join(args)})"


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]
    unique: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "columns": list(self.columns), "unique": self.unique}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Index:
        return cls(data["name"], tuple(data["columns"]), bool(data.get("unique", False)))

    def code(self) -> str:
        columns = ", ".join(py(c) for c in self.columns)
        return f"sa.Index({py(self.name)}, {columns}, unique={self.unique})"


@dataclass(frozen=True)
class Check:
    name: str
    sqltext: str
    column: str  # the column it guards (dropped with it)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "sqltext": self.sqltext, "column": self.column}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Check:
        return cls(data["name"], data["sqltext"], data["column"])

    def code(self) -> str:
        return f"sa.CheckConstraint({py(self.sqltext)}, name={py(self.name)})"


@dataclass(frozen=True)
class TenantKey:
    """``(tenant_id, column)`` -> ``target(tenant_id, id)``: a reference that can only point
    at a row of its own tenant. Beside the column's own foreign key (which carries the
    ON DELETE action), checked at commit, so a SET NULL or CASCADE of that key runs first."""

    name: str
    column: str
    target: str

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "column": self.column, "target": self.target}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TenantKey:
        return cls(data["name"], data["column"], data["target"])

    @property
    def local_columns(self) -> str:
        return f'["tenant_id", {py(self.column)}]'

    @property
    def remote_columns(self) -> str:
        return '["tenant_id", "id"]'

    def code(self) -> str:
        remote = f"[{py(self.target + '.tenant_id')}, {py(self.target + '.id')}]"
        return (f"sa.ForeignKeyConstraint({self.local_columns}, {remote}, name={py(self.name)}, "
                f"deferrable=True, initially=\"DEFERRED\")")

    def batch_code(self) -> str:
        """The key added to an existing table inside ``batch_alter_table``."""
        return (f"batch.create_foreign_key({py(self.name)}, {py(self.target)}, {self.local_columns}, "
                f"{self.remote_columns}, deferrable=True, initially=\"DEFERRED\")")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    indexes: tuple[Index, ...] = ()
    checks: tuple[Check, ...] = ()
    tenant_keys: tuple[TenantKey, ...] = ()

    @property
    def tenant_scoped(self) -> bool:
        """Whether every row belongs to a tenant (and PostgreSQL isolates it by row)."""
        return self.column("tenant_id") is not None

    def column(self, name: str) -> Column | None:
        for col in self.columns:
            if col.name == name:
                return col
        return None

    def references(self) -> set[str]:
        return {c.foreign_key.split(".")[0] for c in self.columns if c.foreign_key}

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "columns": [c.to_json() for c in self.columns],
            "indexes": [i.to_json() for i in self.indexes],
            "checks": [c.to_json() for c in self.checks],
        }
        if self.tenant_keys:
            data["tenant_keys"] = [k.to_json() for k in self.tenant_keys]
        return data

    @classmethod
    def from_json(cls, name: str, data: dict[str, Any]) -> Table:
        return cls(
            name,
            tuple(Column.from_json(c) for c in data.get("columns", [])),
            tuple(Index.from_json(i) for i in data.get("indexes", [])),
            tuple(Check.from_json(c) for c in data.get("checks", [])),
            tuple(TenantKey.from_json(k) for k in data.get("tenant_keys", [])),
        )


# How tenants are kept apart in the database itself, beyond the queries of the application:
# "" (platforms generated before row-level security) or "rls" (row-level security on
# PostgreSQL, keyed on a per-transaction setting; SQLite relies on the application).
ROW_LEVEL_SECURITY = "rls"


@dataclass(frozen=True)
class Schema:
    tables: dict[str, Table] = field(default_factory=dict)
    isolation: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"tables": {name: self.tables[name].to_json() for name in sorted(self.tables)}}
        if self.isolation:
            data["isolation"] = self.isolation
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Schema:
        tables = (data or {}).get("tables", {})
        return cls({name: Table.from_json(name, tables[name]) for name in sorted(tables)},
                   str((data or {}).get("isolation", "")))
