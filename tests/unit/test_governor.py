"""The constitution and the Governor: each rule kind, the invariants, failing closed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.governance.actions import ActionDescriptor, ActorKind, Outcome
from app.domain.governance.constitution import ConstitutionError, parse_constitution
from app.domain.governance.governor import Governor, GovernorContext
from app.domain.governance.users import Permission, Role, User, UserStatus
from app.paths import resources_dir

DEFAULT = (resources_dir() / "constitution" / "default.yaml").read_text(encoding="utf-8")

USERS = {
    "root": User("root", "Root", Role.ROOT_OWNER),
    "admin": User("admin", "Admin", Role.ADMIN),
    "op": User("op", "Operator", Role.OPERATOR),
    "auditor": User("auditor", "Auditor", Role.AUDITOR),
    "gone": User("gone", "Gone", Role.OPERATOR, UserStatus.SUSPENDED, "left the company", "root"),
    "banned": User("banned", "Banned", Role.ADMIN, UserStatus.BANNED, "fraud", "root"),
}


def governor(source: str = DEFAULT, **context: object) -> Governor:
    return Governor(parse_constitution(source), 3, GovernorContext(users=USERS.get, **context))  # type: ignore[arg-type]


def act(kind: str, actor: str = "op", **ctx: object) -> ActionDescriptor:
    return ActionDescriptor(kind=kind, actor=actor, tenant_id="acme", subject="platform:clinic", context=dict(ctx))


def rule_ids(decision) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.rule_id for m in decision.matches]


def test_default_constitution_asks_the_root_owner() -> None:
    g = governor()
    for kind, actor, ctx in [
        ("deploy.apply", "op", {"environment": "production"}),
        ("deploy.destroy", "admin", {}),
        ("user.ban", "admin", {}),
        ("budget.raise", "admin", {}),
        ("root.transfer", "root", {}),
        ("constitution.change", "root", {}),
    ]:
        decision = g.evaluate(act(kind, actor, **ctx))
        assert decision.outcome is Outcome.NEEDS_APPROVAL, (kind, decision)
        assert decision.approval is not None
        assert decision.approval.approver_roles == ("ROOT_OWNER",)
        assert decision.constitution_version == 3
    assert g.evaluate(act("deploy.apply", environment="staging")).outcome is Outcome.ALLOW
    assert g.evaluate(act("blueprint.save")).outcome is Outcome.ALLOW


def test_deny_rule_wins_with_its_reason() -> None:
    source = DEFAULT.replace("rules:\n", """rules:
  - id: no-health-data-in-the-us
    kind: deny
    description: {en: Health platforms stay out of US regions, ar: منصات الصحة لا تُنشر في مناطق الولايات المتحدة}
    when: 'action.kind == "deploy.apply" && action.context.blueprint_domain == "healthcare" && action.context.region in ["ash", "hil"]'
    reason: {en: Health data may not leave the allowed regions, ar: لا يجوز أن تغادر البيانات الصحية المناطق المسموحة}
""", 1)
    g = governor(source)
    decision = g.evaluate(act("deploy.apply", environment="production", blueprint_domain="healthcare", region="ash"))
    assert decision.outcome is Outcome.DENY
    assert rule_ids(decision) == ["no-health-data-in-the-us"]
    assert decision.matches[0].message_en == "Health data may not leave the allowed regions"
    ok = g.evaluate(act("deploy.apply", environment="production", blueprint_domain="healthcare", region="fsn1"))
    assert ok.outcome is Outcome.NEEDS_APPROVAL


def test_quorum_expiry_and_self_approval_come_from_the_strictest_rule() -> None:
    source = DEFAULT.replace("rules:\n", """rules:
  - id: two-admins-for-production
    kind: require_approval
    description: {en: Two admins approve production, ar: يوافق مشرفان على الإنتاج}
    when: 'action.kind == "deploy.apply" && action.context.environment == "production"'
    approvers: [ADMIN, ROOT_OWNER]
    quorum: 2
    expires_in: 30m
    requester_may_approve: false
""", 1)
    decision = governor(source).evaluate(act("deploy.apply", environment="production"))
    assert decision.outcome is Outcome.NEEDS_APPROVAL
    assert rule_ids(decision) == ["two-admins-for-production", "production-deploy"]
    assert decision.approval is not None
    assert (decision.approval.rule_id, decision.approval.quorum, decision.approval.expires_in_seconds) == (
        "two-admins-for-production", 2, 1800)
    assert decision.approval.approver_roles == ("ADMIN", "ROOT_OWNER")


def test_budget_needs_approval_or_denies_when_exceeded() -> None:
    spend = {("tenant", "acme"): Decimal("900")}
    g = governor(monthly_spend=lambda scope, key: spend.get((scope, key), Decimal(0)))
    within = g.evaluate(act("deploy.apply", environment="staging", estimated_monthly_cost=99.5, currency="EUR"))
    assert within.outcome is Outcome.ALLOW
    over = g.evaluate(act("deploy.apply", environment="staging", estimated_monthly_cost="100.01", currency="EUR"))
    assert over.outcome is Outcome.NEEDS_APPROVAL
    assert "900 spent + 100.01 estimated = 1000.01" in over.matches[0].message_en
    other_currency = g.evaluate(act("deploy.apply", environment="staging", estimated_monthly_cost=1, currency="SAR"))
    assert other_currency.outcome is Outcome.NEEDS_APPROVAL

    denying = DEFAULT.replace("on_exceed: require_approval", "on_exceed: deny")
    g = governor(denying, monthly_spend=lambda scope, key: spend.get((scope, key), Decimal(0)))
    decision = g.evaluate(act("deploy.apply", environment="staging", estimated_monthly_cost=500, currency="EUR"))
    assert decision.outcome is Outcome.DENY
    assert rule_ids(decision) == ["tenant-monthly-budget"]


def test_suspended_and_banned_users_are_refused_whatever_the_rules() -> None:
    g = governor()
    for actor in ("gone", "banned"):
        decision = g.evaluate(act("blueprint.save", actor))
        assert decision.outcome is Outcome.DENY
        assert rule_ids(decision) == ["invariant.user-not-active"]
    assert "suspended (left the company)" in g.evaluate(act("blueprint.save", "gone")).matches[0].message_en
    assert g.evaluate(act("blueprint.save", "nobody")).outcome is Outcome.DENY


def test_permissions_of_roles_and_custom_grants() -> None:
    g = governor()
    assert rule_ids(g.evaluate(act("blueprint.save", "auditor"))) == ["invariant.permission"]
    assert rule_ids(g.evaluate(act("user.ban", "op"))) == ["invariant.permission"]
    assert rule_ids(g.evaluate(act("root.transfer", "admin")))[0] == "invariant.root-transfer"
    USERS["granted"] = User("granted", "Granted", Role.VIEWER, granted=frozenset({Permission.BLUEPRINT_EDIT}))
    USERS["revoked"] = User("revoked", "Revoked", Role.OPERATOR, revoked=frozenset({Permission.BLUEPRINT_EDIT}))
    try:
        assert g.evaluate(act("blueprint.save", "granted")).outcome is Outcome.ALLOW
        assert g.evaluate(act("blueprint.save", "revoked")).outcome is Outcome.DENY
    finally:
        del USERS["granted"], USERS["revoked"]


def test_ai_may_propose_but_never_approve_or_apply() -> None:
    g = governor(ai_tokens_used=lambda tenant: 4_999_000)
    ai = {"actor": "claude", "actor_kind": ActorKind.AI, "tenant_id": "acme"}
    for kind in ("approval.decide", "deploy.apply", "deploy.destroy", "codegen.apply", "constitution.change"):
        decision = g.evaluate(ActionDescriptor(kind=kind, **ai))  # type: ignore[arg-type]
        assert decision.outcome is Outcome.DENY, kind
        assert rule_ids(decision) == ["invariant.ai-never-acts"]
    propose = ActionDescriptor(kind="ai.propose", context={"proposes": "blueprint.patch", "tokens": 900}, **ai)  # type: ignore[arg-type]
    assert g.evaluate(propose).outcome is Outcome.ALLOW
    too_many = ActionDescriptor(kind="ai.propose", context={"proposes": "blueprint.patch", "tokens": 1001}, **ai)  # type: ignore[arg-type]
    decision = g.evaluate(too_many)
    assert decision.outcome is Outcome.DENY
    assert "4999000 used + 1001 asked" in decision.matches[0].message_en
    other = ActionDescriptor(kind="ai.propose", context={"proposes": "deployment.plan"}, **ai)  # type: ignore[arg-type]
    assert rule_ids(g.evaluate(other)) == ["ai-limits"]


def test_tier_limits_are_enforced() -> None:
    g = governor(tier_limits=lambda tenant: {"users": 10, "platforms": 2})
    assert g.evaluate(act("blueprint.save", usage={"users": 10})).outcome is Outcome.ALLOW
    decision = g.evaluate(act("blueprint.save", usage={"users": 11, "platforms": 3}))
    assert rule_ids(decision) == ["tier.platforms", "tier.users"]


def test_conditions_that_cannot_be_evaluated_fail_closed() -> None:
    # production-deploy reads action.context.environment; without it the rule still holds.
    decision = governor().evaluate(act("deploy.apply"))
    assert decision.outcome is Outcome.NEEDS_APPROVAL
    assert rule_ids(decision) == ["production-deploy"]


@pytest.mark.parametrize(("change", "where"), [
    (lambda s: s.replace("kind: deny", "kind: forbid") if "kind: deny" in s else s.replace("kind: ai\n", "kind: forbid\n"), "kind"),
    (lambda s: s.replace('action.kind == "deploy.destroy"', 'action.kind == "deploy.destroy" &&'), "rule destroy.when"),
    (lambda s: s.replace("approvers: [ROOT_OWNER]\n    expires_in: 12h", "approvers: [KING]\n    expires_in: 12h"), "rule destroy.approvers"),
    (lambda s: s.replace("expires_in: 12h", "expires_in: soon"), "rule destroy.expires_in"),
    (lambda s: s.replace("quorum: 1", "quorum: 0"), "rule production-deploy.quorum"),
    (lambda s: s.replace("limit: 1000", "limit: lots"), "rule tenant-monthly-budget.limit"),
    (lambda s: s.replace("currency: EUR", "currency: euro"), "rule tenant-monthly-budget.currency"),
    (lambda s: s.replace("- id: destroy", "- id: user-ban"), "rule user-ban"),
    (lambda s: s.replace("ar: إزالة البنية التحتية تحتاج إلى موافقة المالك الأعلى", 'ar: ""'), "rule destroy.description"),
    (lambda s: s.replace("    may_propose:", "    approvers: [ADMIN]\n    may_propose:"), "rule ai-limits.approvers"),
    (lambda s: s + "extra: 1\n", "extra"),
])
def test_bad_constitutions_are_refused_naming_the_place(change, where) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConstitutionError) as info:
        parse_constitution(change(DEFAULT))
    assert info.value.where.startswith(where) or where in info.value.where, str(info.value)


def test_unreadable_yaml_is_refused() -> None:
    with pytest.raises(ConstitutionError, match=r"line 3: not valid YAML \(.+\)"):
        parse_constitution("title: {en: a, ar: ب}\nrules: [unclosed\n")
