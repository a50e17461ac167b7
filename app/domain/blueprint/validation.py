"""Validation of a blueprint document: schema, cross-field rules, compliance packs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError

from app.domain.blueprint.findings import Finding, Severity, ValidationReport, pointer
from app.domain.blueprint.model import Blueprint
from app.domain.blueprint.rules import check_rules

ComplianceCheck = Callable[[Blueprint, dict[str, Any]], Sequence[Finding]]

# pydantic error types, in Arabic (the English message comes from pydantic itself).
_AR = {
    "missing": "حقل مطلوب",
    "extra_forbidden": "حقل غير معروف",
    "string_pattern_mismatch": "الصيغة غير صحيحة",
    "string_too_short": "النص أقصر من المسموح",
    "string_too_long": "النص أطول من المسموح",
    "string_type": "يجب أن يكون نصًا",
    "int_type": "يجب أن يكون عددًا صحيحًا",
    "int_parsing": "يجب أن يكون عددًا صحيحًا",
    "bool_type": "يجب أن يكون صحيحًا أو خطأ",
    "bool_parsing": "يجب أن يكون صحيحًا أو خطأ",
    "enum": "قيمة غير مسموحة",
    "literal_error": "قيمة غير مسموحة",
    "list_type": "يجب أن يكون قائمة",
    "dict_type": "يجب أن يكون قاموسًا",
    "model_type": "يجب أن يكون قاموسًا",
    "too_short": "عدد العناصر أقل من المطلوب",
    "too_long": "عدد العناصر أكثر من المسموح",
    "greater_than_equal": "القيمة أصغر من المسموح",
    "less_than_equal": "القيمة أكبر من المسموح",
    "decimal_parsing": "يجب أن يكون رقمًا عشريًا",
    "decimal_type": "يجب أن يكون رقمًا عشريًا",
    "decimal_max_digits": "عدد الأرقام أكثر من المسموح",
    "decimal_max_places": "المنازل العشرية أكثر من المسموح",
}
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
        findings.append(Finding(
            path=path,
            code=f"schema.{kind}",
            severity=Severity.error,
            message_en=f"{where}: {error['msg']}",
            # The path reads left to right inside Arabic text: isolate it (LRI ... PDI).
            message_ar=f"\u2066{where}\u2069: {_AR.get(kind, 'قيمة غير صالحة')}",
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
