"""The owner's decision on a proposal. Accepting writes a normal blueprint version (or a
new blueprint) with the person as actor, the conversation linked in its metadata and an
audit entry, under the same governance as any save; rejecting changes nothing but is
recorded for the history. A proposal is decided once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.assist.patching import apply_operations
from app.domain.assist.proposal import ProposalBase
from app.domain.errors import WebNovaError
from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor, ActorKind, Decision, Outcome
from app.domain.governance.audit import AuditRecord
from app.services.blueprints import BlueprintService, BlueprintVersion
from app.services.conversations import (
    ACCEPTED,
    REJECTED,
    ConversationLog,
    ProposalDecidedError,
    StoredProposal,
)
from app.services.governance import ActionDeniedError, GovernanceService


class ApprovalRequiredError(WebNovaError):
    """Accepting needs the owner's approval under the constitution; nothing was written."""

    def __init__(self, decision: Decision) -> None:
        rules = "; ".join(m.message_en for m in decision.matches)
        super().__init__(f"accepting this proposal needs approval ({rules}); accept it in the "
                         "console, where the approval can be requested and awaited")
        self.decision = decision


@dataclass(frozen=True)
class AcceptResult:
    proposal_id: str
    conversation_id: str | None
    engine: str
    version: BlueprintVersion
    approval_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"proposal": self.proposal_id, "conversation_id": self.conversation_id,
                "engine": self.engine, "key": self.version.key, "version": self.version.version,
                "actor": self.version.actor, "approval": self.approval_id}


@dataclass(frozen=True)
class _Loaded:
    stored: StoredProposal
    base: ProposalBase
    document: dict[str, Any]

    @property
    def record(self) -> dict[str, Any]:
        return self.stored.record

    @property
    def key(self) -> str:
        return str(self.document.get("key"))


class ProposalDecisions:
    def __init__(self, blueprints: BlueprintService, governance: GovernanceService,
                 conversations: ConversationLog, tenant_id: str) -> None:
        self.blueprints = blueprints
        self.governance = governance
        self.conversations = conversations
        self.tenant_id = tenant_id

    def _open_now(self, proposal_id: str, key: str | None) -> StoredProposal:
        stored = self.conversations.proposal_now(key, proposal_id)
        if stored.decision is not None:
            raise ProposalDecidedError(
                f"proposal {proposal_id} was already {stored.decision} by {stored.decided_by}")
        return stored

    def _load_now(self, proposal_id: str, key: str | None) -> _Loaded:
        stored = self._open_now(proposal_id, key)
        record = stored.record
        if not record.get("valid", False):
            raise WebNovaError(f"proposal {proposal_id} did not validate and cannot be accepted")
        base = ProposalBase.from_json(record["base"])
        if base.kind == "template":
            return _Loaded(stored, base, dict(record["document"]))
        if base.key is None or base.version is None:
            raise WebNovaError(f"proposal {proposal_id} does not say which version it changes")
        current = self.blueprints.get_now(base.key, base.version).document
        outcome = apply_operations(current, record["patch"])
        if outcome.document is None:
            problems = "; ".join(p.describe() for p in outcome.problems)
            raise WebNovaError(f"proposal {proposal_id} no longer applies: {problems}")
        return _Loaded(stored, base, outcome.document)

    async def accept(self, proposal_id: str, key: str | None, actor: str,
                     wait_for_approval: bool) -> AcceptResult:
        if not actor.strip():
            raise WebNovaError("a proposal is accepted by a person; name who accepts it")
        runner = self.blueprints.runner
        loaded = await runner.run(lambda: self._load_now(proposal_id, key))
        record = loaded.record
        action = ActionDescriptor(kinds.BLUEPRINT_SAVE, actor, self.tenant_id, subject=loaded.key,
                                  actor_kind=ActorKind.USER, context={
                                      "source": "ai.proposal", "proposal": proposal_id,
                                      "engine": record.get("engine"),
                                      "creates": loaded.base.kind == "template",
                                      "blueprint_domain": loaded.document.get("domain")})
        decision = await runner.run(lambda: self.governance.governor_now().evaluate(action))
        approval_id = None
        if decision.outcome is Outcome.DENY:
            await runner.run(lambda: self._audit(actor, "ai.proposal.accept", loaded.key,
                                                 {"proposal": proposal_id,
                                                  "decision": decision.to_json()}, "denied"))
            raise ActionDeniedError(decision)
        if decision.outcome is Outcome.NEEDS_APPROVAL:
            if not wait_for_approval:
                raise ApprovalRequiredError(decision)
            request = await self.governance.require(
                action, f"accept assistant proposal {proposal_id} for {loaded.key}",
                {"proposal": proposal_id, "patch": record.get("patch")})
            approval_id = None if request is None else request.id
        version = await runner.run(lambda: self._write_now(proposal_id, key, actor, approval_id))
        return AcceptResult(proposal_id, record.get("conversation_id"), str(record.get("engine")),
                            version, approval_id)

    def _write_now(self, proposal_id: str, key: str | None, actor: str,
                   approval_id: str | None) -> BlueprintVersion:
        loaded = self._load_now(proposal_id, key)  # again: decided meanwhile, or changed base
        record = loaded.record
        metadata = {"ai_conversation": record.get("conversation_id"), "engine": record.get("engine"),
                    "model": record.get("model"), "proposal": proposal_id}
        if loaded.base.kind == "template":
            version = self.blueprints.create_now(loaded.document, actor,
                                                 source=f"assistant:{record.get('engine')}",
                                                 metadata=metadata)
        else:
            version = self.blueprints.save_now(loaded.key, loaded.document, loaded.base.version,
                                               actor, metadata=metadata)
        log = self.conversations
        log.append_now(key, [log.event(ACCEPTED, record.get("conversation_id"), {
            "proposal_id": proposal_id, "key": version.key, "version": version.version,
            "approval": approval_id}, actor)])
        self._audit(actor, "ai.proposal.accept", version.key, {
            "proposal": proposal_id, "conversation": record.get("conversation_id"),
            "engine": record.get("engine"), "model": record.get("model"),
            "version": version.version, "approval": approval_id}, "done")
        return version

    def reject_now(self, proposal_id: str, key: str | None, actor: str, reason: str) -> None:
        stored = self._open_now(proposal_id, key)
        record = stored.record
        log = self.conversations
        log.append_now(key, [log.event(REJECTED, record.get("conversation_id"), {
            "proposal_id": proposal_id, "reason": reason}, actor)])
        self._audit(actor, "ai.proposal.reject", str(record.get("key")), {
            "proposal": proposal_id, "conversation": record.get("conversation_id"),
            "engine": record.get("engine"), "reason": reason}, "rejected")

    def _audit(self, actor: str, action: str, subject: str, payload: dict[str, Any],
               outcome: str) -> None:
        if self.governance.audit is not None:
            self.governance.audit.append(AuditRecord(self.tenant_id, actor, action, subject,
                                                     payload, outcome))
