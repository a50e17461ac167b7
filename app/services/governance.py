"""Governance as a use case: judge actions, open approvals, carry out approved actions, and
keep the constitution (a change to it needs approval under the one in force)."""

from __future__ import annotations

import difflib
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.domain.errors import SecretStoreError, WebNovaError
from app.domain.events import NewEvent
from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor, Decision, Outcome
from app.domain.governance.audit import AuditRecord
from app.domain.governance.constitution import Constitution, parse_constitution
from app.domain.governance.governor import Governor, GovernorContext
from app.domain.governance.users import Permission, Role, UserStatus
from app.services.approvals import ApprovalRequest, ApprovalService, ApprovalState, AuditSink
from app.services.ports import DatabaseRunner, EventStore
from app.services.users import UserDirectory

ADOPTED = "ConstitutionAdopted"
log = logging.getLogger(__name__)


class ActionDeniedError(WebNovaError):
    def __init__(self, decision: Decision) -> None:
        reasons = "; ".join(m.message_en for m in decision.matches) or "denied"
        super().__init__(f"denied: {reasons}")
        self.decision = decision


class ApprovalNotGrantedError(WebNovaError):
    def __init__(self, request: ApprovalRequest, state: ApprovalState) -> None:
        super().__init__(f"approval request {request.id} was {state.value}; nothing was done")
        self.request = request
        self.state = state


@dataclass(frozen=True)
class AdoptedConstitution:
    version: int  # 0: the default shipped with the console, not yet adopted in this workspace
    constitution: Constitution
    adopted_by: str | None


def constitution_stream(tenant_id: str) -> str:
    return f"constitution:{tenant_id}"


def source_digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


# What the console does once an approval for an action is granted (or at once if allowed).
Executor = Callable[[ActionDescriptor], Any]


class GovernanceService:
    def __init__(self, store: EventStore, runner: DatabaseRunner, users: UserDirectory,
                 approvals: ApprovalService, audit: AuditSink | None, tenant_id: str,
                 default_constitution: Callable[[], str],
                 monthly_spend: Callable[[str, str], Decimal] | None = None,
                 ai_tokens_used: Callable[[str], int] | None = None,
                 tier_limits: Callable[[str], dict[str, int]] | None = None,
                 first_owner: str | None = None) -> None:
        self.store = store
        self.runner = runner
        self.users = users
        self.approvals = approvals
        self.audit = audit
        self.tenant_id = tenant_id
        self.default_constitution = default_constitution
        self._spend = monthly_spend or (lambda _scope, _key: Decimal(0))
        self._tokens = ai_tokens_used or (lambda _tenant: 0)
        self._tiers = tier_limits or (lambda _tenant: {})
        self._first_owner = first_owner
        # The owner's budgets as rules see them (set by the composition root: the budgets
        # service is built on first use).
        self.budgets_for: Callable[[ActionDescriptor], list[dict[str, Any]]] = lambda _a: []
        self._owner_known = False
        self.executors: dict[str, Executor] = {
            kinds.USER_BAN: lambda a: self.users.set_status(
                a.subject, UserStatus.BANNED, a.context.get("reason"), a.actor),
            kinds.USER_SUSPEND: lambda a: self.users.set_status(
                a.subject, UserStatus.SUSPENDED, a.context.get("reason"), a.actor),
            kinds.USER_ROLE_CHANGE: lambda a: self.users.change_role(
                a.subject, Role(a.context["role"]), a.actor),
            kinds.ROOT_TRANSFER: lambda a: self.users.transfer_root(a.subject, a.actor),
            kinds.USER_ADD: lambda a: self.users.add(
                a.subject, str(a.context.get("display_name", "")),
                Role(a.context.get("role", Role.VIEWER.value)), a.actor),
            kinds.USER_PERMISSIONS: lambda a: self.users.set_permissions(
                a.subject, {Permission(p) for p in a.context.get("granted", [])},
                {Permission(p) for p in a.context.get("revoked", [])}, a.actor),
            kinds.USER_REACTIVATE: lambda a: self.users.set_status(
                a.subject, UserStatus.ACTIVE, a.context.get("reason"), a.actor),
            kinds.CONSTITUTION_CHANGE: self._adopt_from_action,
            kinds.USER_KEY_ROTATE: lambda a: self.users.rotate_key(a.subject, a.actor),
            kinds.USER_KEY_REVOKE: lambda a: self.users.revoke_key(
                a.subject, a.context.get("reason"), a.actor),
        }

    def ensure_owner_now(self) -> None:
        """The first person to use governance in a workspace becomes its root owner; their
        signing key is made in their keyring and registered for them at that moment."""
        if not self._owner_known and self._first_owner:
            created = self.users.root_owner() is None
            self.users.ensure_root_owner(self._first_owner, self._first_owner)
            self._owner_known = True
            if created:
                try:
                    _ = self.approvals.signer(self._first_owner).key_id
                except SecretStoreError as exc:  # made on their first decision instead
                    log.warning("the root owner's signing key was not made yet: %s", exc)

    # ------------------------------------------------------------ constitution
    def constitution_now(self) -> AdoptedConstitution:
        events = self.store.read_stream(constitution_stream(self.tenant_id))
        if not events:
            return AdoptedConstitution(0, parse_constitution(self.default_constitution()), None)
        last = events[-1]
        return AdoptedConstitution(last.version, parse_constitution(last.data["source"]), last.actor)

    def governor_now(self) -> Governor:
        self.ensure_owner_now()
        adopted = self.constitution_now()
        context = GovernorContext(users=self.users.lookup(), monthly_spend=self._spend,
                                  ai_tokens_used=self._tokens, tier_limits=self._tiers,
                                  budgets=self.budgets_for)
        return Governor(adopted.constitution, adopted.version, context)

    def propose_constitution_now(self, source: str, actor: str, why: str) -> Decision | ApprovalRequest:
        """Check the new text, then treat adopting it as any other governed action."""
        parse_constitution(source)  # refuses a broken document before anyone is asked
        current = self.constitution_now()
        diff = "".join(difflib.unified_diff(
            current.constitution.source.splitlines(keepends=True), source.splitlines(keepends=True),
            f"constitution v{current.version}", "proposed"))
        action = ActionDescriptor(kinds.CONSTITUTION_CHANGE, actor, self.tenant_id,
                                  subject=f"constitution v{current.version}",
                                  context={"source": source, "digest": source_digest(source),
                                           "base_version": current.version})
        return self.submit_now(action, why, {"diff": diff})

    def _adopt_from_action(self, action: ActionDescriptor) -> AdoptedConstitution:
        source = str(action.context["source"])
        if source_digest(source) != action.context.get("digest"):
            raise WebNovaError("the approved constitution text does not match what was proposed")
        parse_constitution(source)
        version = self.store.stream_version(constitution_stream(self.tenant_id))
        expected_base = action.context.get("base_version")
        if expected_base is not None and expected_base != version:
            raise WebNovaError(
                f"the constitution changed (now v{version}) since this proposal was made on "
                f"v{expected_base}; propose it again")
        self.store.append(constitution_stream(self.tenant_id), [NewEvent(
            ADOPTED, self.tenant_id, {"source": source, "digest": source_digest(source)},
            {"actor": action.actor})], version)
        return self.constitution_now()

    # ------------------------------------------------------------ judging and doing
    def check_now(self, action: ActionDescriptor) -> Decision:
        decision = self.governor_now().evaluate(action)
        self._audit(action, "governance.check", decision.outcome.value, decision)
        return decision

    def submit_now(self, action: ActionDescriptor, why: str,
                   attachments: dict[str, Any] | None = None) -> Decision | ApprovalRequest:
        """Judge the action: carry it out if allowed, open an approval request if needed,
        raise ActionDeniedError if denied."""
        decision = self.governor_now().evaluate(action)
        if decision.outcome is Outcome.DENY:
            self._audit(action, action.kind, "denied", decision)
            raise ActionDeniedError(decision)
        if decision.outcome is Outcome.NEEDS_APPROVAL:
            return self.approvals.request_now(action, decision, why, attachments)
        self.execute_now(action, decision)
        return decision

    def grant_now(self, action: ActionDescriptor, why: str,
                  attachments: dict[str, Any] | None = None,
                  bound_to: Sequence[str] = ("plan_hash",)) -> Decision | ApprovalRequest:
        """For long work the caller carries out itself (a deploy): may it go ahead now? A
        Decision allowing it; or the request an owner approved for this very action — same
        kind, subject and ``bound_to`` context values (a plan's hash) — or the one still
        pending for it, or a new request. Denied: ActionDeniedError, audited."""
        decision = self.governor_now().evaluate(action)
        if decision.outcome is Outcome.DENY:
            self._audit(action, action.kind, "denied", decision)
            raise ActionDeniedError(decision)
        if decision.outcome is Outcome.ALLOW:
            return decision

        def same(request: ApprovalRequest) -> bool:
            a = request.action
            return (a.kind == action.kind and a.subject == action.subject
                    and all(a.context.get(k) == action.context.get(k) for k in bound_to))

        for found in (self.approvals.list_now(ApprovalState.APPROVED), self.approvals.pending_now()):
            request = next((r for r in found if same(r)), None)
            if request is not None:
                return request
        return self.approvals.request_now(action, decision, why, attachments)

    def execute_now(self, action: ActionDescriptor, decision: Decision | None = None,
                    approval: ApprovalRequest | None = None) -> Any:
        executor = self.executors.get(action.kind)
        result = executor(action) if executor is not None else None
        payload: dict[str, Any] = {"action": action.to_json()}
        if approval is not None:
            payload["approval"] = approval.id
        self._record(action.actor, action.kind, action.subject, payload, "done")
        return result

    def decide_now(self, request_id: str, approver: str, approve: bool, reason: str) -> ApprovalRequest:
        """A vote; when it completes the quorum, the approved action is carried out."""
        request = self.approvals.decide_now(request_id, approver, approve, reason)
        if request.closed_state is ApprovalState.APPROVED and request.action.kind in self.executors:
            # Judge again under the rules in force now: a suspended requester or a new
            # denial stops it even after approval.
            decision = self.governor_now().evaluate(request.action)
            if decision.outcome is Outcome.DENY:
                self._audit(request.action, request.action.kind, "denied", decision)
                raise ActionDeniedError(decision)
            self.execute_now(request.action, decision, request)
        return request

    async def submit(self, action: ActionDescriptor, why: str,
                     attachments: dict[str, Any] | None = None) -> Decision | ApprovalRequest:
        """``submit_now`` off the loop thread; listeners hear of a new request."""
        result = await self.runner.run(lambda: self.submit_now(action, why, attachments))
        if isinstance(result, ApprovalRequest):
            self.approvals.notify(result)
        return result

    async def decide(self, request_id: str, approver: str, approve: bool, reason: str) -> ApprovalRequest:
        """``decide_now`` off the loop thread; waiting operations resume at once."""
        request = await self.runner.run(lambda: self.decide_now(request_id, approver, approve, reason))
        self.approvals.notify(request)
        return request

    async def require(self, action: ActionDescriptor, why: str,
                      attachments: dict[str, Any] | None = None) -> ApprovalRequest | None:
        """For long operations: returns when the action may go ahead (None if no approval
        was needed, else the approved request); raises if denied, rejected or expired."""
        decision = await self.runner.run(lambda: self.governor_now().evaluate(action))
        if decision.outcome is Outcome.DENY:
            await self.runner.run(lambda: self._audit(action, action.kind, "denied", decision))
            raise ActionDeniedError(decision)
        if decision.outcome is Outcome.ALLOW:
            return None
        request = await self.approvals.request(action, decision, why, attachments)
        final = await self.approvals.wait(request.id)
        state = final.state(self.approvals.clock())
        if state is not ApprovalState.APPROVED:
            raise ApprovalNotGrantedError(final, state)
        return final

    # ------------------------------------------------------------ audit
    def _audit(self, action: ActionDescriptor, name: str, outcome: str, decision: Decision) -> None:
        self._record(action.actor, name, action.subject,
                     {"action": action.to_json(), "decision": decision.to_json()}, outcome)

    def _record(self, actor: str, action: str, subject: str, payload: dict[str, Any], outcome: str) -> None:
        if self.audit is not None:
            self.audit.append(AuditRecord(self.tenant_id, actor, action, subject, payload, outcome))
