"""What the form of a tree node shows, read from the blueprint's models (Qt-free).

Each attribute of a node's model becomes a :class:`FormField` whose kind decides the
control (text, bilingual text, choice, check box, number, ...). The field converts between
what a control holds and what the document stores: an emptied optional attribute, or one
set back to its default, is left out of the document rather than written as empty.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from app.domain.blueprint.model import (
    Blueprint,
    Entity,
    EntityField,
    Environment,
    Integration,
    LocalizedText,
    Page,
    Relation,
    Role,
    Tier,
)
from app.gui.blueprints.outline import SECTION_ATTRIBUTES
from app.gui.blueprints.session import REMOVE

# Node kind -> (model, attributes shown, in order; None: every attribute of the model).
NODE_MODELS: dict[str, tuple[type[BaseModel], tuple[str, ...] | None]] = {
    "identity": (Blueprint, SECTION_ATTRIBUTES["identity"]),
    "compliance": (Blueprint, SECTION_ATTRIBUTES["compliance"]),
    "locales": (Blueprint, SECTION_ATTRIBUTES["locales"]),
    "entity": (Entity, None),
    "field": (EntityField, None),
    "relation": (Relation, None),
    "role": (Role, None),
    "page": (Page, None),
    "tier": (Tier, None),
    "integration": (Integration, None),
    "environment": (Environment, None),
}
# Shown as children in the tree, not in the form.
CHILD_COLLECTIONS = frozenset({"fields", "relations"})
# Names of other items: a choice among them, or free text for one not yet made.
ENTITY_REFERENCES = frozenset({("field", "reference"), ("relation", "target"), ("page", "entity")})
ROLE_REFERENCES = frozenset({("page", "roles")})
READ_ONLY = frozenset({("identity", "key")})  # a blueprint's key never changes
MULTILINE = frozenset({"description"})

# A field's constraints that mean something only for some of its types; the form shows
# them for those types, and whenever the document sets them.
TYPE_ATTRIBUTES: dict[str, frozenset[str]] = {
    "min_length": frozenset({"string", "text"}),
    "max_length": frozenset({"string", "text"}),
    "pattern": frozenset({"string"}),
    "minimum": frozenset({"integer", "decimal", "money"}),
    "maximum": frozenset({"integer", "decimal", "money"}),
    "precision": frozenset({"decimal", "money"}),
    "scale": frozenset({"decimal", "money"}),
    "currency": frozenset({"money"}),
    "enum_values": frozenset({"enum"}),
    "reference": frozenset({"reference"}),
    "on_delete": frozenset({"reference"}),
    "max_size_mb": frozenset({"file"}),
    "allowed_media_types": frozenset({"file"}),
}

KINDS = ("text", "multiline", "localized", "choice", "flags", "integer", "decimal", "boolean",
         "list", "mapping", "scalar", "entity", "roles", "permissions")


@dataclass(frozen=True)
class FormField:
    attr: str
    kind: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    read_only: bool = False
    optional_choice: bool = False  # a choice that may be left unset

    # ------------------------------------------------------------------ to the control
    def shown(self, value: Any) -> Any:
        """What the control shows for the document's ``value`` (None: absent)."""
        if value is None:
            value = self.default
        kind = self.kind
        if kind == "localized":
            source = value if isinstance(value, dict) else {}
            return (_text(source.get("en")), _text(source.get("ar")))
        if kind == "boolean":
            return value is True
        if kind == "integer":
            return value if isinstance(value, int) and not isinstance(value, bool) else None
        if kind in ("flags", "roles"):
            return [str(v) for v in value] if isinstance(value, list) else []
        if kind == "localized_lines":
            return "\n".join(f"{_text(v.get('en'))} | {_text(v.get('ar'))}" if isinstance(v, dict)
                             else _text(v) for v in value) if isinstance(value, list) else _text(value)
        if kind == "list":
            return ", ".join(str(v) for v in value) if isinstance(value, list) else _text(value)
        if kind == "mapping":
            if isinstance(value, dict):
                return ", ".join(f"{k}={v}" for k, v in value.items())
            return _text(value)
        if kind == "permissions":
            return value if isinstance(value, list) else []
        return _text(value)

    # ------------------------------------------------------------------ to the document
    def stored(self, shown: Any) -> Any:
        """What the document stores for the control's value (REMOVE: leave it out)."""
        kind = self.kind
        if kind == "localized":
            en, ar = shown
            if not self.required and not en and not ar:
                return REMOVE
            return {"en": en, "ar": ar}
        if kind == "boolean":
            return REMOVE if not self.required and bool(shown) == bool(self.default) else bool(shown)
        if kind == "integer":
            if shown is None:
                return REMOVE
            return REMOVE if not self.required and shown == self.default else int(shown)
        if kind in ("flags", "roles"):
            values = list(shown)
            if not values and not self.required:
                return REMOVE
            return values
        if kind == "localized_lines":
            items = [_localized_line(line) for line in str(shown).splitlines() if line.strip()]
            return items if items or self.required else REMOVE
        if kind == "list":
            values = [part for part in re.split(r"[,\s]+", str(shown)) if part]
            return values if values or self.required else REMOVE
        if kind == "mapping":
            return _mapping(str(shown), self.required)
        if kind == "permissions":
            return list(shown) if shown or self.required else REMOVE
        text = str(shown)
        if kind not in ("multiline",):
            text = text.strip()
        if not text:
            return "" if self.required else REMOVE
        if kind == "choice" and not self.required and text == _text(self.default):
            return REMOVE
        if kind == "decimal":
            return _number(text)
        if kind == "scalar":
            return _scalar(text)
        return text


def _localized_line(line: str) -> dict[str, str]:
    """``Online booking | الحجز عبر الإنترنت``; a line without its Arabic half keeps only the
    English one, which validation then names as missing."""
    en, bar, ar = line.partition("|")
    return {"en": en.strip(), "ar": ar.strip()} if bar else {"en": en.strip()}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _number(text: str) -> Any:
    """Whole numbers as integers, others as written (a decimal keeps its digits)."""
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    try:
        Decimal(text)
    except InvalidOperation:
        return text  # validation says what is wrong with it
    return text


def _scalar(text: str) -> Any:
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text


def _mapping(text: str, required: bool) -> Any:
    result: dict[str, Any] = {}
    for part in re.split(r"[,\n]+", text):
        if not part.strip():
            continue
        name, _, raw = part.partition("=")
        raw = raw.strip()
        result[name.strip()] = int(raw) if re.fullmatch(r"-?\d+", raw) else raw
    return result if result or required else REMOVE


# ---------------------------------------------------------------------- from the models
def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``Annotated`` and ``| None``; whether None was allowed."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(members) < len(get_args(annotation))
            if len(members) != 1:
                return tuple(members), optional
            annotation = members[0]
        else:
            return annotation, optional


def _bounds(metadata: list[Any]) -> tuple[int | None, int | None]:
    low = high = None
    for item in metadata:
        if isinstance(item, annotated_types.Ge):
            low = int(item.ge)  # type: ignore[call-overload]
        elif isinstance(item, annotated_types.Le):
            high = int(item.le)  # type: ignore[call-overload]
    return low, high


def _kind(node: str, attr: str, annotation: Any) -> tuple[str, tuple[str, ...]]:
    if (node, attr) in ENTITY_REFERENCES:
        return "entity", ()
    if (node, attr) in ROLE_REFERENCES:
        return "roles", ()
    if attr == "permissions":
        return "permissions", ()
    base, _optional = _unwrap(annotation)
    if isinstance(base, tuple):
        return "scalar", ()
    origin = get_origin(base)
    if origin is Literal:
        return "choice", tuple(str(a) for a in get_args(base))
    if origin is list:
        (item,) = get_args(base)
        item, _ = _unwrap(item)
        if isinstance(item, type) and issubclass(item, Enum):
            return "flags", tuple(str(m.value) for m in item)
        if isinstance(item, type) and issubclass(item, LocalizedText):
            return "localized_lines", ()  # a tier's features: one "English | العربية" a line
        return "list", ()
    if origin is dict:
        return "mapping", ()
    if isinstance(base, type):
        if issubclass(base, LocalizedText):
            return "localized", ()
        if issubclass(base, Enum):
            return "choice", tuple(str(m.value) for m in base)
        if issubclass(base, bool):
            return "boolean", ()
        if issubclass(base, int):
            return "integer", ()
        if issubclass(base, Decimal):
            return "decimal", ()
    return ("multiline" if attr in MULTILINE else "text"), ()


def form_fields(node: str) -> list[FormField]:
    """The fields of a node's form, in the model's order."""
    if node not in NODE_MODELS:
        return []
    model, attributes = NODE_MODELS[node]
    names = attributes or tuple(model.model_fields)
    result = []
    for attr in names:
        if attr in CHILD_COLLECTIONS or attr == "schema_version":
            continue
        info = model.model_fields[attr]
        kind, choices = _kind(node, attr, info.annotation)
        default = info.default if info.default is not PydanticUndefined else None
        if info.default_factory is not None:
            default = info.default_factory()  # type: ignore[call-arg]
        if isinstance(default, Enum):
            default = default.value
        _base, optional = _unwrap(info.annotation)
        low, high = _bounds(list(info.metadata))
        result.append(FormField(
            attr=attr,
            kind=kind,
            required=info.is_required(),
            default=default,
            choices=choices,
            minimum=low,
            maximum=high,
            read_only=(node, attr) in READ_ONLY,
            optional_choice=kind == "choice" and optional,
        ))
    return result


def relevant(node: str, attr: str, value: Any) -> bool:
    """Whether the form of ``node`` (holding ``value``) shows ``attr``."""
    if node != "field" or attr not in TYPE_ATTRIBUTES:
        return True
    if not isinstance(value, dict):
        return True
    return attr in value or value.get("type") in TYPE_ATTRIBUTES[attr]


def entity_names(document: dict[str, Any]) -> list[str]:
    return _names(document.get("entities"), "name")


def role_names(document: dict[str, Any]) -> list[str]:
    return _names(document.get("roles"), "name")


def _names(items: Any, key: str) -> list[str]:
    if not isinstance(items, list):
        return []
    return [i[key] for i in items if isinstance(i, dict) and isinstance(i.get(key), str)]


# ---------------------------------------------------------------------- new items
def new_item(kind: str, document: dict[str, Any], parent: dict[str, Any] | None = None
             ) -> dict[str, Any]:
    """A small valid-looking item of ``kind`` with a name not yet taken."""
    def free(base: str, taken: list[str]) -> str:
        name, number = base, 2
        while name in taken:
            name, number = f"{base}_{number}", number + 1
        return name

    def free_key(base: str, taken: list[str]) -> str:
        return free(base, taken).replace("_", "-")

    if kind == "entity":
        name = free("new_entity", entity_names(document))
        return {"name": name, "label": {"en": "New entity", "ar": "كيان جديد"},
                "fields": [{"name": "name", "label": {"en": "Name", "ar": "الاسم"},
                            "type": "string"}]}
    if kind == "field":
        taken = _names((parent or {}).get("fields"), "name")
        return {"name": free("new_field", taken), "label": {"en": "New field", "ar": "حقل جديد"},
                "type": "string"}
    if kind == "relation":
        taken = _names((parent or {}).get("relations"), "name")
        targets = entity_names(document)
        return {"name": free("new_relation", taken), "kind": "one_to_many",
                "target": targets[0] if targets else "entity"}
    if kind == "role":
        return {"name": free("new_role", role_names(document)),
                "label": {"en": "New role", "ar": "دور جديد"}}
    if kind == "page":
        key = free_key("new_page", _names(document.get("pages"), "key"))
        return {"key": key, "title": {"en": "New page", "ar": "صفحة جديدة"}, "kind": "content",
                "path": f"/{key}"}
    if kind == "tier":
        key = free_key("new_tier", _names(document.get("tiers"), "key"))
        return {"key": key, "name": {"en": "New tier", "ar": "باقة جديدة"}, "price": 0,
                "currency": "SAR", "interval": "month"}
    if kind == "integration":
        return {"category": "email"}
    if kind == "environment":
        taken = _names(document.get("environments"), "name")
        name = next((n for n in ("development", "staging", "production") if n not in taken),
                    "development")
        return {"name": name, "provider": "hetzner", "region": "fsn1", "server_size": "cx22"}
    raise ValueError(f"no new item of kind {kind!r}")
