"""Applying parsed edits (``grammar.Edit``) to a blueprint through a ``PatchBuilder``.

Every edit either becomes patch operations with a sentence saying what changed, or a
sentence saying that the blueprint already has it (and where), or a refusal naming what
could not be done and why. Nothing is guessed silently.
"""

from __future__ import annotations

from typing import Any, Protocol

from app.domain.assist.access import AccessEdits
from app.domain.assist.catalog import PERSONAL, ROLES
from app.domain.assist.entity_edits import EntityEdits, singular
from app.domain.assist.fields import field_for, identifier, reference_field
from app.domain.assist.grammar import Edit
from app.domain.assist.patching import PatchBuilder
from app.domain.assist.remediation import FIXES
from app.domain.assist.resolve import (
    find_entity,
    find_field,
    find_role,
    find_tier,
    names,
)
from app.domain.assist.text import Message, Phrase, is_arabic, normalise
from app.domain.assist.tiers import TierEdits

FRAMEWORK_WORDS = {"pdpl": ("pdpl", "نظام حماية البيانات الشخصية"), "gdpr": ("gdpr",),
                   "hipaa": ("hipaa", "هيبا"), "pci_dss": ("pci", "pci dss", "pcidss")}


class Host(Protocol):
    """What the editor needs from the planner."""

    b: PatchBuilder

    def say(self, en: str, ar: str) -> None: ...
    def refuse(self, en: str, ar: str) -> None: ...
    def already(self, en: str, ar: str) -> None: ...
    def add_catalog_entity(self, name: str) -> None: ...
    def add_catalog_role(self, name: str) -> None: ...
    def currency(self) -> str: ...


class Editor(EntityEdits, AccessEdits, TierEdits):
    def __init__(self, host: Host) -> None:
        self.host = host

    @property
    def doc(self) -> dict[str, Any]:
        document: dict[str, Any] = self.host.b.document
        return document

    def apply(self, edit: Edit) -> None:
        getattr(self, f"_{edit.op}")(edit)

    # ------------------------------------------------------------ look-ups
    def entity(self, edit: Edit, span_norm: str, span_raw: str) -> int | None:
        index = find_entity(self.doc, span_norm)
        if index is None:
            listed = names(self.doc.get("entities", []))
            self.host.refuse(f"«{edit.clause}»: this blueprint has no entity «{span_raw}» (it has: {listed}).",
                             f"«{edit.clause}»: لا يوجد في المخطط كيان «{span_raw}» (الموجود: {listed}).")
        return index

    def role(self, edit: Edit) -> int | None:
        index = find_role(self.doc, edit.role.norm)
        if index is None:
            listed = names(self.doc.get("roles", []))
            self.host.refuse(f"«{edit.clause}»: this blueprint has no role «{edit.role.raw}» (it has: {listed}).",
                             f"«{edit.clause}»: لا يوجد في المخطط دور «{edit.role.raw}» (الموجود: {listed}).")
        return index

    # ------------------------------------------------------------ fields
    def _add_field(self, edit: Edit) -> None:
        index = self.entity(edit, edit.entity.norm, edit.entity.raw)
        if index is None:
            return
        entity = self.doc["entities"][index]
        taken = {f["name"] for f in entity.get("fields", [])}
        spec: dict[str, Any] | None = None
        target_span = edit.target
        words = edit.field.norm.split()
        if (not target_span and len(words) > 1 and words[-1] in ("reference", "link", "id")
                and find_entity(self.doc, " ".join(words[:-1])) is not None):
            target_span = type(edit.field)(" ".join(words[:-1]), " ".join(edit.field.raw.split()[:-1]))
        if target_span or normalise(edit.type) in ("reference", "link"):
            target = find_entity(self.doc, target_span.norm) if target_span else None
            if target is None:
                self.entity(edit, target_span.norm, target_span.raw or edit.clause)
                return
            spec = reference_field(self.doc["entities"][target], taken)
        else:
            made = field_for(edit.field.norm, edit.field.raw, edit.type, self.doc, self.host.currency())
            if made.spec is None:
                self.host.refuse(f"«{edit.clause}»: {made.problem_en}", f"«{edit.clause}»: {made.problem_ar}")
                return
            spec = made.spec
        ename = entity["name"]
        existing = next((f for f in entity.get("fields", []) if f["name"] == spec["name"]), None)
        if existing is not None:
            if existing.get("type") == spec["type"] or spec["type"] == "string":
                self.host.already(f"{ename} already has the field {spec['name']} ({existing.get('type')}).",
                                  f"للكيان {ename} الحقل {spec['name']} من قبل ({existing.get('type')}).")
            else:
                self.host.refuse(f"«{edit.clause}»: {ename} already has a field {spec['name']} of type "
                                 f"{existing.get('type')}, not {spec['type']}; rename one of them first.",
                                 f"«{edit.clause}»: للكيان {ename} حقل {spec['name']} من النوع "
                                 f"{existing.get('type')} لا {spec['type']}؛ غيّر اسم أحدهما أولًا.")
            return
        self.host.b.add(f"/entities/{index}/fields/-", spec)
        kind = spec["type"] + (f" → {spec['reference']}" if spec.get("reference") else "")
        extra_en = " stored encrypted" if spec.get("storage") == "encrypted" else ""
        extra_ar = " ويُخزَّن مشفرًا" if spec.get("storage") == "encrypted" else ""
        self.host.say(f"Added the field {spec['name']} ({kind}{extra_en}) to {ename}.",
                      f"أضفتُ الحقل {spec['name']} ({kind}{extra_ar}) إلى {ename}.")
        self.safeguard(index, spec.get("classification", "internal"))

    def safeguard(self, index: int, classification: str) -> None:
        """An entity that now holds personal data gets what the compliance packs require of
        it: a retention period and an erasure path (and, for health data, an audit log)."""
        if classification not in PERSONAL or not self.doc.get("compliance"):
            return
        entity = self.doc["entities"][index]
        base = f"/entities/{index}"
        wanted = {"retention_days": FIXES["retention_days"], "erasure": FIXES["erasure"]}
        if classification == "sensitive_health":
            wanted["audit_log"] = True
        changed = [k for k, v in wanted.items()
                   if entity.get(k) in (None, "none", False) and entity.get(k) != v]
        for key in changed:
            self.host.b.put(base, key, wanted[key])
        if changed:
            listed = ", ".join(f"{k}={wanted[k]}" for k in changed)
            self.host.say(f"{entity['name']} now holds personal data, so it gets {listed}.",
                          f"صار {entity['name']} يحفظ بيانات شخصية، فضبطتُ له {listed}.")

    def _field(self, edit: Edit) -> tuple[int, int] | None:
        index = self.entity(edit, edit.entity.norm, edit.entity.raw)
        if index is None:
            return None
        entity = self.doc["entities"][index]
        fidx = find_field(entity, edit.field.norm)
        if fidx is None:
            listed = names(entity.get("fields", []))
            self.host.refuse(f"«{edit.clause}»: {entity['name']} has no field «{edit.field.raw}» (it has: {listed}).",
                             f"«{edit.clause}»: لا يوجد في {entity['name']} حقل «{edit.field.raw}» (الموجود: {listed}).")
            return None
        return index, fidx

    def _remove_field(self, edit: Edit) -> None:
        found = self._field(edit)
        if found is None:
            return
        index, fidx = found
        entity = self.doc["entities"][index]
        fname = entity["fields"][fidx]["name"]
        if len(entity["fields"]) == 1:
            self.host.refuse(f"«{edit.clause}»: {fname} is the only field of {entity['name']}; an entity needs one.",
                             f"«{edit.clause}»: {fname} هو الحقل الوحيد في {entity['name']}، ولا بد من حقل واحد.")
            return
        self.host.b.remove(f"/entities/{index}/fields/{fidx}")
        self.host.say(f"Removed the field {fname} from {entity['name']}.",
                      f"حذفتُ الحقل {fname} من {entity['name']}.")

    def _remove_from(self, edit: Edit) -> None:
        if find_entity(self.doc, edit.entity.norm) is None and find_role(self.doc, edit.entity.norm) is not None:
            self.host.refuse(f"«{edit.clause}»: say which actions to take from the role, for example "
                             "«remove delete on invoices from receptionist».",
                             f"«{edit.clause}»: اذكر الصلاحيات التي تُسحب من الدور، مثل «اسحب صلاحية حذف الفواتير من موظف الاستقبال».")
            return
        self._remove_field(edit)

    def _rename_field(self, edit: Edit) -> None:
        found = self._field(edit)
        if found is None:
            return
        index, fidx = found
        entity = self.doc["entities"][index]
        fld = entity["fields"][fidx]
        base = f"/entities/{index}/fields/{fidx}"
        if is_arabic(edit.name.raw):
            self.host.b.replace(f"{base}/label/ar", edit.name.raw)
            self.host.say(f"The field {fld['name']} of {entity['name']} is now labelled «{edit.name.raw}» in Arabic.",
                          f"صار عنوان الحقل {fld['name']} في {entity['name']} بالعربية «{edit.name.raw}».")
            return
        new = identifier(edit.name.norm.split())
        if new == fld["name"]:
            self.host.already(f"The field of {entity['name']} is already called {new}.",
                              f"اسم الحقل في {entity['name']} هو {new} من قبل.")
            return
        if any(f["name"] == new for f in entity["fields"]):
            self.host.refuse(f"«{edit.clause}»: {entity['name']} already has a field {new}.",
                             f"«{edit.clause}»: في {entity['name']} حقل باسم {new} من قبل.")
            return
        old = fld["name"]
        self.host.b.replace(f"{base}/name", new)
        self.host.b.replace(f"{base}/label/en", new.replace("_", " ").capitalize())
        self.host.say(f"Renamed the field {old} of {entity['name']} to {new}.",
                      f"غيّرتُ اسم الحقل {old} في {entity['name']} إلى {new}.")

    # ------------------------------------------------------------ storage and classification
    def _storage(self, edit: Edit) -> None:
        value = normalise(edit.value)
        plain = value.startswith(("not", "un", "plain", "in plain")) or any(
            w in value for w in ("بدون", "غير", "دون", "نصا", "بلا"))
        self._set_storage(edit, "plain" if plain else "encrypted")

    def _encrypt(self, edit: Edit) -> None:
        self._set_storage(edit, "encrypted")

    def _decrypt(self, edit: Edit) -> None:
        self._set_storage(edit, "plain")

    def _set_storage(self, edit: Edit, storage: str) -> None:
        found = self._field(edit)
        if found is None:
            return
        index, fidx = found
        entity = self.doc["entities"][index]
        fld = entity["fields"][fidx]
        where = f"{entity['name']}.{fld['name']}"
        current = fld.get("storage", "plain")
        if current == storage:
            state_en = "encrypted" if storage == "encrypted" else "not encrypted"
            state_ar = "مشفر" if storage == "encrypted" else "غير مشفر"
            self.host.already(f"{where} is already {state_en}.", f"الحقل {where} {state_ar} من قبل.")
            return
        if current in ("provider_token", "hashed"):
            self.host.refuse(f"«{edit.clause}»: {where} keeps only a {current.replace('_', ' ')}, which is "
                             "stronger than field encryption; it stays as it is.",
                             f"«{edit.clause}»: الحقل {where} لا يحفظ إلا {current}، وهذا أقوى من التشفير؛ فيبقى كما هو.")
            return
        cls = fld.get("classification", "internal")
        if storage == "plain" and cls in ("sensitive_health", "payment_card") and not entity.get("encrypted_at_rest"):
            self.host.refuse(f"«{edit.clause}»: {where} holds {cls.replace('_', ' ')} data, which the compliance "
                             "rules (PDPL-19, HIPAA 45 CFR 164.312(a)(2)(iv)) require to be encrypted; it stays encrypted.",
                             f"«{edit.clause}»: الحقل {where} يحوي بيانات {cls} تشترط قواعد الامتثال "
                             "(PDPL-19، HIPAA 45 CFR 164.312(a)(2)(iv)) تشفيرها؛ فيبقى مشفرًا.")
            return
        self.host.b.put(f"/entities/{index}/fields/{fidx}", "storage", storage)
        if storage == "encrypted":
            self.host.say(f"{where} is now stored encrypted.", f"صار الحقل {where} يُخزَّن مشفرًا.")
        else:
            self.host.say(f"{where} is no longer encrypted at field level.", f"لم يعد الحقل {where} مشفرًا على مستوى الحقل.")

    _CLASSES = (("payment_card", ("payment", "card", "بطاقه", "بطاقات")),
                ("sensitive_health", ("health", "sensitive", "صحي", "صحيه", "حساس", "حساسه")),
                ("personal", ("personal", "شخصي", "شخصيه")), ("public", ("public", "عام", "عامه")),
                ("internal", ("internal", "داخلي", "داخليه")))

    def _classify(self, edit: Edit) -> None:
        found = self._field(edit)
        if found is None:
            return
        value = normalise(edit.value)
        cls = next(c for c, cues in self._CLASSES if any(cue in value for cue in cues))
        index, fidx = found
        entity = self.doc["entities"][index]
        fld = entity["fields"][fidx]
        where = f"{entity['name']}.{fld['name']}"
        current = fld.get("classification", "internal")
        if current == cls:
            self.host.already(f"{where} is already classified {cls}.", f"الحقل {where} مصنّف {cls} من قبل.")
            return
        order = ("public", "internal", "personal", "sensitive_health", "payment_card")
        if current in ("sensitive_health", "payment_card") and order.index(cls) < order.index(current):
            self.host.refuse(f"«{edit.clause}»: {where} is classified {current}; lowering it to {cls} would take "
                             "it out of the compliance checks that protect it, so the planner does not do it. "
                             "Change it in the editor if the data really is not that sensitive.",
                             f"«{edit.clause}»: الحقل {where} مصنّف {current}؛ وخفضه إلى {cls} يخرجه من فحوص الامتثال "
                             "التي تحميه، فلا يفعل المخطِّط ذلك. غيّره في المحرر إن لم تكن البيانات بهذه الحساسية فعلًا.")
            return
        base = f"/entities/{index}/fields/{fidx}"
        self.host.b.put(base, "classification", cls)
        if cls == "payment_card":
            self.host.b.put(base, "storage", "provider_token")
        elif cls == "sensitive_health" and fld.get("storage", "plain") == "plain":
            self.host.b.put(base, "storage", "encrypted")
        self.host.say(f"{where} is now classified {cls}.", f"صار تصنيف الحقل {where}: {cls}.")
        self.safeguard(index, cls)

    def _rename_any(self, edit: Edit) -> None:
        if find_entity(self.doc, edit.entity.norm) is not None:
            self._rename_entity(edit)
        elif find_role(self.doc, edit.entity.norm) is not None:
            self.rename_role(edit)
        elif find_tier(self.doc, edit.entity.norm) is not None:
            self.rename_tier(edit)
        else:
            self.entity(edit, edit.entity.norm, edit.entity.raw)

    def _remove_any(self, edit: Edit) -> None:
        span = edit.entity.norm
        msg = Message(span)
        for framework, cues in FRAMEWORK_WORDS.items():
            if any(msg.has(p) for p in map(Phrase.of, cues)):
                self.refuse_framework(edit, framework)
                return
        if find_entity(self.doc, span) is not None:
            self._remove_entity(edit)
        elif find_role(self.doc, span) is not None:
            self._remove_role(type(edit)(edit.op, edit.clause, role=edit.entity))
        elif find_tier(self.doc, span) is not None:
            self._remove_tier(type(edit)(edit.op, edit.clause, name=edit.entity))
        else:
            self.host.refuse(f"«{edit.clause}»: nothing called «{edit.entity.raw}» in this blueprint.",
                             f"«{edit.clause}»: لا شيء في المخطط باسم «{edit.entity.raw}».")

    def refuse_framework(self, edit: Edit, framework: str) -> None:
        if framework not in self.doc.get("compliance", []):
            self.host.already(f"{framework} is not one of this blueprint's frameworks.",
                              f"{framework} ليس من أطر الامتثال في هذا المخطط.")
            return
        self.host.refuse(f"«{edit.clause}»: the planner never removes a compliance framework: {framework} "
                         "follows from where the data is kept and what it is. Dropping it is the owner's "
                         "decision, made in the editor and approved as the constitution requires.",
                         f"«{edit.clause}»: لا يحذف المخطِّط إطار امتثال أبدًا: {framework} تفرضه طبيعة البيانات "
                         "ومكان حفظها. وإسقاطه قرار المالك في المحرر بالموافقات التي يشترطها الدستور.")

    # ------------------------------------------------------------ roles
    def _add_role(self, edit: Edit) -> None:
        span = edit.name.norm
        msg = Message(span)
        existing = find_role(self.doc, span)
        if existing is not None:
            name = self.doc["roles"][existing]["name"]
            self.host.already(f"The blueprint already has the role {name}.", f"في المخطط الدور {name} من قبل.")
            return
        spec = next((s for s in ROLES if any(msg.has(t) for t in s.terms)), None)
        if spec is not None:
            self.host.add_catalog_role(spec.name)
            return
        words = [w for w in span.split() if w not in ("a", "an", "the", "new")]
        if not words or not all(w.isascii() for w in words):
            self.host.refuse(f"«{edit.clause}»: I do not know an English name for the role «{edit.name.raw}»; "
                             "name it in English as well.",
                             f"«{edit.clause}»: لا أعرف اسمًا إنجليزيًا للدور «{edit.name.raw}»؛ اذكره بالإنجليزية أيضًا.")
            return
        name = identifier(singular(words))
        label = name.replace("_", " ").capitalize()
        self.host.b.add("/roles/-", {"name": name, "label": {"en": label, "ar": label}, "permissions": []})
        self.host.say(f"Added the role {name}, with no permissions yet; grant them next "
                      f"(for example: let {name} read invoices).",
                      f"أضفتُ الدور {name} بلا صلاحيات بعد؛ امنحه ما يلزم (مثلًا: اسمح لـ{name} بعرض الفواتير).")

    def _remove_role(self, edit: Edit) -> None:
        index = self.role(edit)
        if index is None:
            return
        roles = self.doc["roles"]
        name = roles[index]["name"]
        if len(roles) == 1:
            self.host.refuse(f"«{edit.clause}»: {name} is the only role; a blueprint needs one.",
                             f"«{edit.clause}»: {name} هو الدور الوحيد، ولا بد للمخطط من دور.")
            return
        for j, page in enumerate(self.doc.get("pages", [])):
            if name in page.get("roles", []):
                self.host.b.replace(f"/pages/{j}/roles", [r for r in page["roles"] if r != name])
        self.host.b.remove(f"/roles/{index}")
        self.host.say(f"Removed the role {name}.", f"حذفتُ الدور {name}.")
