"""Entity edits: add (from the catalogue or by an English name), remove (with what points
at it: reference fields, permissions, pages) and rename (with every reference)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.domain.assist.catalog import ENTITIES
from app.domain.assist.fields import identifier
from app.domain.assist.grammar import Edit
from app.domain.assist.resolve import find_entity, find_role, names_whole
from app.domain.assist.text import Message, is_arabic


def singular(words: list[str]) -> list[str]:
    last = words[-1]
    if len(last) > 4 and last.endswith("ies"):
        last = last[:-3] + "y"
    elif len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return [*words[:-1], last]


class EntityEdits:
    """Mixed into ``editing.Editor``."""

    host: Any

    if TYPE_CHECKING:  # what editing.Editor provides
        @property
        def doc(self) -> dict[str, Any]:
            ...

        def entity(self, edit: Edit, span_norm: str, span_raw: str) -> int | None:
            ...

    def _add_entity(self, edit: Edit) -> None:
        span = edit.name.norm
        msg = Message(span)
        spec = next((s for s in ENTITIES if any(msg.find(t) == 0 and len(t.words) == len(span.split())
                                                for t in s.terms)), None)
        existing = find_entity(self.doc, span)
        if existing is not None and names_whole(self.doc["entities"][existing], span):
            name = self.doc["entities"][existing]["name"]
            self.host.already(f"The blueprint already has the entity {name}.", f"في المخطط الكيان {name} من قبل.")
            return
        if spec is not None:
            self.host.add_catalog_entity(spec.name)
            return
        words = [w for w in span.split() if w not in ("a", "an", "the", "new")]
        if not words or not all(w.isascii() for w in words):
            self.host.refuse(f"«{edit.clause}»: I do not know an English name for the entity «{edit.name.raw}»; "
                             "name it in English as well (for example: add a pharmacy entity).",
                             f"«{edit.clause}»: لا أعرف اسمًا إنجليزيًا للكيان «{edit.name.raw}»؛ اذكره بالإنجليزية أيضًا "
                             "(مثلًا: أضف كيان pharmacy).")
            return
        name = identifier(singular(words))
        label = name.replace("_", " ").capitalize()
        plural = " ".join(words).capitalize() if words != singular(words) else label + "s"
        entity = {"name": name, "label": {"en": label, "ar": label}, "plural_label": {"en": plural, "ar": plural},
                  "fields": [{"name": "name", "label": {"en": "Name", "ar": "الاسم"}, "type": "string",
                              "required": True, "max_length": 150}]}
        self.host.b.add("/entities/-", entity)
        self.host.say(f"Added the entity {name} with a name field; add its other fields next.",
                      f"أضفتُ الكيان {name} بحقل الاسم؛ أضف حقوله الأخرى بعد ذلك.")
        admin = find_role(self.doc, "admin")
        if admin is not None:
            self.host.b.add(f"/roles/{admin}/permissions/-", {"entity": name, "actions": [
                "list", "read", "create", "update", "delete"]})

    def _remove_entity(self, edit: Edit) -> None:
        index = self.entity(edit, edit.entity.norm, edit.entity.raw)
        if index is not None:
            self.remove_entity(edit, index)

    def remove_entity(self, edit: Edit, index: int) -> None:
        doc = self.doc
        name = doc["entities"][index]["name"]
        if len(doc["entities"]) == 1:
            self.host.refuse(f"«{edit.clause}»: {name} is the only entity; a blueprint needs one.",
                             f"«{edit.clause}»: {name} هو الكيان الوحيد، ولا بد للمخطط من كيان.")
            return
        refs = [(i, j) for i, e in enumerate(doc["entities"]) for j, f in enumerate(e["fields"])
                if f.get("reference") == name and i != index]
        lonely = [doc["entities"][i]["name"] for i, _ in refs if len(doc["entities"][i]["fields"]) == 1]
        if lonely:
            self.host.refuse(f"«{edit.clause}»: {', '.join(lonely)} has no field but its reference to {name}.",
                             f"«{edit.clause}»: ليس في {', '.join(lonely)} إلا حقل الإشارة إلى {name}.")
            return
        dropped = []
        for i, j in sorted(refs, reverse=True):
            dropped.append(f"{doc['entities'][i]['name']}.{doc['entities'][i]['fields'][j]['name']}")
            self.host.b.remove(f"/entities/{i}/fields/{j}")
        for i, e in enumerate(self.doc["entities"]):
            for j in reversed(range(len(e.get("relations", [])))):
                if e["relations"][j].get("target") == name:
                    self.host.b.remove(f"/entities/{i}/relations/{j}")
        for i, r in enumerate(self.doc.get("roles", [])):
            for j in reversed(range(len(r.get("permissions", [])))):
                if r["permissions"][j].get("entity") == name:
                    self.host.b.remove(f"/roles/{i}/permissions/{j}")
        pages = {p["key"] for p in self.doc.get("pages", []) if p.get("entity") == name}
        for j in reversed(range(len(self.doc.get("pages", [])))):
            if self.doc["pages"][j].get("entity") == name:
                self.host.b.remove(f"/pages/{j}")
        self._drop_nav("/navigation", self.doc.get("navigation", []), pages)
        self.host.b.remove(f"/entities/{find_entity(self.doc, name)}")
        also_en = f" with the fields that pointed at it ({', '.join(sorted(dropped))})" if dropped else ""
        also_ar = f" مع الحقول التي تشير إليه ({', '.join(sorted(dropped))})" if dropped else ""
        self.host.say(f"Removed the entity {name}, its permissions and pages{also_en}.",
                      f"حذفتُ الكيان {name} وصلاحياته وصفحاته{also_ar}.")

    def _drop_nav(self, path: str, items: list[dict[str, Any]], pages: set[str]) -> None:
        for j in reversed(range(len(items))):
            if items[j].get("page") in pages:
                self.host.b.remove(f"{path}/{j}")
            elif items[j].get("children"):
                self._drop_nav(f"{path}/{j}/children", items[j]["children"], pages)

    def _rename_entity(self, edit: Edit) -> None:
        index = self.entity(edit, edit.entity.norm, edit.entity.raw)
        if index is None:
            return
        old = self.doc["entities"][index]["name"]
        if is_arabic(edit.name.raw):
            self.host.b.replace(f"/entities/{index}/label/ar", edit.name.raw)
            self.host.say(f"The entity {old} is now labelled «{edit.name.raw}» in Arabic.",
                          f"صار عنوان الكيان {old} بالعربية «{edit.name.raw}».")
            return
        new = identifier(singular(edit.name.norm.split()))
        if new == old:
            self.host.already(f"The entity is already called {new}.", f"اسم الكيان {new} من قبل.")
            return
        if any(e["name"] == new for e in self.doc["entities"]):
            self.host.refuse(f"«{edit.clause}»: there is already an entity {new}.",
                             f"«{edit.clause}»: في المخطط كيان باسم {new} من قبل.")
            return
        b = self.host.b
        b.replace(f"/entities/{index}/name", new)
        b.replace(f"/entities/{index}/label/en", new.replace("_", " ").capitalize())
        for i, e in enumerate(self.doc["entities"]):
            for j, f in enumerate(e["fields"]):
                if f.get("reference") == old:
                    b.replace(f"/entities/{i}/fields/{j}/reference", new)
            for j, rel in enumerate(e.get("relations", [])):
                if rel.get("target") == old:
                    b.replace(f"/entities/{i}/relations/{j}/target", new)
        for i, r in enumerate(self.doc.get("roles", [])):
            for j, p in enumerate(r.get("permissions", [])):
                if p.get("entity") == old:
                    b.replace(f"/roles/{i}/permissions/{j}/entity", new)
        for j, p in enumerate(self.doc.get("pages", [])):
            if p.get("entity") == old:
                b.replace(f"/pages/{j}/entity", new)
        self.host.say(f"Renamed the entity {old} to {new}, with its references, permissions and pages.",
                      f"غيّرتُ اسم الكيان {old} إلى {new} مع الإشارات إليه وصلاحياته وصفحاته.")
