"""Validation of a blueprint document: schema, cross-field rules, compliance packs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError

from app.domain.bidi import ltr
from app.domain.blueprint.findings import Finding, Severity, ValidationReport, pointer
from app.domain.blueprint.model import Blueprint
from app.domain.blueprint.rules import check_rules
from app.domain.blueprint.upcast import upcast
from app.domain.numerals import number
from app.domain.plurals import count

ComplianceCheck = Callable[[Blueprint, dict[str, Any]], Sequence[Finding]]

# What a pattern of the contract asks for, in words (the schema's own patterns).
_PATTERNS: dict[str, tuple[str, str]] = {
    r"^[a-z][a-z0-9_]{0,62}$": (
        "must be a lower_snake_case name: a lower-case letter first, then lower-case letters, "
        "digits or _ (at most 63 characters)",
        "يجب أن يكون اسمًا بالحروف اللاتينية الصغيرة: يبدأ بحرف ثم حروف صغيرة أو أرقام أو _ "
        "(63 حرفًا على الأكثر)"),
    r"^[a-z0-9][a-z0-9-]{0,62}$": (
        "may hold only lower-case letters, digits and '-' (at most 63 characters)",
        "لا يقبل إلا الحروف اللاتينية الصغيرة والأرقام و'-' (63 حرفًا على الأكثر)"),
    r"^[A-Z]{3}$": ("must be a three-letter currency code, such as SAR or EUR",
                    "يجب أن يكون رمز عملة من ثلاثة أحرف، مثل SAR أو EUR"),
    r"^[A-Z]{2}$": ("must be a two-letter country code, such as SA or DE",
                    "يجب أن يكون رمز دولة من حرفين، مثل SA أو DE"),
    r"^[a-z0-9-]{2,40}$": ("may hold only lower-case letters, digits and '-' (2 to 40 characters)",
                           "لا يقبل إلا الحروف اللاتينية الصغيرة والأرقام و'-' (من 2 إلى 40 حرفًا)"),
    r"^/[a-z0-9/_:-]*$": ("must be a path that starts with /, such as /patients",
                          "يجب أن يكون مسارًا يبدأ بـ /، مثل /patients"),
    r"^([a-z0-9-]{1,63}\.)+[a-z]{2,63}$": ("must be a domain name, such as app.example.org",
                                          "يجب أن يكون اسم نطاق، مثل app.example.org"),
}


def _number_ar(value: Any) -> str:
    """A bound written the Arabic way when it is a number, as given otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, "ar")
    return str(value)


def _words(error: Any) -> tuple[str, str]:
    """A schema error said in words, in English and Arabic (never pydantic's wording)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "is required", "مطلوب"
    if kind == "extra_forbidden":
        return "is not an attribute of this element", "ليس من خصائص هذا العنصر"
    if kind == "string_pattern_mismatch":
        known = _PATTERNS.get(str(ctx.get("pattern", "")))
        if known:
            return known
        return "does not have the required form", "لا يطابق الصيغة المطلوبة"
    if kind in ("string_too_short", "too_short"):
        n = int(ctx.get("min_length", 0))
        noun = "character" if kind == "string_too_short" else "item"
        return (f"needs at least {count(n, noun)}",
                f"يحتاج إلى {count(n, noun, 'ar')} على الأقل")
    if kind in ("string_too_long", "too_long"):
        n = int(ctx.get("max_length", 0))
        noun = "character" if kind == "string_too_long" else "item"
        return f"may have at most {count(n, noun)}", f"لا يتجاوز {count(n, noun, 'ar')}"
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return f"must be at least {bound}", f"يجب ألا يقل عن {_number_ar(bound)}"
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        return f"must be at most {bound}", f"يجب ألا يزيد على {_number_ar(bound)}"
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"must be one of: {expected}", f"يجب أن يكون واحدًا من: {ltr(expected)}"
    if kind in ("string_type",):
        return "must be text", "يجب أن يكون نصًا"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "must be a whole number", "يجب أن يكون عددًا صحيحًا"
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type"):
        return "must be a number", "يجب أن يكون رقمًا"
    if kind == "decimal_max_digits":
        return f"may have at most {ctx.get('max_digits')} digits", f"لا يتجاوز {ctx.get('max_digits')} رقمًا"
    if kind == "decimal_max_places":
        return (f"may have at most {ctx.get('decimal_places')} decimal places",
                f"لا يتجاوز {ctx.get('decimal_places')} منازل عشرية")
    if kind in ("bool_type", "bool_parsing"):
        return "must be true or false", "يجب أن يكون true أو false"
    if kind == "list_type":
        return "must be a list", "يجب أن يكون قائمة"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be a mapping of names to values", "يجب أن يكون مجموعة من الأسماء وقيمها"
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return "must be a date such as 2026-12-31", "يجب أن يكون تاريخًا مثل 2026-12-31"
    return "is not a valid value here", "قيمة غير صالحة هنا"


def _location_pointer(document: Any, loc: tuple[int | str, ...]) -> str:
    """Follow pydantic's error location through the actual document. Parts that are not in
    the document (the names pydantic gives union members, like "str" or "decimal") are
    skipped, except a final key, which names a missing field."""
    parts: list[str | int] = []
    node = document
    for index, part in enumerate(loc):
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            parts.append(part)
            node = node[part]
        elif index == len(loc) - 1 and isinstance(node, dict) and isinstance(part, str):
            parts.append(part)  # a required field that is absent
            node = None
    return pointer(*parts)


def schema_findings(exc: ValidationError, document: Any) -> list[Finding]:
    findings = []
    for error in exc.errors(include_url=False):
        path = _location_pointer(document, tuple(error["loc"]))
        kind = error["type"]
        where = path or "/"
        words_en, words_ar = _words(error)
        findings.append(Finding(
            path=path,
            code=f"schema.{kind}",
            severity=Severity.error,
            message_en=f"{where}: {words_en}",
            # The path reads left to right inside Arabic text: isolate it.
            message_ar=f"{ltr(where)}: {words_ar}",
            source="schema",
        ))
    # One error per place is enough (unions report each member's complaint).
    unique: dict[str, Finding] = {}
    for finding in findings:
        unique.setdefault(finding.path, finding)
    return list(unique.values())


def validate_document(
    document: dict[str, Any], compliance: ComplianceCheck | None = None
) -> tuple[Blueprint | None, ValidationReport]:
    """Check a parsed document. Returns the blueprint (None if the schema refuses it) and
    every finding; never raises for bad input."""
    document = upcast(document)  # a document of an earlier format is read in the current one
    try:
        blueprint = Blueprint.model_validate(document)
    except ValidationError as exc:
        return None, ValidationReport(tuple(schema_findings(exc, document)))
    findings = check_rules(blueprint)
    if compliance is not None:
        findings.extend(compliance(blueprint, document))
    return blueprint, ValidationReport(tuple(findings))


def canonical_document(blueprint: Blueprint) -> dict[str, Any]:
    """The stored form: JSON types only, defaults left out so documents stay small."""
    data: dict[str, Any] = blueprint.model_dump(mode="json", exclude_defaults=True)
    data["schema_version"] = blueprint.schema_version
    return data
