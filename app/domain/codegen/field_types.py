"""How a blueprint field's type becomes database columns, the request type with its
constraints (as Python source for the generated pydantic models), the response type and
the default value."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from app.domain.blueprint.model import EntityField, FieldType, OnDelete, Storage
from app.domain.codegen.naming import SYSTEM_COLUMNS, sql_name
from app.domain.codegen.schema import Column, py

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
DEFAULT_STRING_LENGTH = 255


def is_token(fld: EntityField) -> bool:
    """The field keeps only a payment provider's token. The blueprint's pattern and lengths
    describe the card data the provider receives, not the token: they do not apply."""
    return fld.storage is Storage.provider_token and fld.type in (FieldType.string, FieldType.text)
DEFAULT_DECIMAL = (18, 6)
DEFAULT_MONEY = (18, 2)
ON_DELETE = {OnDelete.cascade: "CASCADE", OnDelete.set_null: "SET NULL", OnDelete.restrict: "RESTRICT"}

# ------------------------------------------------------------------ columns
def _sa_string(length: int | None) -> str:
    size = length or DEFAULT_STRING_LENGTH
    return "sa.Text()" if size > 10_000 else f"sa.String({size})"


def decimal_shape(fld: EntityField) -> tuple[int, int]:
    precision, scale = DEFAULT_MONEY if fld.type is FieldType.money else DEFAULT_DECIMAL
    if fld.precision is not None:
        precision = fld.precision
        scale = min(scale, precision)
    if fld.scale is not None:
        scale = fld.scale
    return precision, scale


_ENCRYPTED_KIND = {
    FieldType.string: "str", FieldType.text: "str", FieldType.enum: "str",
    FieldType.integer: "int", FieldType.decimal: "decimal", FieldType.money: "decimal",
    FieldType.boolean: "bool", FieldType.date: "date", FieldType.datetime: "datetime",
    FieldType.reference: "str", FieldType.file: "str",
}
_PY_TYPE = {
    "str": "str", "int": "int", "decimal": "Decimal", "bool": "bool", "date": "dt.date",
    "datetime": "dt.datetime",
}
_FAMILY = {
    FieldType.string: "text", FieldType.text: "text", FieldType.enum: "text",
    FieldType.integer: "number", FieldType.decimal: "number", FieldType.money: "number",
    FieldType.boolean: "boolean", FieldType.date: "date", FieldType.datetime: "datetime",
    FieldType.reference: "reference", FieldType.file: "text",
}


def reference_column(name: str) -> str:
    """``facility`` -> ``facility_id``; a name that would take a column every table has
    (``owner`` -> ``owner_id``) becomes ``owner_ref_id``."""
    column = f"{name}_id"
    return f"{name}_ref_id" if column in SYSTEM_COLUMNS else column


def value_column(table: str, fld: EntityField, attr: str, targets: dict[str, str]) -> list[Column]:
    columns = _value_columns(table, fld, attr, targets)
    backfill = _backfill(fld)
    if backfill is not None and len(columns) == 1 and columns[0].family not in ("encrypted", "hashed", "reference"):
        columns = [replace(columns[0], backfill=backfill)]
    return columns


def _backfill(fld: EntityField) -> str | None:
    """The blueprint's default as the SQL text a column's existing rows take."""
    if fld.default is None:
        return None
    if fld.type is FieldType.boolean:
        return "1" if str(fld.default).lower() in ("true", "1") else "0"
    return str(fld.default)


def _value_columns(table: str, fld: EntityField, attr: str, targets: dict[str, str]) -> list[Column]:
    kind = fld.type
    base = fld.name
    nullable = not fld.required
    encrypted = fld.storage is Storage.encrypted
    if kind is FieldType.file:
        name_type = "t.Encrypted(\"str\")" if encrypted else "sa.String(255)"
        key_type = "t.Encrypted(\"str\")" if encrypted else "sa.String(512)"
        family = "encrypted" if encrypted else "text"
        return [
            Column(f"{base}_name", name_type, "str", True, family=family),
            Column(f"{base}_media_type", "sa.String(127)", "str", True, family="text"),
            Column(f"{base}_size", "sa.BigInteger()", "int", True, family="number"),
            Column(f"{base}_storage_key", key_type, "str", True, family=family),
        ]
    if fld.storage is Storage.hashed:
        return [Column(attr, "sa.String(64)", "str", nullable, placeholder="", family="hashed")]
    if encrypted:
        enc = _ENCRYPTED_KIND[kind]
        column_name = reference_column(base) if kind is FieldType.reference else attr
        return [Column(column_name, f"t.Encrypted({py(enc)})", _PY_TYPE[enc], nullable,
                       family="encrypted")]
    family = _FAMILY[kind]
    if kind is FieldType.reference:
        target = targets[fld.reference or ""]
        on_delete = ON_DELETE[fld.on_delete or (OnDelete.restrict if fld.required else OnDelete.set_null)]
        column = reference_column(base)
        return [Column(column, "sa.String(36)", "str", nullable, foreign_key=f"{target}.id",
                       on_delete=on_delete, fk_name=sql_name("fk", table, column), family=family)]
    if kind in (FieldType.string, FieldType.enum):
        length = fld.max_length
        if kind is FieldType.enum:
            length = max(len(v) for v in fld.enum_values or ["x"])
        if fld.storage is Storage.provider_token:
            length = length or DEFAULT_STRING_LENGTH
        placeholder = (fld.enum_values or [""])[0] if kind is FieldType.enum else ""
        return [Column(attr, _sa_string(length), "str", nullable, placeholder=placeholder, family=family)]
    if kind is FieldType.text:
        return [Column(attr, "sa.Text()", "str", nullable, placeholder="", family=family)]
    if kind is FieldType.integer:
        return [Column(attr, "sa.BigInteger()", "int", nullable, placeholder="0", family=family)]
    if kind in (FieldType.decimal, FieldType.money):
        precision, scale = decimal_shape(fld)
        return [Column(attr, f"t.ExactDecimal({precision}, {scale})", "Decimal", nullable,
                       placeholder="0", family=family)]
    if kind is FieldType.boolean:
        return [Column(attr, "sa.Boolean()", "bool", nullable, placeholder="0", family=family)]
    if kind is FieldType.date:
        return [Column(attr, "sa.Date()", "dt.date", nullable, placeholder="1970-01-01", family=family)]
    return [Column(attr, "t.UTCDateTime()", "dt.datetime", nullable,
                   placeholder="1970-01-01 00:00:00", family=family)]


# ------------------------------------------------------------------ request/response types
def _number_bounds(fld: EntityField) -> list[str]:
    parts = []
    if fld.minimum is not None:
        parts.append(f"ge={_decimal_literal(fld.minimum, fld.type)}")
    elif fld.type is FieldType.integer:
        parts.append(f"ge={INT64_MIN}")
    if fld.maximum is not None:
        parts.append(f"le={_decimal_literal(fld.maximum, fld.type)}")
    elif fld.type is FieldType.integer:
        parts.append(f"le={INT64_MAX}")
    return parts


def _decimal_literal(value: Decimal, kind: FieldType) -> str:
    if kind is FieldType.integer:
        return str(int(value))
    return f"Decimal({py(str(value))})"


def input_type(fld: EntityField) -> str:
    kind = fld.type
    if kind is FieldType.string or (kind is FieldType.text):
        parts = []
        low = min_length(fld)
        if low is not None:
            parts.append(f"min_length={low}")
        limit = max_length(fld)
        if limit is not None:
            parts.append(f"max_length={limit}")
        if fld.pattern is not None and kind is FieldType.string and not is_token(fld):
            parts.append(f"pattern={py(fld.pattern)}")
        base = f"Annotated[str, StringConstraints({', '.join(parts)})]" if parts else "str"
        if is_token(fld):
            base = f"Annotated[{base}, AfterValidator(provider_token)]"
        return base
    if kind is FieldType.integer:
        return f"Annotated[int, Field({', '.join(_number_bounds(fld))})]"
    if kind in (FieldType.decimal, FieldType.money):
        precision, scale = decimal_shape(fld)
        parts = [*_number_bounds(fld), f"max_digits={precision}", f"decimal_places={scale}"]
        return f"Annotated[Decimal, Field({', '.join(parts)})]"
    if kind is FieldType.boolean:
        return "bool"
    if kind is FieldType.date:
        return "dt.date"
    if kind is FieldType.datetime:
        return "dt.datetime"
    if kind is FieldType.enum:
        return f"Literal[{', '.join(py(v) for v in fld.enum_values or [])}]"
    if kind is FieldType.reference:
        return "RecordId"
    # file: metadata only, checked against the field's media types and size
    media = ", ".join(py(m) for m in sorted(fld.allowed_media_types or []))
    max_bytes = (fld.max_size_mb or 0) * 1024 * 1024 or None
    return f"Annotated[FileRef, AfterValidator(file_rule(({media}{',' if media else ''}), {max_bytes}))]"


def output_type(fld: EntityField) -> str:
    kind = fld.type
    base = {
        FieldType.string: "str", FieldType.text: "str", FieldType.integer: "int",
        FieldType.decimal: "Decimal", FieldType.money: "Decimal", FieldType.boolean: "bool",
        FieldType.date: "dt.date", FieldType.datetime: "dt.datetime", FieldType.reference: "str",
        FieldType.file: "FileRef",
    }.get(kind)
    if kind is FieldType.enum:
        base = "str"
    return f"{base} | None"


def default_literal(fld: EntityField) -> str | None:
    value = fld.default
    if value is None:
        return None
    kind = fld.type
    if kind is FieldType.boolean:
        return "True" if str(value).lower() in ("true", "1") else "False"
    if kind is FieldType.integer:
        return str(int(Decimal(str(value))))
    if kind in (FieldType.decimal, FieldType.money):
        return f"Decimal({py(str(value))})"
    if kind is FieldType.date:
        return f"dt.date.fromisoformat({py(str(value))})"
    if kind is FieldType.datetime:
        return f"dt.datetime.fromisoformat({py(str(value))})"
    if kind in (FieldType.string, FieldType.text, FieldType.enum):
        return py(str(value))
    return None


def min_length(fld: EntityField) -> int | None:
    if fld.type not in (FieldType.string, FieldType.text):
        return None
    if is_token(fld):
        return 1 if fld.required else None
    if fld.min_length is not None:
        return fld.min_length
    return 1 if fld.required else None


def max_length(fld: EntityField) -> int | None:
    if is_token(fld):
        return DEFAULT_STRING_LENGTH
    if fld.type is FieldType.string:
        return fld.max_length or DEFAULT_STRING_LENGTH
    if fld.type is FieldType.text:
        return fld.max_length
    return None
