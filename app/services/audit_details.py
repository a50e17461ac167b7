"""The details behind an audit entry, where the workspace still holds them.

The log keeps only the SHA-256 of an entry's details (``payload_hash``). For the entries of
owner approvals, and for an approved action carried out, the details can be rebuilt from
the approval's event stream; a rebuilt payload is shown only when its hash is the entry's,
so what the owner reads is exactly what the entry covers. Anything else: None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.domain.events import RecordedEvent
from app.domain.governance.audit import AuditEntry, payload_hash
from app.services.approvals import REQUESTED, VOTED, WITHDRAWN, approval_stream
from app.services.ports import EventFilter, EventStore

MAX_REQUESTS = 10_000  # approval requests searched for an action's approval


class AuditDetails:
    def __init__(self, store: EventStore, tenant_id: str) -> None:
        self.store = store
        self.tenant_id = tenant_id

    def details_now(self, entry: AuditEntry) -> dict[str, Any] | None:
        """The payload whose hash is the entry's, or None when it cannot be rebuilt."""
        for candidate in self._candidates(entry):
            if payload_hash(candidate) == entry.payload_hash:
                return candidate
        return None

    def _candidates(self, entry: AuditEntry) -> Iterator[dict[str, Any]]:
        if entry.action.startswith("approval.") and entry.subject:
            yield from _approval_payloads(
                self.store.read_stream(approval_stream(self.tenant_id, entry.subject)))
            return
        # An action carried out: {"action": ...} with the approval that allowed it.
        page = self.store.query(EventFilter(event_type=REQUESTED, tenant_id=self.tenant_id),
                                0, MAX_REQUESTS)
        for event in page.events:
            action = event.data.get("action") or {}
            if action.get("kind") == entry.action and action.get("subject", "") == entry.subject:
                yield {"action": action, "approval": event.data.get("id")}
                yield {"action": action}


def _approval_payloads(events: list[RecordedEvent]) -> Iterator[dict[str, Any]]:
    """What ApprovalService wrote to the audit log for each event of a request's stream."""
    if not events or events[0].type != REQUESTED:
        return
    first = events[0].data
    yield first  # approval.request
    request_id = first.get("id")
    for event in events[1:]:
        if event.type == VOTED:
            decision = "approve" if event.data.get("approve") else "reject"
            yield {"request": request_id, "action": first.get("action"), "why": first.get("why"),
                   "decision": decision, "reason": event.data.get("reason")}
        elif event.type == WITHDRAWN:
            yield event.data
    yield {"request": request_id}  # approval.expired
