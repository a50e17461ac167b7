"""A plan as the owner reads it, in English or Arabic: one line per step with its symbol
(``+`` create, ``~`` update, ``-/+`` replace, ``-`` delete), the resource and the reason,
the settings that change, a summary, and what the environment costs before and after —
hourly and monthly, net and gross, in the price list's currency formatted by Babel."""

from __future__ import annotations

import json
from typing import Any

from app.domain.bidi import ltr
from app.domain.cloud.model import Kind
from app.domain.cloud.plan import SYMBOLS, Action, Plan, Step
from app.domain.cloud.pricing import PlanCost, Price
from app.domain.numerals import money as _money
from app.domain.plurals import count

KIND_NAMES: dict[Kind, tuple[str, str]] = {
    Kind.ssh_key: ("SSH key", "مفتاح SSH"), Kind.network: ("network", "شبكة"),
    Kind.firewall: ("firewall", "جدار حماية"), Kind.primary_ip: ("primary IP", "عنوان IP أساسي"),
    Kind.server: ("server", "خادم"), Kind.volume: ("volume", "مجلد تخزين"),
    Kind.load_balancer: ("load balancer", "موازن أحمال"),
}
ACTION_WORDS: dict[Action, tuple[str, str]] = {
    Action.CREATE: ("to create", "للإنشاء"), Action.UPDATE: ("to update", "للتحديث"),
    Action.REPLACE: ("to replace", "للاستبدال"), Action.DELETE: ("to delete", "للحذف"),
}


def money(amount: Any, currency: str, language: str) -> str:
    return _money(amount, currency, language)


def reason(step: Step, language: str) -> str:
    """Why the step is in the plan, in ``language``."""
    if language != "ar":
        return step.reason
    changed = "، ".join(ltr(c.setting) for c in step.changes)
    fixed = ltr(", ".join(step.because) or "size")
    if step.cause == "destroyed":
        kept = "، ".join(ltr(name) for name in step.detaches)
        return "إزالة البيئة" + (f"؛ حذفه يفصل عنه ما يبقى من مجلدات التخزين: {kept}" if kept else "")
    return {
        "missing": "غير موجود بعد",
        "changed": f"تغيّر: {changed}",
        "immutable": f"لا يتغير في مكانه: {fixed}",
        "unwanted": "موسوم لهذه البيئة وليس في حالتها المطلوبة",
        "duplicate": "مورد ثانٍ بالاسم نفسه",
        "protected": "رفع حماية الحذف، ثم الحذف",
    }[step.cause]


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def step_lines(step: Step, language: str) -> list[str]:
    kind = KIND_NAMES[step.kind][1 if language == "ar" else 0]
    lines = [f"{SYMBOLS[step.action]} {kind} {ltr(step.name)} ({reason(step, language)})"]
    for change in step.changes:
        lines.append(f"    {ltr(change.setting)}: {ltr(_value(change.before))} → "
                     f"{ltr(_value(change.after))}")
    if step.destroys_data:
        lines.append("    ! " + ("تُفقد بياناته" if language == "ar" else "its data is lost"))
    return lines


def kept_lines(plan: Plan, language: str) -> list[str]:
    """The resources a destroy plan leaves in place, with their data."""
    kept = set(plan.kept)
    return [f"= {KIND_NAMES[r.kind][1 if language == 'ar' else 0]} {ltr(r.name)} ("
            + ("يبقى ببياناته" if language == "ar" else "kept, with its data") + ")"
            for r in plan.desired if r.name in kept]


def summary(plan: Plan, language: str) -> str:
    if plan.destroy:
        return _destroy_summary(plan, language)
    if plan.empty:
        return ("لا تغيير: البنية كما يجب أن تكون." if language == "ar"
                else "No changes: the infrastructure is as it should be.")
    parts = [f"{count(plan.count(action), 'resource', language)} {ACTION_WORDS[action][1 if language == 'ar' else 0]}"
             for action in Action if plan.count(action)]
    head = "الخطة: " if language == "ar" else "Plan: "
    return head + ("، ".join(parts) if language == "ar" else ", ".join(parts)) + "."


def _destroy_summary(plan: Plan, language: str) -> str:
    arabic = language == "ar"
    if plan.empty and not plan.kept:
        return ("لا شيء للإزالة: لا موارد لهذه البيئة." if arabic
                else "Nothing to destroy: the environment has no resources.")
    parts = [f"{count(plan.count(action), 'resource', language)} {ACTION_WORDS[action][1 if arabic else 0]}"
             for action in Action if plan.count(action)]
    done = ("، ".join(parts) if arabic else ", ".join(parts)) or (
        "لا شيء للحذف" if arabic else "nothing to delete")
    kept = ""
    if plan.kept:
        left = count(len(plan.kept), "resource", language)
        kept = f"؛ يبقى: {left}" if arabic else f"; {left} kept"
    return ("الإزالة: " if arabic else "Destroy: ") + done + kept + "."


def cost_lines(cost: PlanCost, language: str) -> list[str]:
    def pair(before: Price, after: Price, gross: bool) -> str:
        a = before.gross if gross else before.net
        b = after.gross if gross else after.net
        delta = b - a
        sign = "+" if delta >= 0 else "−"
        return (f"{money(a, cost.currency, language)} → {money(b, cost.currency, language)} "
                f"({sign}{money(abs(delta), cost.currency, language)})")

    before, after = cost.before, cost.after
    if language == "ar":
        return [f"شهريًا، صافي: {pair(before.monthly, after.monthly, False)}",
                f"شهريًا، شامل الضريبة: {pair(before.monthly, after.monthly, True)}",
                f"بالساعة، صافي: {pair(before.hourly.rounded(), after.hourly.rounded(), False)}"]
    return [f"Monthly, net: {pair(before.monthly, after.monthly, False)}",
            f"Monthly, gross: {pair(before.monthly, after.monthly, True)}",
            f"Hourly, net: {pair(before.hourly.rounded(), after.hourly.rounded(), False)}"]


def plan_text(plan: Plan, cost: PlanCost | None, language: str = "en") -> str:
    lines: list[str] = []
    for step in plan.steps:
        lines.extend(step_lines(step, language))
    lines.extend(kept_lines(plan, language))
    if lines:
        lines.append("")
    lines.append(summary(plan, language))
    if cost is not None:
        lines.extend(cost_lines(cost, language))
    return "\n".join(lines)
