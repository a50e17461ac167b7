"""Permission edits: grant, revoke and "only R may A E", and renaming a role."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.domain.assist.fields import identifier
from app.domain.assist.grammar import Edit
from app.domain.assist.resolve import find_role
from app.domain.assist.text import is_arabic

ACTION_ORDER = ("list", "read", "create", "update", "delete", "export", "approve")


def _ordered(actions: set[str]) -> list[str]:
    return [a for a in ACTION_ORDER if a in actions]


class AccessEdits:
    """Mixed into ``editing.Editor``."""

    host: Any

    if TYPE_CHECKING:  # what editing.Editor provides
        @property
        def doc(self) -> dict[str, Any]:
            ...

        def role(self, edit: Edit) -> int | None:
            ...

        def entity(self, edit: Edit, span_norm: str, span_raw: str) -> int | None:
            ...

    def _targets(self, edit: Edit) -> tuple[int, str, str] | None:
        role = self.role(edit)
        if role is None:
            return None
        entity = self.entity(edit, edit.entity.norm, edit.entity.raw)
        if entity is None:
            return None
        if not edit.actions:
            self.host.refuse(f"«{edit.clause}»: which actions? (list, read, create, update, delete, export, approve)",
                             f"«{edit.clause}»: ما الصلاحيات؟ (عرض، إنشاء، تعديل، حذف، تصدير، اعتماد)")
            return None
        return role, self.doc["roles"][role]["name"], self.doc["entities"][entity]["name"]

    def grant(self, role: int, entity: str, actions: tuple[str, ...]) -> list[str]:
        perms = self.doc["roles"][role].get("permissions")
        if perms is None:
            self.host.b.add(f"/roles/{role}/permissions", [])
            perms = []
        index = next((i for i, p in enumerate(perms) if p.get("entity") == entity), None)
        if index is None:
            wanted = set(actions) | ({"list", "read"} if set(actions) - {"list", "read"} else set())
            self.host.b.add(f"/roles/{role}/permissions/-", {"entity": entity, "actions": _ordered(wanted)})
            return _ordered(wanted)
        have = set(perms[index].get("actions", []))
        added = set(actions) - have
        if added:
            self.host.b.replace(f"/roles/{role}/permissions/{index}/actions", _ordered(have | added))
        return _ordered(added)

    def revoke(self, role: int, entity: str, actions: tuple[str, ...]) -> list[str]:
        perms = self.doc["roles"][role].get("permissions", [])
        index = next((i for i, p in enumerate(perms) if p.get("entity") == entity), None)
        if index is None:
            return []
        have = set(perms[index].get("actions", []))
        taken = have & set(actions)
        if not taken:
            return []
        left = have - taken
        if left:
            self.host.b.replace(f"/roles/{role}/permissions/{index}/actions", _ordered(left))
        else:
            self.host.b.remove(f"/roles/{role}/permissions/{index}")
        return _ordered(taken)

    def _grant(self, edit: Edit) -> None:
        found = self._targets(edit)
        if found is None:
            return
        role, rname, ename = found
        added = self.grant(role, ename, edit.actions)
        acts = ", ".join(edit.actions)
        if added:
            self.host.say(f"{rname} may now {', '.join(added)} {ename}.",
                          f"صار للدور {rname} على {ename}: {', '.join(added)}.")
        else:
            self.host.already(f"{rname} may already {acts} {ename}.", f"للدور {rname} على {ename} من قبل: {acts}.")

    def _revoke(self, edit: Edit) -> None:
        found = self._targets(edit)
        if found is None:
            return
        role, rname, ename = found
        taken = self.revoke(role, ename, edit.actions)
        acts = ", ".join(edit.actions)
        if taken:
            self.host.say(f"{rname} may no longer {', '.join(taken)} {ename}.",
                          f"سحبتُ من الدور {rname} على {ename}: {', '.join(taken)}.")
        else:
            self.host.already(f"{rname} already may not {acts} {ename}.", f"ليس للدور {rname} على {ename} من قبل: {acts}.")

    def _only(self, edit: Edit) -> None:
        found = self._targets(edit)
        if found is None:
            return
        role, rname, ename = found
        # "only registrars may delete": only the acts beyond seeing are exclusive
        exclusive = tuple(a for a in edit.actions if a not in ("list", "read")) or edit.actions
        changed = False
        for index, other in enumerate(self.doc["roles"]):
            if index == role:
                continue
            taken = self.revoke(index, ename, exclusive)
            if taken:
                changed = True
                self.host.say(f"{other['name']} may no longer {', '.join(taken)} {ename}.",
                              f"سحبتُ من الدور {other['name']} على {ename}: {', '.join(taken)}.")
        added = self.grant(role, ename, edit.actions)
        if added:
            changed = True
            self.host.say(f"{rname} may now {', '.join(added)} {ename}.",
                          f"صار للدور {rname} على {ename}: {', '.join(added)}.")
        if not changed:
            acts = ", ".join(exclusive)
            self.host.already(f"Only {rname} may already {acts} {ename}.",
                              f"الدور {rname} وحده له على {ename} من قبل: {acts}.")

    def rename_role(self, edit: Edit) -> None:
        index = find_role(self.doc, edit.entity.norm)
        assert index is not None
        old = self.doc["roles"][index]["name"]
        if is_arabic(edit.name.raw):
            self.host.b.replace(f"/roles/{index}/label/ar", edit.name.raw)
            self.host.say(f"The role {old} is now labelled «{edit.name.raw}» in Arabic.",
                          f"صار عنوان الدور {old} بالعربية «{edit.name.raw}».")
            return
        new = identifier(edit.name.norm.split())
        if any(r["name"] == new for r in self.doc["roles"]):
            self.host.refuse(f"«{edit.clause}»: there is already a role {new}.",
                             f"«{edit.clause}»: في المخطط دور باسم {new} من قبل.")
            return
        self.host.b.replace(f"/roles/{index}/name", new)
        self.host.b.replace(f"/roles/{index}/label/en", new.replace("_", " ").capitalize())
        for j, page in enumerate(self.doc.get("pages", [])):
            if old in page.get("roles", []):
                self.host.b.replace(f"/pages/{j}/roles", [new if r == old else r for r in page["roles"]])
        self.host.say(f"Renamed the role {old} to {new}.", f"غيّرتُ اسم الدور {old} إلى {new}.")
