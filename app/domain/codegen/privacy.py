"""What the blueprint's privacy flags make of a generated platform: which entities are
regulated (their reads are audited), which roles may erase records or read the audit
trail, the values a record's personal data is replaced with when it is anonymised, and
which columns point at each entity (a record they point at is anonymised, never deleted).

Pure derivations from the blueprint and the columns ``spec.py`` built; no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.blueprint.model import (
    PERSONAL_CLASSIFICATIONS,
    Blueprint,
    Classification,
    Entity,
    EntityField,
    FieldType,
    Storage,
)
from app.domain.codegen.schema import py

# Classifications whose presence makes an entity "regulated": HIPAA's ePHI, PCI DSS's card
# data and the GDPR/PDPL special categories. Every read and list of such an entity is audited.
REGULATED_CLASSIFICATIONS = frozenset({
    Classification.sensitive_health, Classification.payment_card, Classification.special_category,
})
_ADMIN = re.compile(r"(?:[a-z0-9_]+_)?(?:admin|administrator)s?")
_AUDITOR = re.compile(r"(?:[a-z0-9_]+_)?(?:auditor|audit)s?")


def is_regulated(entity: Entity) -> bool:
    return any(f.classification in REGULATED_CLASSIFICATIONS for f in entity.fields)


def admin_roles(blueprint: Blueprint) -> tuple[str, ...]:
    return tuple(r.name for r in blueprint.roles if _ADMIN.fullmatch(r.name))


def audit_trail_roles(blueprint: Blueprint) -> tuple[str, ...]:
    """The roles that may read the platform's audit trail: administrators and auditors."""
    return tuple(r.name for r in blueprint.roles if _ADMIN.fullmatch(r.name) or _AUDITOR.fullmatch(r.name))


def erasure_roles(blueprint: Blueprint, entity: Entity) -> tuple[str, ...]:
    """Who may erase a record of ``entity``: the administrators, and the roles the blueprint
    lets delete any record of the entity (not only their own)."""
    admins = set(admin_roles(blueprint))
    result = []
    for role in blueprint.roles:
        deletes_all = any(
            p.entity == entity.name and not p.own_records_only and any(a.value == "delete" for a in p.actions)
            for p in role.permissions
        )
        if role.name in admins or deletes_all:
            result.append(role.name)
    return tuple(result)


def visible_scope(actions: dict[str, str]) -> str | None:
    """Which records of an entity a role with these grants (action -> scope) may see:
    "all", "own", or None without a grant. The generated permissions module says the same."""
    if not actions:
        return None
    seeing = [actions[a] for a in ("read", "list") if a in actions] or list(actions.values())
    return "all" if "all" in seeing else "own"


def encrypted_at_rest(entity: Entity, fld: EntityField) -> EntityField:
    """The field as it is stored: an entity ``encrypted_at_rest`` stores its personal and
    sensitive fields encrypted at field level. References stay plain (they carry the
    foreign key that keeps the records together); hashed and tokenised fields keep their
    storage."""
    if (
        entity.encrypted_at_rest
        and fld.storage is Storage.plain
        and fld.classification in PERSONAL_CLASSIFICATIONS
        and fld.type is not FieldType.reference
    ):
        return fld.model_copy(update={"storage": Storage.encrypted})
    return fld


@dataclass(frozen=True)
class Anonymised:
    """One column of a record as anonymisation leaves it: ``value`` is Python source (in the
    generated privacy module, where ``marker(row, n)`` gives a per-record text of at most
    ``n`` characters, ``crypto`` and ``dt``/``Decimal`` are imported)."""

    column: str
    value: str


@dataclass(frozen=True)
class Referrer:
    """A column of another entity that points at this one."""

    entity: str
    class_name: str
    module: str
    column: str


def _neutral(fld: EntityField, column_type: str, encrypted: bool) -> str:
    """A value for a required column that says nothing about anyone."""
    kind = fld.type
    if kind in (FieldType.string, FieldType.text):
        length = 255
        match = re.fullmatch(r"sa\.String\((\d+)\)", column_type)
        if match:
            length = int(match.group(1))
        elif column_type == "sa.Text()" or encrypted:
            length = fld.max_length or 64
        return f"marker(row, {min(length, 64)})"
    if kind is FieldType.enum:
        return py((fld.enum_values or [""])[0])
    if kind is FieldType.integer:
        return "0"
    if kind in (FieldType.decimal, FieldType.money):
        return 'Decimal("0")'
    if kind is FieldType.boolean:
        return "False"
    if kind is FieldType.date:
        return "dt.date(1970, 1, 1)"
    if kind is FieldType.datetime:
        return "dt.datetime(1970, 1, 1, tzinfo=dt.UTC)"
    return "None"


def anonymised_columns(fld: EntityField, columns: tuple[tuple[str, str, bool], ...],
                       digest: str | None) -> tuple[Anonymised, ...]:
    """How a personal field's columns (name, SQLAlchemy type, nullable) are overwritten.
    Required references are kept, so the records stay linked; everything else is emptied,
    or, where the column must hold a value, set to a neutral one."""
    if fld.classification not in PERSONAL_CLASSIFICATIONS:
        return ()
    result: list[Anonymised] = []
    if fld.type is FieldType.reference:
        name, _type, nullable = columns[0]
        return (Anonymised(name, "None"),) if nullable else ()
    if fld.type is FieldType.file:
        return tuple(Anonymised(name, "None") for name, _type, _nullable in columns)
    name, column_type, nullable = columns[0]
    if fld.storage is Storage.hashed:
        value = "None" if nullable else "crypto.cipher().digest(marker(row, 64))"
        return (Anonymised(name, value),)
    encrypted = column_type.startswith("t.Encrypted")
    result.append(Anonymised(name, "None" if nullable else _neutral(fld, column_type, encrypted)))
    if digest is not None:
        value = "None" if nullable else f"crypto.cipher().digest(crypto.canonical({result[0].value}))"
        result.append(Anonymised(digest, value))
    return tuple(result)
