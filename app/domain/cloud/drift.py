"""Drift: what changed in an environment outside the console since it was last applied —
a firewall rule edited in Hetzner's own console, a server resized, a volume grown, delete
protection lifted, labels edited, a resource deleted, a resource carrying the environment's
labels that the console did not make, two resources with one name.

The applied desired state (kept by the deployment's journal) is compared with the actual
state read back by label selector. Only what a provider reports back counts: the
:data:`~app.domain.cloud.plan.OBSERVED` settings, labels and delete protection. Each item
says what drifted, before and after, in a sentence in English and in Arabic.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.domain.bidi import ltr
from app.domain.cloud.model import ORDER, Kind, Resource, plain, rule_key
from app.domain.cloud.plan import OBSERVED
from app.domain.cloud.render import KIND_NAMES
from app.domain.numerals import number
from app.domain.plurals import count

OUTSIDE = ("outside the console", "خارج وحدة التحكم")
# Settings as the owner reads them: English, Arabic.
SETTING_WORDS: dict[str, tuple[str, str]] = {
    "server_type": ("server type", "نوع الخادم"), "size": ("size", "الحجم"),
    "location": ("location", "الموقع"), "image": ("image", "الصورة"),
    "public_key": ("public key", "المفتاح العام"), "ip_range": ("IP range", "نطاق العناوين"),
    "subnet": ("subnet", "الشبكة الفرعية"), "zone": ("network zone", "منطقة الشبكة"),
    "type": ("type", "النوع"), "server": ("server", "الخادم"),
}


class DriftChange(StrEnum):
    CHANGED = "changed"  # a setting, a label, a rule or delete protection changed
    ADDED = "added"  # a firewall rule or a label that was not applied
    REMOVED = "removed"  # an applied firewall rule or label is gone
    DELETED = "deleted"  # the resource is gone
    REPLACED = "replaced"  # the name is there, on another resource (another id)
    UNKNOWN = "unknown"  # labelled for the environment but never applied
    DUPLICATE = "duplicate"  # a second resource with an applied name


SYMBOLS = {DriftChange.DELETED: "-", DriftChange.UNKNOWN: "+", DriftChange.DUPLICATE: "+",
           DriftChange.REPLACED: "-/+"}


@dataclass(frozen=True)
class DriftItem:
    change: DriftChange
    kind: Kind
    name: str
    id: str | None
    what: str  # "resource", a setting, "delete_protection", "label KEY" or "rule PROTOCOL PORT"
    before: Any
    after: Any
    en: str
    ar: str

    def sentence(self, language: str) -> str:
        return self.ar if language == "ar" else self.en

    def to_json(self) -> dict[str, Any]:
        return {"change": self.change.value, "kind": self.kind.value, "name": self.name,
                "id": self.id, "what": self.what, "before": self.before, "after": self.after,
                "en": self.en, "ar": self.ar}


@dataclass(frozen=True)
class Drift:
    items: tuple[DriftItem, ...]

    @property
    def clean(self) -> bool:
        return not self.items

    @property
    def resources(self) -> int:
        """How many resources drifted."""
        return len({(i.kind, i.name, i.id) for i in self.items})

    def to_json(self) -> dict[str, Any]:
        return {"clean": self.clean, "items": [i.to_json() for i in self.items]}


def detect_drift(applied: Sequence[Resource], actual: Sequence[Resource]) -> Drift:
    """What differs between the state last applied and the one found now."""
    found: dict[tuple[Kind, str], Resource] = {}
    duplicates: list[Resource] = []
    for resource in actual:
        if resource.key in found:
            duplicates.append(resource)
        else:
            found[resource.key] = resource
    items: list[DriftItem] = []
    known: set[tuple[Kind, str]] = set()
    for want in applied:
        if want.key in known:
            continue
        known.add(want.key)
        have = found.get(want.key)
        if have is None:
            items.append(_whole(DriftChange.DELETED, want))
            continue
        if want.id and have.id and want.id != have.id:
            items.append(_replaced(want, have))
        items.extend(_settings(want, have))
    items += [_whole(DriftChange.UNKNOWN, r) for r in found.values() if r.key not in known]
    items += [_whole(DriftChange.DUPLICATE, r) for r in duplicates]
    rank = {kind: index for index, kind in enumerate(ORDER)}
    items.sort(key=lambda i: (rank[i.kind], i.name, i.id or ""))  # stable: settings keep their order
    return Drift(tuple(items))


def drift_text(drift: Drift, language: str = "en") -> str:
    """A summary line, then one line per item (``~`` changed, ``-`` deleted, ``+`` there but
    not applied, ``-/+`` replaced)."""
    if drift.clean:
        return ("لا انحراف: البيئة كما طُبّقت آخر مرة." if language == "ar"
                else "No drift: the environment is as it was last applied.")
    changes = count(len(drift.items), "change", language)
    resources = count(drift.resources, "resource", language)
    head = (f"انحراف: {changes} خارج وحدة التحكم، الموارد المعنية: {resources}." if language == "ar"
            else f"Drift: {changes} outside the console, in {resources}.")
    return "\n".join([head] + [f"{SYMBOLS.get(i.change, '~')} {i.sentence(language)}"
                               for i in drift.items])


def _settings(want: Resource, have: Resource) -> list[DriftItem]:
    items: list[DriftItem] = []
    for setting in sorted(OBSERVED[want.kind] & set(want.spec)):
        before, after = plain(want.spec[setting]), plain(have.spec.get(setting))
        if before == after:
            continue
        if want.kind is Kind.firewall and setting == "rules":
            items.extend(_rules(want, have, before, after))
        else:
            items.append(_setting(want, have, setting, before, after))
    if want.protected != have.protected:
        en, ar = (("delete protection was turned on", "فُعّلت حماية الحذف") if have.protected
                  else ("delete protection was lifted", "رُفعت حماية الحذف"))
        items.append(_item(DriftChange.CHANGED, have, "delete_protection", want.protected,
                           have.protected, en, ar))
    for key in sorted(set(want.labels) | set(have.labels)):
        old, new = want.labels.get(key), have.labels.get(key)
        if old == new:
            continue
        label = ltr(key)
        if old is None:
            items.append(_item(DriftChange.ADDED, have, f"label {key}", None, new,
                               f"label {key}={new} was added", f"أُضيف الوسم {ltr(f'{key}={new}')}"))
        elif new is None:
            items.append(_item(DriftChange.REMOVED, have, f"label {key}", old, None,
                               f"label {key} (was {old}) was removed",
                               f"أُزيل الوسم {label} (وكانت قيمته {ltr(old)})"))
        else:
            items.append(_item(DriftChange.CHANGED, have, f"label {key}", old, new,
                               f"label {key} changed from {old} to {new}",
                               f"تغيّر الوسم {label} من {ltr(old)} إلى {ltr(new)}"))
    return items


def _setting(want: Resource, have: Resource, setting: str, before: Any, after: Any) -> DriftItem:
    if want.kind is Kind.volume and setting == "server":
        if before and after:
            en = f"moved from server {before} to server {after}"
            ar = f"نُقل من الخادم {ltr(before)} إلى الخادم {ltr(after)}"
        elif after:
            en, ar = f"attached to server {after}", f"رُبط بالخادم {ltr(after)}"
        else:
            en, ar = f"detached from server {before}", f"فُصل عن الخادم {ltr(before)}"
        return _item(DriftChange.CHANGED, have, setting, before, after, en, ar)
    words = SETTING_WORDS.get(setting, (setting, ltr(setting)))
    unit = ("GB", "غيغابايت") if want.kind is Kind.volume and setting == "size" else None
    return _item(DriftChange.CHANGED, have, setting, before, after,
                 f"{words[0]} changed from {_en(before, unit)} to {_en(after, unit)}",
                 f"تغيّر {words[1]} من {_ar(before, unit)} إلى {_ar(after, unit)}")


def _rules(want: Resource, have: Resource, before: Any, after: Any) -> list[DriftItem]:
    """One item per rule added, removed or changed: the owner learns which port opened."""
    old, new = _by_rule(before), _by_rule(after)
    items: list[tuple[tuple[str, str, str], DriftItem]] = []
    for key in set(new) - set(old):
        what, now = _rule_words(key), new[key]
        items.append((key, _item(DriftChange.ADDED, have, f"rule {what}", None, now,
                                 f"a rule admitting {what} {_sources(now, key)} was added",
                                 f"أُضيفت قاعدة تسمح بـ{ltr(what)} {_sources(now, key, 'ar')}")))
    for key in set(old) - set(new):
        what, was = _rule_words(key), old[key]
        items.append((key, _item(DriftChange.REMOVED, have, f"rule {what}", was, None,
                                 f"the rule admitting {what} {_sources(was, key)} was removed",
                                 f"أُزيلت القاعدة التي تسمح بـ{ltr(what)} {_sources(was, key, 'ar')}")))
    for key in set(old) & set(new):
        what, was, now = _rule_words(key), old[key], new[key]
        if was == now:
            continue
        if was.get("source_ips") != now.get("source_ips"):
            en = f"the rule for {what} was changed to admit {_list(now)} instead of {_list(was)}"
            ar = (f"عُدّلت القاعدة الخاصة بـ{ltr(what)} لتسمح بـ{ltr(_list(now))} "
                  f"بدل {ltr(_list(was))}")
        else:
            en = f"the rule for {what} changed: {_en(was)} → {_en(now)}"
            ar = f"تغيّرت القاعدة الخاصة بـ{ltr(what)}: {ltr(_en(was))} → {ltr(_en(now))}"
        items.append((key, _item(DriftChange.CHANGED, have, f"rule {what}", was, now, en, ar)))
    return [item for _key, item in sorted(items, key=lambda pair: pair[0])]


def _by_rule(rules: Any) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Rules by direction, protocol and port; rules that share one are read as one whose
    addresses are all of theirs (a provider may split them)."""
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for rule in rules if isinstance(rules, list) else []:
        if not isinstance(rule, Mapping):
            continue
        key = rule_key(rule)
        if key in merged:
            sources = set(merged[key].get("source_ips") or []) | set(rule.get("source_ips") or [])
            merged[key] = {**merged[key], "source_ips": sorted(sources)}
        else:
            merged[key] = dict(rule)
    return merged


def _rule_words(key: tuple[str, str, str]) -> str:
    direction, protocol, port = key
    words = protocol if port in ("None", "") else f"{protocol} {port}"
    return words if direction == "in" else f"{words} outbound"


def _sources(rule: Mapping[str, Any], key: tuple[str, str, str], language: str = "en") -> str:
    inbound = key[0] == "in"
    if language == "ar":
        return f"{'من' if inbound else 'إلى'} {ltr(_list(rule))}"
    return f"{'from' if inbound else 'to'} {_list(rule)}"


def _list(rule: Mapping[str, Any]) -> str:
    return ", ".join(str(s) for s in rule.get("source_ips") or []) or "nowhere"


def _whole(change: DriftChange, resource: Resource) -> DriftItem:
    kind_en, kind_ar = KIND_NAMES[resource.kind]
    name = ltr(resource.name)
    id_en = f" (id {resource.id})" if resource.id else ""
    id_ar = f" (المعرّف {ltr(resource.id)})" if resource.id else ""
    if change is DriftChange.DELETED:
        en = f"{kind_en} {resource.name} was deleted {OUTSIDE[0]}."
        ar = f"تمّ حذف {kind_ar} {name} {OUTSIDE[1]}."
    elif change is DriftChange.UNKNOWN:
        en = (f"{kind_en} {resource.name}{id_en} carries this environment's labels but was never "
              "applied by the console.")
        ar = f"مورد يحمل وسوم هذه البيئة ولم تطبّقه وحدة التحكم قط: {kind_ar} {name}{id_ar}."
    else:
        en = f"{kind_en} {resource.name}{id_en}: a second resource with this name."
        ar = f"{kind_ar} {name}{id_ar}: مورد ثانٍ بالاسم نفسه."
    return DriftItem(change, resource.kind, resource.name, resource.id, "resource",
                     resource.to_json() if change is DriftChange.DELETED else None,
                     None if change is DriftChange.DELETED else resource.to_json(), en, ar)


def _replaced(want: Resource, have: Resource) -> DriftItem:
    kind_en, kind_ar = KIND_NAMES[have.kind]
    return DriftItem(DriftChange.REPLACED, have.kind, have.name, have.id, "id", want.id, have.id,
                     f"{kind_en} {have.name} was replaced {OUTSIDE[0]} (id {want.id} → {have.id}).",
                     f"حلّ مورد آخر محلّ {kind_ar} {ltr(have.name)} {OUTSIDE[1]} "
                     f"(كان المعرّف {ltr(want.id)} وصار {ltr(have.id)}).")


def _item(change: DriftChange, have: Resource, what: str, before: Any, after: Any,
          en: str, ar: str) -> DriftItem:
    kind_en, kind_ar = KIND_NAMES[have.kind]
    return DriftItem(change, have.kind, have.name, have.id, what, before, after,
                     f"{kind_en} {have.name}: {en} {OUTSIDE[0]}.",
                     f"{kind_ar} {ltr(have.name)}: {ar} {OUTSIDE[1]}.")


def _en(value: Any, unit: tuple[str, str] | None = None) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return number(value, "en") + (f" {unit[0]}" if unit else "")
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(_en(v) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _ar(value: Any, unit: tuple[str, str] | None = None) -> str:
    if value is None:
        return "لا شيء"
    if isinstance(value, bool):
        return "نعم" if value else "لا"
    if isinstance(value, int | float):
        return number(value, "ar") + (f" {unit[1]}" if unit else "")
    return ltr(_en(value))

