"""Stable names: one blueprint name always becomes the same table, class, module and
column names, and none of them collides with Python, SQLAlchemy, pydantic or the
columns every generated table carries."""

from __future__ import annotations

import hashlib
import keyword

from app.domain.codegen.auth_tables import AUTH_MODELS
from app.domain.codegen.usage_tables import USAGE_MODELS

MAX_SQL_NAME = 63  # PostgreSQL's identifier limit; longer names are shortened with a hash

# Columns every entity table has; a blueprint field with one of these names is renamed.
SYSTEM_COLUMNS = frozenset({
    "id", "tenant_id", "owner_id", "created_at", "updated_at", "approved_at", "approved_by",
})
# Attribute names taken by SQLAlchemy's declarative base or pydantic's BaseModel.
_FRAMEWORK_NAMES = frozenset({
    "metadata", "registry", "query", "copy", "dict", "json", "schema", "schema_json",
    "construct", "validate", "parse_obj", "parse_raw", "parse_file", "from_orm",
    "update_forward_refs", "fields",
})
# Tables of the platform itself.
SYSTEM_TABLES = frozenset({"platform_users", "audit_events", "alembic_version", *AUTH_MODELS,
                           *USAGE_MODELS})
# Classes of the platform itself (an entity class of the same name is suffixed).
SYSTEM_CLASSES = frozenset({"Base", "PlatformUser", "AuditEvent", "FileRef", "Principal", "Page",
                            *AUTH_MODELS.values(), *USAGE_MODELS.values()})


def python_name(name: str) -> str:
    """A blueprint identifier as a safe Python attribute, column and parameter name."""
    if (
        keyword.iskeyword(name)
        or keyword.issoftkeyword(name)
        or name in SYSTEM_COLUMNS
        or name in _FRAMEWORK_NAMES
        or name.startswith("model_")
    ):
        return f"{name}_"
    return name


def class_name(name: str) -> str:
    """``lab_result`` -> ``LabResult`` (suffixed when the platform uses the name)."""
    text = "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)
    if text in SYSTEM_CLASSES:
        text += "Entity"
    return text


def table_name(entity: str) -> str:
    return f"{entity}_entity" if entity in SYSTEM_TABLES else entity


def module_name(entity: str) -> str:
    return f"{entity}_" if keyword.iskeyword(entity) or keyword.issoftkeyword(entity) else entity


def package_name(key: str) -> str:
    """The generated Python package: ``digital-bank`` -> ``digital_bank_api``."""
    base = key.replace("-", "_")
    if not base[:1].isalpha():
        base = f"p_{base}"
    return f"{base}_api"


def sql_name(*parts: str) -> str:
    """A constraint or index name of at most 63 characters; longer ones keep a readable
    prefix and end in a short hash of the full name, so they stay unique and stable."""
    full = "_".join(parts)
    if len(full) <= MAX_SQL_NAME:
        return full
    digest = hashlib.sha256(full.encode("utf-8")).hexdigest()[:8]
    return f"{full[: MAX_SQL_NAME - 9]}_{digest}"


def kebab(name: str) -> str:
    return name.replace("_", "-")
