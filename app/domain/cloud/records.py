"""Plans and states as JSON and back, exactly: a plan written to a file (``deploy plan
--out``) or an applied desired state kept in a deployment's journal is read back into the
same values, with the same hash. Bad input is a :class:`CloudSpecError` naming the field
(``plan.steps[2].action``); a plan whose recorded hash does not match its content is
refused (it was edited after it was made)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.domain.bidi import ltr
from app.domain.cloud.model import CloudSpecError, Resource, resources_from_json
from app.domain.cloud.plan import Action, Change, Plan, Step

_STEP_FIELDS = frozenset({"action", "kind", "name", "reason", "destroys_data", "changes",
                          "desired", "actual", "cause", "because", "detaches"})
_PLAN_FIELDS = frozenset({"hash", "steps", "desired", "actual", "unchanged", "destroy", "kept"})


def state_record(resources: Iterable[Resource]) -> list[dict[str, Any]]:
    """Resources as JSON, ids included (``model.resources_from_json`` reads it back)."""
    return [r.record() for r in resources]


def step_record(step: Step) -> dict[str, Any]:
    return {"action": step.action.value, "kind": step.kind.value, "name": step.name,
            "reason": step.reason, "destroys_data": step.destroys_data,
            "changes": [{"setting": c.setting, "before": c.before, "after": c.after}
                        for c in step.changes],
            "desired": None if step.desired is None else step.desired.record(),
            "actual": None if step.actual is None else step.actual.record(),
            "cause": step.cause, "because": list(step.because), "detaches": list(step.detaches)}


def plan_record(plan: Plan) -> dict[str, Any]:
    """Everything a plan holds, with its hash: :func:`plan_from_record` reads it back."""
    return {"hash": plan.hash, "steps": [step_record(s) for s in plan.steps],
            "desired": state_record(plan.desired), "actual": state_record(plan.actual),
            "unchanged": list(plan.unchanged), "destroy": plan.destroy, "kept": list(plan.kept)}


def plan_from_record(data: Any, where: str = "plan") -> Plan:
    body = _object(data, where, _PLAN_FIELDS)
    for required in ("hash", "steps", "desired", "actual"):
        if required not in body:
            raise _bad(f"{where}.{required}", "is missing", "مفقود")
    steps = body["steps"]
    if not isinstance(steps, list):
        raise _bad(f"{where}.steps", "is not a list of steps", "ليست قائمة خطوات")
    plan = Plan(tuple(step_from_record(s, f"{where}.steps[{i}]") for i, s in enumerate(steps)),
                tuple(resources_from_json(body["desired"], f"{where}.desired")),
                tuple(resources_from_json(body["actual"], f"{where}.actual")),
                _texts(body.get("unchanged", []), f"{where}.unchanged"),
                destroy=_flag(body.get("destroy", False), f"{where}.destroy"),
                kept=_texts(body.get("kept", []), f"{where}.kept"))
    if plan.hash != body["hash"]:
        raise _bad(f"{where}.hash", "does not match the plan's content (it was changed after "
                   "the plan was made)", "لا يطابق محتوى الخطة (عُدّلت بعد إعدادها)")
    return plan


def step_from_record(data: Any, where: str) -> Step:
    body = _object(data, where, _STEP_FIELDS)
    for required in ("action", "kind", "name", "reason"):
        if required not in body:
            raise _bad(f"{where}.{required}", "is missing", "مفقود")
    action = body["action"]
    if not isinstance(action, str) or action not in {a.value for a in Action}:
        known = ", ".join(a.value for a in Action)
        raise _bad(f"{where}.action", f"{action!r} is not an action (known: {known})",
                   f"«{action}» ليس إجراءً (المعروفة: {known})")
    # The kind and name are read as a resource's are, so their errors say the same.
    probe = Resource.from_json({"kind": body["kind"], "name": body["name"], "labels": {},
                                "spec": {}}, where)
    changes = body.get("changes", [])
    if not isinstance(changes, list):
        raise _bad(f"{where}.changes", "is not a list", "ليست قائمة")
    read: list[Change] = []
    for index, change in enumerate(changes):
        entry = _object(change, f"{where}.changes[{index}]", frozenset({"setting", "before", "after"}))
        setting = entry.get("setting")
        if not isinstance(setting, str):
            raise _bad(f"{where}.changes[{index}].setting", "must be a text", "يجب أن يكون نصًا")
        read.append(Change(setting, entry.get("before"), entry.get("after")))
    reason = body["reason"]
    if not isinstance(reason, str):
        raise _bad(f"{where}.reason", "must be a text", "يجب أن يكون نصًا")
    cause = body.get("cause", "missing")
    if not isinstance(cause, str):
        raise _bad(f"{where}.cause", "must be a text", "يجب أن يكون نصًا")
    return Step(Action(action), probe.kind, probe.name, reason, tuple(read),
                destroys_data=_flag(body.get("destroys_data", False), f"{where}.destroys_data"),
                desired=_optional(body.get("desired"), f"{where}.desired"),
                actual=_optional(body.get("actual"), f"{where}.actual"),
                cause=cause, because=_texts(body.get("because", []), f"{where}.because"),
                detaches=_texts(body.get("detaches", []), f"{where}.detaches"))


def _object(data: Any, where: str, fields: frozenset[str]) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise _bad(where, "is not an object", "ليس كائنًا")
    unknown = sorted(set(data) - fields)
    if unknown:
        raise _bad(f"{where}.{unknown[0]}", "is not a known field", "ليس حقلًا معروفًا")
    return data


def _optional(data: Any, where: str) -> Resource | None:
    return None if data is None else Resource.from_json(data, where)


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise _bad(where, "must be true or false", "يجب أن يكون true أو false")
    return value


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(where, "must be a list of texts", "يجب أن يكون قائمة نصوص")
    return tuple(value)


def _bad(setting: str, message_en: str, message_ar: str) -> CloudSpecError:
    return CloudSpecError(setting, message_en, f"{ltr(setting)}: {message_ar}")
