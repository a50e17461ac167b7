"""The chat's state without Qt: conversations of a blueprint, the lines of one of them,
and the reply being streamed.

A conversation is every history entry with the same conversation id; its title is the
owner's first message. ``LiveReply`` follows the orchestrator's progress events: text
pieces are appended as they arrive, and a ``retry`` (or a new attempt at a valid
proposal) drops what was streamed since the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.services.assistant_gateway import AssistEvent
from app.services.conversations import ConversationEntry

TITLE_LENGTH = 60


@dataclass(frozen=True)
class ConversationSummary:
    id: str
    title: str
    started: datetime
    updated: datetime
    messages: int


@dataclass(frozen=True)
class ChatLine:
    """One line of the transcript: a message (``role`` user or assistant), or a record of
    a proposal, a decision or a review (``kind``)."""

    kind: str  # message, proposal, accepted, rejected, review
    role: str | None
    text: str
    when: datetime | None = None
    actor: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def engine(self) -> str | None:
        value = self.data.get("engine")
        return None if value is None else str(value)

    @property
    def model(self) -> str | None:
        value = self.data.get("model")
        return None if value is None else str(value)


def _title(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1] + "…"


def conversations(entries: list[ConversationEntry]) -> list[ConversationSummary]:
    """The conversations that hold messages, the most recent first."""
    found: dict[str, dict[str, Any]] = {}
    for entry in entries:
        cid = entry.conversation_id
        if cid is None or entry.kind != "message":
            continue
        item = found.setdefault(cid, {"title": "", "started": entry.recorded_at,
                                      "updated": entry.recorded_at, "messages": 0})
        item["messages"] += 1
        item["updated"] = max(item["updated"], entry.recorded_at)
        if not item["title"] and entry.role == "user" and entry.text:
            item["title"] = _title(entry.text)
    summaries = [ConversationSummary(cid, v["title"], v["started"], v["updated"], v["messages"])
                 for cid, v in found.items()]
    return sorted(summaries, key=lambda s: s.updated, reverse=True)


def lines_of(entries: list[ConversationEntry], conversation_id: str) -> list[ChatLine]:
    """The transcript of one conversation, oldest first."""
    return [ChatLine(e.kind, e.role, e.text, e.recorded_at, e.actor, dict(e.data))
            for e in entries if e.conversation_id == conversation_id]


def open_proposal(entries: list[ConversationEntry], conversation_id: str) -> dict[str, Any] | None:
    """The conversation's latest proposal that is valid and not yet decided, as recorded."""
    decided = {str(e.data.get("proposal_id")) for e in entries
               if e.kind in ("accepted", "rejected")}
    latest = None
    for entry in entries:
        if entry.kind == "proposal" and entry.conversation_id == conversation_id:
            latest = entry.data
    if latest is None or str(latest.get("id")) in decided or not latest.get("valid", False):
        return None
    return latest


@dataclass
class LiveReply:
    """The answer being streamed in."""

    engine: str | None = None
    text: str = ""
    pieces: int = 0
    attempt: int = 0
    retries: int = 0
    status: str = ""  # the last ``status`` note
    retry_reason: str = ""
    retry_delay: float | None = None

    def apply(self, event: AssistEvent) -> bool:
        """Take one event; True when the text streamed so far was dropped."""
        if event.kind == "engine":
            self.engine = event.text
        elif event.kind == "text":
            self.text += event.text
            self.pieces += 1
        elif event.kind == "retry":
            self.retries += 1
            self.retry_reason = event.text
            self.retry_delay = event.delay
            return self._drop()
        elif event.kind == "attempt":
            self.attempt = event.attempt
            if event.attempt > 1:
                return self._drop()
        elif event.kind == "status":
            self.status = event.text
        return False

    def _drop(self) -> bool:
        dropped = bool(self.text)
        self.text = ""
        return dropped
