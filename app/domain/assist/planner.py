"""The offline planner: a deterministic proposal from an analysed intent, no network.

For a new platform it starts from the domain template; for a change, from the current
blueprint. It places the servers, sets the compliance frameworks the domain and country
call for, adds the entities and roles the owner named, sets the interface language, and
returns the JSON Patch that does all of that with a rationale in both languages.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from app.domain.assist.catalog import CURRENCIES, ENTITIES, ROLES, EntitySpec, RoleSpec
from app.domain.assist.editing import Editor
from app.domain.assist.intents import Intent, IntentKind
from app.domain.assist.lexicon import DOMAIN_NAMES_AR, DOMAIN_SUBJECTS, Place
from app.domain.assist.patching import PatchBuilder
from app.domain.assist.residency import allowed_move
from app.domain.assist.text import slug
from app.domain.blueprint.model import EU_EEA, HETZNER_REGIONS

FRAMEWORK_ORDER = ("pci_dss", "hipaa", "gdpr", "pdpl")
FRAMEWORK_TITLES = {"pci_dss": "PCI DSS", "hipaa": "HIPAA", "gdpr": "GDPR", "pdpl": "PDPL"}
ARAB_COUNTRIES = frozenset({"SA", "AE", "EG", "KW", "QA", "BH", "OM", "JO"})
DOMAIN_FRAMEWORKS = {"healthcare": ("hipaa",), "financial": ("pci_dss",)}
_ENTITY = {spec.name: spec for spec in ENTITIES}
_ROLE = {spec.name: spec for spec in ROLES}


def country_frameworks(countries: set[str]) -> set[str]:
    found = set()
    if "SA" in countries:
        found.add("pdpl")
    if countries & EU_EEA:
        found.add("gdpr")
    return found


@dataclass
class Plan:
    ops: list[dict[str, Any]]
    document: dict[str, Any]
    domain: str
    frameworks: list[str]
    region: dict[str, Any]
    entities: list[str]  # the entities the owner named, as the blueprint calls them
    roles: list[str]
    added_entities: list[str] = field(default_factory=list)
    added_roles: list[str] = field(default_factory=list)
    rationale_en: list[str] = field(default_factory=list)
    rationale_ar: list[str] = field(default_factory=list)
    # what was not understood or not done, and why (also in the rationale)
    problems_en: list[str] = field(default_factory=list)
    problems_ar: list[str] = field(default_factory=list)
    # what the blueprint already has, and where
    satisfied_en: list[str] = field(default_factory=list)
    satisfied_ar: list[str] = field(default_factory=list)

    def say(self, en: str, ar: str) -> None:
        self.rationale_en.append(en)
        self.rationale_ar.append(ar)

    def refuse(self, en: str, ar: str) -> None:
        self.problems_en.append(en)
        self.problems_ar.append(ar)
        self.say(en, ar)

    def already(self, en: str, ar: str) -> None:
        self.satisfied_en.append(en)
        self.satisfied_ar.append(ar)
        self.say(en, ar)

    def reply(self, language: str) -> str:
        """The answer when the plan changes nothing: what was not understood or not done,
        and what the blueprint already has. "Nothing to change" only when every part of
        the request is already satisfied."""
        problems = self.problems_ar if language == "ar" else self.problems_en
        satisfied = self.satisfied_ar if language == "ar" else self.satisfied_en
        if self.ops:
            return "\n".join(self.rationale_ar if language == "ar" else self.rationale_en)
        if problems:
            head = "لم يتغير شيء:" if language == "ar" else "Nothing was changed:"
            return "\n".join([head, *problems, *satisfied])
        if satisfied:
            head = ("المخطط يلبي الطلب من قبل؛ لا شيء يتغير:" if language == "ar"
                    else "The blueprint already does what was asked; nothing to change:")
            return "\n".join([head, *satisfied])
        return ("لم أفهم ما المطلوب تغييره في المخطط." if language == "ar"
                else "I did not understand what to change in the blueprint.")


def _countries(doc: dict[str, Any]) -> set[str]:
    result = set()
    for env in doc.get("environments", []):
        country = env.get("country") or (
            HETZNER_REGIONS.get(env.get("region", "")) if env.get("provider") == "hetzner" else None)
        if country:
            result.add(country)
    return result


def _region(doc: dict[str, Any]) -> dict[str, Any]:
    envs = doc.get("environments", [])
    env = next((e for e in envs if e.get("name") == "production"), envs[0] if envs else {})
    provider, region = env.get("provider"), env.get("region")
    country = env.get("country") or (HETZNER_REGIONS.get(region or "") if provider == "hetzner" else None)
    return {"provider": provider, "region": region, "country": country}


class _Planner:
    def __init__(self, intent: Intent, base: dict[str, Any], new: bool, owner: str) -> None:
        self.intent = intent
        self.new = new
        self.owner = owner
        self.b = PatchBuilder(base)
        self.plan = Plan([], {}, str(base.get("domain", "")), [], {}, [], [])

    @property
    def doc(self) -> dict[str, Any]:
        return self.b.document

    # the editor's host (``editing.Host``)
    def say(self, en: str, ar: str) -> None:
        self.plan.say(en, ar)

    def refuse(self, en: str, ar: str) -> None:
        self.plan.refuse(en, ar)

    def already(self, en: str, ar: str) -> None:
        self.plan.already(en, ar)

    def currency(self) -> str:
        return CURRENCIES.get(next(iter(sorted(_countries(self.doc))), ""), "EUR")

    def add_catalog_entity(self, name: str) -> None:
        spec = _ENTITY[name]
        names = {e.get("name") for e in self.doc.get("entities", [])} | {spec.name}
        self.b.add("/entities/-", self._entity(spec, names))
        self._page(spec)
        self.plan.entities.append(spec.name)
        self.plan.added_entities.append(spec.name)
        admin = self._existing("roles", ("admin",))
        if admin is not None:
            self._extend(admin, _ROLE["admin"], [spec.name])
        self.say(f"Added the entity {spec.name}.", f"أضفتُ الكيان {spec.name}.")

    def add_catalog_role(self, name: str) -> None:
        spec = _ROLE[name]
        present = {e.get("name") for e in self.doc.get("entities", [])}
        targets = [e for e in spec.usual if e in present]
        self.b.add("/roles/-", {"name": spec.name, "label": {"en": spec.label[0], "ar": spec.label[1]},
                                "permissions": [self._grant(spec, e) for e in targets]})
        self.plan.roles.append(spec.name)
        self.plan.added_roles.append(spec.name)
        listed = ", ".join(targets) or "none yet"
        self.say(f"Added the role {spec.name} (works with: {listed}).",
                 f"أضفتُ الدور {spec.name} (يعمل على: {listed}).")

    def run(self) -> Plan:
        old_countries = _countries(self.doc)
        if self.new:
            self._header()
        if self.intent.place is not None and (self.new or allowed_move(self, self.intent.place)):
            self._place(self.intent.place)
        self._frameworks(old_countries)
        self._languages()
        added = self._entities()
        self._roles(added)
        editor = Editor(self)
        for edit in self.intent.edits:
            editor.apply(edit)
        for clause in self.intent.unread:
            self.refuse(f"I did not understand «{clause}».", f"لم أفهم «{clause}».")
        plan = self.plan
        plan.ops, plan.document = self.b.ops, self.b.document
        plan.frameworks = list(self.doc.get("compliance", []))
        plan.region = _region(self.doc)
        return plan

    # ------------------------------------------------------------ parts
    def _header(self) -> None:
        intent, domain = self.intent, self.plan.domain
        subject = intent.subject or DOMAIN_SUBJECTS[domain]
        place = intent.place
        key = slug([subject.slug] + ([place.en] if place else []))
        where_en = f" in {place.en}" if place else ""
        where_ar = f" في {place.ar}" if place else ""
        self.b.replace("/key", key)
        self.b.replace("/name", {"en": f"{subject.en} platform{where_en}",
                                 "ar": f"منصة {subject.ar}{where_ar}"})
        self.b.put("", "description", {
            "en": f"{subject.en} platform drafted from the {domain} template",
            "ar": f"منصة {subject.ar} مبنية على قالب {DOMAIN_NAMES_AR[domain]}"})
        self.b.replace("/owner", self.owner[:200] or "owner")
        self.b.replace("/tenant_id", key)
        for index, env in enumerate(self.doc.get("environments", [])):
            if "domain" in env:
                self.b.remove(f"/environments/{index}/domain")
        self.plan.say(f"Started from the {domain} template as «{key}».",
                      f"بدأتُ من قالب {DOMAIN_NAMES_AR[domain]} باسم «{key}».")

    def _place(self, place: Place) -> None:
        for index, _env in enumerate(self.doc.get("environments", [])):
            base = f"/environments/{index}"
            self.b.put(base, "provider", place.provider)
            self.b.put(base, "region", place.region)
            if place.provider == "on_premises":
                self.b.put(base, "country", place.country)
            else:
                self.b.drop(base, "country")
        residency = self.doc.get("data_residency", [])
        if self.new or not residency:
            self.b.put("", "data_residency", [place.country])
        kind_en = "on-premises" if place.provider == "on_premises" else f"Hetzner {place.region}"
        kind_ar = "خوادم المالك" if place.provider == "on_premises" else f"Hetzner {place.region}"
        kept = ", ".join(self.doc.get("data_residency", [])) or place.country
        self.plan.say(f"Servers in {place.en} ({kind_en}, {place.country}); personal data stays in "
                      f"{kept}.",
                      f"الخوادم في {place.ar} ({kind_ar}، {place.country})؛ وتبقى البيانات الشخصية في "
                      f"{kept}.")

    def _frameworks(self, old_countries: set[str]) -> None:
        intent, doc = self.intent, self.doc
        countries = _countries(doc) | set(doc.get("data_residency", []))
        current = set(doc.get("compliance", []))
        wanted = set(intent.frameworks) | country_frameworks(countries)
        if intent.payments:
            wanted.add("pci_dss")
        if self.new:
            wanted |= set(DOMAIN_FRAMEWORKS.get(self.plan.domain, ()))
        else:  # a change never drops a framework
            wanted |= current
        ordered = [f for f in FRAMEWORK_ORDER if f in wanted]
        if set(ordered) != current or len(doc.get("compliance", [])) != len(ordered):
            self.b.put("", "compliance", ordered)
        if "pci_dss" in wanted:
            for index in range(len(doc.get("environments", []))):
                self.b.put(f"/environments/{index}", "encryption_at_rest", True)
        if wanted:
            for index, env in enumerate(doc.get("environments", [])):
                if env.get("name") == "production" and not env.get("backups"):
                    self.b.put(f"/environments/{index}", "backups", True)
                    self.b.put(f"/environments/{index}", "backup_retention_days", 30)
        titles = ", ".join(FRAMEWORK_TITLES[f] for f in ordered) or "none"
        if set(ordered) != current or self.new:
            self.plan.say(f"Compliance frameworks: {titles}.", f"أطر الامتثال: {titles}.")

    def _languages(self) -> None:
        intent, doc = self.intent, self.doc
        ui = list(intent.ui_languages)
        if not ui and self.new and intent.place and intent.place.country in ARAB_COUNTRIES:
            ui = ["ar"]
        if not ui:
            return
        default = ui[0]
        locales = [default] if intent.ui_only else list(dict.fromkeys([default, *ui, *doc.get("locales", [])]))
        self.b.put("", "locales", locales)
        self.b.put("", "default_locale", default)
        self.b.put("", "default_direction", "rtl" if default == "ar" else "ltr")
        if default == "ar":
            self.plan.say("Arabic interface first, right to left.", "الواجهة بالعربية أولًا ومن اليمين إلى اليسار.")
        else:
            self.plan.say("English interface first, left to right.", "الواجهة بالإنجليزية أولًا ومن اليسار إلى اليمين.")

    def _existing(self, section: str, names: tuple[str, ...]) -> str | None:
        present = {item.get("name") for item in self.doc.get(section, [])}
        return next((n for n in names if n in present), None)

    def _entities(self) -> list[str]:
        specs = [_ENTITY[name] for name in self.intent.entities]
        to_add = [s for s in specs if self._existing("entities", s.names) is None]
        names = {e.get("name") for e in self.doc.get("entities", [])} | {s.name for s in to_add}
        for spec in specs:
            existing = self._existing("entities", spec.names)
            if existing is not None:
                self.plan.entities.append(existing)
                if not self.new:
                    self.already(f"The blueprint already has the entity {existing}.",
                                 f"في المخطط الكيان {existing} من قبل.")
                continue
            self.b.add("/entities/-", self._entity(spec, names))
            self._page(spec)
            self.plan.entities.append(spec.name)
            self.plan.added_entities.append(spec.name)
        if self.plan.added_entities:
            listed = ", ".join(self.plan.added_entities)
            self.plan.say(f"Added entities: {listed}.", f"أضفتُ الكيانات: {listed}.")
        return self.plan.added_entities

    def _entity(self, spec: EntitySpec, names: set[Any]) -> dict[str, Any]:
        currency = CURRENCIES.get(next(iter(sorted(_countries(self.doc))), ""), "EUR")
        fields = []
        for item in spec.fields:
            fld = copy.deepcopy(item)
            if fld.get("currency") == "{currency}":
                fld["currency"] = currency
            fields.append(fld)
        taken = {f["name"] for f in fields}
        for field_name, targets in spec.links:
            target = next((t for t in targets if t in names and t != spec.name), None)
            if target is None or field_name in taken:
                continue
            label = _ENTITY[target].label if target in _ENTITY else (target.replace("_", " ").title(), target)
            fields.append({"name": field_name, "label": {"en": label[0], "ar": label[1]},
                           "type": "reference", "reference": target, "on_delete": "restrict",
                           "indexed": True})
            taken.add(field_name)
        entity: dict[str, Any] = {
            "name": spec.name, "label": {"en": spec.label[0], "ar": spec.label[1]},
            "plural_label": {"en": spec.plural[0], "ar": spec.plural[1]}, "fields": fields}
        if spec.personal:
            entity.update(audit_log=True, encrypted_at_rest=True, retention_days=1825,
                          erasure="anonymise")
        return entity

    def _page(self, spec: EntitySpec) -> None:
        key = slug([spec.plural[0]])
        pages = self.doc.get("pages", [])
        if any(p.get("key") == key or p.get("path") == f"/{key}" for p in pages):
            return
        self.b.add("/pages/-", {"key": key, "title": {"en": spec.plural[0], "ar": spec.plural[1]},
                                "kind": "list", "entity": spec.name, "path": f"/{key}"})
        self.b.add("/navigation/-", {"page": key})

    def _roles(self, added_entities: list[str]) -> None:
        named = list(dict.fromkeys(self.plan.entities))
        present = {e.get("name") for e in self.doc.get("entities", [])}
        for name in self.intent.roles:
            spec = _ROLE[name]
            existing = self._existing("roles", spec.names)
            if existing is None:
                targets = named or [e for e in spec.usual if e in present]
                self.b.add("/roles/-", {
                    "name": spec.name, "label": {"en": spec.label[0], "ar": spec.label[1]},
                    "permissions": [self._grant(spec, e) for e in targets]})
                self.plan.roles.append(spec.name)
                self.plan.added_roles.append(spec.name)
            else:
                self.plan.roles.append(existing)
                if not self.new and not added_entities:
                    self.already(f"The blueprint already has the role {existing}.",
                                 f"في المخطط الدور {existing} من قبل.")
                self._extend(existing, spec, added_entities)
        admin = self._existing("roles", ("admin",))
        if admin is not None and admin not in self.plan.roles and added_entities:
            self._extend(admin, _ROLE["admin"], added_entities)
        if self.plan.added_roles:
            listed = ", ".join(self.plan.added_roles)
            self.plan.say(f"Added roles: {listed}.", f"أضفتُ الأدوار: {listed}.")

    @staticmethod
    def _grant(spec: RoleSpec, entity: str) -> dict[str, Any]:
        if spec.self_service:
            return {"entity": entity, "actions": ["list", "read", "create"], "own_records_only": True}
        return {"entity": entity, "actions": list(spec.grants)}

    def _extend(self, role: str, spec: RoleSpec, entities: list[str]) -> None:
        roles = self.doc.get("roles", [])
        index = next(i for i, r in enumerate(roles) if r.get("name") == role)
        granted = {p.get("entity") for p in roles[index].get("permissions", [])}
        if "permissions" not in roles[index]:
            self.b.add(f"/roles/{index}/permissions", [])
        for entity in entities:
            if entity not in granted:
                self.b.add(f"/roles/{index}/permissions/-", self._grant(spec, entity))


def plan_change(intent: Intent, base: dict[str, Any], *, new: bool, owner: str) -> Plan:
    """The proposal for a create or modify intent. ``base`` is the domain template for a
    new platform, else the current blueprint; it is not changed."""
    if intent.kind not in (IntentKind.create, IntentKind.modify):
        raise ValueError(f"no plan for a {intent.kind.value} intent")
    return _Planner(intent, base, new, owner).run()
