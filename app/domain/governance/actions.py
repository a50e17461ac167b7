"""What the Governor judges: an action descriptor in, a decision out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ActorKind(StrEnum):
    USER = "user"
    AI = "ai"  # AI may propose; it may never approve or apply
    SYSTEM = "system"


# Action kinds the console asks the Governor about. Constitution rules may name others.
# Applying an infrastructure plan to an environment (rollbacks too), and destroying one.
DEPLOY = "deploy.apply"
DESTROY = "deploy.destroy"
USER_BAN = "user.ban"
USER_SUSPEND = "user.suspend"
USER_ROLE_CHANGE = "user.role_change"
USER_ADD = "user.add"
USER_PERMISSIONS = "user.permissions"
USER_REACTIVATE = "user.reactivate"
USER_KEY_ROTATE = "user.key_rotate"
USER_KEY_REVOKE = "user.key_revoke"
BUDGET_RAISE = "budget.raise"
ROOT_TRANSFER = "root.transfer"
CONSTITUTION_CHANGE = "constitution.change"
BLUEPRINT_SAVE = "blueprint.save"
AI_PROPOSE = "ai.propose"
APPROVAL_DECIDE = "approval.decide"
# Forgetting a cloud account and its token (deployments on it can no longer be changed).
CLOUD_ACCOUNT_REMOVE = "cloud.account_remove"
# A tier's new Stripe price replaces the old one, which is archived (its subscribers stay on it).
BILLING_PRICE_CHANGE = "billing.price_change"
# Generating a platform whose blueprint fails compliance checks (the owner accepts the risk).
CODEGEN_COMPLIANCE_OVERRIDE = "codegen.compliance_override"


@dataclass(frozen=True)
class ActionDescriptor:
    """Who wants to do what, to which subject, in which circumstances.

    ``context`` carries what rules look at: environment, region, estimated_monthly_cost,
    currency, blueprint_domain, tokens, ... (JSON values only).
    """

    kind: str
    actor: str
    tenant_id: str
    subject: str = ""
    actor_kind: ActorKind = ActorKind.USER
    context: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "actor": self.actor,
            "actor_kind": self.actor_kind.value,
            "tenant_id": self.tenant_id,
            "subject": self.subject,
            "context": self.context,
        }


class Outcome(StrEnum):
    ALLOW = "allow"
    DENY = "deny"
    NEEDS_APPROVAL = "needs_approval"


@dataclass(frozen=True)
class ApprovalRequirement:
    rule_id: str
    approver_roles: tuple[str, ...]
    quorum: int = 1
    expires_in_seconds: int = 86_400
    requester_may_approve: bool = False


@dataclass(frozen=True)
class RuleMatch:
    rule_id: str
    kind: str  # deny, require_approval, budget, ai
    message_en: str
    message_ar: str


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    matches: tuple[RuleMatch, ...] = ()
    approval: ApprovalRequirement | None = None
    constitution_version: int | None = None

    @property
    def allowed(self) -> bool:
        return self.outcome is Outcome.ALLOW

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "outcome": self.outcome.value,
            "constitution_version": self.constitution_version,
            "rules": [
                {"id": m.rule_id, "kind": m.kind, "message": {"en": m.message_en, "ar": m.message_ar}}
                for m in self.matches
            ],
        }
        if self.approval is not None:
            a = self.approval
            result["approval"] = {
                "rule": a.rule_id,
                "approver_roles": list(a.approver_roles),
                "quorum": a.quorum,
                "expires_in_seconds": a.expires_in_seconds,
                "requester_may_approve": a.requester_may_approve,
            }
        return result
