"""Sample records for the generated tests: valid values that satisfy every constraint of
a field (patterns included), a few variants for unique fields, and invalid values that
the platform must refuse. Computed here, written into the platform as JSON, so the
tests read like data and stay the same for the same blueprint."""

from __future__ import annotations

import importlib
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.domain.codegen.spec import EntitySpec, FieldSpec, PlatformSpec

VARIANTS = 3
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
RAW_CARD_NUMBER = "4111 1111 1111 1111"

_parser: Any = importlib.import_module("re._parser")
_const: Any = importlib.import_module("re._constants")

_POOL = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [str(d) for d in range(10)] + [
    chr(c) for c in range(ord("A"), ord("Z") + 1)] + ["-", "_", "."]
_CATEGORY = {
    "CATEGORY_DIGIT": [str(d) for d in range(10)],
    "CATEGORY_WORD": [chr(c) for c in range(ord("a"), ord("z") + 1)] + [str(d) for d in range(10)],
    "CATEGORY_SPACE": [" "],
    "CATEGORY_NOT_DIGIT": [chr(c) for c in range(ord("a"), ord("z") + 1)],
    "CATEGORY_NOT_WORD": ["-", ".", " "],
    "CATEGORY_NOT_SPACE": [chr(c) for c in range(ord("a"), ord("z") + 1)],
}


class _Emitter:
    def __init__(self, variant: int) -> None:
        self.variant = variant
        self.position = 0
        self.groups: dict[int, str] = {}

    def pick(self, choices: list[str]) -> str:
        if not choices:
            return "a"
        choice = choices[(self.variant + self.position) % len(choices)]
        self.position += 1
        return choice

    def chars_in(self, items: list[tuple[Any, Any]]) -> list[str]:
        negate = False
        chars: list[str] = []
        for op, av in items:
            name = str(op)
            if name == "NEGATE":
                negate = True
            elif name == "LITERAL":
                chars.append(chr(av))
            elif name == "RANGE":
                low, high = av
                chars.extend(chr(c) for c in range(low, min(high, low + 61) + 1))
            elif name == "CATEGORY":
                chars.extend(_CATEGORY.get(str(av), ["a"]))
        if negate:
            excluded = set(chars)
            if any(str(av) == "CATEGORY_SPACE" for op, av in items if str(op) == "CATEGORY"):
                excluded.add(" ")
            return [c for c in _POOL if c not in excluded]
        return chars

    def emit(self, items: Any) -> str:
        out: list[str] = []
        for op, av in items:
            name = str(op)
            if name == "LITERAL":
                out.append(chr(av))
            elif name == "NOT_LITERAL":
                out.append(self.pick([c for c in _POOL if c != chr(av)]))
            elif name == "ANY":
                out.append(self.pick(_POOL[:26]))
            elif name == "IN":
                out.append(self.pick(self.chars_in(av)))
            elif name == "CATEGORY":
                out.append(self.pick(_CATEGORY.get(str(av), ["a"])))
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                low, _high, sub = av
                out.extend(self.emit(sub) for _ in range(low))
            elif name == "SUBPATTERN":
                group, _add, _del, sub = av
                text = self.emit(sub)
                if group is not None:
                    self.groups[group] = text
                out.append(text)
            elif name == "ATOMIC_GROUP":
                out.append(self.emit(av))
            elif name == "BRANCH":
                _, branches = av
                out.append(self.emit(branches[0]))
            elif name == "GROUPREF":
                out.append(self.groups.get(av, ""))
            # AT (anchors) and lookarounds add no characters
        return "".join(out)


def pattern_example(pattern: str, variant: int = 0) -> str | None:
    """A string that ``pattern`` matches (search semantics), or None when this simple
    walk over the expression cannot find one."""
    try:
        parsed = _parser.parse(pattern)
        text = _Emitter(variant).emit(parsed)
    except (re.error, RecursionError, TypeError, ValueError, KeyError):
        return None
    return text if re.search(pattern, text) else None


def _fits(text: str, min_length: int | None, max_length: int | None) -> bool:
    return (min_length is None or len(text) >= min_length) and (max_length is None or len(text) <= max_length)


def _string_value(entity: EntitySpec, spec: FieldSpec, variant: int) -> str | None:
    low, high = spec.min_length, spec.max_length
    if spec.token:
        text = f"tok_{variant}{spec.attr.replace('_', '')[:8]}A1b2C3d4"
        return text[: high] if high else text
    if spec.pattern is not None:
        example = pattern_example(spec.pattern, variant)
        if example is None or not _fits(example, low, high):
            return None
        return example
    if spec.type == "text" and variant == 1:
        text = f"نص تجريبي {variant} sample"
    else:
        text = f"{spec.name.replace('_', ' ')} {variant}"
    if high is not None and len(text) > high:
        text = (f"{variant}" + spec.name.replace("_", ""))[:high]
    if low is not None and len(text) < low:
        text = text + "x" * (low - len(text))
    return text


def _number_value(spec: FieldSpec, variant: int) -> Decimal:
    low, high = spec.minimum, spec.maximum
    scale, digits = spec.scale, spec.precision
    base = Decimal(10 + variant)
    if spec.type != "integer":
        base += Decimal("0.25") if scale is None or scale >= 2 else Decimal(0)
    if low is not None and base < low:
        base = low + variant
    if high is not None and base > high:
        base = high - variant
        if low is not None and base < low:
            base = low
    if digits is not None and scale is not None:
        limit = Decimal(10) ** (int(digits) - int(scale)) - 1
        if base > limit:
            base = min(limit, Decimal(variant))
    if scale is not None:
        base = base.quantize(Decimal(1).scaleb(-int(scale)))
    return base


def sample_value(entity: EntitySpec, spec: FieldSpec, variant: int) -> Any:
    """A valid JSON value for the field (references are filled by the tests)."""
    kind = spec.type
    if kind in ("string", "text"):
        return _string_value(entity, spec, variant)
    if kind == "integer":
        return int(_number_value(spec, variant))
    if kind in ("decimal", "money"):
        return str(_number_value(spec, variant))
    if kind == "boolean":
        return variant % 2 == 0
    if kind == "date":
        return (date(2026, 1, 10) + timedelta(days=variant)).isoformat()
    if kind == "datetime":
        return f"{(date(2026, 1, 10) + timedelta(days=variant)).isoformat()}T09:30:00Z"
    if kind == "enum":
        return spec.enum_values[variant % len(spec.enum_values)]
    if kind == "file":
        media = spec.media_types[variant % len(spec.media_types)] if spec.media_types else "application/octet-stream"
        return {"name": f"{spec.name}-{variant}.bin", "media_type": media,
                "size": 1024 + variant, "storage_key": f"{entity.name}/{spec.name}/{variant}"}
    return None


def _invalid_cases(entity: EntitySpec, valid: dict[str, Any]) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []

    def case(name: str, field: str, value: Any = None, remove: bool = False) -> None:
        cases.append({"case": name, "field": field, "value": value, "remove": remove})

    for spec in entity.fields:
        key = spec.api_name
        if spec.required and spec.default is None and key in valid:
            case(f"{key} missing", key, remove=True)
        kind = spec.type
        if kind in ("string", "text"):
            max_length = spec.max_length
            if max_length is not None and max_length <= 10_000:
                case(f"{key} too long", key, "7" * (max_length + 1))
            if spec.min_length:
                case(f"{key} too short", key, "7" * (spec.min_length - 1))
            pattern = spec.pattern
            if pattern is not None and not re.search(pattern, "!"):
                case(f"{key} does not match its pattern", key, "!")
            if spec.token:
                case(f"{key} is a raw card number", key, RAW_CARD_NUMBER)
        elif kind == "integer":
            case(f"{key} not a number", key, "many")
            if spec.minimum is not None:
                case(f"{key} below minimum", key, int(spec.minimum) - 1)
            if spec.maximum is not None:
                case(f"{key} above maximum", key, int(spec.maximum) + 1)
        elif kind in ("decimal", "money"):
            if spec.scale is not None:
                case(f"{key} too many decimal places", key, "1." + "1" * (spec.scale + 1))
            if spec.minimum is not None:
                case(f"{key} below minimum", key, str(spec.minimum - 1))
            if spec.maximum is not None:
                case(f"{key} above maximum", key, str(spec.maximum + 1))
        elif kind == "enum":
            case(f"{key} not one of its values", key, "not_a_value")
        elif kind == "date":
            case(f"{key} not a date", key, "2026-02-30")
        elif kind == "datetime":
            case(f"{key} not a time", key, "yesterday")
        elif kind == "boolean":
            case(f"{key} not true or false", key, "perhaps")
        elif kind == "reference":
            case(f"{key} not a record id", key, "../etc/passwd")
            case(f"{key} points at no record", key, UNKNOWN_ID)
        elif kind == "file":
            good = valid.get(key) or sample_value(entity, spec, 0)
            if spec.media_types:
                case(f"{key} media type not allowed", key, {**good, "media_type": "application/x-msdownload"})
            if spec.max_bytes:
                case(f"{key} too large", key, {**good, "size": spec.max_bytes + 1})
            case(f"{key} storage key escapes its folder", key, {**good, "storage_key": "../../secret"})
    case("unknown field", "not_a_field", 1)
    return cases


def _update_case(entity: EntitySpec, valid: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A field the tests change, with its value in each sample (they differ when they can)."""
    for spec in entity.fields:
        if spec.is_reference or spec.hashed or spec.is_file:
            continue
        values = [payload.get(spec.api_name) for payload in valid]
        if all(v is not None for v in values) and len({str(v) for v in values}) > 1:
            return {"field": spec.api_name, "values": values}
    return None


def seedable_entities(platform: PlatformSpec, samples: dict[str, dict[str, Any]]) -> set[str]:
    """Entities whose records the tests can create: every required field has a sample and
    every required reference leads to a creatable entity (no required cycles)."""
    ok: set[str] = set()
    changed = True
    while changed:
        changed = False
        for entity in platform.entities:
            if entity.name in ok or not samples[entity.name]["complete"]:
                continue
            if all(f.reference in ok or (f.reference == entity.name and not f.required)
                   for f in entity.references if f.required):
                ok.add(entity.name)
                changed = True
    return ok


def entity_samples(entity: EntitySpec) -> dict[str, Any]:
    valid: list[dict[str, Any]] = []
    complete = True
    for variant in range(VARIANTS):
        payload: dict[str, Any] = {}
        for spec in entity.fields:
            if spec.is_reference:
                continue
            value = sample_value(entity, spec, variant)
            if value is None:
                if spec.required:
                    complete = False
                continue
            payload[spec.api_name] = value
        valid.append(payload)
    references = [
        {"field": f.api_name, "entity": f.reference, "required": f.required}
        for f in entity.references
    ]
    return {
        "entity": entity.name,
        "complete": complete,
        "valid": valid,
        "references": references,
        "update": _update_case(entity, valid),
        "invalid": _invalid_cases(entity, valid[0]),
        "filters": [f.api_name for f in entity.filters if f.filter == "eq" and not f.is_reference
                    and f.api_name in valid[0]],
        "ranges": [f.api_name for f in entity.filters if f.filter == "range" and f.api_name in valid[0]],
    }


def platform_samples(platform: PlatformSpec) -> dict[str, dict[str, Any]]:
    samples = {e.name: entity_samples(e) for e in platform.entities}
    seedable = seedable_entities(platform, samples)
    for name, data in samples.items():
        data["seedable"] = name in seedable
    return samples
