"""The assistant's conversations as events, one stream per blueprint.

Each exchange (the owner's message, the answer, the proposal if any) is appended at once,
so a failed call leaves the conversation as it was. Accepting or rejecting a proposal and
each review are recorded in the same stream; that is the chat's history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain.errors import WebNovaError
from app.domain.events import NewEvent, RecordedEvent
from app.services.ports import EventStore

MESSAGE = "AssistantMessageRecorded"
PROPOSAL = "AiProposalMade"
ACCEPTED = "AiProposalAccepted"
REJECTED = "AiProposalRejected"
REVIEW = "BlueprintReviewRecorded"
KINDS = {MESSAGE: "message", PROPOSAL: "proposal", ACCEPTED: "accepted", REJECTED: "rejected",
         REVIEW: "review"}


class ProposalNotFoundError(WebNovaError):
    pass


class ProposalDecidedError(WebNovaError):
    pass


def conversation_stream(tenant_id: str, blueprint_key: str | None) -> str:
    """Conversations about a blueprint, or (None) about platforms not created yet."""
    if blueprint_key is None:
        return f"assistant-new:{tenant_id}"
    return f"assistant:{tenant_id}:{blueprint_key}"


@dataclass(frozen=True)
class ConversationEntry:
    kind: str  # message, proposal, accepted, rejected, review
    conversation_id: str | None
    data: dict[str, Any]
    recorded_at: datetime
    actor: str | None

    @property
    def role(self) -> str | None:
        return self.data.get("role") if self.kind == "message" else None

    @property
    def text(self) -> str:
        return str(self.data.get("text", ""))

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "conversation_id": self.conversation_id, "data": self.data,
                "recorded_at": self.recorded_at.isoformat(), "actor": self.actor}


@dataclass(frozen=True)
class StoredProposal:
    record: dict[str, Any]
    decision: str | None  # None (open), "accepted" or "rejected"
    decided_by: str | None


def _entry(event: RecordedEvent) -> ConversationEntry:
    return ConversationEntry(KINDS.get(event.type, event.type), event.data.get("conversation_id"),
                             event.data, event.recorded_at, event.actor)


class ConversationLog:
    def __init__(self, store: EventStore, tenant_id: str) -> None:
        self.store = store
        self.tenant_id = tenant_id

    def message(self, conversation_id: str, role: str, text: str, actor: str | None,
                **extra: Any) -> NewEvent:
        data = {"conversation_id": conversation_id, "role": role, "text": text, **extra}
        return NewEvent(MESSAGE, self.tenant_id, data,
                        {"actor": actor, "correlation_id": conversation_id})

    def event(self, kind: str, conversation_id: str | None, data: dict[str, Any],
              actor: str | None) -> NewEvent:
        return NewEvent(kind, self.tenant_id, {"conversation_id": conversation_id, **data},
                        {"actor": actor, "correlation_id": conversation_id})

    def append_now(self, blueprint_key: str | None, events: list[NewEvent]) -> None:
        if events:
            self.store.append(conversation_stream(self.tenant_id, blueprint_key), events, None)

    def entries_now(self, blueprint_key: str | None,
                    conversation_id: str | None = None) -> list[ConversationEntry]:
        events = self.store.read_stream(conversation_stream(self.tenant_id, blueprint_key))
        entries = [_entry(e) for e in events]
        if conversation_id is not None:
            entries = [e for e in entries if e.conversation_id == conversation_id]
        return entries

    def turns_now(self, blueprint_key: str | None, conversation_id: str,
                  limit: int = 10) -> list[tuple[str, str]]:
        """The last ``limit`` messages of a conversation as (role, text), oldest first."""
        turns = [(str(e.role), e.text) for e in self.entries_now(blueprint_key, conversation_id)
                 if e.kind == "message" and e.text]
        return turns[-limit:]

    def proposal_now(self, blueprint_key: str | None, proposal_id: str) -> StoredProposal:
        record: dict[str, Any] | None = None
        decision: str | None = None
        decided_by: str | None = None
        for entry in self.entries_now(blueprint_key):
            if entry.data.get("proposal_id") != proposal_id and entry.data.get("id") != proposal_id:
                continue
            if entry.kind == "proposal":
                record = entry.data
            elif entry.kind in ("accepted", "rejected"):
                decision, decided_by = entry.kind, entry.actor
        if record is None:
            where = f"blueprint {blueprint_key!r}" if blueprint_key else "new platforms"
            raise ProposalNotFoundError(f"no proposal {proposal_id!r} in the conversations about {where}")
        return StoredProposal(record, decision, decided_by)

    def reviews_now(self, blueprint_key: str) -> list[ConversationEntry]:
        return [e for e in self.entries_now(blueprint_key) if e.kind == "review"]
