"""What a blueprint becomes: entities with their columns, request and response fields,
filters and permissions; roles with their grants; the platform's tables.

Everything here is derived deterministically from the blueprint (blueprint order for
entities, fields and roles; sorted where the blueprint has no order), so the same
blueprint always gives the same platform."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from app.domain.blueprint.model import (
    PERSONAL_CLASSIFICATIONS,
    Action,
    Blueprint,
    Classification,
    Entity,
    EntityField,
    FieldType,
    Storage,
)
from app.domain.codegen.auth_tables import AUTH_MODELS, auth_tables
from app.domain.codegen.billing import BILLING_MODELS, BillingSpec, billing_spec, billing_tables
from app.domain.codegen.field_types import (
    decimal_shape,
    default_literal,
    input_type,
    is_token,
    max_length,
    min_length,
    output_type,
    reference_column,
    value_column,
)
from app.domain.codegen.naming import (
    SYSTEM_COLUMNS,
    class_name,
    module_name,
    package_name,
    python_name,
    sql_name,
    table_name,
)
from app.domain.codegen.privacy import (
    Anonymised,
    Referrer,
    anonymised_columns,
    audit_trail_roles,
    encrypted_at_rest,
    erasure_roles,
    is_regulated,
    visible_scope,
)
from app.domain.codegen.schema import ROW_LEVEL_SECURITY, Check, Column, Index, Schema, Table
from app.domain.codegen.tenancy import unsupported_tenancy, with_tenant_keys
from app.domain.codegen.usage_tables import USAGE_MODELS, usage_tables
from app.domain.errors import WebNovaError

ACTIONS = tuple(a.value for a in Action)
PERSONAL_VALUES = frozenset(c.value for c in PERSONAL_CLASSIFICATIONS)
USER_STATUSES = ("active", "suspended", "banned")


class CodegenError(WebNovaError):
    """The blueprint cannot become a platform as it stands; the message says why."""

    def __init__(self, message_en: str, message_ar: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_ar = message_ar


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the blueprint's name
    attr: str  # Python attribute and column base name
    api_name: str  # key in requests and responses
    type: str  # FieldType value
    label_en: str
    label_ar: str
    description: str
    required: bool
    unique: bool
    indexed: bool
    classification: str
    storage: str
    encrypted: bool
    hashed: bool  # write-only: stored as a keyed hash
    token: bool  # a payment provider's token, never a card number
    columns: tuple[Column, ...]
    input_type: str  # pydantic annotation for create requests
    output_type: str  # pydantic annotation in responses
    default: str | None  # Python literal of the default
    filter: str | None  # "eq", "range" or None
    sortable: bool
    digest_attr: str | None = None  # blind index beside an encrypted unique/indexed value
    currency: str | None = None
    currency_attr: str | None = None
    enum_values: tuple[str, ...] = ()
    reference: str | None = None  # target entity name
    reference_class: str | None = None
    reference_module: str | None = None
    on_delete: str | None = None
    media_types: tuple[str, ...] = ()
    max_bytes: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    precision: int | None = None
    scale: int | None = None

    @property
    def readable(self) -> bool:
        return not self.hashed

    @property
    def is_file(self) -> bool:
        return self.type == FieldType.file.value

    @property
    def is_reference(self) -> bool:
        return self.type == FieldType.reference.value

    @property
    def is_money(self) -> bool:
        return self.type == FieldType.money.value

    @property
    def update_type(self) -> str:
        return f"{self.input_type} | None"

    @property
    def alias(self) -> str | None:
        return self.api_name if self.api_name != self.attr else None


@dataclass(frozen=True)
class EntitySpec:
    name: str
    label_en: str
    label_ar: str
    plural_en: str
    plural_ar: str
    description: str
    class_name: str
    table: str
    module: str
    route: str
    fields: tuple[FieldSpec, ...]
    table_spec: Table
    approvable: bool
    audited: bool
    grants: dict[str, dict[str, str]]  # role -> action -> "all" | "own"
    regulated: bool = False  # health, card or special-category data: reads are audited too
    encrypted_at_rest: bool = False  # personal fields encrypted at field level
    retention_days: int | None = None
    erasure: str = "none"  # "none", "delete" or "anonymise"
    erasers: tuple[str, ...] = ()  # roles that may erase a record
    anonymised: tuple[Anonymised, ...] = ()  # what anonymisation writes over personal data
    referrers: tuple[Referrer, ...] = ()  # columns of other entities that point here
    # (role, action, reference key, target entity): a create or update whose reference must
    # point at one of the role's own records, as the role sees only those of the target
    scoped_references: tuple[tuple[str, str, str, str], ...] = ()

    @property
    def references(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.is_reference)

    @property
    def filters(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.filter)

    @property
    def sort_keys(self) -> tuple[str, ...]:
        keys = ["created_at", "updated_at", *(f.api_name for f in self.fields if f.sortable)]
        return tuple(k for key in keys for k in (key, f"-{key}"))

    @property
    def readable_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.readable)

    @property
    def encrypted(self) -> bool:
        return any(f.encrypted for f in self.fields)

    @property
    def personal_fields(self) -> tuple[FieldSpec, ...]:
        """Personal data held in the record itself (not links to other records)."""
        return tuple(f for f in self.fields
                     if f.classification in PERSONAL_VALUES and not f.is_reference and not f.token)

    def roles_with(self, action: str) -> list[str]:
        return [role for role, actions in self.grants.items() if action in actions]


@dataclass(frozen=True)
class RoleSpec:
    name: str
    label_en: str
    label_ar: str
    description: str
    grants: dict[str, dict[str, str]]  # entity -> action -> "all" | "own"


@dataclass(frozen=True)
class PlatformSpec:
    key: str
    package: str
    name_en: str
    name_ar: str
    description_en: str
    description_ar: str
    owner: str
    domain: str
    compliance: tuple[str, ...]
    data_residency: tuple[str, ...]
    tenancy: str
    locales: tuple[str, ...]
    default_locale: str
    direction: str
    entities: tuple[EntitySpec, ...]
    roles: tuple[RoleSpec, ...]
    system_tables: tuple[Table, ...]
    production_domain: str | None
    audit_roles: tuple[str, ...] = ()  # roles that may read the audit trail
    warnings: tuple[str, ...] = field(default=())
    # the sign-in tables and the usage metering tables (usage_tables.py)
    auth_tables: tuple[Table, ...] = field(default_factory=lambda: (*auth_tables(), *usage_tables()))
    # tiers sold through Stripe (billing.py); None: the platform sells nothing
    billing: BillingSpec | None = None

    @property
    def needs_cipher(self) -> bool:
        return any(e.encrypted for e in self.entities)

    @property
    def needs_index_key(self) -> bool:
        return any(f.hashed or f.digest_attr for e in self.entities for f in e.fields)

    @property
    def retained(self) -> tuple[EntitySpec, ...]:
        """Entities whose records are purged (or anonymised) after their retention period."""
        return tuple(e for e in self.entities if e.retention_days)

    @property
    def erasable(self) -> tuple[EntitySpec, ...]:
        return tuple(e for e in self.entities if e.erasure != "none" or e.retention_days)

    @property
    def schema(self) -> Schema:
        tables = {t.name: t for t in self.system_tables}
        tables.update({t.name: t for t in self.auth_tables})
        tables.update({e.table: e.table_spec for e in self.entities})
        return Schema(tables, isolation=ROW_LEVEL_SECURITY)

    @property
    def auth_models(self) -> tuple[tuple[Table, str], ...]:
        """The sign-in, usage metering (and billing) tables with the class that maps each."""
        classes = {**AUTH_MODELS, **USAGE_MODELS, **BILLING_MODELS}
        return tuple((t, classes[t.name]) for t in self.auth_tables)

    def entity(self, name: str) -> EntitySpec:
        for entity in self.entities:
            if entity.name == name:
                return entity
        raise KeyError(name)


def _field(table: str, entity: Entity, fld: EntityField, targets: dict[str, str],
           classes: dict[str, str], modules: dict[str, str]) -> FieldSpec:
    fld = encrypted_at_rest(entity, fld)
    attr = python_name(fld.name)
    kind = fld.type
    encrypted = fld.storage is Storage.encrypted
    hashed = fld.storage is Storage.hashed
    columns = value_column(table, fld, attr, targets)
    digest = None
    if encrypted and (fld.unique or fld.indexed) and kind is not FieldType.file:
        digest = f"{fld.name}_digest"
        columns.append(Column(digest, "sa.String(64)", "str", True, family="hashed"))
    currency_attr = None
    if kind is FieldType.money:
        currency_attr = f"{fld.name}_currency"
        columns.append(Column(currency_attr, "sa.String(3)", "str", False,
                              server_default=fld.currency or "XXX", family="text"))
    plain = not encrypted and not hashed
    filter_kind: str | None = None
    if plain and kind in (FieldType.string, FieldType.enum, FieldType.boolean, FieldType.reference):
        filter_kind = "eq"
    elif plain and kind in (FieldType.integer, FieldType.decimal, FieldType.money, FieldType.date,
                            FieldType.datetime):
        filter_kind = "range"
    card_data = fld.classification is Classification.payment_card
    if card_data:
        filter_kind = None  # card data is never searched or ordered by its value
    sortable = plain and not card_data and kind not in (FieldType.text, FieldType.file)
    if kind is FieldType.reference:
        api_name = reference_column(fld.name)
    else:
        api_name = attr if fld.name in SYSTEM_COLUMNS else fld.name
    return FieldSpec(
        name=fld.name,
        attr=attr,
        api_name=api_name,
        type=kind.value,
        label_en=fld.label.en,
        label_ar=fld.label.ar,
        description=fld.description or "",
        required=fld.required,
        unique=fld.unique,
        indexed=fld.indexed,
        classification=fld.classification.value,
        storage=fld.storage.value,
        encrypted=encrypted,
        hashed=hashed,
        token=is_token(fld),
        columns=tuple(columns),
        input_type=input_type(fld),
        output_type=output_type(fld),
        default=default_literal(fld),
        filter=filter_kind,
        sortable=sortable,
        digest_attr=digest,
        currency=fld.currency if kind is FieldType.money else None,
        currency_attr=currency_attr,
        enum_values=tuple(fld.enum_values or ()),
        reference=fld.reference if kind is FieldType.reference else None,
        reference_class=classes.get(fld.reference or "") if kind is FieldType.reference else None,
        reference_module=modules.get(fld.reference or "") if kind is FieldType.reference else None,
        on_delete=columns[0].on_delete if kind is FieldType.reference else None,
        media_types=tuple(sorted(fld.allowed_media_types or ())),
        max_bytes=(fld.max_size_mb or 0) * 1024 * 1024 or None,
        min_length=min_length(fld),
        max_length=max_length(fld),
        pattern=fld.pattern if kind is FieldType.string and not is_token(fld) else None,
        minimum=fld.minimum,
        maximum=fld.maximum,
        precision=decimal_shape(fld)[0] if kind in (FieldType.decimal, FieldType.money) else None,
        scale=decimal_shape(fld)[1] if kind in (FieldType.decimal, FieldType.money) else None,
    )


def _system_columns(approvable: bool) -> list[Column]:
    columns = [
        Column("id", "sa.String(36)", "str", False, primary_key=True, family="text"),
        Column("tenant_id", "sa.String(64)", "str", False, family="text"),
        Column("owner_id", "sa.String(36)", "str", True, family="text"),
        Column("created_at", "t.UTCDateTime()", "dt.datetime", False, family="datetime"),
        Column("updated_at", "t.UTCDateTime()", "dt.datetime", False, family="datetime"),
    ]
    if approvable:
        columns += [
            Column("approved_at", "t.UTCDateTime()", "dt.datetime", True, family="datetime"),
            Column("approved_by", "sa.String(36)", "str", True, family="text"),
        ]
    return columns


def _entity_table(entity: Entity, table: str, fields: list[FieldSpec], approvable: bool) -> Table:
    columns = _system_columns(approvable)
    indexes = [
        Index(sql_name("ix", table, "tenant_created"), ("tenant_id", "created_at")),
        Index(sql_name("ix", table, "tenant_owner"), ("tenant_id", "owner_id")),
    ]
    checks = []
    for spec in fields:
        columns.extend(spec.columns)
        value_column = spec.digest_attr or spec.columns[0].name
        if spec.is_file:
            continue
        if spec.unique:
            indexes.append(Index(sql_name("uq", table, value_column), ("tenant_id", value_column), True))
        elif spec.indexed or spec.is_reference:
            indexes.append(Index(sql_name("ix", table, value_column), ("tenant_id", value_column)))
        if spec.type == FieldType.enum.value and not spec.encrypted:
            values = ", ".join("'" + v.replace("'", "''") + "'" for v in spec.enum_values)
            checks.append(Check(sql_name("ck", table, spec.attr), f"{spec.attr} IN ({values})", spec.attr))
    names = [c.name for c in columns]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise CodegenError(
            f"entity {entity.name!r}: the column name(s) {', '.join(duplicates)} would be used twice "
            "(a file, money or reference field adds columns with a suffix); rename a field",
            f"الكيان «{entity.name}»: اسم العمود ({', '.join(duplicates)}) سيتكرر "
            "(حقول الملفات والمبالغ والمراجع تضيف أعمدة بلاحقة)؛ غيّر اسم أحد الحقول",
        )
    return Table(table, tuple(columns), tuple(indexes), tuple(checks))


def _grants(blueprint: Blueprint) -> dict[str, dict[str, dict[str, str]]]:
    """role -> entity -> action -> scope. An action is "own" only when every grant of it
    to the role is limited to the role's own records."""
    result: dict[str, dict[str, dict[str, str]]] = {}
    for role in blueprint.roles:
        per_entity: dict[str, dict[str, str]] = {}
        for permission in role.permissions:
            actions = per_entity.setdefault(permission.entity, {})
            scope = "own" if permission.own_records_only else "all"
            for action in permission.actions:
                if actions.get(action.value) != "all":
                    actions[action.value] = scope
        result[role.name] = {
            entity: {a: per_entity[entity][a] for a in ACTIONS if a in per_entity[entity]}
            for entity in per_entity
        }
    return result


def _system_tables() -> tuple[Table, ...]:
    statuses = ", ".join(f"'{s}'" for s in USER_STATUSES)
    users = Table(
        "platform_users",
        (
            Column("id", "sa.String(36)", "str", False, primary_key=True, family="text"),
            Column("tenant_id", "sa.String(64)", "str", False, family="text"),
            Column("email", "sa.String(254)", "str", False, family="text"),
            Column("display_name", "sa.String(200)", "str", True, family="text"),
            Column("role", "sa.String(63)", "str", False, family="text"),
            Column("status", "sa.String(16)", "str", False, server_default="active", family="text"),
            Column("password_hash", "sa.String(255)", "str", True, family="text"),
            Column("created_at", "t.UTCDateTime()", "dt.datetime", False, family="datetime"),
            Column("updated_at", "t.UTCDateTime()", "dt.datetime", False, family="datetime"),
        ),
        (Index("uq_platform_users_email", ("tenant_id", "email"), True),),
        (Check("ck_platform_users_status", f"status IN ({statuses})", "status"),),
    )
    audit = Table(
        "audit_events",
        (
            Column("id", "sa.String(36)", "str", False, primary_key=True, family="text"),
            Column("tenant_id", "sa.String(64)", "str", False, family="text"),
            Column("actor_id", "sa.String(36)", "str", False, family="text"),
            Column("entity", "sa.String(63)", "str", False, family="text"),
            Column("record_id", "sa.String(36)", "str", False, family="text"),
            Column("action", "sa.String(16)", "str", False, family="text"),
            Column("fields", "sa.Text()", "str", False, family="text"),
            Column("at", "t.UTCDateTime()", "dt.datetime", False, family="datetime"),
        ),
        (Index("ix_audit_events_record", ("tenant_id", "entity", "record_id")),),
    )
    return users, audit


def build_spec(blueprint: Blueprint) -> PlatformSpec:
    """The platform a blueprint describes. Raises CodegenError for what cannot be built."""
    refused = unsupported_tenancy(blueprint.tenancy)
    if refused is not None:
        raise CodegenError(*refused)
    entity_names = [e.name for e in blueprint.entities]
    if len(set(entity_names)) != len(entity_names):
        raise CodegenError("two entities have the same name", "كيانان يحملان الاسم نفسه")
    targets = {e.name: table_name(e.name) for e in blueprint.entities}
    classes = {e.name: class_name(e.name) for e in blueprint.entities}
    modules = {e.name: module_name(e.name) for e in blueprint.entities}
    if len(set(classes.values())) != len(classes):
        raise CodegenError("two entity names give the same class name; rename one",
                           "اسما كيانين ينتجان اسم الصنف نفسه؛ غيّر أحدهما")
    grants = _grants(blueprint)
    entities = []
    for entity in blueprint.entities:
        table = targets[entity.name]
        fields = [_field(table, entity, f, targets, classes, modules) for f in entity.fields]
        per_role = {role: grants[role][entity.name] for role in grants if grants[role].get(entity.name)}
        approvable = any("approve" in actions for actions in per_role.values())
        regulated = is_regulated(entity)
        anonymised = tuple(
            a for fld, spec in zip(entity.fields, fields, strict=True)
            for a in anonymised_columns(
                encrypted_at_rest(entity, fld),
                tuple((c.name, c.type, c.nullable) for c in spec.columns if c.name != spec.currency_attr
                      and c.name != spec.digest_attr),
                spec.digest_attr)
        )
        entities.append(EntitySpec(
            name=entity.name,
            label_en=entity.label.en,
            label_ar=entity.label.ar,
            plural_en=(entity.plural_label or entity.label).en,
            plural_ar=(entity.plural_label or entity.label).ar,
            description=entity.description or "",
            class_name=classes[entity.name],
            table=table,
            module=modules[entity.name],
            route=f"/api/v1/{entity.name}",
            fields=tuple(fields),
            table_spec=_entity_table(entity, table, fields, approvable),
            approvable=approvable,
            audited=entity.audit_log or regulated,
            grants=per_role,
            regulated=regulated,
            encrypted_at_rest=entity.encrypted_at_rest,
            retention_days=entity.retention_days,
            erasure=entity.erasure.value,
            erasers=erasure_roles(blueprint, entity) if entity.erasure.value != "none" else (),
            anonymised=anonymised,
            scoped_references=tuple(
                (role, action, f.api_name, f.reference or "")
                for role in per_role for action in ("create", "update") if action in per_role[role]
                for f in fields if f.is_reference
                and visible_scope(grants[role].get(f.reference or "", {})) == "own"
            ),
            referrers=tuple(
                Referrer(other.name, classes[other.name], modules[other.name], reference_column(f.name))
                for other in blueprint.entities for f in other.fields
                if f.type is FieldType.reference and f.reference == entity.name
                and encrypted_at_rest(other, f).storage is Storage.plain
            ),
        ))
    roles = tuple(
        RoleSpec(r.name, r.label.en, r.label.ar, r.description or "", grants[r.name])
        for r in blueprint.roles
    )
    production = next((e.domain for e in blueprint.environments if e.name.value == "production"), None)
    billing = billing_spec(blueprint)
    system, auth = _system_tables(), (*auth_tables(), *usage_tables(),
                                      *(billing_tables() if billing else ()))
    keyed = {t.name: t for t in with_tenant_keys(
        (*system, *auth, *(e.table_spec for e in entities)),
        frozenset(e.table for e in entities) | {"platform_users"})}
    entities = [replace(e, table_spec=keyed[e.table]) for e in entities]
    return PlatformSpec(
        key=blueprint.key,
        package=package_name(blueprint.key),
        name_en=blueprint.name.en,
        name_ar=blueprint.name.ar,
        description_en=blueprint.description.en if blueprint.description else "",
        description_ar=blueprint.description.ar if blueprint.description else "",
        owner=blueprint.owner,
        domain=blueprint.domain.value,
        compliance=tuple(f.value for f in blueprint.compliance),
        data_residency=tuple(blueprint.data_residency),
        tenancy=blueprint.tenancy.value,
        locales=tuple(loc.value for loc in blueprint.locales),
        default_locale=blueprint.default_locale.value,
        direction=blueprint.default_direction,
        entities=tuple(entities),
        roles=roles,
        system_tables=tuple(keyed[t.name] for t in system),
        production_domain=production,
        audit_roles=audit_trail_roles(blueprint),
        auth_tables=tuple(keyed[t.name] for t in auth),
        billing=billing,
    )
