"""How a generated platform keeps tenants apart in its database.

Every tenant's rows share the platform's tables, each row carrying ``tenant_id``. Beyond
the application's queries, the database itself holds the line:

- a reference between tenant tables is a composite foreign key ``(tenant_id, <ref>_id)``
  -> ``(tenant_id, id)``, so a row can never point at another tenant's row (SQLite and
  PostgreSQL);
- on PostgreSQL, row-level security on every tenant table (enabled and forced) admits
  only the rows whose ``tenant_id`` is the transaction's ``<package>.tenant_id`` setting,
  for the application role the platform connects as, even through raw SQL.

Only this model (``shared_schema``, and ``single_tenant`` as its one-tenant case) is
generated; a blueprint asking for a schema or a database per tenant is refused rather
than silently given shared tables."""

from __future__ import annotations

from dataclasses import replace

from app.domain.blueprint.model import TenancyModel
from app.domain.codegen.naming import sql_name
from app.domain.codegen.schema import Index, Table, TenantKey

GENERATED_TENANCY = frozenset({TenancyModel.shared_schema, TenancyModel.single_tenant})
TENANT_ID_KEY = "tenant_id_id"  # the unique (tenant_id, id) index a tenant key points at


def tenant_setting(package: str) -> str:
    """The PostgreSQL setting that names the tenant of the current transaction."""
    return f"{package}.tenant_id"


def application_role(package: str) -> str:
    """The role the platform's login role is a member of: rows of its tenant only."""
    return f"{package}_app"


def owner_role(package: str) -> str:
    """The role the migrating login role is made a member of: every row, for migrations."""
    return f"{package}_owner"


def unsupported_tenancy(model: TenancyModel) -> tuple[str, str] | None:
    """Why a blueprint's tenancy model cannot be generated (English, Arabic), or None."""
    if model in GENERATED_TENANCY:
        return None
    return (
        f"/tenancy: {model.value} is not generated; generated platforms keep tenants in shared "
        "tables isolated by row-level security (PostgreSQL) and composite tenant keys — set "
        "tenancy to shared_schema (or single_tenant)",
        f"/tenancy: النموذج {model.value} لا يُولَّد؛ المنصات المولَّدة تحفظ الجهات في جداول مشتركة "
        "معزولة بأمان مستوى الصفوف (PostgreSQL) ومفاتيح مركّبة مع معرّف الجهة — اجعل tenancy "
        "shared_schema (أو single_tenant)",
    )


def _unique_key(table: Table) -> Index:
    return Index(sql_name("uq", table.name, TENANT_ID_KEY), ("tenant_id", "id"), True)


def with_tenant_keys(tables: tuple[Table, ...], targets: frozenset[str]) -> tuple[Table, ...]:
    """``tables`` with a unique ``(tenant_id, id)`` index on each tenant table in
    ``targets`` (and on any tenant table another one points at), and a tenant key beside
    every reference from a tenant table to another tenant table."""
    scoped = {t.name for t in tables if t.tenant_scoped}
    referenced = {
        (c.foreign_key or "").split(".")[0]
        for t in tables if t.name in scoped for c in t.columns if c.foreign_key
    }
    keyed_targets = (targets | referenced) & scoped
    result = []
    for table in tables:
        indexes = table.indexes
        if table.name in keyed_targets and not any(i.columns == ("tenant_id", "id") for i in indexes):
            indexes = (*indexes, _unique_key(table))
        keys = table.tenant_keys
        if table.name in scoped:
            keys = tuple(
                TenantKey(sql_name("fk", table.name, c.name, "tenant"), c.name, (c.foreign_key or "").split(".")[0])
                for c in table.columns
                if c.foreign_key and (c.foreign_key or "").split(".")[0] in keyed_targets
            )
        result.append(replace(table, indexes=indexes, tenant_keys=keys))
    return tuple(result)
