"""Semantic difference between two blueprint documents.

Where a JSON Patch says "replace /entities/3/fields/2/type", the semantic diff says
"field patient.phone changed type: string -> text". Named collections (entities, fields,
roles, pages, tiers, environments, relations) are matched by name, not by position, so a
reordering is not reported as everything changing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.domain.bidi import isolate, ltr
from app.domain.numerals import number

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
        name = self.name
        if self.section == "blueprint":  # the name is the attribute: say it in the language
            name = ATTRIBUTE_NAMES.get(name, (name, name))[1 if language == "ar" else 0]
        if language == "ar":
            verb = {"added": "أُضيف", "removed": "حُذف", "changed": "تغيّر"}[self.kind]
            text = f"{verb} {ar} {isolate(name)}"
        else:
            text = f"{en} {name} {self.kind}"
        if self.attributes:
            joiner = "؛ " if language == "ar" else "; "
            detail = joiner.join(_attribute_text(a, language) for a in self.attributes)
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


# Attribute names as an owner says them; values are shown as text, never as Python data.
ATTRIBUTE_NAMES: dict[str, tuple[str, str]] = {
    "name": ("name", "الاسم"), "label": ("label", "التسمية"), "plural_label": ("plural label", "تسمية الجمع"),
    "description": ("description", "الوصف"), "type": ("type", "النوع"), "required": ("required", "إلزامي"),
    "unique": ("unique", "فريد"), "indexed": ("indexed", "مفهرس"),
    "classification": ("classification", "التصنيف"), "storage": ("storage", "التخزين"),
    "min_length": ("minimum length", "أقل طول"), "max_length": ("maximum length", "أقصى طول"),
    "pattern": ("pattern", "النمط"), "minimum": ("minimum", "الحد الأدنى"), "maximum": ("maximum", "الحد الأعلى"),
    "currency": ("currency", "العملة"), "enum_values": ("allowed values", "القيم المسموحة"),
    "reference": ("refers to", "يشير إلى"), "on_delete": ("on delete", "عند الحذف"),
    "default": ("default", "القيمة الافتراضية"), "audit_log": ("audit log", "سجل التدقيق"),
    "encrypted_at_rest": ("encrypted at rest", "التشفير أثناء التخزين"),
    "retention_days": ("retention (days)", "مدة الاحتفاظ (بالأيام)"), "erasure": ("erasure", "المحو"),
    "permissions": ("permissions", "الصلاحيات"), "self_service": ("data subjects' own role", "دور أصحاب البيانات"),
    "price": ("price", "السعر"), "interval": ("billing interval", "فترة الفوترة"), "limits": ("limits", "الحدود"),
    "entity_limits": ("records per entity", "حد السجلات لكل كيان"),
    "trial_days": ("trial (days)", "الفترة التجريبية (بالأيام)"), "features": ("features", "المزايا"),
    "grace_days": ("grace period (days)", "مهلة السداد (بالأيام)"),
    "provider": ("provider", "المزوّد"), "region": ("region", "المنطقة"), "country": ("country", "الدولة"),
    "server_size": ("server size", "حجم الخادم"), "replicas": ("replicas", "النسخ المتماثلة"),
    "backups": ("backups", "النسخ الاحتياطي"), "backup_retention_days": ("backup retention (days)", "مدة الاحتفاظ بالنسخ"),
    "encryption_at_rest": ("encryption at rest", "التشفير أثناء التخزين"), "domain": ("domain", "المجال"),
    "compliance": ("frameworks", "أطر الامتثال"), "data_residency": ("data residency", "دول حفظ البيانات"),
    "transfers": ("transfer bases", "أسس النقل"), "tenancy": ("tenancy", "نموذج المستأجرين"),
    "navigation": ("navigation", "التنقل"), "locales": ("languages", "اللغات"),
    "default_locale": ("default language", "اللغة الافتراضية"),
    "default_direction": ("default direction", "الاتجاه الافتراضي"), "title": ("title", "العنوان"),
    "path": ("path", "المسار"), "kind": ("kind", "النوع"), "entity": ("entity", "الكيان"),
    "roles": ("roles", "الأدوار"), "target": ("target entity", "الكيان الهدف"), "owner": ("owner", "المالك"),
    "actions": ("actions", "الإجراءات"), "own_records_only": ("own records only", "سجلاته فقط"),
    "allowed_media_types": ("allowed file types", "أنواع الملفات المسموحة"),
    "max_size_mb": ("maximum size (MB)", "الحجم الأقصى (ميغابايت)"), "category": ("category", "الفئة"),
    "children": ("sub-items", "العناصر الفرعية"), "integrations": ("integrations", "التكاملات"),
    "key": ("key", "المفتاح"), "mechanism": ("mechanism", "الآلية"), "page": ("page", "الصفحة"),
    "precision": ("precision", "الدقة"), "scale": ("decimal places", "المنازل العشرية"),
    "purpose": ("purpose", "الغرض"), "recorded_on": ("recorded on", "تاريخ التسجيل"),
    "schema_version": ("format version", "إصدار الصيغة"), "tenant_id": ("tenant", "المستأجر"),
}
_YES_NO = {"en": ("yes", "no"), "ar": ("نعم", "لا")}
_OWN = {"en": " (own records)", "ar": " (سجلاته فقط)"}


def _isolated(text: str) -> str:
    """A value inside a sentence of either direction reads in its own direction."""
    return isolate(text)


def _short(value: Any, language: str = "en") -> str:
    """A value as an owner reads it: text, lists joined, localised names in their language."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        yes, no = _YES_NO["ar" if language == "ar" else "en"]
        return yes if value else no
    if isinstance(value, dict):
        if set(value) <= {"en", "ar"} and value:
            text = str(value.get(language) or value.get("en") or value.get("ar"))
        else:
            text = ", ".join(f"{k}: {_short(v, language)}" for k, v in value.items())
    elif isinstance(value, list):
        text = ", ".join(_item_text(item, language) for item in value) or "—"
    elif isinstance(value, int | float):
        text = number(value, language)  # «٣٠» in Arabic, as every number of the console
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _item_text(item: Any, language: str) -> str:
    if isinstance(item, dict):
        for key in ("name", "key", "page", "entity", "country", "category"):
            if isinstance(item.get(key), str):
                return str(item[key])
    return _short(item, language)


def _attribute_text(change: AttributeChange, language: str) -> str:
    # an attribute without an Arabic name (a newer blueprint format) shows as written, as code
    en, ar = ATTRIBUTE_NAMES.get(change.attribute,
                                 (change.attribute.replace("_", " "), ltr(change.attribute)))
    name = ar if language == "ar" else en
    if change.attribute == "permissions":
        return f"{name}: " + _permission_changes(change.old, change.new, language)
    old, new = _short(change.old, language), _short(change.new, language)
    return f"{name}: {_isolated(old)} → {_isolated(new)}"


def _grants(value: Any) -> dict[str, tuple[set[str], bool]]:
    result: dict[str, tuple[set[str], bool]] = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict) and isinstance(item.get("entity"), str):
            result[item["entity"]] = ({str(a) for a in item.get("actions", [])},
                                      bool(item.get("own_records_only", False)))
    return result


def _permission_changes(old: Any, new: Any, language: str) -> str:
    """Per entity, the actions granted and taken away: "patient: +delete, −export"."""
    before, after = _grants(old), _grants(new)
    own = _OWN["ar" if language == "ar" else "en"]
    parts = []
    for entity in sorted(before.keys() | after.keys()):
        was, was_own = before.get(entity, (set(), False))
        now, now_own = after.get(entity, (set(), False))
        moves = [f"+{a}" for a in sorted(now - was)] + [f"−{a}" for a in sorted(was - now)]
        if was_own != now_own and now:
            moves.append(("+" if now_own else "−") + own.strip(" ()"))
        if moves:
            parts.append(_isolated(f"{entity}: {', '.join(moves)}"))
    return ("؛ " if language == "ar" else "; ").join(parts) or "—"


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
