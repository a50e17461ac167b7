"""Owner approvals: pending requests, signed decisions, quorum, expiry, separation of duties.

A request is an event stream. Every rule is enforced here, not in a dialog: the approver
must hold an approver role and be active, may not approve their own request unless the
rule allows it, votes once; an expired request takes no votes. The requester, and only
the requester, may withdraw their own pending request. Each vote is signed with the
deciding owner's Ed25519 key and written to the audit log with its signature. Code that
needs an approval awaits ``wait()``, which resumes the moment the request is decided.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from app.domain.errors import WebNovaError
from app.domain.events import NewEvent, RecordedEvent
from app.domain.governance.actions import ActionDescriptor, ActorKind, ApprovalRequirement, Decision
from app.domain.governance.audit import AuditRecord, payload_hash, signing_bytes
from app.services.ports import DatabaseRunner, EventStore
from app.services.users import UserDirectory

REQUESTED = "ApprovalRequested"
VOTED = "ApprovalVoted"
CLOSED = "ApprovalClosed"
WITHDRAWN = "ApprovalWithdrawn"


class ApprovalState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"  # by the requester, before it was decided


class ApprovalError(WebNovaError):
    pass


class DecisionSigner(Protocol):
    """One deciding owner's own signing key (private half in their OS keyring)."""

    @property
    def key_id(self) -> str: ...

    def sign(self, message: bytes) -> str: ...


class AuditSink(Protocol):
    def append(self, record: AuditRecord) -> Any: ...


@dataclass(frozen=True)
class Vote:
    approver: str
    approve: bool
    reason: str
    at: datetime
    signature: str
    key_id: str


@dataclass(frozen=True)
class ApprovalRequest:
    id: str
    tenant_id: str
    action: ActionDescriptor
    why: str
    requirement: ApprovalRequirement
    rules: tuple[dict[str, Any], ...]
    requester: str
    requested_at: datetime
    expires_at: datetime
    attachments: dict[str, Any]
    votes: tuple[Vote, ...] = ()
    closed_state: ApprovalState | None = None
    version: int = 1

    def state(self, now: datetime) -> ApprovalState:
        if self.closed_state is not None:
            return self.closed_state
        return ApprovalState.EXPIRED if now >= self.expires_at else ApprovalState.PENDING

    @property
    def approvals(self) -> int:
        return sum(1 for v in self.votes if v.approve)


def approval_stream(tenant_id: str, request_id: str) -> str:
    return f"approval:{tenant_id}:{request_id}"


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _fold(events: list[RecordedEvent]) -> ApprovalRequest:
    first = events[0].data
    req = first["requirement"]
    action = first["action"]
    request = ApprovalRequest(
        id=first["id"], tenant_id=events[0].tenant_id,
        action=ActionDescriptor(kind=action["kind"], actor=action["actor"], tenant_id=action["tenant_id"],
                                subject=action.get("subject", ""), actor_kind=ActorKind(action["actor_kind"]),
                                context=action.get("context", {})),
        why=first["why"],
        requirement=ApprovalRequirement(req["rule_id"], tuple(req["approver_roles"]), req["quorum"],
                                        req["expires_in_seconds"], req["requester_may_approve"]),
        rules=tuple(first["rules"]), requester=first["requester"],
        requested_at=datetime.fromisoformat(first["requested_at"]),
        expires_at=datetime.fromisoformat(first["expires_at"]),
        attachments=first.get("attachments", {}), version=len(events),
    )
    votes = []
    for event in events[1:]:
        if event.type == VOTED:
            d = event.data
            votes.append(Vote(d["approver"], d["approve"], d["reason"], datetime.fromisoformat(d["at"]),
                              d["signature"], d["key_id"]))
        elif event.type == CLOSED:
            request = replace(request, closed_state=ApprovalState(event.data["state"]))
        elif event.type == WITHDRAWN:
            request = replace(request, closed_state=ApprovalState.WITHDRAWN)
    return replace(request, votes=tuple(votes))


class ApprovalService:
    def __init__(self, store: EventStore, runner: DatabaseRunner, users: UserDirectory,
                 signer: Callable[[str], DecisionSigner], audit: AuditSink | None, tenant_id: str,
                 clock: Callable[[], datetime] = _utcnow) -> None:
        self.store = store
        self.runner = runner
        self.users = users
        self.signer = signer
        self.audit = audit
        self.tenant_id = tenant_id
        self.clock = clock
        self._waiters: dict[str, list[asyncio.Future[ApprovalRequest]]] = {}
        self.on_change: list[Callable[[ApprovalRequest], None]] = []

    # ------------------------------------------------------------ reading
    def get_now(self, request_id: str) -> ApprovalRequest:
        events = self.store.read_stream(approval_stream(self.tenant_id, request_id))
        if not events:
            raise ApprovalError(f"no approval request {request_id!r}")
        return _fold(events)

    def list_now(self, state: ApprovalState | None = None) -> list[ApprovalRequest]:
        from app.services.ports import EventFilter

        page = self.store.query(EventFilter(event_type=REQUESTED, tenant_id=self.tenant_id), 0, 10_000)
        requests = [self.get_now(e.data["id"]) for e in page.events]
        now = self.clock()
        return [r for r in requests if state is None or r.state(now) is state]

    def pending_now(self) -> list[ApprovalRequest]:
        return self.list_now(ApprovalState.PENDING)

    # ------------------------------------------------------------ requesting
    def request_now(self, action: ActionDescriptor, decision: Decision, why: str,
                    attachments: dict[str, Any] | None = None) -> ApprovalRequest:
        if decision.approval is None:
            raise ApprovalError("this action does not need an approval")
        if not why.strip():
            raise ApprovalError("say why the action is wanted")
        requirement = decision.approval
        request_id = uuid.uuid4().hex[:12]
        now = self.clock()
        data = {
            "id": request_id, "action": action.to_json(), "why": why.strip(),
            "requirement": {
                "rule_id": requirement.rule_id, "approver_roles": list(requirement.approver_roles),
                "quorum": requirement.quorum, "expires_in_seconds": requirement.expires_in_seconds,
                "requester_may_approve": requirement.requester_may_approve,
            },
            "rules": [{"id": m.rule_id, "kind": m.kind, "en": m.message_en, "ar": m.message_ar}
                      for m in decision.matches],
            "requester": action.actor, "requested_at": now.isoformat(),
            "expires_at": (now + timedelta(seconds=requirement.expires_in_seconds)).isoformat(),
            "attachments": attachments or {},
            "constitution_version": decision.constitution_version,
        }
        self.store.append(approval_stream(self.tenant_id, request_id),
                          [NewEvent(REQUESTED, self.tenant_id, data, {"actor": action.actor})], 0)
        self._audit(action.actor, "approval.request", request_id, data, "pending")
        return self.get_now(request_id)

    # ------------------------------------------------------------ deciding
    def decide_now(self, request_id: str, approver: str, approve: bool, reason: str) -> ApprovalRequest:
        request = self.get_now(request_id)
        now = self.clock()
        state = request.state(now)
        if state is ApprovalState.EXPIRED and request.closed_state is None:
            self._close(request, ApprovalState.EXPIRED, "system")
            raise ApprovalError(f"request {request_id} expired at {request.expires_at:%Y-%m-%d %H:%M} UTC")
        if state is not ApprovalState.PENDING:
            raise ApprovalError(f"request {request_id} is already {state.value}")
        user = self.users.get(approver)
        if user is None or not user.active:
            raise ApprovalError(f"{approver!r} is not an active user and cannot decide")
        if user.role.value not in request.requirement.approver_roles:
            roles = ", ".join(request.requirement.approver_roles)
            raise ApprovalError(f"{approver!r} ({user.role.value}) may not decide this; it needs {roles}")
        if approver == request.requester and not request.requirement.requester_may_approve:
            raise ApprovalError("the requester may not decide their own request (separation of duties)")
        if any(v.approver == approver for v in request.votes):
            raise ApprovalError(f"{approver!r} has already decided on this request")
        if not reason.strip():
            raise ApprovalError("give a reason for the decision")
        outcome = "approve" if approve else "reject"
        summary = {"request": request_id, "action": request.action.to_json(), "why": request.why,
                   "decision": outcome, "reason": reason.strip()}
        digest = payload_hash(summary)
        signer = self.signer(approver)  # the approver's own key, registered for them
        key_id = signer.key_id
        message = signing_bytes(self.tenant_id, approver, f"approval.{outcome}", request_id, digest, outcome)
        signature = signer.sign(message)
        vote = {"approver": approver, "approve": approve, "reason": reason.strip(), "at": now.isoformat(),
                "signature": signature, "key_id": key_id, "payload_hash": digest}
        events = [NewEvent(VOTED, self.tenant_id, vote, {"actor": approver})]
        approvals = request.approvals + (1 if approve else 0)
        final: ApprovalState | None = None
        if not approve:
            final = ApprovalState.REJECTED
        elif approvals >= request.requirement.quorum:
            final = ApprovalState.APPROVED
        if final is not None:
            events.append(NewEvent(CLOSED, self.tenant_id, {"id": request_id, "state": final.value},
                                   {"actor": approver}))
        self.store.append(approval_stream(self.tenant_id, request_id), events, request.version)
        if self.audit is not None:
            self.audit.append(AuditRecord(self.tenant_id, approver, f"approval.{outcome}", request_id,
                                          summary, outcome, signature, key_id))
        return self.get_now(request_id)

    def withdraw_now(self, request_id: str, actor: str, reason: str = "") -> ApprovalRequest:
        """The requester takes back their own pending request; the operation waiting for it
        resolves as withdrawn and nothing is done. Nobody else may withdraw it: approvers
        reject instead, so the refusal is signed."""
        request = self.get_now(request_id)
        state = request.state(self.clock())
        if state is ApprovalState.EXPIRED and request.closed_state is None:
            self._close(request, ApprovalState.EXPIRED, "system")
        if state is not ApprovalState.PENDING:
            raise ApprovalError(f"request {request_id} is already {state.value}; it cannot be withdrawn")
        if actor != request.requester:
            raise ApprovalError(f"only the requester ({request.requester!r}) may withdraw request "
                                f"{request_id}; {actor!r} may reject it instead")
        data = {"id": request_id, "by": actor, "reason": reason.strip() or None,
                "at": self.clock().isoformat()}
        self.store.append(approval_stream(self.tenant_id, request_id),
                          [NewEvent(WITHDRAWN, self.tenant_id, data, {"actor": actor})], request.version)
        self._audit(actor, "approval.withdraw", request_id, data, ApprovalState.WITHDRAWN.value)
        return self.get_now(request_id)

    def _close(self, request: ApprovalRequest, state: ApprovalState, actor: str) -> None:
        self.store.append(approval_stream(self.tenant_id, request.id),
                          [NewEvent(CLOSED, self.tenant_id, {"id": request.id, "state": state.value},
                                    {"actor": actor})], request.version)
        self._audit(actor, f"approval.{state.value}", request.id, {"request": request.id}, state.value)

    def expire_due_now(self) -> list[str]:
        """Close every pending request whose time has run out; returns their ids."""
        closed = []
        now = self.clock()
        for request in self.list_now():
            if request.closed_state is None and request.state(now) is ApprovalState.EXPIRED:
                self._close(request, ApprovalState.EXPIRED, "system")
                closed.append(request.id)
        return closed

    def _audit(self, actor: str, action: str, subject: str, payload: dict[str, Any], outcome: str) -> None:
        if self.audit is not None:
            self.audit.append(AuditRecord(self.tenant_id, actor, action, subject, payload, outcome))

    # ------------------------------------------------------------ async, for the GUI and services
    async def request(self, action: ActionDescriptor, decision: Decision, why: str,
                      attachments: dict[str, Any] | None = None) -> ApprovalRequest:
        request = await self.runner.run(lambda: self.request_now(action, decision, why, attachments))
        self.notify(request)
        return request

    async def decide(self, request_id: str, approver: str, approve: bool, reason: str) -> ApprovalRequest:
        request = await self.runner.run(lambda: self.decide_now(request_id, approver, approve, reason))
        self.notify(request)
        return request

    async def withdraw(self, request_id: str, actor: str, reason: str = "") -> ApprovalRequest:
        request = await self.runner.run(lambda: self.withdraw_now(request_id, actor, reason))
        self.notify(request)
        return request

    async def pending(self) -> list[ApprovalRequest]:
        return await self.runner.run(self.pending_now)

    def notify(self, request: ApprovalRequest) -> None:
        """Tell listeners (and waiting operations) that ``request`` changed."""
        for callback in list(self.on_change):
            callback(request)
        if request.state(self.clock()) is not ApprovalState.PENDING:
            for future in self._waiters.pop(request.id, []):
                if not future.done():
                    future.set_result(request)

    async def wait(self, request_id: str, poll_seconds: float = 1.0) -> ApprovalRequest:
        """Resolves when the request is approved, rejected, withdrawn or expired: at once for decisions
        made through this service, within ``poll_seconds`` for decisions made elsewhere
        (another console, the CLI)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[ApprovalRequest] = loop.create_future()
        self._waiters.setdefault(request_id, []).append(future)
        try:
            while True:
                request = await self.runner.run(lambda: self.get_now(request_id))
                if request.state(self.clock()) is not ApprovalState.PENDING:
                    return request
                done, _ = await asyncio.wait({future}, timeout=poll_seconds)
                if done:
                    return future.result()
        finally:
            waiters = self._waiters.get(request_id, [])
            if future in waiters:
                waiters.remove(future)
            if not future.done():
                future.cancel()
