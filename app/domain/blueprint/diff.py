"""Semantic difference between two blueprint documents.

Where a JSON Patch says "replace /entities/3/fields/2/type", the semantic diff says
"field patient.phone changed type: string -> text". Named collections (entities, fields,
roles, pages, tiers, environments, relations) are matched by name, not by position, so a
reordering is not reported as everything changing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Collection -> the attribute that names its items.
NAMED_SECTIONS: dict[str, str] = {
    "entities": "name",
    "roles": "name",
    "pages": "key",
    "tiers": "key",
    "environments": "name",
}
ENTITY_COLLECTIONS: dict[str, str] = {"fields": "name", "relations": "name"}

SECTION_LABELS = {
    "entities": ("entity", "كيان"),
    "fields": ("field", "حقل"),
    "relations": ("relation", "علاقة"),
    "roles": ("role", "دور"),
    "pages": ("page", "صفحة"),
    "tiers": ("tier", "باقة"),
    "environments": ("environment", "بيئة"),
    "blueprint": ("blueprint", "المخطط"),
}


@dataclass(frozen=True)
class AttributeChange:
    attribute: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed" or "changed"
    section: str  # entities, fields, roles, pages, tiers, environments, relations, blueprint
    name: str  # e.g. "patient" or "patient.phone"; the attribute for blueprint-level changes
    attributes: tuple[AttributeChange, ...] = ()

    def describe(self, language: str = "en") -> str:
        en, ar = SECTION_LABELS.get(self.section, (self.section, self.section))
        if language == "ar":
            verb = {"added": "أُضيف", "removed": "حُذف", "changed": "تغيّر"}[self.kind]
            text = f"{verb} {ar} \u2066{self.name}\u2069"
        else:
            text = f"{en} {self.name} {self.kind}"
        if self.attributes:
            parts = [f"{a.attribute}: {_short(a.old)} → {_short(a.new)}" for a in self.attributes]
            detail = "; ".join(parts)
            if language == "ar":  # values and attribute names read left to right
                detail = f"\u2066{detail}\u2069"
            text += " (" + detail + ")"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "section": self.section,
            "name": self.name,
            "attributes": [
                {"attribute": a.attribute, "old": a.old, "new": a.new} for a in self.attributes
            ],
        }


def _short(value: Any) -> str:
    if value is None:
        return "—"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


@dataclass(frozen=True)
class SemanticDiff:
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.changes

    def count(self, kind: str, section: str | None = None) -> int:
        return sum(1 for c in self.changes if c.kind == kind and (section is None or c.section == section))

    def summary(self) -> dict[str, dict[str, int]]:
        result: dict[str, dict[str, int]] = {}
        for change in self.changes:
            section = result.setdefault(change.section, {"added": 0, "removed": 0, "changed": 0})
            section[change.kind] += 1
        return result

    def to_json(self) -> dict[str, Any]:
        return {"summary": self.summary(), "changes": [c.to_json() for c in self.changes]}


def _by_name(items: Any, key: str) -> dict[str, dict[str, Any]]:
    if not isinstance(items, list):
        return {}
    result: dict[str, dict[str, Any]] = {}
    for item in items:
        if isinstance(item, dict) and isinstance(item.get(key), str):
            result.setdefault(item[key], item)
    return result


def _attribute_changes(old: dict[str, Any], new: dict[str, Any], skip: set[str]) -> tuple[AttributeChange, ...]:
    changes = []
    for attr in sorted(set(old) | set(new)):
        if attr in skip:
            continue
        if old.get(attr) != new.get(attr):
            changes.append(AttributeChange(attr, old.get(attr), new.get(attr)))
    return tuple(changes)


def _collection(section: str, key: str, old: Any, new: Any, prefix: str = "",
                nested: dict[str, str] | None = None) -> list[Change]:
    before, after = _by_name(old, key), _by_name(new, key)
    changes: list[Change] = []
    for name in before.keys() - after.keys():
        changes.append(Change("removed", section, prefix + name))
    for name in after.keys() - before.keys():
        changes.append(Change("added", section, prefix + name))
    for name in before.keys() & after.keys():
        a, b = before[name], after[name]
        if a == b:
            continue
        attrs = _attribute_changes(a, b, set(nested or {}))
        if attrs:
            changes.append(Change("changed", section, prefix + name, attrs))
        for sub_section, sub_key in (nested or {}).items():
            changes += _collection(sub_section, sub_key, a.get(sub_section), b.get(sub_section),
                                   prefix=f"{prefix}{name}.")
    return changes


def semantic_diff(old: dict[str, Any], new: dict[str, Any]) -> SemanticDiff:
    changes: list[Change] = []
    for attr in sorted((set(old) | set(new)) - set(NAMED_SECTIONS)):
        if old.get(attr) != new.get(attr):
            changes.append(Change("changed", "blueprint", attr,
                                  (AttributeChange(attr, old.get(attr), new.get(attr)),)))
    for section, key in NAMED_SECTIONS.items():
        nested = ENTITY_COLLECTIONS if section == "entities" else None
        changes += _collection(section, key, old.get(section), new.get(section), nested=nested)
    order = {"blueprint": 0, "entities": 1, "fields": 2, "relations": 3, "roles": 4, "pages": 5,
             "tiers": 6, "environments": 7}
    kinds = {"added": 0, "removed": 1, "changed": 2}
    changes.sort(key=lambda c: (order.get(c.section, 9), c.name, kinds[c.kind]))
    return SemanticDiff(tuple(changes))
