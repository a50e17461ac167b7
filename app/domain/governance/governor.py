"""The Governor: allow, deny or needs the owner's approval, for every action.

Order of judgement: the invariants no constitution can lift (a suspended or banned user is
refused; an actor needs the permission the action asks for; AI may propose but never
approves or applies), then ``deny`` rules, tier limits, budgets, ``ai`` rules, and finally
``require_approval`` rules. Any denial wins; otherwise the strictest approval requirement
(highest quorum) applies. A condition that cannot be evaluated for an action (a missing
context value, a type error) counts as matching: the Governor fails closed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.domain.governance import actions as kinds
from app.domain.governance.actions import (
    ActionDescriptor,
    ActorKind,
    ApprovalRequirement,
    Decision,
    Outcome,
    RuleMatch,
)
from app.domain.governance.constitution import Constitution, Rule
from app.domain.governance.users import Permission, Role, User

REQUIRED_PERMISSION: dict[str, Permission] = {
    kinds.DEPLOY: Permission.DEPLOY_APPLY,
    kinds.DESTROY: Permission.DEPLOY_DESTROY,
    kinds.USER_BAN: Permission.USERS_MANAGE,
    kinds.USER_SUSPEND: Permission.USERS_MANAGE,
    kinds.USER_ROLE_CHANGE: Permission.USERS_MANAGE,
    kinds.USER_ADD: Permission.USERS_MANAGE,
    kinds.USER_PERMISSIONS: Permission.USERS_MANAGE,
    kinds.USER_REACTIVATE: Permission.USERS_MANAGE,
    kinds.USER_KEY_ROTATE: Permission.USERS_MANAGE,
    kinds.USER_KEY_REVOKE: Permission.USERS_MANAGE,
    kinds.BUDGET_RAISE: Permission.BUDGET_MANAGE,
    kinds.CONSTITUTION_CHANGE: Permission.CONSTITUTION_EDIT,
    kinds.BLUEPRINT_SAVE: Permission.BLUEPRINT_EDIT,
    kinds.APPROVAL_DECIDE: Permission.APPROVALS_DECIDE,
    kinds.CODEGEN_COMPLIANCE_OVERRIDE: Permission.CODEGEN_RUN,
    kinds.CLOUD_ACCOUNT_REMOVE: Permission.DEPLOY_DESTROY,
}
# What AI can never do, whatever a constitution says.
AI_FORBIDDEN = frozenset({
    kinds.APPROVAL_DECIDE, kinds.DEPLOY, kinds.DESTROY, kinds.USER_BAN, kinds.USER_SUSPEND,
    kinds.USER_ROLE_CHANGE, kinds.USER_ADD, kinds.USER_PERMISSIONS, kinds.USER_REACTIVATE,
    kinds.USER_KEY_ROTATE, kinds.USER_KEY_REVOKE,
    kinds.BUDGET_RAISE, kinds.ROOT_TRANSFER, kinds.CONSTITUTION_CHANGE,
    kinds.CODEGEN_COMPLIANCE_OVERRIDE, kinds.CLOUD_ACCOUNT_REMOVE,
})


@dataclass
class GovernorContext:
    """What the Governor may look up beyond the action itself."""

    users: Callable[[str], User | None] = lambda _user_id: None
    monthly_spend: Callable[[str, str], Decimal] = lambda _scope, _key: Decimal(0)
    ai_tokens_used: Callable[[str], int] = lambda _tenant: 0
    tier_limits: Callable[[str], dict[str, int]] = field(default=lambda _tenant: {})
    # The owner's budgets a plan's monthly cost counts against, as rules see them in
    # ``action.context.budgets`` (see app/services/budgets.py ``BudgetService.for_plan``).
    budgets: Callable[[ActionDescriptor], list[dict[str, Any]]] = field(
        default=lambda _action: [])


def _match(rule_id: str, kind: str, en: str, ar: str) -> RuleMatch:
    return RuleMatch(rule_id, kind, en, ar)


class Governor:
    def __init__(self, constitution: Constitution, version: int | None = None,
                 context: GovernorContext | None = None) -> None:
        self.constitution = constitution
        self.version = version
        self.context = context or GovernorContext()

    def _applies(self, rule: Rule, action: dict[str, Any]) -> bool:
        try:
            return rule.applies(action)
        except Exception:  # a condition that cannot be evaluated: fail closed
            return True

    def evaluate(self, action: ActionDescriptor) -> Decision:
        denials = self._invariants(action)
        payload = action.to_json()
        payload["context"] = {**action.context, "budgets": self.context.budgets(action)}
        approvals: list[tuple[RuleMatch, ApprovalRequirement]] = []
        for rule in self.constitution.rules:
            if rule.kind == "deny" and self._applies(rule, payload):
                reason = rule.reason or rule.description
                denials.append(_match(rule.id, "deny", reason.en, reason.ar))
        denials += self._tier_limits(action)
        for rule in self.constitution.rules:
            if rule.kind == "budget" and self._applies(rule, payload):
                result = self._budget(rule, action)
                if result is None:
                    continue
                if rule.on_exceed == "deny":
                    denials.append(result)
                else:
                    approvals.append((result, self._requirement(rule)))
        denials += self._ai_rules(action, payload)
        for rule in self.constitution.rules:
            if rule.kind == "require_approval" and self._applies(rule, payload):
                approvals.append((
                    _match(rule.id, "require_approval", rule.description.en, rule.description.ar),
                    self._requirement(rule),
                ))
        if denials:
            return Decision(Outcome.DENY, tuple(denials), None, self.version)
        if approvals:
            strictest = max(approvals, key=lambda pair: (pair[1].quorum, -pair[1].expires_in_seconds))
            return Decision(Outcome.NEEDS_APPROVAL, tuple(m for m, _ in approvals), strictest[1], self.version)
        return Decision(Outcome.ALLOW, (), None, self.version)

    @staticmethod
    def _requirement(rule: Rule) -> ApprovalRequirement:
        return ApprovalRequirement(
            rule_id=rule.id, approver_roles=rule.approvers or (Role.ROOT_OWNER.value,),
            quorum=rule.quorum, expires_in_seconds=rule.expires_in_seconds,
            requester_may_approve=rule.requester_may_approve,
        )

    def _invariants(self, action: ActionDescriptor) -> list[RuleMatch]:
        found: list[RuleMatch] = []
        if action.actor_kind is ActorKind.AI:
            if action.kind in AI_FORBIDDEN or action.kind.endswith(".apply"):
                found.append(_match(
                    "invariant.ai-never-acts", "ai",
                    f"AI may propose but never {action.kind}; a person must do this",
                    f"يقترح الذكاء الاصطناعي ولا ينفّذ «{action.kind}»؛ يجب أن يقوم به شخص",
                ))
            return found
        if action.actor_kind is ActorKind.SYSTEM:
            return found
        user = self.context.users(action.actor)
        if user is None:
            found.append(_match(
                "invariant.unknown-user", "deny",
                f"{action.actor!r} is not a user of this workspace",
                f"«{action.actor}» ليس مستخدمًا في مساحة العمل هذه",
            ))
            return found
        if not user.active:
            reason = f" ({user.status_reason})" if user.status_reason else ""
            found.append(_match(
                "invariant.user-not-active", "deny",
                f"user {user.user_id!r} is {user.status.value.lower()}{reason}",
                f"المستخدم «{user.user_id}» {'موقوف' if user.status.value == 'SUSPENDED' else 'محظور'}{reason}",
            ))
            return found
        if action.kind == kinds.ROOT_TRANSFER and user.role is not Role.ROOT_OWNER:
            found.append(_match(
                "invariant.root-transfer", "deny",
                "only the root owner can hand over the root", "لا ينقل صلاحية المالك الأعلى إلا المالك الأعلى",
            ))
        needed = REQUIRED_PERMISSION.get(action.kind)
        if needed is not None and not user.can(needed):
            found.append(_match(
                "invariant.permission", "deny",
                f"user {user.user_id!r} ({user.role.value}) lacks the permission {needed.value}",
                f"المستخدم «{user.user_id}» ({user.role.value}) لا يملك الصلاحية {needed.value}",
            ))
        return found

    def _tier_limits(self, action: ActionDescriptor) -> list[RuleMatch]:
        usage = action.context.get("usage")
        if not isinstance(usage, dict):
            return []
        limits = self.context.tier_limits(action.tenant_id)
        found = []
        for name, value in sorted(usage.items()):
            limit = limits.get(name)
            if limit is not None and isinstance(value, int | float) and value > limit:
                found.append(_match(
                    f"tier.{name}", "deny",
                    f"the subscription tier allows {limit} {name}; this would make {value}",
                    f"باقة الاشتراك تسمح بـ {limit} من {name}؛ وهذا يجعلها {value}",
                ))
        return found

    def _budget(self, rule: Rule, action: ActionDescriptor) -> RuleMatch | None:
        estimate = action.context.get("estimated_monthly_cost")
        if estimate is None or rule.limit is None:
            return None
        try:
            added = Decimal(str(estimate))
        except ArithmeticError:
            added = Decimal("Infinity")
        currency = action.context.get("currency", rule.currency)
        if currency != rule.currency:
            return _match(rule.id, "budget",
                          f"the estimate is in {currency}, the budget in {rule.currency}; cannot compare",
                          f"التقدير بعملة {currency} والميزانية بعملة {rule.currency}؛ لا يمكن المقارنة")
        key = action.tenant_id if rule.scope == "tenant" else action.subject
        spent = self.context.monthly_spend(rule.scope, key)
        total = spent + added
        if total <= rule.limit:
            return None
        return _match(
            rule.id, "budget",
            f"monthly {rule.scope} budget {rule.limit} {rule.currency} would be exceeded: "
            f"{spent} spent + {added} estimated = {total}",
            f"ستتجاوز الميزانية الشهرية {rule.limit} {rule.currency}: المصروف {spent} + التقدير {added} = {total}",
        )

    def _ai_rules(self, action: ActionDescriptor, payload: dict[str, Any]) -> list[RuleMatch]:
        if action.actor_kind is not ActorKind.AI:
            return []
        found = []
        for rule in self.constitution.rules:
            if rule.kind != "ai" or not self._applies(rule, payload):
                continue
            proposes = action.context.get("proposes")
            if action.kind == kinds.AI_PROPOSE and rule.may_propose and proposes not in rule.may_propose:
                found.append(_match(rule.id, "ai", f"AI may not propose {proposes!r} under this constitution",
                                    f"لا يحق للذكاء الاصطناعي اقتراح «{proposes}» وفق هذا الدستور"))
            if rule.monthly_token_budget is not None:
                used = self.context.ai_tokens_used(action.tenant_id)
                wanted = int(action.context.get("tokens", 0) or 0)
                if used + wanted > rule.monthly_token_budget:
                    found.append(_match(
                        rule.id, "ai",
                        f"AI token budget {rule.monthly_token_budget} a month would be exceeded "
                        f"({used} used + {wanted} asked)",
                        f"ستتجاوز ميزانية الذكاء الاصطناعي {rule.monthly_token_budget} رمزًا شهريًا "
                        f"({used} مستخدمة + {wanted} مطلوبة)",
                    ))
        return found
