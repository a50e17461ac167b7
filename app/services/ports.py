"""Ports: what the services need from storage and the outside world.

Adapters in ``app.store`` and ``app.integrations`` implement these protocols; the
services and the GUI depend only on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TextIO, TypeVar

from app.domain.events import NewEvent, RecordedEvent
from app.domain.governance.audit import AuditEntry, AuditRecord, VerificationResult
from app.domain.governance.audit_check import EntryInspection
from app.domain.workspace import ConsoleConfig

T = TypeVar("T")


@dataclass(frozen=True)
class StreamAppend:
    """One stream's part of a batch append. ``expected_version`` None means "at the end"."""

    stream_id: str
    events: Sequence[NewEvent]
    expected_version: int | None = None


@dataclass(frozen=True)
class EventFilter:
    """What the Event Log shows. Empty fields do not filter."""

    text: str = ""  # matched against type, stream id and actor, case-insensitively
    event_type: str = ""
    stream_id: str = ""
    tenant_id: str = ""
    actor: str = ""
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class EventPage:
    """A page of events, newest first, with the number of events the filter matches."""

    events: list[RecordedEvent]
    total: int
    offset: int
    limit: int = field(default=100)


class Subscription(Protocol):
    """A catch-up subscription: first every stored event after ``position``, then live ones."""

    @property
    def position(self) -> int: ...

    def poll(self, timeout: float) -> list[RecordedEvent]:
        """Events after the last delivered one; waits up to ``timeout`` seconds for new ones."""
        ...

    def close(self) -> None: ...


class EventStore(Protocol):
    def append(
        self, stream_id: str, events: Sequence[NewEvent], expected_version: int | None
    ) -> list[RecordedEvent]:
        """Append atomically. ``expected_version`` is the stream's current version (0: new
        stream) or None for "wherever it is". A stale version raises ConcurrencyError."""
        ...

    def append_batch(self, appends: Sequence[StreamAppend]) -> list[RecordedEvent]:
        """Append to many streams in one transaction: all or nothing."""
        ...

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[RecordedEvent]: ...

    def read_all(self, after: int = 0, limit: int | None = None) -> Iterator[RecordedEvent]:
        """Events by global position, strictly after ``after``."""
        ...

    def stream_version(self, stream_id: str) -> int: ...

    def head_position(self) -> int: ...

    def query(self, event_filter: EventFilter, offset: int, limit: int) -> EventPage: ...

    def distinct_values(self, column: str, limit: int = 500) -> list[str]:
        """Values seen in ``type``, ``tenant_id`` or ``stream_id`` (for filter choices)."""
        ...

    def subscribe(self, after: int = 0, poll_interval: float = 0.2) -> Subscription: ...

    def lease(self, name: str) -> AbstractContextManager[None]:
        """Held while this live process works on ``name``; released when it ends, even by a
        crash. LeaseHeldError (app.domain.errors) if another holds it."""
        ...

    def lease_free(self, name: str) -> bool: ...


class SecretStore(Protocol):
    """Secrets live only in the OS keyring. Names are like ``workspace/bank/db-password``."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class DatabaseRunner(Protocol):
    """Runs blocking database work off the event loop, one call at a time per workspace."""

    async def run(self, fn: Callable[[], T]) -> T: ...


class ConsoleConfigRepository(Protocol):
    """Where the list of workspaces and the console's preferences are kept."""

    def load(self) -> ConsoleConfig: ...

    def save(self, config: ConsoleConfig) -> None: ...


@dataclass(frozen=True)
class BlueprintSummary:
    key: str
    version: int
    name_en: str
    name_ar: str
    domain: str
    updated_at: datetime
    updated_by: str | None


class BlueprintIndex(Protocol):
    """The read model listing the workspace's blueprints (kept current from events)."""

    def list_blueprints(self) -> list[BlueprintSummary]: ...


class TemplateSource(Protocol):
    def list_templates(self) -> list[str]: ...

    def load_template(self, name: str) -> dict[str, Any]: ...


# ---------------------------------------------------------------------------- audit log
@dataclass(frozen=True)
class AuditFilter:
    """What the Audit pane shows. Empty fields do not filter."""

    actor: str = ""
    action: str = ""
    subject: str = ""  # matched anywhere in the subject, case-insensitively
    outcome: str = ""
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class AuditPage:
    """A page of audit entries, newest first, with the number the filter matches."""

    entries: list[AuditEntry]
    total: int
    offset: int
    limit: int = field(default=100)


class AuditLog(Protocol):
    """One tenant's hash-chained, append-only audit log."""

    def append(self, record: AuditRecord) -> AuditEntry:
        """Seal the record as the next entry of the chain and store it (one transaction)."""
        ...

    def append_many(self, records: Sequence[AuditRecord]) -> list[AuditEntry]: ...

    def entries(
        self, audit_filter: AuditFilter | None = None, offset: int = 0, limit: int = 100
    ) -> AuditPage: ...

    def verify(self) -> VerificationResult:
        """Recompute the chain and the signatures; the result names the first broken entry."""
        ...

    def inspect(self, seq: int) -> EntryInspection | None:
        """Entry ``seq`` checked on its own (hash, link, signature) and whose key signed it."""
        ...

    def export_jsonl(self, target: Path | TextIO) -> int:
        """Write a header line and every entry as JSON Lines; returns the number of entries."""
        ...


class Signer(Protocol):
    """Signs decisions with the owner's private key, which never leaves the OS keyring."""

    @property
    def key_id(self) -> str: ...

    @property
    def public_key(self) -> str:
        """The public half, hex."""
        ...

    def sign(self, message: bytes) -> str:
        """The signature of ``message``, hex."""
        ...


class KeyDirectory(Protocol):
    """Where the public halves of signing keys are published, so signatures can be checked."""

    def public_keys(self) -> dict[str, str]:
        """key id -> public key (hex)."""
        ...

    def add_key(self, key_id: str, public_key: str, owner: str) -> None:
        """Publish a public key (again publishing the same key changes nothing)."""
        ...
